import { useId, type ReactNode } from "react";

export interface ScrollTableProps {
  /** The table's caption: it also names the scrolling region for screen readers. */
  caption: NonNullable<ReactNode>;
  /** The table's `thead`, `tbody` and `tfoot`. */
  children: ReactNode;
  /** The caption is read by screen readers only (a heading just above already says it). */
  captionHidden?: boolean;
}

/**
 * A table that scrolls sideways inside its own region when the screen is narrower (320 px):
 * the region is named by the caption and focusable, so keyboard users can scroll it too.
 *
 * Lazy areas import it by its path (`ui/ScrollTable`), not through `ui/index.ts`: a theme
 * component re-exported there lands in the entry chunk, which the public pages' budget pays.
 */
export function ScrollTable({ caption, children, captionHidden = false }: ScrollTableProps) {
  const captionId = useId();
  return (
    <div className={`fr-table fr-table--multiline${captionHidden ? " fr-table--no-caption" : ""}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" role="region" aria-labelledby={captionId} tabIndex={0}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
