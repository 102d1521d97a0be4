import { useId } from "react";

export interface RadioGroupProps {
  legend: string;
  name: string;
  options: readonly { value: string; label: string; hint?: string; disabled?: boolean }[];
  value: string;
  onChange: (value: string) => void;
  /** Shown under the group and marks it invalid. */
  error?: string;
}

/**
 * One choice among a few, as native radio buttons (arrow keys move between them). Written with
 * the theme's classes rather than its React component, which would weigh on the entry chunk.
 */
export function RadioGroup({ legend, name, options, value, onChange, error }: RadioGroupProps) {
  const id = useId();
  return (
    <fieldset
      className={error ? "fr-fieldset fr-fieldset--error" : "fr-fieldset"}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="fr-fieldset__legend">{legend}</legend>
      {options.map((option, index) => (
        <div key={option.value} className="fr-fieldset__element">
          <div className="fr-radio-group">
            <input
              type="radio"
              id={`${id}-${index}`}
              name={name}
              value={option.value}
              checked={option.value === value}
              disabled={option.disabled}
              onChange={() => onChange(option.value)}
            />
            <label className="fr-label" htmlFor={`${id}-${index}`}>
              {option.label}
              {option.hint && <span className="fr-hint-text">{option.hint}</span>}
            </label>
          </div>
        </div>
      ))}
      {error && (
        <div className="fr-messages-group" id={`${id}-error`} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}
