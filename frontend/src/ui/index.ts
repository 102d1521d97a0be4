/**
 * The application's only door to its visual theme (the State's design system, DSFR, through
 * @codegouvfr/react-dsfr). Screens import from here, never from the theme: another theme
 * replaces this folder alone. The DSFR is reserved to French State websites.
 */
export { ErrorAlert, Notice, StatusMessage, SuccessAlert, WarningAlert } from "./Alert";
export type { ErrorAlertProps } from "./Alert";
export { SelectInput } from "./Select";
export type { SelectInputProps } from "./Select";
export { StatusBadge } from "./Badge";
export type { Tone } from "./Badge";
export { Button } from "./Button";
export type { ButtonProps } from "./Button";
export { LinkCard } from "./Card";
export type { LinkCardProps } from "./Card";
export { TextInput } from "./Input";
export type { TextInputProps } from "./Input";
export { AppLink } from "./Link";
export type { AppLinkProps } from "./Link";
export type { HeaderAccount } from "./HeaderAccount";
export { MAIN_ID, PageLayout } from "./PageLayout";
export type { LanguageChoice, NavigationItem, PageLayoutProps } from "./PageLayout";
export { TagList } from "./Tag";
export { startUi } from "./start";
export { SectionNav } from "./SectionNav";
export type { SectionNavItem, SectionNavProps } from "./SectionNav";
export { LinkButton } from "./LinkButton";
