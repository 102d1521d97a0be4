import { Upload } from "@codegouvfr/react-dsfr/Upload";

export interface FileInputProps {
  /** The file input's own id (links, focus). */
  id: string;
  label: string;
  hint?: string;
  /** e.g. "application/pdf,.pdf": what the browser's file picker offers first. */
  accept?: string;
  onSelect: (file: File) => void;
  error?: string;
  disabled?: boolean;
}

/** A labelled file picker; hands over the file chosen (the input is cleared for the next). */
export function FileInput({ id, label, hint, accept, onSelect, error, disabled }: FileInputProps) {
  return (
    <Upload
      label={label}
      hint={hint}
      disabled={disabled}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{
        id,
        accept,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) onSelect(file);
        },
      }}
    />
  );
}
