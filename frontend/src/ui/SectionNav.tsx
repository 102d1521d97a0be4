import { fr } from "./dsfrFr";
import { NavLink } from "react-router";

export interface SectionNavItem {
  to: string;
  label: string;
  /** Active only on this exact path (the section's index). */
  end?: boolean;
}

export interface SectionNavProps {
  /** The navigation's name for screen readers ("Sections of the call"). */
  label: string;
  items: readonly SectionNavItem[];
}

/** The sections of a page, as links; the current one carries aria-current="page". */
export function SectionNav({ label, items }: SectionNavProps) {
  return (
    <nav aria-label={label} className={fr.cx("fr-mb-4w")}>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--sm")}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                fr.cx("fr-btn", "fr-btn--sm", isActive ? "fr-btn--secondary" : "fr-btn--tertiary-no-outline")
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
