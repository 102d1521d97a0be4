import type { ReactNode } from "react";

/** A group of fields under a visible legend (a question, a criterion, a translation). */
export function Fieldset({ legend, children, error }: { legend: ReactNode; children: ReactNode; error?: string }) {
  return (
    <fieldset className="fr-fieldset fr-mb-3w" style={{ border: "1px solid var(--border-default-grey)", padding: "1rem" }}>
      <legend className="fr-fieldset__legend fr-text--bold">{legend}</legend>
      {error && (
        <p className="fr-error-text fr-mx-1w" role="alert">
          {error}
        </p>
      )}
      <div className="fr-fieldset__element">{children}</div>
    </fieldset>
  );
}
