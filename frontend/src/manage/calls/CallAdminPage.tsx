import { useTranslation } from "react-i18next";
import { Route, Routes, useParams } from "react-router";
import { STATUS_TONE } from "../../calls/model";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { QueryError } from "../../pages/QueryError";
import { usePageTitle } from "../../pages/usePageTitle";
import { useSession } from "../../session/useSession";
import { AppLink, Notice, StatusBadge, StatusMessage } from "../../ui";
import { SectionNav } from "../../ui/editing";
import type { ManagedCallFieldsFragment } from "../gql/graphql";
import { callAccess, type CallAccess } from "./access";
import { useManagedCall } from "./api";
import { DeadlineSection } from "./sections/DeadlineSection";
import { FundersSection } from "./sections/FundersSection";
import { EligibilitySection, FormSection, GeneralSection, GridSection, TranslationsSection } from "./sections/StructureSections";
import { StatusSection } from "./sections/StatusSection";
import { useLocalized } from "./views";

export type Call = ManagedCallFieldsFragment;
export interface SectionProps {
  call: Call;
  access: CallAccess;
}

const SECTIONS = [
  { path: "", key: "general" },
  { path: "translations", key: "translations" },
  { path: "form", key: "form" },
  { path: "grid", key: "grid" },
  { path: "eligibility", key: "eligibility" },
  { path: "funders", key: "funders" },
  { path: "status", key: "status" },
  { path: "deadline", key: "deadline" },
] as const;

/** `/manage/calls/:id/*`: one call, its sections as sub-pages. */
export function CallAdminPage() {
  const { t } = useTranslation("manageCalls");
  const { id = "" } = useParams();
  const call = useManagedCall(id);
  const session = useSession();
  if (call.isPending || !session.data) return <StatusMessage>{t("loading")}</StatusMessage>;
  if (call.isError) return <QueryError error={call.error} onRetry={() => void call.refetch()} asPageTitle />;
  if (!call.data) return <NotFoundPage />;
  return <CallPages call={call.data} access={callAccess(session.data, call.data)} />;
}

function CallPages({ call, access }: SectionProps) {
  const { t } = useTranslation("manageCalls");
  const text = useLocalized();
  const title = text(call.titles) || call.reference;
  usePageTitle(title);
  const base = `/manage/calls/${encodeURIComponent(call.id)}`;
  return (
    <>
      <AppLink to="/manage/calls" variant="back">
        {t("back")}
      </AppLink>
      <h1>{title}</h1>
      <p>
        <StatusBadge tone={STATUS_TONE[call.status]}>{t(`status.${call.status}`)}</StatusBadge> {call.reference}
      </p>
      {access.mode === "read" && <Notice title={t(`access.${access.reason}`)} />}
      <SectionNav
        label={t("sections.nav")}
        items={SECTIONS.map((section) => ({
          to: section.path ? `${base}/${section.path}` : base,
          label: t(`sections.${section.key}`),
          end: true,
        }))}
      />
      <Routes>
        <Route index element={<GeneralSection call={call} access={access} />} />
        <Route path="translations" element={<TranslationsSection call={call} access={access} />} />
        <Route path="form" element={<FormSection call={call} access={access} />} />
        <Route path="grid" element={<GridSection call={call} access={access} />} />
        <Route path="eligibility" element={<EligibilitySection call={call} access={access} />} />
        <Route path="funders" element={<FundersSection call={call} access={access} />} />
        <Route path="status" element={<StatusSection call={call} access={access} />} />
        <Route path="deadline" element={<DeadlineSection call={call} access={access} />} />
        <Route path="*" element={<p>{t("sections.unknown")}</p>} />
      </Routes>
    </>
  );
}
