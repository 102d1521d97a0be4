import { fr } from "./dsfrFr";
import { NavLink } from "react-router";

export interface SectionNavItem {
  to: string;
  label: string;
  /** Active only on this exact path (a section that is the index of the others). */
  end?: boolean;
}

export interface SectionNavProps {
  /** The navigation landmark's name, told apart from the main menu by screen readers. */
  label: string;
  items: readonly SectionNavItem[];
}

/**
 * Links between the sections of an area or a page (the applicant's space, a call, a
 * candidacy), as a row of small buttons. The current section (its path, or one under it unless
 * `end`) is the filled one and carries `aria-current="page"` (NavLink sets it).
 */
export function SectionNav({ label, items }: SectionNavProps) {
  return (
    <nav aria-label={label} className={fr.cx("fr-mb-4w")}>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm")}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
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
