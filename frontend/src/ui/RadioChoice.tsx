import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";

export interface RadioChoiceProps {
  /** The group's legend. */
  legend: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error?: string;
}

/**
 * One choice among a few, as radio buttons in a fieldset with its legend.
 *
 * Lazy areas import it by its path (`ui/RadioChoice`), not through `ui/index.ts`: a theme component
 * re-exported there lands in the entry chunk, which the public pages' size budget pays for.
 */
export function RadioChoice({ legend, name, value, onChange, options, error }: RadioChoiceProps) {
  return (
    <RadioButtons
      legend={legend}
      name={name}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      options={options.map((option) => ({
        label: option.label,
        nativeInputProps: {
          value: option.value,
          checked: value === option.value,
          onChange: () => onChange(option.value),
        },
      }))}
    />
  );
}
