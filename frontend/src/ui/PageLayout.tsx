import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { LanguageSelect } from "@codegouvfr/react-dsfr/LanguageSelect";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import type { ReactNode } from "react";
import { accountItems, type HeaderAccount } from "./HeaderAccount";

export const MAIN_ID = "main";
const FOOTER_ID = "footer";

/** The State's brand block, in French whatever the page's language. */
const BRAND_TOP = (
  <>
    République
    <br />
    Française
  </>
);

export interface LanguageChoice<L extends string> {
  languages: readonly L[];
  names: Record<L, string>;
  current: L;
  onChange: (language: L) => void;
}

export interface NavigationItem {
  label: string;
  to: string;
  current: boolean;
}

export interface PageLayoutProps<L extends string> {
  serviceTitle: string;
  serviceTagline: string;
  homeTitle: string;
  footerDescription: string;
  /** The accessibility statement's path (the footer links it, as the RGAA requires). */
  accessibilityStatementTo: string;
  skipLinks: { content: string; footer: string };
  language: LanguageChoice<L>;
  /** The session's links in the header; omitted while it is not known yet. */
  account?: HeaderAccount;
  /** The main menu: the sections the user may visit, the current one marked. */
  navigation?: NavigationItem[];
  children: ReactNode;
}

/** The page frame: skip links, the State header with the language switch, main, footer. */
export function PageLayout<L extends string>(props: PageLayoutProps<L>) {
  const { language } = props;
  return (
    <>
      <SkipLinks
        links={[
          { label: props.skipLinks.content, anchor: `#${MAIN_ID}` },
          { label: props.skipLinks.footer, anchor: `#${FOOTER_ID}` },
        ]}
      />
      <Header
        brandTop={BRAND_TOP}
        homeLinkProps={{ to: "/", title: props.homeTitle }}
        serviceTitle={props.serviceTitle}
        serviceTagline={props.serviceTagline}
        navigation={props.navigation?.map((item) => ({
          text: item.label,
          linkProps: { to: item.to },
          isActive: item.current,
        }))}
        quickAccessItems={[
          <LanguageSelect<L>
            key="language"
            supportedLangs={language.languages}
            fullNameByLang={language.names}
            lang={language.current}
            setLang={language.onChange}
          />,
          ...accountItems(props.account),
        ]}
      />
      <main id={MAIN_ID} tabIndex={-1} className="fr-container fr-py-6w">
        {props.children}
      </main>
      <Footer
        id={FOOTER_ID}
        brandTop={BRAND_TOP}
        homeLinkProps={{ to: "/", title: props.homeTitle }}
        accessibility="non compliant"
        accessibilityLinkProps={{ to: props.accessibilityStatementTo }}
        contentDescription={props.footerDescription}
      />
    </>
  );
}
