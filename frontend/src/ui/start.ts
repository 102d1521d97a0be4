import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { Link } from "react-router";
import { addGermanThemeLabels } from "./translations";

declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

/**
 * Starts the theme once, before the first render: the DSFR's scripts, links through the
 * router, and the theme's own labels ("Menu", "Fermer"...) in the application's language.
 */
export function startUi(useLanguage: () => string): void {
  addGermanThemeLabels();
  startReactDsfr({ defaultColorScheme: "system", Link, useLang: useLanguage });
}
