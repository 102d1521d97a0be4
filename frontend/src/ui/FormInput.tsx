import { Input } from "@codegouvfr/react-dsfr/Input";

export interface FormInputProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  /** "decimal" keeps a text field with a numeric keyboard (amounts typed with spaces, commas). */
  type?: "text" | "decimal" | "integer" | "date" | "datetime-local";
  /** The language of the text typed (a translation's field). */
  lang?: string;
  required?: boolean;
}

/** A one-line field of a form: text, numbers and dates with the browser's own pickers. */
export function FormInput({ label, hint, value, onChange, error, type = "text", lang, required }: FormInputProps) {
  const native =
    type === "decimal"
      ? { type: "text", inputMode: "decimal" as const }
      : type === "integer"
        ? { type: "number", inputMode: "numeric" as const, step: 1 }
        : { type };
  return (
    <Input
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{
        ...native,
        value,
        lang,
        required,
        step: type === "datetime-local" ? 60 : native.step,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
