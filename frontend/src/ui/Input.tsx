import { Input } from "@codegouvfr/react-dsfr/Input";

export interface TextInputProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  type?: "text" | "email" | "search" | "password";
  name?: string;
  /** The browser's autofill hint, e.g. "email", "current-password". */
  autoComplete?: string;
  required?: boolean;
  minLength?: number;
  /** The most characters the field takes (the browser stops typing there). */
  maxLength?: number;
}

export function TextInput({
  label,
  hint,
  value,
  onChange,
  error,
  type = "text",
  name,
  autoComplete,
  required,
  minLength,
  maxLength,
}: TextInputProps) {
  return (
    <Input
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{
        type,
        name,
        value,
        autoComplete,
        required,
        minLength,
        maxLength,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
