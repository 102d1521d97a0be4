import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { QueryError } from "../../pages/QueryError";
import { Button, ErrorAlert, SuccessAlert } from "../../ui";
import { DateTimeInput } from "../../ui/DateTimeInput";
import { TextArea } from "../../ui/editing";
import { useGrantExtension } from "./mutations";
import { refusalProblems } from "./problems";
import { useFocusOnChange } from "./useFocusOnChange";
import { zonedToInstant } from "../../i18n/zonedTime";

/**
 * An individual late exception: the new deadline typed as the call's clock shows it (its time
 * zone, not the device's), sent as an instant, and why.
 */
export function ExtensionForm({ candidacyId, timeZone }: { candidacyId: string; timeZone: string }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const grant = useGrantExtension(candidacyId);
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const result = grant.isPending ? undefined : grant.data;
  const problems = refusalProblems(t, "extension", result, ["until", "reason"] as const);
  const summary = useFocusOnChange<HTMLDivElement>(problems.form);
  const granted = result?.__typename === "CandidacyPayload" ? result.candidacy.extendedDeadlineAt : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const instant = zonedToInstant(until, timeZone);
    if (grant.isPending || !instant) return;
    grant.mutate({ until: instant, reason });
  };

  return (
    <form onSubmit={submit} aria-labelledby="extension-title" noValidate>
      <h3 id="extension-title">{t("extension.title")}</h3>
      <div ref={summary} tabIndex={-1}>
        {grant.isError && !grant.isPending && <QueryError error={grant.error} />}
        {problems.form && <ErrorAlert description={problems.form} />}
      </div>
      <DateTimeInput
        label={t("extension.until")}
        hint={t("extension.untilHint", { zone: timeZone })}
        name="until"
        value={until}
        onChange={setUntil}
        required
        error={problems.fields.until}
      />
      <TextArea
        rows={4}
        label={t("extension.reason")}
        hint={t("extension.reasonHint")}
        name="extension-reason"
        value={reason}
        onChange={setReason}
        maxLength={2000}
        error={problems.fields.reason}
      />
      <SuccessAlert
        title={
          granted
            ? t("extension.granted", { until: formatDateTime(granted, i18n.language, timeZone) })
            : undefined
        }
      />
      <Button type="submit" disabled={!zonedToInstant(until, timeZone) || grant.isPending}>
        {grant.isPending ? t("extension.submitting") : t("extension.submit")}
      </Button>
    </form>
  );
}
