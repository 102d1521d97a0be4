import { Children, type ReactNode } from "react";

/** Its children side by side in equal columns on wide screens, one under another below 768 px. */
export function Columns({ children }: { children: ReactNode }) {
  const items = Children.toArray(children);
  const width = items.length >= 3 ? "fr-col-md-4" : items.length === 2 ? "fr-col-md-6" : "";
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      {items.map((child, index) => (
        <div key={index} className={`fr-col-12 ${width}`}>
          {child}
        </div>
      ))}
    </div>
  );
}
