import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import { formatMonths } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { Button, SuccessAlert } from "../ui";
import { FormInput } from "../ui/editing";
import { FocusedAlert } from "./FocusedAlert";
import { PROJECT_FIELDS, projectFieldId, type Access, type Call, type Candidacy, type ProjectField } from "./model";
import { UpdateCandidacyMutation } from "./queries";
import { refusalOf, useRefusalText } from "./refusals";
import { useFocusHash } from "./useFocusHash";
import { WithdrawSection } from "./WithdrawSection";

/** The project: its title, acronym and duration (`updateCandidacy`); read-only when it must be. */
export function ProjectPage({ candidacy, call, access }: { candidacy: Candidacy; call: Call; access: Access }) {
  const { t } = useTranslation("candidacy");
  useFocusHash();
  return (
    <>
      <section aria-labelledby="project-title-heading">
        <h2 id="project-title-heading">{t("project.title")}</h2>
        {access.editContent ? <ProjectForm candidacy={candidacy} call={call} /> : <ProjectView candidacy={candidacy} />}
      </section>
      {access.lead && <WithdrawSection candidacy={candidacy} timeZone={call.timeline.timezone} />}
    </>
  );
}

function useUpdateCandidacy(candidacyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: { title: string; acronym: string; durationMonths: number | null }) =>
      (await request(UpdateCandidacyMutation, { id: candidacyId, ...variables })).updateCandidacy,
    onSuccess: (result) => {
      if (result.__typename === "CandidacyPayload") {
        void queryClient.invalidateQueries({ queryKey: ["candidacy", candidacyId] });
      }
    },
  });
}

function ProjectForm({ candidacy, call }: { candidacy: Candidacy; call: Call }) {
  const { t } = useTranslation("candidacy");
  const refusalText = useRefusalText(call.timeline.timezone);
  const update = useUpdateCandidacy(candidacy.id);
  const [title, setTitle] = useState(candidacy.title ?? "");
  const [acronym, setAcronym] = useState(candidacy.acronym ?? "");
  const [duration, setDuration] = useState(candidacy.durationMonths?.toString() ?? "");
  const [notWhole, setNotWhole] = useState(false);
  const result = update.isPending ? undefined : update.data;
  const refusal = refusalOf(result);
  const fields: Partial<Record<ProjectField, string>> = {};
  if (notWhole) fields.durationMonths = t("project.invalid.durationMonths");
  let other = false;
  if (refusal?.__typename === "InvalidInputError") {
    for (const problem of refusal.fieldErrors) {
      if ((PROJECT_FIELDS as readonly string[]).includes(problem.field)) {
        fields[problem.field as ProjectField] = t(`project.invalid.${problem.field as ProjectField}`);
      } else other = true;
    }
  }
  const formError = refusal && (refusal.__typename !== "InvalidInputError" || other) ? refusalText(refusal) : undefined;
  const { minDurationMonths: min, maxDurationMonths: max } = call.eligibility;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const months = duration.trim() === "" ? null : Number(duration);
    // Whole months only: the API takes an Int, and a fraction would not reach it.
    setNotWhole(months !== null && !Number.isInteger(months));
    if (months !== null && !Number.isInteger(months)) return;
    update.mutate({ title, acronym, durationMonths: months });
  };

  return (
    <>
      <SuccessAlert title={result?.__typename === "CandidacyPayload" ? t("project.saved") : undefined} />
      {update.isError && !update.isPending && <QueryError error={update.error} />}
      {formError && <FocusedAlert description={formError} />}
      <form onSubmit={submit} aria-labelledby="project-title-heading">
        <FormInput
          id={projectFieldId("title")}
          label={t("project.fields.title")}
          value={title}
          onChange={setTitle}
          required
          maxLength={300}
          error={fields.title}
        />
        <FormInput
          id={projectFieldId("acronym")}
          label={t("project.fields.acronym")}
          value={acronym}
          onChange={setAcronym}
          error={fields.acronym}
        />
        <FormInput
          id={projectFieldId("durationMonths")}
          type="number"
          label={t("project.fields.durationMonths")}
          hint={
            min != null && max != null
              ? t("project.durationHint", { min, max })
              : undefined
          }
          value={duration}
          onChange={setDuration}
          min={min?.toString()}
          max={max?.toString()}
          error={fields.durationMonths}
        />
        <Button type="submit">{update.isPending ? t("project.saving") : t("project.save")}</Button>
      </form>
    </>
  );
}

function ProjectView({ candidacy }: { candidacy: Candidacy }) {
  const { t, i18n } = useTranslation("candidacy");
  const empty = t("answers.unanswered");
  return (
    <dl>
      <dt id={projectFieldId("title")} className="fr-text--bold">
        {t("project.fields.title")}
      </dt>
      <dd>{candidacy.title || empty}</dd>
      <dt id={projectFieldId("acronym")} className="fr-text--bold">
        {t("project.fields.acronym")}
      </dt>
      <dd>{candidacy.acronym || empty}</dd>
      <dt id={projectFieldId("durationMonths")} className="fr-text--bold">
        {t("project.fields.durationMonths")}
      </dt>
      <dd>{candidacy.durationMonths != null ? formatMonths(candidacy.durationMonths, i18n.language) : empty}</dd>
    </dl>
  );
}
