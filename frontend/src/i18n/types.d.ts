import "i18next";
import type accessibility from "../accessibility/i18n/fr.json";
import type applicant from "../applicant/i18n/fr.json";
import type consortium from "../candidacies/consortium/i18n/fr.json";
import type candidacy from "../candidacies/i18n/fr.json";
import type manageCalls from "../manage/calls/i18n/fr.json";
import type manageCandidacies from "../manage/candidacies/i18n/fr.json";
import type manage from "../manage/i18n/fr.json";
import type fr from "./fr.json";

// French is the reference: `t("...")` only accepts its keys (the tests check en and de match).
// An area's namespace (see areas.ts) is typed here too: `useTranslation("candidacy")`.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: {
      translation: typeof fr;
      accessibility: typeof accessibility;
      applicant: typeof applicant;
      candidacy: typeof candidacy;
      consortium: typeof consortium;
      manage: typeof manage;
      manageCalls: typeof manageCalls;
      manageCandidacies: typeof manageCandidacies;
    };
  }
}
