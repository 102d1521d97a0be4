import { fr } from "./dsfrFr";
import { NavLink } from "react-router";

export interface SecondaryNavProps {
  /** The navigation landmark's name, told apart from the main menu by screen readers. */
  label: string;
  items: readonly { label: string; to: string }[];
}

/**
 * Links between the sections of an area, as a row of buttons; the current section (its path
 * or one under it) is the filled one and carries `aria-current="page"` (NavLink sets it).
 */
export function SecondaryNav({ label, items }: SecondaryNavProps) {
  return (
    <nav aria-label={label} className={fr.cx("fr-mb-4w")}>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm")}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              className={({ isActive }) => fr.cx("fr-btn", isActive ? undefined : "fr-btn--secondary")}
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
