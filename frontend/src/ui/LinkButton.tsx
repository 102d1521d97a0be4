import { fr } from "./dsfrFr";
import type { ReactNode } from "react";
import { Link as RouterLink } from "react-router";

/** A link to a page of the application that looks like a button (a call to action). */
export function LinkButton({
  to,
  children,
  priority = "primary",
}: {
  to: string;
  children: ReactNode;
  priority?: "primary" | "secondary";
}) {
  return (
    <RouterLink to={to} className={fr.cx("fr-btn", priority === "secondary" ? "fr-btn--secondary" : undefined)}>
      {children}
    </RouterLink>
  );
}
