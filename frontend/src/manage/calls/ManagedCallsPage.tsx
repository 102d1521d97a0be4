import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { STATUS_TONE } from "../../calls/model";
import { formatDateTime } from "../../i18n/format";
import { QueryError } from "../../pages/QueryError";
import { usePageTitle } from "../../pages/usePageTitle";
import { canManageCalls } from "../../session/roles";
import { useSession } from "../../session/useSession";
import { AppLink, StatusBadge, StatusMessage } from "../../ui";
import { LoadMore, ScrollTable } from "../../ui/editing";
import type { ManagedCallsQuery as ManagedCallsData } from "../gql/graphql";
import { useManagedCallPages } from "./api";

type CallRow = ManagedCallsData["calls"]["edges"][number]["node"];

/** `/manage/calls`: every call the user may manage or read, drafts included, a page of 50 at a
 * time (the soonest deadlines first). */
export function ManagedCallsPage() {
  const { t } = useTranslation("manageCalls");
  usePageTitle(t("list.title"));
  const session = useSession();
  const pages = useManagedCallPages();
  const table = useRef<HTMLDivElement>(null);
  const mayCreate = session.data ? canManageCalls(session.data) : false;
  const calls = pages.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];
  const total = pages.data?.pages[0]?.totalCount ?? 0;

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
      {pages.isPending ? (
        <StatusMessage>{t("loading")}</StatusMessage>
      ) : pages.isError ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : calls.length === 0 ? (
        <StatusMessage>{t("list.empty")}</StatusMessage>
      ) : (
        <>
          <StatusMessage>
            {calls.length < total ? t("list.partial", { shown: calls.length, count: total }) : t("list.count", { count: total })}
          </StatusMessage>
          <div ref={table}>
            <CallsTable calls={calls} />
          </div>
          <LoadMore
            rowCount={calls.length}
            hasMore={pages.hasNextPage}
            loading={pages.isFetchingNextPage}
            onMore={() => void pages.fetchNextPage()}
            label={t("list.loadMore")}
            loadingLabel={t("list.loadingMore")}
            table={table}
          />
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
        {calls.map((call, index) => (
          <CallRowView key={call.id} call={call} index={index} />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function CallRowView({ call, index }: { call: CallRow; index: number }) {
  const { t, i18n } = useTranslation("manageCalls");
  const path = `/manage/calls/${encodeURIComponent(call.id)}`;
  return (
    <tr data-row={index}>
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
