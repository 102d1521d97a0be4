import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../i18n/format";
import { AppLink, StatusBadge } from "../../ui";
import { ScrollTable } from "../../ui/ScrollTable";
import type { ManagedCandidaciesQuery } from "../gql/graphql";
import { paramsFromFilters } from "./filters";
import { ELIGIBILITY_TONE, STATUS_TONE } from "./labels";

type Row = ManagedCandidaciesQuery["candidacies"]["edges"][number]["node"];

/** The list's table: one row per candidacy, its reference linking to the candidacy. */
export function CandidaciesTable({ rows }: { rows: readonly Row[] }) {
  const { t } = useTranslation("manageCandidacies");
  const columns = ["reference", "project", "lead", "call", "status", "eligibility", "submitted", "counts"] as const;
  return (
    <ScrollTable caption={t("list.caption")}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {t(`columns.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <CandidacyRow key={row.id} row={row} index={index} />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function CandidacyRow({ row, index }: { row: Row; index: number }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const zone = row.call?.timeline.timezone;
  const organisation = row.leadOrganisation;
  return (
    <tr data-row={index}>
      <th scope="row">
        <AppLink to={`/manage/candidacies/${encodeURIComponent(row.id)}`}>
          {row.reference ?? t("list.noReference")}
        </AppLink>
      </th>
      <td>
        {row.acronym && <strong>{row.acronym}</strong>}
        {row.acronym && row.title && <br />}
        {row.title ?? (row.acronym ? "" : t("list.notSubmittedYet"))}
      </td>
      <td>
        {organisation ? (
          <Link
            className="fr-link fr-text--sm"
            to={{ search: paramsFromFilters({ call: "", status: "", eligibility: "", organisation: organisation.id }).toString() }}
            aria-label={t("list.filterByOrganisation", { name: organisation.name })}
          >
            {organisation.name}
          </Link>
        ) : (
          "—"
        )}
      </td>
      <td>{row.call ? `${row.call.reference} — ${row.call.title}` : "—"}</td>
      <td>
        <StatusBadge tone={STATUS_TONE[row.status]}>{t(`status.${row.status}`)}</StatusBadge>
      </td>
      <td>
        <StatusBadge tone={ELIGIBILITY_TONE[row.eligibility.decision]}>
          {t(`eligibility.${row.eligibility.decision}`)}
        </StatusBadge>
      </td>
      <td>
        {row.submittedVersion > 0 && row.lastSubmittedAt
          ? t("list.version", {
              number: row.submittedVersion,
              at: formatDateTime(row.lastSubmittedAt, i18n.language, zone),
            })
          : t("list.neverSubmitted")}
      </td>
      <td>
        {t("list.counts", {
          answers: row.counts.answers,
          partners: row.counts.partners,
          attachments: row.counts.attachments,
        })}
      </td>
    </tr>
  );
}
