import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../i18n/format";
import { Button, ErrorAlert, SelectInput, SuccessAlert, TextInput } from "../../ui";
import { ChoiceGroup, SearchForm, focusFirstChoice } from "../../ui/editing";
import { problemsAt, problemsOf } from "./errors";
import { useInvitePartner, useOrganisationSearch } from "./hooks";
import { amountExample, parseEuros, type ParsedAmount } from "../../i18n/money";
import { PARTNER_ROLES, type ConsortiumCandidacy } from "./types";
import { useActionError } from "./useActionError";
import { useAmountError } from "./useAmountError";

const MIN_QUERY = 2;
const INVITE_FIELDS = ["organisationId", "role", "requestedShareCents"];

/**
 * Invite an organisation registered on the platform: search it (by name or identifier), pick
 * it among the results (radio buttons: arrow keys move, the count is announced), give its role
 * and requested share.
 */
export function InviteBySearch({ candidacy }: { candidacy: ConsortiumCandidacy }) {
  const { t, i18n } = useTranslation("consortium");
  const amountError = useAmountError();
  const [query, setQuery] = useState("");
  const search = useOrganisationSearch(query);
  const invite = useInvitePartner(candidacy.id);
  const actionErrorOf = useActionError(candidacy.id, "consortium");
  const [chosen, setChosen] = useState("");
  const [role, setRole] = useState<(typeof PARTNER_ROLES)[number]>("PARTNER");
  const [share, setShare] = useState("");
  const [shareParsed, setShareParsed] = useState<ParsedAmount>();
  const [missingChoice, setMissingChoice] = useState(false);
  const [invitedName, setInvitedName] = useState<string>();

  const result = invite.isPending ? undefined : invite.data;
  const problems = problemsOf(result);
  const actionError = actionErrorOf(result);
  const unplaced = problems.some((problem) => !INVITE_FIELDS.includes(problem.field));
  const inConsortium = new Set(
    (candidacy.partners ?? [])
      .filter((partner) => partner.status !== "DECLINED")
      .map((partner) => partner.organisation?.id),
  );
  const organisations = search.data?.edges.map((edge) => edge.node) ?? [];

  const submitSearch = (words: string) => {
    setQuery(words);
    setChosen("");
  };

  const submitInvite = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const amount = parseEuros(share, i18n.language);
    setShareParsed(amount);
    setMissingChoice(chosen === "");
    // Where the missing choice is said: the group's legend and message are read on its first radio.
    if (chosen === "") focusFirstChoice(event.currentTarget);
    if (invite.isPending || chosen === "" || !amount.ok) return;
    const name = organisations.find((organisation) => organisation.id === chosen)?.name;
    invite.mutate(
      { candidacyId: candidacy.id, organisationId: chosen, role, requestedShareCents: amount.cents },
      {
        onSuccess: (answer) => {
          if (answer.__typename !== "PartnerPayload") return;
          setInvitedName(name);
          setChosen("");
          setShare("");
          setShareParsed(undefined);
        },
      },
    );
  };

  let status = "";
  if (query && search.isFetching) status = t("search.searching");
  else if (query && search.data) {
    status = t("search.results", { count: search.data.totalCount });
    if (search.data.totalCount > organisations.length) {
      status += ` ${t("search.more", { shown: organisations.length })}`;
    }
  }

  return (
    <section aria-labelledby="invite-search-title" className="fr-mb-6w">
      <h3 id="invite-search-title">{t("search.title")}</h3>
      <SuccessAlert
        title={
          invitedName && result?.__typename === "PartnerPayload"
            ? t("search.invited", { name: invitedName })
            : undefined
        }
      />
      <SearchForm
        label={t("search.label")}
        hint={t("search.hint")}
        submitLabel={t("search.submit")}
        minLength={MIN_QUERY}
        tooShort={t("search.tooShort")}
        onSearch={submitSearch}
        status={status}
      />
      {search.isError && <ErrorAlert description={t("errors.invalid")} />}
      {organisations.length > 0 && (
        <form onSubmit={submitInvite} aria-label={t("search.invite")}>
          {actionError && <ErrorAlert description={actionError} />}
          {!actionError && unplaced && <ErrorAlert description={t("errors.invalid")} />}
          <ChoiceGroup
            id="invite-organisation-choice"
            mode="single"
            legend={t("search.choose")}
            selected={chosen ? [chosen] : []}
            onChange={([id]) => {
              setChosen(id ?? "");
              setMissingChoice(false);
            }}
            options={organisations.map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
              hint: [
                t("search.identifiers", {
                  kind: t(`kinds.${organisation.kind}`),
                  country: countryName(organisation.country, i18n.language),
                }),
                organisation.siret ?? organisation.registryId,
                inConsortium.has(organisation.id) ? t("search.alreadyIn") : undefined,
              ]
                .filter(Boolean)
                .join(" · "),
              disabled: inConsortium.has(organisation.id),
            }))}
            error={missingChoice ? t("search.chooseFirst") : problemsAt(t, problems, "organisationId")}
          />
          <SelectInput
            label={t("search.role")}
            value={role}
            onChange={(value) => setRole(value as typeof role)}
            options={PARTNER_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            error={problemsAt(t, problems, "role")}
          />
          <TextInput
            label={t("search.share")}
            hint={t("amountHint", { example: amountExample(i18n.language) })}
            value={share}
            onChange={(value) => {
              setShare(value);
              setShareParsed(undefined);
            }}
            error={
              (shareParsed && !shareParsed.ok ? amountError(shareParsed.reason) : undefined) ??
              problemsAt(t, problems, "requestedShareCents")
            }
          />
          <Button type="submit">{invite.isPending ? t("search.inviting") : t("search.invite")}</Button>
        </form>
      )}
    </section>
  );
}
