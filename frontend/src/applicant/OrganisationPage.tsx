import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { request } from "../api";
import { countryName, formatDate } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { useSession } from "../session/useSession";
import { AppLink, Button, SelectInput, StatusMessage, SuccessAlert, TextInput } from "../ui";
import { FormAlert } from "./FormAlert";
import type { MembershipRole, OrganisationQuery as OrganisationData } from "./gql/graphql";
import { errorMessage, fieldProblems } from "./model";
import { useAddOrganisationMember } from "./mutations";
import { OrganisationQuery } from "./queries";

type Organisation = NonNullable<OrganisationData["organisation"]>;

/** An organisation the user belongs to: its registry details, its members, adding one (admins). */
export function OrganisationPage() {
  const { organisationId = "" } = useParams();
  const { t } = useTranslation("applicant");
  const page = useQuery({
    queryKey: ["applicant", "organisation", organisationId],
    queryFn: ({ signal }) => request(OrganisationQuery, { id: organisationId }, { signal }),
  });
  const organisation = page.data?.organisation;
  usePageTitle(organisation?.name ?? t("organisation.notFoundTitle"));

  function content() {
    if (page.isPending) {
      return (
        <>
          <h1>{t("organisation.pageTitle")}</h1>
          <StatusMessage>{t("loading")}</StatusMessage>
        </>
      );
    }
    if (page.isError) return <QueryError error={page.error} onRetry={() => void page.refetch()} asPageTitle />;
    if (!organisation) {
      return (
        <>
          <h1>{t("organisation.notFoundTitle")}</h1>
          <p>{t("organisation.notFoundText")}</p>
        </>
      );
    }
    return <OrganisationDetails organisation={organisation} />;
  }

  return (
    <>
      <p>
        <AppLink to="/my/organisations" variant="back">
          {t("nav.organisations")}
        </AppLink>
      </p>
      {content()}
    </>
  );
}

function OrganisationDetails({ organisation }: { organisation: Organisation }) {
  const { t, i18n } = useTranslation("applicant");
  const session = useSession();
  const ownRole = session.data?.memberships.find((m) => m.organisation?.id === organisation.id)?.role;
  const isPlatformAdmin = session.data?.roles.some((grant) => grant.role === "PLATFORM_ADMIN") ?? false;
  return (
    <>
      <h1>{organisation.name}</h1>
      <section aria-labelledby="organisation-details">
        <h2 id="organisation-details">{t("organisation.details")}</h2>
        <dl>
          <Term label={t("createOrganisation.kind")}>{t(`kind.${organisation.kind}`)}</Term>
          <Term label={t("createOrganisation.country")}>{countryName(organisation.country, i18n.language)}</Term>
          {organisation.siret && <Term label={t("organisation.siret")}>{organisation.siret}</Term>}
          {organisation.finess && <Term label={t("organisation.finess")}>{organisation.finess}</Term>}
          {organisation.registryId && <Term label={t("organisation.registryId")}>{organisation.registryId}</Term>}
          {ownRole && <Term label={t("organisation.yourRole")}>{t(`role.${ownRole}`)}</Term>}
        </dl>
      </section>
      <section aria-labelledby="organisation-members">
        <h2 id="organisation-members">{t("organisation.members")}</h2>
        <ul>
          {(organisation.members ?? []).map((member) => (
            <li key={member.email}>
              {t("organisation.member", {
                name: member.fullName,
                email: member.email,
                role: t(`role.${member.role}`),
                date: formatDate(member.joinedAt.slice(0, 10), i18n.language),
              })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="organisation-add-member">
        <h2 id="organisation-add-member">{t("organisation.addMember")}</h2>
        {ownRole === "ADMIN" || isPlatformAdmin ? (
          <AddMemberForm organisationId={organisation.id} />
        ) : (
          <p>{t("organisation.onlyAdmins")}</p>
        )}
      </section>
    </>
  );
}

const FIELDS = ["email", "role"] as const;

function AddMemberForm({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation("applicant");
  const add = useAddOrganisationMember();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MembershipRole>("MEMBER");
  const [added, setAdded] = useState("");
  const result = add.isPending ? undefined : add.data;

  let form: string | null | undefined;
  let fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
  if (result?.__typename === "InvalidInputError") {
    ({ form, fields } = fieldProblems(t, result.fieldErrors, FIELDS, (field, code) =>
      field === "email" && code === "UNKNOWN_USER" ? t("organisation.unknownUser") : t(`organisation.invalid.${field}`),
    ));
  } else if (result && result.__typename !== "MembershipPayload") {
    form = errorMessage(t, i18n.language, result, {
      NotFoundError: t("organisation.notFoundText"),
      PermissionDeniedError: t("organisation.onlyAdmins"),
    });
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    setAdded("");
    const answer = await add.mutateAsync({ organisationId, email, role });
    if (answer.__typename === "MembershipPayload") {
      setAdded(email);
      setEmail("");
    }
  };

  return (
    <>
      <SuccessAlert title={added ? t("organisation.added", { email: added }) : undefined} />
      {add.isError && <QueryError error={add.error} />}
      <FormAlert message={form} attempt={add.submittedAt} />
      <form onSubmit={(event) => void submit(event)} aria-labelledby="organisation-add-member">
        <TextInput
          label={t("organisation.email")}
          hint={t("organisation.emailHint")}
          type="email"
          name="email"
          required
          value={email}
          onChange={setEmail}
          error={fields.email}
        />
        <SelectInput
          label={t("organisation.role")}
          name="role"
          value={role}
          onChange={(value) => setRole(value as MembershipRole)}
          options={(["MEMBER", "ADMIN"] as const).map((value) => ({ value, label: t(`role.${value}`) }))}
          error={fields.role}
        />
        <Button type="submit">{add.isPending ? t("organisation.adding") : t("organisation.add")}</Button>
      </form>
    </>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold">{label}</dt>
      <dd className="fr-mb-2w fr-ml-0">{children}</dd>
    </>
  );
}
