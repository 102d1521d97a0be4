import { Input } from "@codegouvfr/react-dsfr/Input";

export interface TextAreaProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  rows?: number;
  /** The language of the text typed (a translation's field). */
  lang?: string;
}

/** A multi-line text field with its label. */
export function TextArea({ label, hint, value, onChange, error, rows = 6, lang }: TextAreaProps) {
  return (
    <Input
      textArea
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeTextAreaProps={{
        value,
        rows,
        lang,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
