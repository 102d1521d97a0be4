import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import de from "./de.json";
import en from "./en.json";
import fr from "./fr.json";

export const LANGUAGES = ["fr", "en", "de"] as const;
export type AppLanguage = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: AppLanguage = "fr";

/** Each language's own name, as the language switch shows it. */
export const LANGUAGE_NAMES: Record<AppLanguage, string> = {
  fr: "Français",
  en: "English",
  de: "Deutsch",
};

/**
 * Every language ships in the entry chunk (about 1.5 kB gzipped each): loading one on demand
 * would cost German and English readers a round trip before the first render. Typing them as
 * French's shape makes a missing key a compile error (and the tests say which).
 */
type Messages = typeof fr;

export const resources: Record<AppLanguage, { translation: Messages }> = {
  fr: { translation: fr },
  en: { translation: en },
  de: { translation: de },
};

const STORAGE_KEY = "aap.language";

export function isAppLanguage(value: unknown): value is AppLanguage {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): AppLanguage {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isAppLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage disabled (private mode, policy): use the default
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // not persisted: the choice still holds for this page
  }
}

/** Starts i18next (once) in the stored language; every change sets `<html lang>` and is stored. */
export async function startI18n(language: AppLanguage = storedLanguage()) {
  if (!i18next.isInitialized) {
    i18next.on("languageChanged", applyLanguage);
    await i18next.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: LANGUAGES,
      interpolation: { escapeValue: false }, // React escapes
    });
    applyLanguage(i18next.language);
  } else if (i18next.language !== language) {
    await i18next.changeLanguage(language);
  }
  return i18next;
}

/** The current language as the API's `Language` enum. */
export function apiLanguage(language: string): "FR" | "EN" | "DE" {
  return isAppLanguage(language) ? (language.toUpperCase() as "FR" | "EN" | "DE") : "FR";
}
