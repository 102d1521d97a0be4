import { Select } from "@codegouvfr/react-dsfr/Select";

export interface SelectInputProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string; lang?: string }[];
  name?: string;
  error?: string;
}

/** A native drop-down list with its label (keyboard and screen readers as the browser does). */
export function SelectInput({ label, hint, value, onChange, options, name, error }: SelectInputProps) {
  return (
    <Select
      label={label}
      hint={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeSelectProps={{
        name,
        value,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value} lang={option.lang}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}
