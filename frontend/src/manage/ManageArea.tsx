import { lazy } from "react";
import { Navigate, Route, Routes } from "react-router";
import { NotFoundPage } from "../pages/NotFoundPage";
import { RequireSession } from "../session/RequireSession";
import { isCallStaff } from "../session/roles";
import "./i18n";

const CallsAdminArea = lazy(async () => ({
  default: (await import("./calls/CallsAdminArea")).CallsAdminArea,
}));
const CandidaciesAdminArea = lazy(async () => ({
  default: (await import("./candidacies/CandidaciesAdminArea")).CandidaciesAdminArea,
}));

/**
 * The manager's screens, under `/manage`, for call staff only (platform administrators,
 * programme managers, funder viewers); each section is its own chunk. The API still decides
 * what each of them may read or change: a funder viewer gets read-only screens.
 */
export function ManageArea() {
  return (
    <RequireSession allowed={isCallStaff}>
      {() => (
        <Routes>
          <Route index element={<Navigate to="calls" replace />} />
          <Route path="calls/*" element={<CallsAdminArea />} />
          <Route path="candidacies/*" element={<CandidaciesAdminArea />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      )}
    </RequireSession>
  );
}
