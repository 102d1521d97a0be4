/** Where a signed-in visitor goes when the sign-in link did not say. */
export const DEFAULT_AFTER_SIGN_IN = "/account";

const BASE = "https://same-site.invalid";

/**
 * The `?next=` path to go to after signing in, if it is a path of this site: it must start with
 * one "/" and stay on this origin once resolved ("//evil.example", "/\\evil.example",
 * "https://..." and "javascript:" are refused). Anything else gives {@link DEFAULT_AFTER_SIGN_IN}.
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || /[\\\u0000-\u001f]/.test(next)) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `path` (its pathname and search). */
export function signInPath(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
