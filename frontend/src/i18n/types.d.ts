import "i18next";
import type fr from "./fr.json";

// French is the reference: `t("...")` only accepts its keys (the test checks en and de match).
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof fr };
  }
}
