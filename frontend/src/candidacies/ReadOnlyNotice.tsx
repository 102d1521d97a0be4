import { useTranslation } from "react-i18next";
import { Notice } from "../ui";
import type { ReadOnlyReason } from "./model";
import { statusText } from "./refusals";

/** Why nothing can be changed here: what stays possible is reading and downloading. */
export function ReadOnlyNotice({ reason }: { reason: ReadOnlyReason }) {
  const { t } = useTranslation("candidacy");
  const why =
    reason.kind === "deadline"
      ? t("readOnly.deadline")
      : reason.kind === "callNotOpen"
        ? t("readOnly.callNotOpen")
        : reason.kind === "status"
          ? t("readOnly.status", { status: statusText(t, reason.status) })
          : t("readOnly.notEditor");
  return <Notice title={`${why} ${t("readOnly.stillReadable")}`} />;
}
