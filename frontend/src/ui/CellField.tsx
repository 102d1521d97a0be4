import { useId, type ReactNode } from "react";

interface CellFieldProps {
  /** Read by screen readers only: the column header and the row say it to the eye. */
  label: string;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
}

function CellField({ label, error, children }: CellFieldProps & { children: (ids: FieldIds) => ReactNode }) {
  const id = useId();
  const ids = { input: `${id}-input`, error: error ? `${id}-error` : undefined };
  return (
    <div className={error ? "fr-input-group fr-input-group--error fr-mb-0" : "fr-input-group fr-mb-0"}>
      <label className="fr-label fr-sr-only" htmlFor={ids.input}>
        {label}
      </label>
      {children(ids)}
      {error && (
        <p id={ids.error} className="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

interface FieldIds {
  input: string;
  error?: string;
}

export interface CellTextInputProps extends CellFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** "decimal" opens a numeric keyboard on phones for amounts. */
  inputMode?: "text" | "decimal";
}

/** A compact text field for a table cell, labelled for screen readers; wide enough to read
 * what it holds (on a narrow screen the table scrolls rather than squeezing it). */
export function CellTextInput({ label, error, value, onChange, inputMode }: CellTextInputProps) {
  return (
    <CellField label={label} error={error}>
      {(ids) => (
        <input
          id={ids.input}
          className={error ? "fr-input fr-input--error" : "fr-input"}
          style={{ minWidth: "9rem" }}
          value={value}
          inputMode={inputMode}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.error}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </CellField>
  );
}

export interface CellSelectProps extends CellFieldProps {
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
}

/** A compact drop-down list for a table cell, labelled for screen readers. */
export function CellSelect({ label, error, value, onChange, options }: CellSelectProps) {
  return (
    <CellField label={label} error={error}>
      {(ids) => (
        <select
          id={ids.input}
          className={error ? "fr-select fr-select--error" : "fr-select"}
          style={{ minWidth: "11rem" }}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.error}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </CellField>
  );
}
