/**
 * UI pieces used only by areas loaded on demand (the manager's form builder): a barrel of
 * their own, apart from `index.ts`, because the bundler keeps in the entry chunk every module
 * `index.ts` re-exports, used there or not (1.4 kB gzipped for these, against a 150 kB budget).
 */
export { CheckboxField } from "./CheckboxField";
export type { CheckboxFieldProps } from "./CheckboxField";
export { Columns } from "./Columns";
export { Fieldset } from "./Fieldset";
export { FormInput } from "./FormInput";
export type { FormInputProps } from "./FormInput";
export { ScrollTable } from "./ScrollTable";
export { SectionNav } from "./SectionNav";
export type { SectionNavProps } from "./SectionNav";
export { TextArea } from "./TextArea";
export type { TextAreaProps } from "./TextArea";
