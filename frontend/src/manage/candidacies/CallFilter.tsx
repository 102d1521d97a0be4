import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { request } from "../../api";
import { apiLanguage } from "../../i18n";
import { Button, ErrorAlert, StatusMessage } from "../../ui";
import { ChoiceGroup, SearchForm, focusFirstChoice } from "../../ui/editing";
import type { FilterCallByIdQuery as FilterCallById } from "../gql/graphql";
import { FilterCallByIdQuery, FilterCallSearchQuery } from "./queries";

/** Calls offered per search: a few screens of radio buttons; more words narrow them. */
export const CALL_RESULTS = 20;
/** The API's own limit on `CallFilter.search`. */
const MAX_SEARCH_LENGTH = 200;

type FilterCall = NonNullable<FilterCallById["call"]>;

const chosenCallKey = (id: string, language: string) => ["manage", "filterCall", id, language];

export interface CallFilterProps {
  /** The call the list is filtered on ("" for none), as the address keeps it. */
  callId: string;
  onChange: (callId: string) => void;
}

/**
 * The list's call filter, for any number of calls: a search over the calls' references and
 * titles (empty: the first calls), the results as radio buttons, then "show only its
 * candidacies". Once chosen, the call is named (read by id, so a shared address names it too)
 * with a button that removes the filter. The focus follows: to the removal button once a call is
 * chosen, back to the search field once it is removed.
 */
export function CallFilter({ callId, onChange }: CallFilterProps) {
  const box = useRef<HTMLDivElement>(null);
  const [focusNext, setFocusNext] = useState<"clear" | "search">();

  useEffect(() => {
    // The address changes after the click (a navigation): wait until the view it asks for is there.
    if (!focusNext || (focusNext === "clear") !== Boolean(callId)) return;
    const target = focusNext === "clear" ? "button" : "input[type=search]";
    box.current?.querySelector<HTMLElement>(target)?.focus();
    setFocusNext(undefined);
  }, [focusNext, callId]);

  return (
    <div ref={box} className="fr-mb-3w">
      {callId ? (
        <ChosenCall
          callId={callId}
          onClear={() => {
            setFocusNext("search");
            onChange("");
          }}
        />
      ) : (
        <CallSearch
          onChoose={(id) => {
            setFocusNext("clear");
            onChange(id);
          }}
        />
      )}
    </div>
  );
}

/** The chosen call's reference and title (or why they cannot be shown), and its removal. */
function ChosenCall({ callId, onClear }: { callId: string; onClear: () => void }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const language = apiLanguage(i18n.language);
  const chosen = useQuery({
    queryKey: chosenCallKey(callId, language),
    queryFn: ({ signal }) => request(FilterCallByIdQuery, { id: callId, language }, { signal }),
    // A reference and title seldom change: the name the search results gave is not read again.
    staleTime: 5 * 60_000,
  });
  const call = chosen.data?.call;
  let name = t("filters.callLoading");
  if (call) name = t("filters.chosenCall", { reference: call.reference, title: call.title });
  else if (chosen.data) name = t("filters.callUnknown");
  else if (chosen.isError) name = t("filters.callUnread");
  return (
    <>
      <StatusMessage>{name}</StatusMessage>
      {chosen.isError && (
        <Button priority="secondary" onClick={() => void chosen.refetch()}>
          {t("filters.callRetry")}
        </Button>
      )}
      <Button priority="tertiary" onClick={onClear}>
        {t("filters.clearCall")}
      </Button>
    </>
  );
}

/** The search, its announced results and the choice among them. */
function CallSearch({ onChoose }: { onChoose: (callId: string) => void }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const language = apiLanguage(i18n.language);
  const queryClient = useQueryClient();
  const [words, setWords] = useState<string | null>(null);
  const [chosen, setChosen] = useState("");
  const [missingChoice, setMissingChoice] = useState(false);
  const search = useQuery({
    queryKey: ["manage", "filterCallSearch", words, language],
    enabled: words !== null,
    queryFn: ({ signal }) =>
      request(FilterCallSearchQuery, { search: words || null, first: CALL_RESULTS, language }, { signal }),
  });
  const calls = search.data?.calls.edges.map((edge) => edge.node) ?? [];

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const call = calls.find((found) => found.id === chosen);
    setMissingChoice(!call);
    if (!call) {
      // Where the missing choice is said: the group's legend and message are read on its first radio.
      focusFirstChoice(event.currentTarget);
      return;
    }
    // The results already name it: the chosen call is not read again.
    queryClient.setQueryData<FilterCallById>(chosenCallKey(call.id, language), { call: call satisfies FilterCall });
    onChoose(call.id);
  };

  let status = "";
  if (words !== null && search.isFetching) status = t("filters.callSearching");
  else if (search.data) {
    const total = search.data.calls.totalCount;
    status = t("filters.callResults", { count: total });
    if (total > calls.length) status += ` ${t("filters.callMore", { shown: calls.length })}`;
  }

  return (
    <>
      <SearchForm
        label={t("filters.callSearch")}
        hint={t("filters.callHint")}
        submitLabel={t("filters.callSubmit")}
        maxLength={MAX_SEARCH_LENGTH}
        onSearch={(next) => {
          setWords(next);
          setChosen("");
          setMissingChoice(false);
        }}
        status={status}
      />
      {search.isError && <ErrorAlert description={t("filters.callFailed")} />}
      {calls.length > 0 && (
        <form onSubmit={apply} aria-label={t("filters.callChoose")}>
          <ChoiceGroup
            id="call-filter-choice"
            mode="single"
            legend={t("filters.callChoose")}
            selected={chosen ? [chosen] : []}
            onChange={([id]) => {
              setChosen(id ?? "");
              setMissingChoice(false);
            }}
            options={calls.map((call) => ({ value: call.id, label: `${call.reference} — ${call.title}` }))}
            error={missingChoice ? t("filters.callChooseFirst") : undefined}
          />
          <Button type="submit" priority="secondary">
            {t("filters.callApply")}
          </Button>
        </form>
      )}
    </>
  );
}
