import { addFooterTranslations } from "@codegouvfr/react-dsfr/Footer";
import { addHeaderTranslations } from "@codegouvfr/react-dsfr/Header";
import { addLanguageSelectTranslations } from "@codegouvfr/react-dsfr/LanguageSelect";

/** The theme's own labels in German (react-dsfr ships French and English only for these). */
export function addGermanThemeLabels(): void {
  addHeaderTranslations({ lang: "de", messages: { menu: "Menü", close: "Schließen" } });
  addLanguageSelectTranslations({ lang: "de", messages: { "select language": "Sprache auswählen" } });
  addFooterTranslations({
    lang: "de",
    messages: {
      "hide message": "Meldung ausblenden",
      "website map": "Sitemap",
      accessibility: "Barrierefreiheit",
      "non compliant": "nicht konform",
      "partially compliant": "teilweise konform",
      "fully compliant": "vollständig konform",
      terms: "Impressum",
      "license mention": (params) => (
        <>
          Sofern nicht anders angegeben, stehen alle Inhalte dieser Website unter der{" "}
          <a href={params.licenseUrl} target="_blank" rel="noreferrer" title="Lizenz etalab-2.0 – neues Fenster">
            Lizenz etalab-2.0
          </a>
        </>
      ),
      "open new window": "neues Fenster",
    },
  });
}
