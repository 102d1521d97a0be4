import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";

export interface CheckboxFieldProps {
  /** The group's legend; options are its checkboxes. */
  legend: string;
  hint?: string;
  options: readonly { label: string; checked: boolean; onChange: (checked: boolean) => void }[];
  error?: string;
  /** One short option: the legend is for screen readers only when it repeats the label. */
  small?: boolean;
}

/** Checkboxes under one legend (a single one for a yes/no setting). */
export function CheckboxField({ legend, hint, options, error, small }: CheckboxFieldProps) {
  return (
    <Checkbox
      legend={legend}
      hintText={hint}
      small={small}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      options={options.map((option) => ({
        label: option.label,
        nativeInputProps: {
          checked: option.checked,
          onChange: (event) => option.onChange(event.target.checked),
        },
      }))}
    />
  );
}
