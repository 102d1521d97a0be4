import { useTranslation } from "react-i18next";
import { amountExample } from "../../i18n/money";

/** The message for an amount that could not be read, in the reader's language. */
export function useAmountError() {
  const { t, i18n } = useTranslation("consortium");
  return (reason: "empty" | "format" | "tooLarge") =>
    reason === "empty"
      ? t("amountEmpty")
      : reason === "tooLarge"
        ? t("amountTooLarge")
        : t("amountInvalid", { example: amountExample(i18n.language) });
}
