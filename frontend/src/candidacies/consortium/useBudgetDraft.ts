import { useState } from "react";
import { sameLines, serverLines, type DraftLine } from "./budget";
import type { ConsortiumCandidacy } from "./types";

/** The lines being edited, and the server's lines they started from. */
interface Draft {
  /** The budget token of those server lines: sent with the save, so a change since is refused. */
  token: string | null;
  /** Those server lines (or the lines last saved from here): what "unsaved edits" compares to. */
  base: DraftLine[];
  lines: DraftLine[];
  /** Never reused, so the API's `lines[i]` problems never land on a line loaded since. */
  nextKey: number;
}

function loaded(candidacy: ConsortiumCandidacy, language: string, firstKey: number): Draft {
  const lines = serverLines(candidacy, language, firstKey);
  return { token: candidacy.budgetToken ?? null, base: lines, lines, nextKey: firstKey + lines.length };
}

/**
 * The budget's lines as the user edits them, over the lines the server held when they were
 * loaded. When the candidacy is read again with other lines (another member saved, a partner
 * was removed with its lines) and nothing is unsaved here, the new lines are shown; unsaved
 * edits are never replaced but by the user's choice (`load`).
 */
export function useBudgetDraft(candidacy: ConsortiumCandidacy, language: string) {
  const [draft, setDraft] = useState(() => loaded(candidacy, language, 0));
  const dirty = !sameLines(draft.lines, draft.base);
  if ((candidacy.budgetToken ?? null) !== draft.token && !dirty) {
    // Adjusting state to new props during render (no effect, no frame showing the old lines).
    setDraft(loaded(candidacy, language, draft.nextKey));
  }

  const edit = (update: (lines: DraftLine[]) => DraftLine[]) =>
    setDraft((current) => ({ ...current, lines: update(current.lines) }));
  return {
    lines: draft.lines,
    token: draft.token,
    /** The server's budget changed under unsaved edits: their save will be refused. */
    stale: (candidacy.budgetToken ?? null) !== draft.token && dirty,
    change: (key: number, patch: Partial<DraftLine>) =>
      edit((lines) => lines.map((line) => (line.key === key ? { ...line, ...patch } : line))),
    remove: (key: number) => edit((lines) => lines.filter((line) => line.key !== key)),
    add: (organisationId: string) =>
      setDraft((current) => ({
        ...current,
        lines: [...current.lines, { key: current.nextKey, organisationId, category: "STAFF", label: "", amount: "" }],
        nextKey: current.nextKey + 1,
      })),
    /** `lines` were saved and the server's budget now has `token`. */
    saved: (lines: DraftLine[], token: string | null) => setDraft((current) => ({ ...current, token, base: lines })),
    /** The user chose to replace the lines with `current`'s, unsaved edits included. */
    load: (current: ConsortiumCandidacy) => setDraft((previous) => loaded(current, language, previous.nextKey)),
  };
}
