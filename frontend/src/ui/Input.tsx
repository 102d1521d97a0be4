import { Input } from "@codegouvfr/react-dsfr/Input";

export interface TextInputProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  type?: "text" | "email" | "search";
  name?: string;
}

export function TextInput({ label, hint, value, onChange, error, type = "text", name }: TextInputProps) {
  return (
    <Input
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{ type, name, value, onChange: (event) => onChange(event.target.value) }}
    />
  );
}
