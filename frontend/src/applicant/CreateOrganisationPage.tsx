import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { countryName } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, Button, SelectInput, TextInput } from "../ui";
import { FormAlert } from "./FormAlert";
import type { OrganisationKind } from "./gql/graphql";
import { errorMessage, fieldProblems } from "./model";
import { useCreateOrganisation } from "./mutations";
import { safeNextPath } from "../session/next";
import { ORGANISATION_KINDS } from "../api/enums";

/** The kinds for which the API requires a FINESS number in France. */
const ESTABLISHMENTS: readonly OrganisationKind[] = ["HEALTH_ESTABLISHMENT", "MEDICO_SOCIAL_ESTABLISHMENT"];
/** The countries offered (the European Economic Area, Switzerland, the United Kingdom). */
const COUNTRIES = [
  "FR", "DE", "AT", "BE", "BG", "CH", "CY", "CZ", "DK", "EE", "ES", "FI", "GB", "GR", "HR", "HU",
  "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];
const FIELDS = ["name", "kind", "country", "siret", "finess", "registryId"] as const;

/** Where to go once registered: back to `?next=` when it is a page of this area. */
function afterCreation(next: string | null, organisationId: string): string {
  const path = next ? safeNextPath(next) : "";
  return path.startsWith("/my/") ? path : `/my/organisations/${organisationId}`;
}

/** Register an organisation (the user becomes its admin); identifiers as its country requires. */
export function CreateOrganisationPage() {
  const { t, i18n } = useTranslation("applicant");
  usePageTitle(t("createOrganisation.title"));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const create = useCreateOrganisation();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<OrganisationKind>("HEALTH_ESTABLISHMENT");
  const [country, setCountry] = useState("FR");
  const [siret, setSiret] = useState("");
  const [finess, setFiness] = useState("");
  const [registryId, setRegistryId] = useState("");
  const inFrance = country === "FR";
  const result = create.isPending ? undefined : create.data;

  let form: string | null | undefined;
  let fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
  if (result?.__typename === "InvalidInputError") {
    ({ form, fields } = fieldProblems(t, result.fieldErrors, FIELDS, (field, code) =>
      code === "REQUIRED" ? t(`createOrganisation.required.${field}`) : t(`createOrganisation.invalid.${field}`),
    ));
  } else if (result && result.__typename !== "OrganisationPayload") {
    form = errorMessage(t, i18n.language, result, {
      PermissionDeniedError: t("createOrganisation.permissionDenied"),
    });
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const answer = await create.mutateAsync({
      name,
      kind,
      country,
      siret: inFrance ? siret.trim() || null : null,
      finess: inFrance ? finess.trim() || null : null,
      registryId: inFrance ? null : registryId.trim() || null,
    });
    if (answer.__typename === "OrganisationPayload") {
      await navigate(afterCreation(params.get("next"), answer.organisation.id));
    }
  };

  const countries = COUNTRIES.map((code) => ({ value: code, label: countryName(code, i18n.language) })).sort(
    (a, b) => a.label.localeCompare(b.label, i18n.language),
  );

  return (
    <>
      <p>
        <AppLink to="/my/organisations" variant="back">
          {t("nav.organisations")}
        </AppLink>
      </p>
      <h1>{t("createOrganisation.title")}</h1>
      <p>{t("createOrganisation.intro")}</p>
      {create.isError && <QueryError error={create.error} />}
      <FormAlert message={form} attempt={create.submittedAt} />
      <form onSubmit={(event) => void submit(event)} aria-label={t("createOrganisation.title")}>
        <TextInput
          label={t("createOrganisation.name")}
          name="organization"
          autoComplete="organization"
          required
          value={name}
          onChange={setName}
          error={fields.name}
        />
        <SelectInput
          label={t("createOrganisation.kind")}
          name="kind"
          value={kind}
          onChange={(value) => setKind(value as OrganisationKind)}
          options={ORGANISATION_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
          error={fields.kind}
        />
        <SelectInput
          label={t("createOrganisation.country")}
          name="country"
          value={country}
          onChange={setCountry}
          options={countries}
          error={fields.country}
        />
        {inFrance ? (
          <>
            <TextInput
              label={t("createOrganisation.siret")}
              hint={t("createOrganisation.siretHint")}
              name="siret"
              required
              value={siret}
              onChange={setSiret}
              error={fields.siret}
            />
            <TextInput
              label={
                ESTABLISHMENTS.includes(kind) ? t("createOrganisation.finess") : t("createOrganisation.finessOptional")
              }
              hint={t("createOrganisation.finessHint")}
              name="finess"
              required={ESTABLISHMENTS.includes(kind)}
              value={finess}
              onChange={setFiness}
              error={fields.finess}
            />
          </>
        ) : (
          <TextInput
            label={t("createOrganisation.registryId")}
            hint={t("createOrganisation.registryIdHint")}
            name="registryId"
            required
            value={registryId}
            onChange={setRegistryId}
            error={fields.registryId}
          />
        )}
        <Button type="submit">
          {create.isPending ? t("createOrganisation.submitting") : t("createOrganisation.submit")}
        </Button>
      </form>
    </>
  );
}
