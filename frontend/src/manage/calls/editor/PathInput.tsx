import { SelectInput, type SelectInputProps } from "../../../ui";
import { FormInput, type FormInputProps } from "../../../ui/editing";
import { useProblemAt } from "../problems";

/** A field of the call's input at `path`, showing the problem the API or the editor found there. */
export function PathInput({ path, ...props }: Omit<FormInputProps, "error"> & { path: string }) {
  return <FormInput {...props} error={useProblemAt(path)} />;
}

export function PathSelect({ path, ...props }: Omit<SelectInputProps, "error"> & { path: string }) {
  return <SelectInput {...props} error={useProblemAt(path)} />;
}

/** A group's own problem (a list too short, a duplicate key), announced where the group starts. */
export function GroupProblem({ path }: { path: string }) {
  const error = useProblemAt(path);
  return error ? (
    <p className="fr-error-text" role="alert">
      {error}
    </p>
  ) : null;
}
