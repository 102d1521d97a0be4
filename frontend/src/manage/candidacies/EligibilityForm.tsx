import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../pages/QueryError";
import { Button, ErrorAlert, SuccessAlert } from "../../ui";
import { ChoiceGroup, TextArea } from "../../ui/editing";
import type { EligibilityDecision } from "../gql/graphql";
import { useRecordEligibility } from "./mutations";
import { refusalProblems } from "./problems";
import { useFocusOnChange } from "./useFocusOnChange";

const DECISIONS = ["ELIGIBLE", "INELIGIBLE"] as const;

/** Eligibility screening: ELIGIBLE, or INELIGIBLE with the reason the applicants will read. */
export function EligibilityForm({ candidacyId, current }: { candidacyId: string; current: EligibilityDecision }) {
  const { t } = useTranslation("manageCandidacies");
  const record = useRecordEligibility(candidacyId);
  const [decision, setDecision] = useState<string>(current === "PENDING" ? "" : current);
  const [reason, setReason] = useState("");
  const result = record.isPending ? undefined : record.data;
  const problems = refusalProblems(t, "eligibility", result, ["decision", "reason"] as const);
  const summary = useFocusOnChange<HTMLDivElement>(problems.form);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (record.isPending || !decision) return;
    record.mutate({ decision: decision as EligibilityDecision, reason });
  };

  return (
    <form onSubmit={submit} aria-labelledby="eligibility-title" noValidate>
      <h3 id="eligibility-title">{t("eligibility.title")}</h3>
      <div ref={summary} tabIndex={-1}>
        {record.isError && !record.isPending && <QueryError error={record.error} />}
        {problems.form && <ErrorAlert description={problems.form} />}
      </div>
      <ChoiceGroup
        id="eligibility-decision"
        mode="single"
        legend={t("eligibility.decision")}
        selected={[decision]}
        onChange={([chosen]) => setDecision(chosen ?? "")}
        options={DECISIONS.map((value) => ({ value, label: t(`eligibility.${value}`) }))}
        error={problems.fields.decision}
      />
      <TextArea
        rows={4}
        label={t("eligibility.reason")}
        hint={t("eligibility.reasonHint")}
        name="reason"
        value={reason}
        onChange={setReason}
        maxLength={2000}
        error={problems.fields.reason}
      />
      <SuccessAlert
        title={result?.__typename === "CandidacyPayload" ? t("eligibility.recorded") : undefined}
      />
      <Button type="submit" disabled={!decision || record.isPending}>
        {record.isPending ? t("eligibility.submitting") : t("eligibility.submit")}
      </Button>
    </form>
  );
}
