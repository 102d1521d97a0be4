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

/** One choice among a few, as radio buttons in a fieldset with its legend. */
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
