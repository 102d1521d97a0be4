import { NavLink } from "react-router";

export interface SectionNavProps {
  /** The navigation's name for screen readers ("Sections of the call"). */
  label: string;
  items: readonly { to: string; label: string; end?: boolean }[];
}

/**
 * Links between the sub-pages of one object, the current one marked (aria-current="page",
 * set by the router, and shown in bold). Wraps on narrow screens.
 */
export function SectionNav({ label, items }: SectionNavProps) {
  return (
    <nav aria-label={label} className="fr-mb-3w">
      <ul className="fr-links-group" style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem 1.5rem", paddingLeft: 0 }}>
        {items.map((item) => (
          <li key={item.to} style={{ listStyle: "none" }}>
            <NavLink
              to={item.to}
              end={item.end}
              className="fr-link"
              style={({ isActive }) => (isActive ? { fontWeight: 700, textDecoration: "underline" } : undefined)}
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
