import { Button as DsfrButton } from "@codegouvfr/react-dsfr/Button";
import type { ReactNode } from "react";

export type ButtonProps = {
  children: ReactNode;
  priority?: "primary" | "secondary" | "tertiary";
  disabled?: boolean;
} & (
  | { type?: "button"; onClick: () => void }
  /** A form's submit button: the form's onSubmit does the work (Enter submits too). */
  | { type: "submit"; onClick?: () => void }
);

export function Button({ children, onClick, priority = "primary", type = "button", disabled }: ButtonProps) {
  return (
    <DsfrButton priority={priority} onClick={onClick} disabled={disabled} nativeButtonProps={{ type }}>
      {children}
    </DsfrButton>
  );
}
