import { Input } from "@codegouvfr/react-dsfr/Input";

export interface TextAreaInputProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  name?: string;
  required?: boolean;
  maxLength?: number;
}

/**
 * A multi-line text field with its label.
 *
 * Lazy areas import it by its path (`ui/TextAreaInput`), not through `ui/index.ts`: a theme component
 * re-exported there lands in the entry chunk, which the public pages' size budget pays for.
 */
export function TextAreaInput({ label, hint, value, onChange, error, name, required, maxLength }: TextAreaInputProps) {
  return (
    <Input
      label={label}
      hintText={hint}
      textArea
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeTextAreaProps={{
        name,
        value,
        required,
        maxLength,
        rows: 4,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
