/**
 * The theme's pieces that only signed-in areas use (form fields of every kind, file uploads,
 * progress, section navigation, download links, tables, the form builder's pieces). Not
 * re-exported from `./index`: the entry chunk imports that barrel, so everything it names ships to every visitor of the public pages (a
 * 150 kB budget); areas loaded on demand import these from here instead.
 */
export { ChoiceGroup, focusFirstChoice } from "./ChoiceGroup";
export type { ChoiceGroupProps } from "./ChoiceGroup";
export { FileInput } from "./FileInput";
export type { FileInputProps } from "./FileInput";
export { ProgressBar } from "./ProgressBar";
export { SectionNav } from "./SectionNav";
export type { SectionNavItem, SectionNavProps } from "./SectionNav";
export { DownloadLink } from "./DownloadLink";
export { CellSelect, CellTextInput } from "./CellField";
export type { CellSelectProps, CellTextInputProps } from "./CellField";
export { ScrollTable } from "./ScrollTable";
export { LoadMore } from "./LoadMore";
export type { LoadMoreProps } from "./LoadMore";
export type { ScrollTableProps } from "./ScrollTable";
export { CheckboxField } from "./CheckboxField";
export type { CheckboxFieldProps } from "./CheckboxField";
export { Columns } from "./Columns";
export { Fieldset } from "./Fieldset";
export { FormInput } from "./FormInput";
export type { FormInputProps } from "./FormInput";
export { TextArea } from "./TextArea";
export type { TextAreaProps } from "./TextArea";
export { SearchForm } from "./SearchForm";
export type { SearchFormProps } from "./SearchForm";
