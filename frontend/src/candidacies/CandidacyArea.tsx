import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes, useParams } from "react-router";
import { request } from "../api";
import { apiLanguage } from "../i18n";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { RequireSession } from "../session/RequireSession";
import type { SessionUser } from "../session/useSession";
import { AppLink, StatusMessage } from "../ui";
import { AnswersPage } from "./AnswersPage";
import { CandidacyHeader } from "./CandidacyHeader";
import { BudgetSection } from "./consortium/BudgetSection";
import { PartnersSection } from "./consortium/PartnersSection";
import "./i18n";
import { accessOf, candidacyPath, type Access, type Call, type Candidacy, type FieldProblem } from "./model";
import { ProjectPage } from "./ProjectPage";
import { CandidacyEditorQuery, SubmissionCheckQuery } from "./queries";
import { ReadOnlyNotice } from "./ReadOnlyNotice";
import { ReceiptPage } from "./ReceiptPage";
import { SubmitPage } from "./SubmitPage";
import { useFocusHash } from "./useFocusHash";

/** `/candidacies/:candidacyId/*`: the candidacy editor, from the first draft to the receipt. */
export function CandidacyArea() {
  return <RequireSession>{(user) => <CandidacyEditor user={user} />}</RequireSession>;
}

function useEditorData(candidacyId: string, user: SessionUser) {
  const { i18n } = useTranslation();
  const editor = useQuery({
    queryKey: ["candidacy", candidacyId, "editor", i18n.language],
    queryFn: ({ signal }) =>
      request(CandidacyEditorQuery, { id: candidacyId, language: apiLanguage(i18n.language) }, { signal }),
  });
  const candidacy = editor.data?.candidacy;
  const mayEdit = candidacy != null && accessOf(candidacy, user, []).readOnly?.kind !== "notEditor";
  // Whether it takes changes now is the server's verdict; the call's staff may not run the
  // check on a draft, and need not: they only read.
  const check = useQuery({
    queryKey: ["candidacy", candidacyId, "check"],
    queryFn: ({ signal }) => request(SubmissionCheckQuery, { id: candidacyId }, { signal }),
    enabled: mayEdit,
  });
  return { editor, check, mayEdit };
}

function CandidacyEditor({ user }: { user: SessionUser }) {
  const { candidacyId = "" } = useParams();
  const { t } = useTranslation("candidacy");
  const { editor, check, mayEdit } = useEditorData(candidacyId, user);
  const candidacy = editor.data?.candidacy;
  const heading = candidacy ? candidacy.acronym || candidacy.title || t("title") : t("title");
  usePageTitle(editor.isSuccess && !candidacy ? t("notFound.title") : heading);

  if (editor.isPending || (mayEdit && check.isPending)) {
    return (
      <>
        <h1>{t("title")}</h1>
        <StatusMessage>{t("loading")}</StatusMessage>
      </>
    );
  }
  const failed = editor.error ?? (mayEdit ? check.error : null);
  if (failed) {
    const retry = () => void (editor.error ? editor.refetch() : check.refetch());
    return <QueryError error={failed} onRetry={retry} asPageTitle />;
  }
  if (!candidacy?.call) return <CandidacyNotFound />;
  const checked = check.data?.submissionCheck ?? null;
  return (
    <Editor
      candidacy={candidacy}
      call={candidacy.call}
      access={accessOf(candidacy, user, checked)}
      check={checked}
      serverTime={editor.data?.serverTime ?? ""}
      receivedAt={editor.dataUpdatedAt}
    />
  );
}

function Editor({
  candidacy,
  call,
  access,
  check,
  serverTime,
  receivedAt,
}: {
  candidacy: Candidacy;
  call: Call;
  access: Access;
  check: readonly FieldProblem[] | null;
  serverTime: string;
  receivedAt: number;
}) {
  return (
    <>
      <CandidacyHeader candidacy={candidacy} call={call} serverTime={serverTime} receivedAt={receivedAt} />
      {access.readOnly && <ReadOnlyNotice reason={access.readOnly} />}
      <Routes>
        <Route index element={<ProjectPage candidacy={candidacy} call={call} access={access} />} />
        <Route path="answers" element={<AnswersPage candidacy={candidacy} call={call} access={access} />} />
        <Route
          path="partners"
          element={
            <FocusingHash>
              <PartnersSection candidacyId={candidacy.id} editable={access.lead} />
            </FocusingHash>
          }
        />
        <Route
          path="budget"
          element={
            <FocusingHash>
              <BudgetSection candidacyId={candidacy.id} editable={access.editContent} />
            </FocusingHash>
          }
        />
        <Route
          path="submit"
          element={<SubmitPage candidacy={candidacy} call={call} access={access} check={check} />}
        />
        <Route path="receipt" element={<ReceiptPage candidacy={candidacy} call={call} />} />
        <Route path="*" element={<SectionNotFound candidacyId={candidacy.id} />} />
      </Routes>
    </>
  );
}

/** A section of another area's making, reached from a problem's link (`partners#partners`). */
function FocusingHash({ children }: { children: ReactNode }) {
  useFocusHash();
  return children;
}

/** No candidacy by this id that the user may read: the API does not say which (by design). */
function CandidacyNotFound() {
  const { t } = useTranslation("candidacy");
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <AppLink to="/my">{t("notFound.back")}</AppLink>
    </>
  );
}

function SectionNotFound({ candidacyId }: { candidacyId: string }) {
  const { t } = useTranslation("candidacy");
  return (
    <>
      <h2>{t("notFound.sectionTitle")}</h2>
      <AppLink to={candidacyPath(candidacyId)}>{t("notFound.sectionBack")}</AppLink>
    </>
  );
}
