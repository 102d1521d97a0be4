import { useEffect } from "react";
import { useLocation } from "react-router";

/**
 * Brings the element the address's fragment names (`#answer-summary`) into view and gives it
 * focus once `ready`: a link from the submission check lands on the field to fix. A fieldset or
 * a section gets its first field's focus, or its own (made focusable for this).
 */
export function useFocusHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    const field = target.matches("input, textarea, select, button, a[href]")
      ? target
      : target.querySelector<HTMLElement>("input, textarea, select");
    const focused = field ?? target;
    if (!field && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    focused.scrollIntoView?.({ block: "center" });
    focused.focus();
  }, [hash, ready]);
}
