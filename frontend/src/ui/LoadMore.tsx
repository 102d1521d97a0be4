import { useEffect, useState, type RefObject } from "react";
import { Button } from "./Button";

export interface LoadMoreProps {
  /** How many rows the table shows now; each row carries `data-row={index}`. */
  rowCount: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  /** "Show the next candidacies", and what the button says while they load. */
  label: string;
  loadingLabel: string;
  /** The element holding the table. */
  table: RefObject<HTMLElement | null>;
}

/**
 * "Load more" under a paged table. Keyboard and screen-reader users continue at the first row
 * that came in (its first link takes the focus), instead of starting over from the top.
 */
export function LoadMore({ rowCount, hasMore, loading, onMore, label, loadingLabel, table }: LoadMoreProps) {
  const [focusFrom, setFocusFrom] = useState<number | null>(null);

  useEffect(() => {
    if (focusFrom === null || rowCount <= focusFrom) return;
    table.current?.querySelector<HTMLElement>(`[data-row="${focusFrom}"] a`)?.focus();
    setFocusFrom(null);
  }, [rowCount, focusFrom, table]);

  if (!hasMore) return null;
  return (
    <Button
      priority="secondary"
      disabled={loading}
      onClick={() => {
        setFocusFrom(rowCount);
        onMore();
      }}
    >
      {loading ? loadingLabel : label}
    </Button>
  );
}
