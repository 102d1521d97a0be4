import { useEffect } from "react";
import { useLocation } from "react-router";

/**
 * Brings the element the address's fragment names (`#answer-summary`) into view and gives it
 * focus: a link from the submission check lands on the field to fix. A fieldset or a section
 * gets its first field's focus, or its own (made focusable for this).
 */
export function useFocusHash(): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash.length < 2) return;
    // After the frame's own effect, which gives the focus to the page's content on navigation.
    const timer = setTimeout(() => focusTarget(decodeURIComponent(hash.slice(1))), 0);
    return () => clearTimeout(timer);
  }, [hash]);
}

function focusTarget(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  const field = target.matches("input, textarea, select, button, a[href]")
    ? target
    : target.querySelector<HTMLElement>("input, textarea, select");
  if (!field && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  const focused = field ?? target;
  focused.scrollIntoView?.({ block: "center" });
  focused.focus();
}
