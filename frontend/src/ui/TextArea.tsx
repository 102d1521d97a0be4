import { Input } from "@codegouvfr/react-dsfr/Input";

export interface TextAreaProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  rows?: number;
  /** The language of the text typed (a translation's field). */
  lang?: string;
  /** The textarea's own id, when something links to it or moves the focus to it. */
  id?: string;
  name?: string;
  required?: boolean;
  maxLength?: number;
}

/**
 * A multi-line text field with its label.
 *
 * Lazy areas import it through `ui/editing`, not `ui/index.ts`: a theme component re-exported
 * there lands in the entry chunk, which the public pages' size budget pays for.
 */
export function TextArea({ label, hint, value, onChange, onBlur, error, rows = 6, ...native }: TextAreaProps) {
  return (
    <Input
      textArea
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeTextAreaProps={{
        ...native,
        value,
        rows,
        onBlur,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
