import { fr } from "@codegouvfr/react-dsfr";
import { useId, type ReactNode } from "react";

export interface ScrollTableProps {
  /** The table's caption: its name for screen readers and the scroll region's label. */
  caption: ReactNode;
  /** The `<thead>` and `<tbody>` (header cells with `scope`). */
  children: ReactNode;
}

/**
 * A data table that scrolls sideways inside its own region when the screen is narrower than
 * the table (320 px): the region is focusable, so keyboard users scroll it with the arrows,
 * and named by the caption.
 *
 * Lazy areas import it by its path (`ui/ScrollTable`), not through `ui/index.ts`: a theme component
 * re-exported there lands in the entry chunk, which the public pages' size budget pays for.
 */
export function ScrollTable({ caption, children }: ScrollTableProps) {
  const captionId = useId();
  return (
    <div className={fr.cx("fr-table", "fr-table--bordered")}>
      <div
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
        style={{ overflowX: "auto", maxWidth: "100%" }}
      >
        <table style={{ display: "table", width: "100%" }}>
          <caption id={captionId}>{caption}</caption>
          {children}
        </table>
      </div>
    </div>
  );
}
