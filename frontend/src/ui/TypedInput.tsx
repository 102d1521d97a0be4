import { Input } from "@codegouvfr/react-dsfr/Input";

export interface TypedInputProps {
  /** The input's own id (links, focus). */
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  type?: "text" | "number" | "date";
  /** One line of text, or several (a textarea). */
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
  min?: string;
  max?: string;
}

/** A labelled text, number or date field (a textarea with `multiline`). */
export function TypedInput({
  id,
  label,
  hint,
  value,
  onChange,
  onBlur,
  error,
  type = "text",
  multiline = false,
  required,
  maxLength,
  min,
  max,
}: TypedInputProps) {
  const common = {
    label,
    hintText: hint,
    state: error ? ("error" as const) : ("default" as const),
    stateRelatedMessage: error,
  };
  const native = {
    id,
    value,
    required,
    maxLength,
    onBlur,
    "aria-invalid": error ? true : undefined,
  };
  return multiline ? (
    <Input
      {...common}
      textArea
      nativeTextAreaProps={{ ...native, rows: 6, onChange: (event) => onChange(event.target.value) }}
    />
  ) : (
    <Input
      {...common}
      nativeInputProps={{
        ...native,
        type,
        min,
        max,
        step: type === "number" ? "any" : undefined,
        inputMode: type === "number" ? "decimal" : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
