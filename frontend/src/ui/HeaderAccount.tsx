import { fr } from "./dsfrFr";
import type { JSX } from "react";
import { Link as RouterLink } from "react-router";

/** What the header shows of the session: a way in, or who is signed in and a way out. */
export type HeaderAccount =
  | { kind: "anonymous"; signInLabel: string; signInTo: string; signUpLabel?: string; signUpTo?: string }
  | { kind: "signedIn"; name: string; accountTo: string; signOutLabel: string; onSignOut: () => void };

/**
 * The header's quick access items for the session. The header repeats them in its mobile menu
 * and gives each an id (cloneElement), so they are bare elements that take one.
 */
export function accountItems(account: HeaderAccount | undefined): JSX.Element[] {
  if (account === undefined) return [];
  if (account.kind === "anonymous") {
    return [
      <RouterLink key="sign-in" to={account.signInTo} className={fr.cx("fr-btn")}>
        {account.signInLabel}
      </RouterLink>,
      ...(account.signUpLabel && account.signUpTo
        ? [
            <RouterLink key="sign-up" to={account.signUpTo} className={fr.cx("fr-btn")}>
              {account.signUpLabel}
            </RouterLink>,
          ]
        : []),
    ];
  }
  return [
    <RouterLink key="account" to={account.accountTo} className={fr.cx("fr-btn")}>
      {account.name}
    </RouterLink>,
    <button key="sign-out" type="button" className={fr.cx("fr-btn")} onClick={account.onSignOut}>
      {account.signOutLabel}
    </button>,
  ];
}
