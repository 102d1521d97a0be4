import { lazy } from "react";
import { Route, Routes } from "react-router";
import { CallsListPage } from "./calls/CallsListPage";
import { AppLayout } from "./pages/AppLayout";
import { RequireSession } from "./session/RequireSession";

// The list is the home page and ships in the entry chunk; every other page loads on first visit.
const CallPage = lazy(async () => ({ default: (await import("./calls/CallPage")).CallPage }));
const SignInPage = lazy(async () => ({ default: (await import("./session/SignInPage")).SignInPage }));
const SignUpPage = lazy(async () => ({ default: (await import("./session/SignUpPage")).SignUpPage }));
const ConfirmEmailPage = lazy(async () => ({
  default: (await import("./session/ConfirmEmailPage")).ConfirmEmailPage,
}));
const ForgotPasswordPage = lazy(async () => ({
  default: (await import("./session/ForgotPasswordPage")).ForgotPasswordPage,
}));
const ResetPasswordPage = lazy(async () => ({
  default: (await import("./session/ResetPasswordPage")).ResetPasswordPage,
}));
const AccessibilityPage = lazy(async () => ({
  default: (await import("./accessibility/AccessibilityPage")).AccessibilityPage,
}));
const AccountPage = lazy(async () => ({ default: (await import("./session/AccountPage")).AccountPage }));
// The signed-in areas, each its own chunk with its own texts and GraphQL documents.
const ApplicantArea = lazy(async () => ({
  default: (await import("./applicant/ApplicantArea")).ApplicantArea,
}));
const CandidacyArea = lazy(async () => ({
  default: (await import("./candidacies/CandidacyArea")).CandidacyArea,
}));
const ManageArea = lazy(async () => ({ default: (await import("./manage/ManageArea")).ManageArea }));
const NotFoundPage = lazy(async () => ({
  default: (await import("./pages/NotFoundPage")).NotFoundPage,
}));

/** The application's pages. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<CallsListPage />} />
        <Route path="calls" element={<CallsListPage />} />
        <Route path="calls/:id" element={<CallPage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="sign-up" element={<SignUpPage />} />
        <Route path="confirm-email" element={<ConfirmEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route
          path="account"
          element={<RequireSession>{(user) => <AccountPage user={user} />}</RequireSession>}
        />
        <Route path="accessibility" element={<AccessibilityPage />} />
        <Route path="my/*" element={<ApplicantArea />} />
        <Route path="candidacies/:candidacyId/*" element={<CandidacyArea />} />
        <Route path="manage/*" element={<ManageArea />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
