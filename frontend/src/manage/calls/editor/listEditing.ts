import { useEffect, useState } from "react";

/**
 * Add, remove and move items of a list with buttons, keeping the keyboard user's place: after
 * adding, the focus goes to the new item's first field; after removing, to the item now in its
 * place (or the add button); after moving, it stays on the item's move buttons. Each change
 * is described for the live region (`announcement`).
 */
export function useListEditing<T extends { uid: string }>(
  items: readonly T[],
  onChange: (items: T[]) => void,
  idPrefix: string,
) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<{ key: string; position: number; to?: number } | null>(null);

  useEffect(() => {
    if (focusId === null) return;
    const element = document.getElementById(focusId);
    if (element) {
      // The target's first field or enabled button (a new question's key, a move button).
      const field = element.querySelector<HTMLElement>("input, select, textarea, button:not(:disabled)");
      (field ?? element).focus();
    }
    setFocusId(null);
  }, [focusId]);

  return {
    announcement,
    itemId: (uid: string) => `${idPrefix}-${uid}`,
    addId: `${idPrefix}-add`,
    add(item: T) {
      onChange([...items, item]);
      setFocusId(`${idPrefix}-${item.uid}`);
      setAnnouncement({ key: "added", position: items.length + 1 });
    },
    remove(index: number) {
      const next = items.filter((_, i) => i !== index);
      onChange(next);
      const after = next[index] ?? next[index - 1];
      setFocusId(after ? `${idPrefix}-${after.uid}` : `${idPrefix}-add`);
      setAnnouncement({ key: "removed", position: index + 1 });
    },
    move(index: number, delta: -1 | 1) {
      const target = index + delta;
      if (target < 0 || target >= items.length) return;
      const next = [...items];
      const [moved] = next.splice(index, 1);
      next.splice(target, 0, moved!);
      onChange(next);
      // The button pressed may be disabled at the ends: focus the other one then.
      const button = delta < 0 ? (target === 0 ? "down" : "up") : target === items.length - 1 ? "up" : "down";
      setFocusId(`${idPrefix}-${moved!.uid}-${button}`);
      setAnnouncement({ key: "moved", position: index + 1, to: target + 1 });
    },
    update(index: number, item: T) {
      onChange(items.map((existing, i) => (i === index ? item : existing)));
    },
  };
}
