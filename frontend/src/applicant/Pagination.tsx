import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../ui";

/**
 * Cursor pages: the cursors of the pages seen so far, so "previous" goes back without
 * recounting. `after` is the current page's cursor (undefined for the first).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const index = cursors.length - 1;
  return {
    after: cursors[index],
    page: index + 1,
    next: (endCursor: string) => setCursors([...cursors, endCursor]),
    previous: () => setCursors(cursors.slice(0, -1)),
  };
}

/** "Page 2 of 3" with previous and next, shown only when the list holds more than a page. */
export function Pagination({
  pages,
  totalCount,
  pageSize,
  hasNextPage,
  endCursor,
}: {
  pages: ReturnType<typeof useCursorPages>;
  totalCount: number;
  pageSize: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
}) {
  const { t } = useTranslation("applicant");
  const pageCount = Math.ceil(totalCount / pageSize);
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t("pagination.label")} className="fr-mt-4w">
      <p>{t("pagination.page", { page: pages.page, pages: pageCount })}</p>
      <div className="fr-btns-group fr-btns-group--inline-sm">
        {pages.page > 1 && (
          <Button priority="secondary" onClick={pages.previous}>
            {t("pagination.previous")}
          </Button>
        )}
        {hasNextPage && endCursor && (
          <Button priority="secondary" onClick={() => pages.next(endCursor)}>
            {t("pagination.next")}
          </Button>
        )}
      </div>
    </nav>
  );
}
