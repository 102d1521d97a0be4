import { useEffect, useRef } from "react";
import { ErrorAlert } from "../ui";

/**
 * A form's error, announced (role="alert") and focused when it appears or changes, so keyboard
 * and screen reader users land on it rather than on a button that did nothing visible; again
 * at each new `attempt` (a mutation's `submittedAt`) even when the message is the same.
 */
export function FormAlert({ message, attempt }: { message: string | null | undefined; attempt?: number }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) region.current?.focus();
  }, [message, attempt]);
  if (!message) return null;
  return (
    <div ref={region} tabIndex={-1} className="fr-mb-3w">
      <ErrorAlert description={message} />
    </div>
  );
}
