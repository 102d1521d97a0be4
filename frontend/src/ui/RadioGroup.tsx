import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";

export interface RadioGroupProps {
  legend: string;
  name: string;
  options: readonly { value: string; label: string; hint?: string; disabled?: boolean }[];
  value: string;
  onChange: (value: string) => void;
  /** Shown under the group and marks it invalid. */
  error?: string;
}

/** One choice among a few, as native radio buttons (arrow keys move between them). */
export function RadioGroup({ legend, name, options, value, onChange, error }: RadioGroupProps) {
  return (
    <RadioButtons
      legend={legend}
      name={name}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      options={options.map((option) => ({
        label: option.label,
        hintText: option.hint,
        nativeInputProps: {
          value: option.value,
          checked: option.value === value,
          disabled: option.disabled,
          onChange: () => onChange(option.value),
        },
      }))}
    />
  );
}
