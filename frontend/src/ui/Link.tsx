import { fr } from "./dsfrFr";
import type { ReactNode } from "react";
import { Link as RouterLink } from "react-router";

export interface AppLinkProps {
  to: string;
  children: ReactNode;
  /** "back" adds the theme's left arrow, for a link up to the parent page. */
  variant?: "plain" | "back";
}

/**
 * A link to a page of the application (client-side navigation). Icons: `copy-dsfr-to-public`
 * copies only the SVGs that dsfr.min.css uses (arrow-left-s-line is one; arrow-left-line is not).
 */
export function AppLink({ to, children, variant = "plain" }: AppLinkProps) {
  const className =
    variant === "back" ? fr.cx("fr-link", "fr-icon-arrow-left-s-line", "fr-link--icon-left") : fr.cx("fr-link");
  return (
    <RouterLink to={to} className={className}>
      {children}
    </RouterLink>
  );
}
