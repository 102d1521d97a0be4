import i18next from "i18next";
import type { AppLanguage } from ".";

/**
 * An area's messages, one tree per language. Each area (applicant, candidacy, manager screens)
 * keeps its texts next to its screens, in `i18n/{fr,en,de}.json`, under its own namespace, and
 * registers them when its chunk loads: the public pages' entry chunk never carries them.
 */
export type AreaMessages = Record<AppLanguage, object>;

/** Adds `messages` under `namespace` (idempotent: a chunk may be evaluated again in tests). */
export function addAreaMessages(namespace: string, messages: AreaMessages): void {
  for (const [language, tree] of Object.entries(messages)) {
    i18next.addResourceBundle(language, namespace, tree, true, true);
  }
}
