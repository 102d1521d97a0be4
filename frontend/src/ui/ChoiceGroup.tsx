import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";

export interface ChoiceGroupProps {
  /** The fieldset's id (links, focus); its inputs are `<id>-<index>`. */
  id: string;
  legend: string;
  hint?: string;
  /** Each choice; a `hint` is read with its label, a `disabled` one cannot be chosen. */
  options: readonly { value: string; label: string; hint?: string; disabled?: boolean }[];
  /** The chosen values (one at most for "single"). */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  onBlur?: () => void;
  /** "single": radio buttons; "multiple": checkboxes. */
  mode: "single" | "multiple";
  error?: string;
  orientation?: "vertical" | "horizontal";
}

/** A fieldset of radio buttons or checkboxes, with its legend and message. */
export function ChoiceGroup({
  id,
  legend,
  hint,
  options,
  selected,
  onChange,
  onBlur,
  mode,
  error,
  orientation = "vertical",
}: ChoiceGroupProps) {
  const items = options.map((option) => ({
    label: option.label,
    hintText: option.hint,
    nativeInputProps: {
      value: option.value,
      checked: selected.includes(option.value),
      disabled: option.disabled,
      onBlur,
      onChange: (event: { target: { checked: boolean } }) =>
        onChange(
          mode === "single"
            ? [option.value]
            : event.target.checked
              ? [...selected, option.value]
              : selected.filter((value) => value !== option.value),
        ),
    },
  }));
  const common = {
    id,
    legend,
    hintText: hint,
    orientation,
    state: error ? ("error" as const) : ("default" as const),
    stateRelatedMessage: error,
  };
  return mode === "single" ? (
    <RadioButtons {...common} name={id} options={items} />
  ) : (
    <Checkbox {...common} options={items} />
  );
}

/**
 * Moves the focus to the first choice that can be taken in `container` (a form whose group
 * wants an answer): a screen reader then reads the group's legend and its message.
 */
export function focusFirstChoice(container: HTMLElement) {
  container.querySelector<HTMLInputElement>("input[type=radio]:not(:disabled), input[type=checkbox]:not(:disabled)")?.focus();
}
