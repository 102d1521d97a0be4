import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { request } from "../api";
import { apiLanguage } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, Button, LinkButton, SelectInput, StatusMessage, TextInput } from "../ui";
import { FormAlert } from "./FormAlert";
import type { CallToApplyQuery as CallToApplyData, MyMembershipsQuery as MyMembershipsData } from "./gql/graphql";
import { errorMessage, fieldProblems } from "./model";
import { useCreateCandidacy } from "./mutations";
import { CallToApplyQuery, MyMembershipsQuery } from "./queries";

type Call = NonNullable<CallToApplyData["call"]>;
type Organisation = NonNullable<NonNullable<MyMembershipsData["me"]>["memberships"][number]["organisation"]>;

const FIELDS = ["organisationId", "title", "acronym"] as const;

/** Start a candidacy for `?call=<id>`: lead organisation, title, acronym; then its editor. */
export function NewCandidacyPage() {
  const { t, i18n } = useTranslation("applicant");
  usePageTitle(t("newCandidacy.title"));
  const [params] = useSearchParams();
  const callId = params.get("call") ?? "";
  const call = useQuery({
    queryKey: ["applicant", "call", callId, i18n.language],
    queryFn: ({ signal }) =>
      request(CallToApplyQuery, { id: callId, language: apiLanguage(i18n.language) }, { signal }),
    enabled: callId !== "",
  });
  const memberships = useQuery({
    queryKey: ["applicant", "memberships"],
    queryFn: ({ signal }) => request(MyMembershipsQuery, {}, { signal }),
  });

  function content() {
    if (!callId) return <NoCall text={t("newCandidacy.noCall")} />;
    if (call.isPending || memberships.isPending) return <StatusMessage>{t("loading")}</StatusMessage>;
    if (call.isError) return <QueryError error={call.error} onRetry={() => void call.refetch()} />;
    if (memberships.isError) return <QueryError error={memberships.error} onRetry={() => void memberships.refetch()} />;
    if (!call.data.call) return <NoCall text={t("newCandidacy.callNotFound")} />;
    const organisations = (memberships.data.me?.memberships ?? []).flatMap((m) => (m.organisation ? [m.organisation] : []));
    return <Apply call={call.data.call} organisations={organisations} />;
  }

  return (
    <>
      {callId && (
        <p>
          <AppLink to={`/calls/${encodeURIComponent(callId)}`} variant="back">
            {t("newCandidacy.backToCall")}
          </AppLink>
        </p>
      )}
      <h1>{t("newCandidacy.title")}</h1>
      {content()}
    </>
  );
}

function NoCall({ text }: { text: string }) {
  const { t } = useTranslation("applicant");
  return (
    <p>
      {text} <AppLink to="/calls">{t("candidacies.toCalls")}</AppLink>
    </p>
  );
}

function Apply({ call, organisations }: { call: Call; organisations: Organisation[] }) {
  const { t, i18n } = useTranslation("applicant");
  const here = `/my/candidacies/new?call=${encodeURIComponent(call.id)}`;
  return (
    <>
      <p>
        {t("newCandidacy.call", { title: call.title, reference: call.reference })}
        <br />
        {t("candidacies.deadline", {
          date: formatDateTime(call.timeline.deadlineAt, i18n.language, call.timeline.timezone),
        })}
      </p>
      {!call.isOpenNow ? (
        <NoCall text={t("errors.CallNotOpenError")} />
      ) : organisations.length === 0 ? (
        <>
          <p>{t("newCandidacy.noOrganisation")}</p>
          <LinkButton to={`/my/organisations/new?next=${encodeURIComponent(here)}`}>
            {t("newCandidacy.createOrganisation")}
          </LinkButton>
        </>
      ) : (
        <CandidacyForm call={call} organisations={organisations} createOrganisationNext={here} />
      )}
    </>
  );
}

function CandidacyForm({
  call,
  organisations,
  createOrganisationNext,
}: {
  call: Call;
  organisations: Organisation[];
  createOrganisationNext: string;
}) {
  const { t, i18n } = useTranslation("applicant");
  const navigate = useNavigate();
  const create = useCreateCandidacy();
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [acronym, setAcronym] = useState("");
  const result = create.isPending ? undefined : create.data;

  let form: string | null | undefined;
  let fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
  if (result?.__typename === "InvalidInputError") {
    ({ form, fields } = fieldProblems(t, result.fieldErrors, FIELDS, (field) => t(`newCandidacy.invalid.${field}`)));
  } else if (result && result.__typename !== "CandidacyPayload") {
    form = errorMessage(
      t,
      i18n.language,
      result,
      {
        NotFoundError: t("newCandidacy.callNotFound"),
        PermissionDeniedError: t("newCandidacy.permissionDenied"),
      },
      call.timeline.timezone,
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const answer = await create.mutateAsync({ callId: call.id, organisationId, title, acronym: acronym.trim() || null });
    if (answer.__typename === "CandidacyPayload") await navigate(`/candidacies/${answer.candidacy.id}`);
  };

  return (
    <>
      {create.isError && <QueryError error={create.error} />}
      <FormAlert message={form} attempt={create.submittedAt} />
      <form onSubmit={(event) => void submit(event)} aria-label={t("newCandidacy.title")}>
        <SelectInput
          label={t("newCandidacy.organisation")}
          hint={t("newCandidacy.organisationHint")}
          name="organisation"
          value={organisationId}
          onChange={setOrganisationId}
          options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
          error={fields.organisationId}
        />
        <p className="fr-text--sm">
          <AppLink to={`/my/organisations/new?next=${encodeURIComponent(createOrganisationNext)}`}>
            {t("newCandidacy.anotherOrganisation")}
          </AppLink>
        </p>
        <TextInput
          label={t("newCandidacy.candidacyTitle")}
          hint={t("newCandidacy.candidacyTitleHint")}
          name="title"
          required
          value={title}
          onChange={setTitle}
          error={fields.title}
        />
        <TextInput
          label={t("newCandidacy.acronym")}
          hint={t("newCandidacy.acronymHint")}
          name="acronym"
          value={acronym}
          onChange={setAcronym}
          error={fields.acronym}
        />
        <Button type="submit">{create.isPending ? t("newCandidacy.submitting") : t("newCandidacy.submit")}</Button>
      </form>
    </>
  );
}
