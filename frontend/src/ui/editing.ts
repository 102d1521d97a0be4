/**
 * The theme's pieces that only signed-in areas use (form fields of every kind, file uploads,
 * progress, section navigation, download links). Not re-exported from `./index`: the entry chunk
 * imports that barrel, so everything it names ships to every visitor of the public pages (a
 * 150 kB budget); areas loaded on demand import these from here instead.
 */
export { TypedInput } from "./TypedInput";
export type { TypedInputProps } from "./TypedInput";
export { ChoiceGroup } from "./ChoiceGroup";
export type { ChoiceGroupProps } from "./ChoiceGroup";
export { FileInput } from "./FileInput";
export type { FileInputProps } from "./FileInput";
export { ProgressBar } from "./ProgressBar";
export { SectionNav } from "./SectionNav";
export type { SectionNavItem } from "./SectionNav";
export { DownloadLink } from "./DownloadLink";
export { CellSelect, CellTextInput } from "./CellField";
export type { CellSelectProps, CellTextInputProps } from "./CellField";
export { RadioGroup } from "./RadioGroup";
export type { RadioGroupProps } from "./RadioGroup";
export { ScrollTable } from "./ScrollTable";
export type { ScrollTableProps } from "./ScrollTable";
