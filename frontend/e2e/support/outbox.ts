import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";

/** Where `aap dev` (e2e/server.mjs) writes its mails as .eml files: its worker sends them. */
export const OUTBOX = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "var", "e2e", "outbox");

/** A mail's text with its quoted-printable and base64 parts decoded. */
export function mailText(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const base64 = [...raw.matchAll(/\r?\n\r?\n((?:[A-Za-z0-9+/=]{4,}\r?\n?)+)/g)]
    .map((match) => Buffer.from((match[1] ?? "").replace(/\s/g, ""), "base64").toString("utf8"))
    .join("\n");
  return `${qp}\n${base64}`;
}

/**
 * The path and fragment of the newest link to `path` (`/confirm-email`, `/reset-password`) in a
 * mail to `email` sent since `after` (ms since the epoch), waiting up to 60 s for the worker to
 * send it (a loaded CI machine once took more than 15 s). The mail's host is the server's public URL, not necessarily the one under test: only
 * the path and the code are kept.
 */
export async function linkFromOutbox(email: string, path: string, after: number): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"<>]*${path}#code=[A-Za-z0-9_\\-.~%]+`);
  let found = "";
  await expect
    .poll(
      () => {
        let files: string[] = [];
        try {
          files = readdirSync(OUTBOX).filter((name) => name.endsWith(".eml"));
        } catch {
          return "";
        }
        const newest = files
          .map((name) => ({ name, time: statSync(resolve(OUTBOX, name)).mtimeMs }))
          .filter(({ time }) => time >= after)
          .sort((a, b) => b.time - a.time);
        for (const { name } of newest) {
          const text = mailText(readFileSync(resolve(OUTBOX, name), "utf8"));
          const link = text.includes(email) ? pattern.exec(text)?.[0] : undefined;
          if (link) {
            const url = new URL(link);
            found = `${url.pathname}${url.hash}`;
            return found;
          }
        }
        return "";
      },
      { timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .not.toBe("");
  return found;
}
