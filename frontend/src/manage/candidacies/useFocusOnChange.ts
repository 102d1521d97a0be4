import { useEffect, useRef } from "react";

/** A ref to put on a form's problem summary: it takes the focus each time `message` appears. */
export function useFocusOnChange<E extends HTMLElement>(message: string | undefined) {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return ref;
}
