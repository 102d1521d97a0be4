import { Route, Routes } from "react-router";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { CallAdminPage } from "./CallAdminPage";
import { ManagedCallsPage } from "./ManagedCallsPage";
import { NewCallPage } from "./NewCallPage";
import "./i18n";

/** `/manage/calls/*`: the list, a new call, and one call's sub-pages. */
export function CallsAdminArea() {
  return (
    <Routes>
      <Route index element={<ManagedCallsPage />} />
      <Route path="new" element={<NewCallPage />} />
      <Route path=":id/*" element={<CallAdminPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
