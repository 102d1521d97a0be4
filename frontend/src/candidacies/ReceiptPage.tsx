import { useTranslation } from "react-i18next";
import { formatDateTime } from "../i18n/format";
import { DownloadLink } from "../ui/editing";
import type { Call, Candidacy } from "./model";
import { ReceiptDownload } from "./ReceiptDownload";

/** The versions submitted, oldest first (the last one counts), each with its receipt. */
export function ReceiptPage({ candidacy, call }: { candidacy: Candidacy; call: Call }) {
  const { t, i18n } = useTranslation("candidacy");
  const versions = candidacy.versions;
  const last = versions.at(-1)?.number;
  return (
    <section aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t("receipt.title")}</h2>
      {versions.length === 0 ? (
        <p>{t("receipt.none")}</p>
      ) : (
        <ol>
          {versions.map((version) => (
            <li key={version.number} className="fr-mb-3w">
              <h3 className="fr-h6 fr-mb-1v">
                {t("receipt.version", { version: version.number })}
                {version.number === last && ` — ${t("receipt.counts")}`}
              </h3>
              <p className="fr-mb-1v">
                {t("receipt.submittedAt", {
                  time: formatDateTime(version.submittedAt, i18n.language, call.timeline.timezone),
                })}
              </p>
              <p className="fr-text--sm fr-mb-1v" style={{ overflowWrap: "anywhere" }}>
                {t("receipt.sha256", { sha256: version.sha256 })}
              </p>
              {version.receiptUrl ? (
                <DownloadLink href={version.receiptUrl} detail={t("receipt.pdf")}>
                  {t("receipt.download", { version: version.number })}
                </DownloadLink>
              ) : (
                <ReceiptDownload candidacyId={candidacy.id} version={version.number} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
