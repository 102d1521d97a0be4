import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the document's title to "<page> — <service>" (read first by screen readers). */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const service = t("app.serviceTitle");
  useEffect(() => {
    document.title = title === service ? service : `${title} — ${service}`;
  }, [title, service]);
}
