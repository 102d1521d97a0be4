import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Notice as DsfrNotice } from "@codegouvfr/react-dsfr/Notice";
import type { ReactNode } from "react";

export interface ErrorAlertProps {
  /** Omitted when the page's own heading already says it (a small alert without title). */
  title?: string;
  description: NonNullable<ReactNode>;
  /** The heading level the alert's title takes in the page outline. */
  headingLevel?: 2 | 3;
}

/** An error, announced at once to assistive technologies (role="alert"). */
export function ErrorAlert({ title, description, headingLevel = 2 }: ErrorAlertProps) {
  return title === undefined ? (
    <Alert severity="error" role="alert" small description={description} />
  ) : (
    <Alert severity="error" role="alert" as={`h${headingLevel}`} title={title} description={description} />
  );
}

/** A short piece of information for the whole page (not announced). */
export function Notice({ title }: { title: NonNullable<ReactNode> }) {
  return <DsfrNotice title={title} severity="info" />;
}

/** A message announced politely when it changes (loading, results). */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p role="status" aria-live="polite" className="fr-text--sm">
      {children}
    </p>
  );
}

/**
 * Something to know before going on (a save that would be refused), announced politely. The
 * live region is there from the start (render it with no `description` until then).
 */
export function WarningAlert({ description }: { description?: NonNullable<ReactNode> }) {
  return <div role="status">{description !== undefined && <Alert severity="warning" small description={description} />}</div>;
}

/**
 * A success that ends a task (a form sent), announced politely. The live region is there from
 * the start (render it with no `title` until then), so screen readers hear what comes into it.
 */
export function SuccessAlert({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <div role="status">
      {title !== undefined && <Alert severity="success" as="h2" title={title} description={children ?? ""} />}
    </div>
  );
}
