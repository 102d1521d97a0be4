import { Input } from "@codegouvfr/react-dsfr/Input";

export interface FormInputProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  /**
   * "decimal" keeps a text field with a numeric keyboard (amounts typed with spaces, commas);
   * "number" is the browser's number field, any step (an answer within a question's bounds).
   */
  type?: "text" | "decimal" | "number" | "integer" | "date" | "datetime-local";
  /** The input's own id, when something links to it or moves the focus to it. */
  id?: string;
  /** The language of the text typed (a translation's field). */
  lang?: string;
  required?: boolean;
  maxLength?: number;
  min?: string;
  max?: string;
}

const NATIVE_TYPES = {
  text: { type: "text" },
  decimal: { type: "text", inputMode: "decimal" },
  number: { type: "number", inputMode: "decimal", step: "any" },
  integer: { type: "number", inputMode: "numeric", step: 1 },
  date: { type: "date" },
  "datetime-local": { type: "datetime-local", step: 60 },
} as const;

/** A one-line field of a form: text, numbers and dates with the browser's own pickers. */
export function FormInput({ label, hint, value, onChange, onBlur, error, type = "text", ...native }: FormInputProps) {
  return (
    <Input
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{
        ...NATIVE_TYPES[type],
        ...native,
        value,
        onBlur,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
