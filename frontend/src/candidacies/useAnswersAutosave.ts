import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { CSRF_HEADER, GRAPHQL_ENDPOINT, request } from "../api";
import { apiValue, type FieldValue } from "./answerValues";
import { SaveAnswersMutation } from "./queries";
import { refusalOf, type Refusal } from "./refusals";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  /** Some answers were refused (each shown under its field); the others are saved. */
  | { kind: "invalid" }
  | { kind: "failed"; refusal: Refusal | null };

/** After typing stops this long, the answers changed are sent. */
export const AUTOSAVE_DELAY_MS = 1_000;

/**
 * The answers of one candidacy as the page holds them, saved as drafts: `saveCandidacyAnswers`
 * goes out once typing has stopped for AUTOSAVE_DELAY_MS, and at once on `flush` (a field's
 * blur). The fields keep what the user types whatever the saves do: a change made while a save
 * is in flight is sent by the next one; an answer the API refuses is held back (its problem
 * shown) until it changes, the others saved without it. Leaving the page sends what is pending;
 * closing or reloading the tab with changes unsent asks the browser to warn.
 */
export function useAnswersAutosave(candidacyId: string, initial: Record<string, FieldValue>) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const valuesRef = useRef(initial);
  const dirty = useRef(new Set<string>());
  const held = useRef(new Set<string>());
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const unsent = () => [...dirty.current].filter((key) => !held.current.has(key));
  const payload = (keys: string[]) =>
    keys.map((questionKey) => ({ questionKey, value: apiValue(valuesRef.current[questionKey] ?? null) }));

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const keys = unsent();
    if (keys.length === 0) return;
    const sent = Object.fromEntries(keys.map((key) => [key, valuesRef.current[key]]));
    inFlight.current = true;
    setState({ kind: "saving" });
    let retryNow = false;
    try {
      const result = (await request(SaveAnswersMutation, { id: candidacyId, answers: payload(keys) }))
        .saveCandidacyAnswers;
      if (result.__typename === "CandidacyPayload") {
        for (const key of keys) if (valuesRef.current[key] === sent[key]) dirty.current.delete(key);
        setProblems((current) => omit(current, keys));
        setState({ kind: "saved", at: new Date() });
        void queryClient.invalidateQueries({ queryKey: ["candidacy", candidacyId] });
      } else if (result.__typename === "InvalidInputError") {
        const refused = Object.fromEntries(
          result.fieldErrors.flatMap((p) => {
            const key = p.field.replace(/^answers\./, "");
            return key in sent ? [[key, p.code]] : [];
          }),
        );
        if (Object.keys(refused).length === 0) {
          setState({ kind: "failed", refusal: refusalOf(result) });
        } else {
          for (const key of Object.keys(refused)) held.current.add(key);
          setProblems((current) => ({ ...current, ...refused }));
          setState({ kind: "invalid" });
          retryNow = keys.some((key) => !(key in refused));
        }
      } else {
        setState({ kind: "failed", refusal: refusalOf(result) });
      }
    } catch {
      setState({ kind: "failed", refusal: null });
    } finally {
      inFlight.current = false;
    }
    if (retryNow || again.current) {
      again.current = false;
      await flush();
    }
  }, [candidacyId, queryClient]);

  const change = useCallback(
    (key: string, value: FieldValue) => {
      valuesRef.current = { ...valuesRef.current, [key]: value };
      setValues(valuesRef.current);
      dirty.current.add(key);
      held.current.delete(key);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  useSendOnLeave(candidacyId, () => (inFlight.current ? [...dirty.current] : unsent()), payload, flush);

  return { values, change, flush, state, problems };
}

/** Sends what is pending when the page goes: on leaving the editor (a save that outlives the
 * page), and when the tab closes or reloads (a request the browser keeps alive, and its
 * warning, for an answer whose save may not arrive). */
function useSendOnLeave(
  candidacyId: string,
  pending: () => string[],
  payload: (keys: string[]) => { questionKey: string; value: unknown }[],
  flush: () => Promise<void>,
) {
  const latest = useRef({ pending, payload, flush });
  latest.current = { pending, payload, flush };
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const keys = latest.current.pending();
      if (keys.length === 0) return;
      void fetch(GRAPHQL_ENDPOINT, {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", ...CSRF_HEADER },
        body: JSON.stringify({
          query: SaveAnswersMutation.toString(),
          variables: { id: candidacyId, answers: latest.current.payload(keys) },
        }),
      }).catch(() => undefined);
      event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      void latest.current.flush();
    };
  }, [candidacyId]);
}

function omit<V>(record: Record<string, V>, keys: readonly string[]): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
