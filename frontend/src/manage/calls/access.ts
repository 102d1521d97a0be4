import type { SessionUser } from "../../session/useSession";
import type { ManagedCallFieldsFragment } from "../gql/graphql";

/**
 * What the screens offer a user on one call. The API decides in the end (and says why it
 * refuses); this only avoids showing forms to someone who may not send them:
 * - `manage`: a platform admin, or a programme manager of the programme's funder or of a
 *   co-funder that accepted its share;
 * - `read`, with the reason the page gives: a funder viewer, or a manager whose funder has
 *   not (or not yet) accepted its share.
 */
export type CallAccess =
  | { mode: "manage"; respondAs: FunderRef[] }
  | { mode: "read"; reason: "viewer" | "coFunderPending" | "notManager"; respondAs: FunderRef[] };

export interface FunderRef {
  id: string;
  name: string;
}

export function callAccess(user: SessionUser, call: ManagedCallFieldsFragment): CallAccess {
  const managed = new Set(
    user.roles.filter((grant) => grant.role === "PROGRAMME_MANAGER").map((grant) => grant.funder?.id),
  );
  const ownFunder = call.programme?.funder?.id;
  const coFunders = call.funders.filter((row) => row.funder && row.funder.id !== ownFunder);
  // A co-funder's manager answers for their funder while the call is a draft.
  const respondAs =
    call.status === "DRAFT"
      ? coFunders.filter((row) => managed.has(row.funder!.id)).map((row) => ({ id: row.funder!.id, name: row.funder!.name }))
      : [];
  const isAdmin = user.roles.some((grant) => grant.role === "PLATFORM_ADMIN");
  const acceptedManaged =
    (ownFunder !== undefined && managed.has(ownFunder)) ||
    coFunders.some((row) => row.status === "ACCEPTED" && managed.has(row.funder!.id));
  if (isAdmin || acceptedManaged) return { mode: "manage", respondAs };
  if (respondAs.length > 0) return { mode: "read", reason: "coFunderPending", respondAs };
  const isViewer = user.roles.some((grant) => grant.role === "FUNDER_VIEWER");
  return { mode: "read", reason: isViewer ? "viewer" : "notManager", respondAs };
}

/** The programmes a user may create calls in: all for a platform admin, else their funders'. */
export function creatableProgrammes<P extends { funder: { id: string } | null }>(
  user: SessionUser,
  programmes: readonly P[],
): P[] {
  if (user.roles.some((grant) => grant.role === "PLATFORM_ADMIN")) return [...programmes];
  const managed = new Set(
    user.roles.filter((grant) => grant.role === "PROGRAMME_MANAGER").map((grant) => grant.funder?.id),
  );
  return programmes.filter((programme) => programme.funder && managed.has(programme.funder.id));
}
