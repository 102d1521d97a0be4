import { useEffect, useRef } from "react";
import { ErrorAlert } from "../ui";

/** An error for a whole form, announced (role="alert") and given focus when it appears, so
 * keyboard users start from it. */
export function FocusedAlert({ description, title }: { description: string; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [description]);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-2w">
      <ErrorAlert title={title} headingLevel={3} description={description} />
    </div>
  );
}
