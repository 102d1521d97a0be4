import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import { countryName } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { LinkButton, LinkCard, StatusMessage } from "../ui";
import { AreaNav } from "./AreaNav";
import { MyMembershipsQuery } from "./queries";

/** The organisations the user belongs to, with their role in each, and a way to register one. */
export function OrganisationsPage() {
  const { t, i18n } = useTranslation("applicant");
  usePageTitle(t("organisations.title"));
  const memberships = useQuery({
    queryKey: ["applicant", "memberships"],
    queryFn: ({ signal }) => request(MyMembershipsQuery, {}, { signal }),
  });
  const list = (memberships.data?.me?.memberships ?? []).flatMap((membership) =>
    membership.organisation ? [{ role: membership.role, organisation: membership.organisation }] : [],
  );

  return (
    <>
      <h1>{t("organisations.title")}</h1>
      <AreaNav />
      <p>
        <LinkButton to="/my/organisations/new">{t("organisations.create")}</LinkButton>
      </p>
      {memberships.isPending ? (
        <StatusMessage>{t("loading")}</StatusMessage>
      ) : memberships.isError ? (
        <QueryError error={memberships.error} onRetry={() => void memberships.refetch()} />
      ) : list.length === 0 ? (
        <p>{t("organisations.empty")}</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mt-2w">
          {list.map(({ role, organisation }) => (
            <li key={organisation.id} className="fr-col-12 fr-col-md-6">
              <LinkCard
                title={organisation.name}
                to={`/my/organisations/${organisation.id}`}
                headingLevel={2}
                desc={`${t(`kind.${organisation.kind}`)} · ${countryName(organisation.country, i18n.language)}`}
                end={<p className="fr-card__detail">{t("organisations.yourRole", { role: t(`role.${role}`) })}</p>}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
