import { Input } from "@codegouvfr/react-dsfr/Input";

export interface DateTimeInputProps {
  label: string;
  /** Say in which time zone the value is read. */
  hint?: string;
  /** A wall-clock date and time, "2027-03-31T18:00" (the browser's date and time picker). */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  name?: string;
  required?: boolean;
}

/**
 * A date and time without a zone (`datetime-local`): the screen says which zone it means.
 *
 * Lazy areas import it by its path (`ui/DateTimeInput`), not through `ui/index.ts`: a theme component
 * re-exported there lands in the entry chunk, which the public pages' size budget pays for.
 */
export function DateTimeInput({ label, hint, value, onChange, error, name, required }: DateTimeInputProps) {
  return (
    <Input
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{
        type: "datetime-local",
        name,
        value,
        required,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
