import { useState, type FormEvent, type ReactNode } from "react";
import { StatusMessage } from "./Alert";
import { Button } from "./Button";
import { TextInput } from "./Input";

export interface SearchFormProps {
  /** The field's label, which also names the search landmark. */
  label: string;
  hint?: string;
  submitLabel: string;
  /** Called with the trimmed words when the form is sent (Enter or the button). */
  onSearch: (words: string) => void;
  /** Fewer characters are refused under the field with `tooShort`; 0 (the default) lets an empty search through. */
  minLength?: number;
  tooShort?: string;
  /** The most characters the field takes (the API's own limit). */
  maxLength?: number;
  /** What the search is doing or found ("Searching…", "3 found"), announced politely when it changes. */
  status: ReactNode;
}

/**
 * A search sent on demand, not at each keystroke: a `role="search"` form with a search field and
 * its button, then a polite status for the results. Whoever uses it shows the results as real
 * form controls (radio buttons, links) under it, which the keyboard reaches in order and screen
 * readers read without a combobox's fragile ARIA.
 */
export function SearchForm(props: SearchFormProps) {
  const { label, hint, submitLabel, onSearch, minLength = 0, tooShort, maxLength, status } = props;
  const [text, setText] = useState("");
  const [refused, setRefused] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const words = text.trim();
    const short = words.length < minLength;
    setRefused(short);
    if (!short) onSearch(words);
  };

  return (
    <>
      <form role="search" onSubmit={submit} aria-label={label}>
        <TextInput
          type="search"
          label={label}
          hint={hint}
          value={text}
          onChange={setText}
          maxLength={maxLength}
          error={refused ? tooShort : undefined}
        />
        <Button type="submit" priority="secondary">
          {submitLabel}
        </Button>
      </form>
      <StatusMessage>{status}</StatusMessage>
    </>
  );
}
