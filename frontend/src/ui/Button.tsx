import { Button as DsfrButton } from "@codegouvfr/react-dsfr/Button";
import type { ReactNode } from "react";

export interface ButtonProps {
  children: ReactNode;
  onClick: () => void;
  priority?: "primary" | "secondary" | "tertiary";
  type?: "button" | "submit";
}

export function Button({ children, onClick, priority = "primary", type = "button" }: ButtonProps) {
  return (
    <DsfrButton priority={priority} onClick={onClick} nativeButtonProps={{ type }}>
      {children}
    </DsfrButton>
  );
}
