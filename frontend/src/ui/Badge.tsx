import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { ReactNode } from "react";

export type Tone = "success" | "info" | "warning" | "error" | "new" | "neutral";

/** A short status label ("Ouvert", "Clos"). */
export function StatusBadge({ tone, children }: { tone: Tone; children: NonNullable<ReactNode> }) {
  return (
    <Badge as="span" small noIcon severity={tone === "neutral" ? undefined : tone}>
      {children}
    </Badge>
  );
}
