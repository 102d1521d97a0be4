import { Route, Routes } from "react-router";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { CandidaciesListPage } from "./CandidaciesListPage";
import { CandidacyReviewPage } from "./CandidacyReviewPage";
import "./i18n";

/** `/manage/candidacies/*`: the list of candidacies received, and one candidacy's read. */
export function CandidaciesAdminArea() {
  return (
    <Routes>
      <Route index element={<CandidaciesListPage />} />
      <Route path=":id" element={<CandidacyReviewPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
