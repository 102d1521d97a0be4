import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import { StatusMessage } from "../ui";
import { DownloadLink } from "../ui/editing";
import { CandidacyVersionsQuery } from "./queries";

/** First wait before asking again whether the receipt is rendered, then longer and longer. */
const FIRST_POLL_MS = 1_500;
const LONGEST_POLL_MS = 15_000;

/** Waits between two polls: 1.5 s, then 1.5 times longer each time, at most 15 s. */
export function pollDelay(attempt: number): number {
  return Math.min(FIRST_POLL_MS * 1.5 ** attempt, LONGEST_POLL_MS);
}

/**
 * A version's receipt (PDF): a worker renders it after the submission, so until its link
 * appears the page says it is being prepared and asks again, less and less often.
 */
export function ReceiptDownload({ candidacyId, version }: { candidacyId: string; version: number }) {
  const { t } = useTranslation("candidacy");
  const versions = useQuery({
    queryKey: ["candidacy", candidacyId, "versions"],
    queryFn: ({ signal }) => request(CandidacyVersionsQuery, { id: candidacyId }, { signal }),
    refetchInterval: (query) => {
      const found = query.state.data?.candidacy?.versions.find((v) => v.number === version);
      return found?.receiptUrl ? false : pollDelay(query.state.dataUpdateCount);
    },
  });
  const url = versions.data?.candidacy?.versions.find((v) => v.number === version)?.receiptUrl;
  return (
    <StatusMessage>
      {url ? (
        <DownloadLink href={url} detail={t("receipt.pdf")}>
          {t("receipt.download", { version })}
        </DownloadLink>
      ) : versions.isError ? (
        t("receipt.unavailable")
      ) : (
        t("receipt.preparing")
      )}
    </StatusMessage>
  );
}
