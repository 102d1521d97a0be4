import type { SessionUser } from "./useSession";

type Role = SessionUser["roles"][number]["role"];

const hasAnyRole = (user: SessionUser, roles: readonly Role[]) =>
  user.roles.some((grant) => roles.includes(grant.role));

/**
 * Who sees the manager's screens. The API decides what each one may read or change (a
 * programme manager acts for the funders of their grants, a funder viewer reads them); these
 * predicates only choose which screens and links to offer, never what the data allows.
 */
export const isCallStaff = (user: SessionUser) =>
  hasAnyRole(user, ["PLATFORM_ADMIN", "PROGRAMME_MANAGER", "FUNDER_VIEWER"]);

/** Who may create and change calls (a funder viewer only reads). */
export const canManageCalls = (user: SessionUser) => hasAnyRole(user, ["PLATFORM_ADMIN", "PROGRAMME_MANAGER"]);
