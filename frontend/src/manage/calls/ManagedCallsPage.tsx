import { useTranslation } from "react-i18next";
import { STATUS_TONE } from "../../calls/model";
import { formatDateTime } from "../../i18n/format";
import { QueryError } from "../../pages/QueryError";
import { usePageTitle } from "../../pages/usePageTitle";
import { canManageCalls } from "../../session/roles";
import { useSession } from "../../session/useSession";
import { AppLink, StatusBadge, StatusMessage } from "../../ui";
import { ScrollTable } from "../../ui/editing";
import type { ManagedCallsQuery as ManagedCallsData } from "../gql/graphql";
import { useManagedCalls } from "./api";

type CallRow = ManagedCallsData["calls"]["edges"][number]["node"];

/** `/manage/calls`: every call the user may manage or read, drafts included (the API's
 * largest page, 100 calls, the soonest deadlines first: it says when there are more). */
export function ManagedCallsPage() {
  const { t } = useTranslation("manageCalls");
  usePageTitle(t("list.title"));
  const session = useSession();
  const calls = useManagedCalls();
  const mayCreate = session.data ? canManageCalls(session.data) : false;

  return (
    <>
      <h1>{t("list.title")}</h1>
      {mayCreate ? (
        <p>
          <AppLink to="/manage/calls/new">{t("list.create")}</AppLink>
        </p>
      ) : (
        <p>{t("list.readOnly")}</p>
      )}
      {calls.isPending ? (
        <StatusMessage>{t("loading")}</StatusMessage>
      ) : calls.isError ? (
        <QueryError error={calls.error} onRetry={() => void calls.refetch()} />
      ) : calls.data.edges.length === 0 ? (
        <StatusMessage>{t("list.empty")}</StatusMessage>
      ) : (
        <>
          <StatusMessage>
            {calls.data.edges.length < calls.data.totalCount
              ? t("list.partial", { shown: calls.data.edges.length, count: calls.data.totalCount })
              : t("list.count", { count: calls.data.totalCount })}
          </StatusMessage>
          <CallsTable calls={calls.data.edges.map((edge) => edge.node)} />
        </>
      )}
    </>
  );
}

function CallsTable({ calls }: { calls: CallRow[] }) {
  const { t } = useTranslation("manageCalls");
  return (
    <ScrollTable caption={t("list.caption")} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t("list.call")}</th>
          <th scope="col">{t("list.status")}</th>
          <th scope="col">{t("list.programme")}</th>
          <th scope="col">{t("list.deadline")}</th>
          <th scope="col">{t("list.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <CallRowView key={call.id} call={call} />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function CallRowView({ call }: { call: CallRow }) {
  const { t, i18n } = useTranslation("manageCalls");
  const path = `/manage/calls/${encodeURIComponent(call.id)}`;
  return (
    <tr>
      <th scope="row">
        <AppLink to={path}>{call.title || call.reference}</AppLink>
        <br />
        <span className="fr-text--xs">{call.reference}</span>
      </th>
      <td>
        <StatusBadge tone={STATUS_TONE[call.status]}>{t(`status.${call.status}`)}</StatusBadge>
      </td>
      <td>{call.programme?.name ?? "—"}</td>
      <td>{formatDateTime(call.timeline.deadlineAt, i18n.language, call.timeline.timezone)}</td>
      <td>
        <ul className="fr-raw-list">
          <li>
            <AppLink to={path}>{t("list.manage", { reference: call.reference })}</AppLink>
          </li>
          <li>
            <AppLink to={`${path}/status`}>{t("list.publication", { reference: call.reference })}</AppLink>
          </li>
          {call.status !== "DRAFT" && (
            <li>
              <AppLink to={`/calls/${encodeURIComponent(call.id)}`}>
                {t("list.publicPage", { reference: call.reference })}
              </AppLink>
            </li>
          )}
        </ul>
      </td>
    </tr>
  );
}
