import type { ReactNode } from "react";

/** A data table that scrolls sideways in its own box on narrow screens (320 px). */
export function ScrollTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="fr-table fr-table--no-caption">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
