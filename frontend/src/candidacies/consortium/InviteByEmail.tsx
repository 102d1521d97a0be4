import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { apiLanguage, LANGUAGE_NAMES, LANGUAGES } from "../../i18n";
import { Button, ErrorAlert, SelectInput, SuccessAlert, TextInput } from "../../ui";
import { problemsAt, problemsOf } from "./errors";
import { useInviteEmailPartner } from "./hooks";
import { amountExample, parseEuros, type ParsedAmount } from "../../i18n/money";
import { ORGANISATION_KINDS, PARTNER_ROLES } from "./types";
import { useActionError } from "./useActionError";
import { useAmountError } from "./useAmountError";

const EMPTY = { email: "", name: "", country: "", siret: "", finess: "", registryId: "", share: "" };
const FIELDS = [
  "email",
  "organisation",
  "organisation.name",
  "organisation.kind",
  "organisation.country",
  "organisation.siret",
  "organisation.finess",
  "organisation.registryId",
  "role",
  "requestedShareCents",
];

/** Invite by e-mail an organisation not on the platform: its contact registers it on accepting. */
export function InviteByEmail({ candidacyId }: { candidacyId: string }) {
  const { t, i18n } = useTranslation("consortium");
  const amountError = useAmountError();
  const invite = useInviteEmailPartner(candidacyId);
  const actionErrorOf = useActionError(candidacyId, "consortium");
  const [values, setValues] = useState(EMPTY);
  const [kind, setKind] = useState<(typeof ORGANISATION_KINDS)[number]>("COMPANY");
  const [role, setRole] = useState<(typeof PARTNER_ROLES)[number]>("PARTNER");
  const [language, setLanguage] = useState<string>(i18n.language);
  const [shareParsed, setShareParsed] = useState<ParsedAmount>();
  const [sentTo, setSentTo] = useState<string>();
  const result = invite.isPending ? undefined : invite.data;
  const problems = problemsOf(result);
  const actionError = actionErrorOf(result);
  const at = (field: string) => problemsAt(t, problems, field);
  const set = (field: keyof typeof EMPTY) => (value: string) => setValues((all) => ({ ...all, [field]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const amount = parseEuros(values.share, i18n.language);
    setShareParsed(amount);
    if (invite.isPending || !amount.ok) return;
    const optional = (value: string) => (value.trim() === "" ? null : value.trim());
    invite.mutate(
      {
        candidacyId,
        input: {
          email: values.email.trim(),
          organisation: {
            name: values.name.trim(),
            kind,
            country: values.country.trim().toUpperCase(),
            siret: optional(values.siret),
            finess: optional(values.finess),
            registryId: optional(values.registryId),
          },
          role,
          requestedShareCents: amount.cents,
          language: apiLanguage(language),
        },
      },
      {
        onSuccess: (answer) => {
          if (answer.__typename !== "EmailInvitationPayload") return;
          setSentTo(values.email.trim());
          setValues(EMPTY);
          setShareParsed(undefined);
        },
      },
    );
  };

  return (
    <section aria-labelledby="invite-email-title">
      <h3 id="invite-email-title">{t("emailInvite.title")}</h3>
      <p>{t("emailInvite.intro")}</p>
      <SuccessAlert
        title={
          sentTo && result?.__typename === "EmailInvitationPayload"
            ? t("emailInvite.sent", { email: sentTo })
            : undefined
        }
      />
      <form onSubmit={submit} aria-label={t("emailInvite.title")}>
        {actionError && <ErrorAlert description={actionError} />}
        {!actionError && problems.length > 0 && (
          <ErrorAlert
            description={
              problems.some((problem) => !FIELDS.includes(problem.field))
                ? t("errors.invalid")
                : (at("organisation") ?? t("errors.checkFields"))
            }
          />
        )}
        <TextInput
          type="email"
          label={t("emailInvite.email")}
          autoComplete="off"
          required
          value={values.email}
          onChange={set("email")}
          error={at("email")}
        />
        <TextInput
          label={t("emailInvite.name")}
          required
          value={values.name}
          onChange={set("name")}
          error={at("organisation.name")}
        />
        <SelectInput
          label={t("emailInvite.kind")}
          value={kind}
          onChange={(value) => setKind(value as typeof kind)}
          options={ORGANISATION_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
          error={at("organisation.kind")}
        />
        <TextInput
          label={t("emailInvite.country")}
          hint={t("emailInvite.countryHint")}
          required
          value={values.country}
          onChange={set("country")}
          error={at("organisation.country")}
        />
        <TextInput
          label={t("emailInvite.siret")}
          hint={t("emailInvite.optional")}
          value={values.siret}
          onChange={set("siret")}
          error={at("organisation.siret")}
        />
        <TextInput
          label={t("emailInvite.finess")}
          hint={t("emailInvite.optional")}
          value={values.finess}
          onChange={set("finess")}
          error={at("organisation.finess")}
        />
        <TextInput
          label={t("emailInvite.registryId")}
          hint={t("emailInvite.optional")}
          value={values.registryId}
          onChange={set("registryId")}
          error={at("organisation.registryId")}
        />
        <SelectInput
          label={t("search.role")}
          value={role}
          onChange={(value) => setRole(value as typeof role)}
          options={PARTNER_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          error={at("role")}
        />
        <TextInput
          label={t("search.share")}
          hint={t("amountHint", { example: amountExample(i18n.language) })}
          value={values.share}
          onChange={(value) => {
            set("share")(value);
            setShareParsed(undefined);
          }}
          error={
            (shareParsed && !shareParsed.ok ? amountError(shareParsed.reason) : undefined) ?? at("requestedShareCents")
          }
        />
        <SelectInput
          label={t("emailInvite.language")}
          value={language}
          onChange={setLanguage}
          options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
        />
        <Button type="submit">{invite.isPending ? t("emailInvite.sending") : t("emailInvite.submit")}</Button>
      </form>
    </section>
  );
}
