import { Tag } from "@codegouvfr/react-dsfr/Tag";

/** A list of plain (non-interactive) tags, e.g. a call's themes. */
export function TagList({ tags, label }: { tags: readonly string[]; label?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className="fr-tags-group" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag}>
          <Tag small>{tag}</Tag>
        </li>
      ))}
    </ul>
  );
}
