import { useEffect } from "react";
import { useLocation } from "react-router";

/** How long a section that loads its own data may take to show the element named. */
const WAIT_FOR_TARGET_MS = 5_000;

/**
 * Brings the element the address's fragment names (`#answer-summary`, `#partners`) into view
 * and gives it focus: a link from the submission check lands on the field to fix. A fieldset or
 * a section gets its first field's focus, or its own (made focusable for this). An element not
 * there yet (a section still loading its data) is waited for, a few seconds at most.
 */
export function useFocusHash(): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash.length < 2) return;
    const id = decodeURIComponent(hash.slice(1));
    let observer: MutationObserver | undefined;
    // After the frame's own effect, which gives the focus to the page's content on navigation.
    const timer = setTimeout(() => {
      if (focusTarget(id)) return;
      observer = new MutationObserver(() => {
        if (focusTarget(id)) observer?.disconnect();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    }, 0);
    const giveUp = setTimeout(() => observer?.disconnect(), WAIT_FOR_TARGET_MS);
    return () => {
      clearTimeout(timer);
      clearTimeout(giveUp);
      observer?.disconnect();
    };
  }, [hash]);
}

/** Focuses the element `id` names (or its first field); false when it is not in the page. */
function focusTarget(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  const field = target.matches("input, textarea, select, button, a[href]")
    ? target
    : target.querySelector<HTMLElement>("input, textarea, select");
  if (!field && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  const focused = field ?? target;
  focused.scrollIntoView?.({ block: "center" });
  focused.focus();
  return true;
}
