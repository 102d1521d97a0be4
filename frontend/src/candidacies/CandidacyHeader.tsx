import { useTranslation } from "react-i18next";
import { Countdown } from "../calls/Countdown";
import { contentLanguage } from "../calls/model";
import { formatDateTime } from "../i18n/format";
import { AppLink, StatusBadge, type Tone } from "../ui";
import { SectionNav } from "../ui/editing";
import { candidacyPath, type Call, type Candidacy } from "./model";
import { statusText } from "./refusals";

const STATUS_TONE: Record<Candidacy["status"], Tone> = {
  DRAFT: "warning",
  SUBMITTED: "success",
  WITHDRAWN: "neutral",
  NOT_SUBMITTED: "error",
};

/** The candidacy's heading, call, status and deadline (counted down on the server's clock),
 * and the links between its sections. */
export function CandidacyHeader({
  candidacy,
  call,
  serverTime,
  receivedAt,
}: {
  candidacy: Candidacy;
  call: Call;
  serverTime: string;
  receivedAt: number;
}) {
  const { t, i18n } = useTranslation("candidacy");
  const { timezone } = call.timeline;
  const deadline = candidacy.deadlineLocal ?? call.timeline.deadlineAt;
  const name = [candidacy.acronym, candidacy.title].filter(Boolean).join(" — ") || t("title");
  const path = (section: Parameters<typeof candidacyPath>[1]) => candidacyPath(candidacy.id, section);
  return (
    <header className="fr-mb-2w">
      <p className="fr-mb-1w">
        <AppLink to="/my" variant="back">
          {t("back")}
        </AppLink>
      </p>
      <StatusBadge tone={STATUS_TONE[candidacy.status]}>{statusText(t, candidacy.status)}</StatusBadge>
      <h1 className="fr-mt-1w">{name}</h1>
      <p>
        {t("header.call")}{" "}
        <AppLink to={`/calls/${encodeURIComponent(call.id)}`}>
          <span lang={contentLanguage(call.languages, i18n.language)}>{call.title}</span>
        </AppLink>
        {candidacy.reference && ` · ${t("header.reference", { reference: candidacy.reference })}`}
      </p>
      <p className="fr-mb-1w">
        {t("header.deadline", { deadline: formatDateTime(call.timeline.deadlineAt, i18n.language, timezone) })}
        {candidacy.extendedDeadlineAt && (
          <>
            <br />
            {t("header.extended", { deadline: formatDateTime(candidacy.extendedDeadlineAt, i18n.language, timezone) })}
          </>
        )}
      </p>
      <Countdown opensAt={call.timeline.opensAt} deadlineAt={deadline} serverTime={serverTime} receivedAt={receivedAt} />
      <SectionNav
        label={t("nav.label")}
        items={[
          { to: path(""), label: t("nav.project"), end: true },
          { to: path("answers"), label: t("nav.answers") },
          { to: path("partners"), label: t("nav.partners") },
          { to: path("budget"), label: t("nav.budget") },
          { to: path("submit"), label: t("nav.submit") },
          { to: path("receipt"), label: t("nav.receipt") },
        ]}
      />
    </header>
  );
}
