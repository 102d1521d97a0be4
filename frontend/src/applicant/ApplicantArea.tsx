import { Navigate, Route, Routes } from "react-router";
import { NotFoundPage } from "../pages/NotFoundPage";
import { RequireSession } from "../session/RequireSession";
import { CandidaciesPage } from "./CandidaciesPage";
import { CreateOrganisationPage } from "./CreateOrganisationPage";
import { EmailInvitationPage } from "./EmailInvitationPage";
import { InvitationsPage } from "./InvitationsPage";
import { NewCandidacyPage } from "./NewCandidacyPage";
import { OrganisationPage } from "./OrganisationPage";
import { OrganisationsPage } from "./OrganisationsPage";
import "./i18n";

/**
 * The applicant's own space, under `/my`, for anyone signed in: their organisations'
 * candidacies, starting one for an open call, their organisations and members, and the
 * invitations to answer. The API decides what each screen lists and who may change what.
 */
export function ApplicantArea() {
  return (
    <RequireSession>
      {() => (
        <Routes>
          <Route index element={<Navigate to="candidacies" replace />} />
          <Route path="candidacies" element={<CandidaciesPage />} />
          <Route path="candidacies/new" element={<NewCandidacyPage />} />
          <Route path="organisations" element={<OrganisationsPage />} />
          <Route path="organisations/new" element={<CreateOrganisationPage />} />
          <Route path="organisations/:organisationId" element={<OrganisationPage />} />
          <Route path="invitations" element={<InvitationsPage />} />
          <Route path="invitations/email" element={<EmailInvitationPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      )}
    </RequireSession>
  );
}
