import { fr } from "./dsfrFr";
import type { ReactNode } from "react";

/** A plain link to a file the cookie session may download (not a client-side navigation). */
export function DownloadLink({ href, children, detail }: { href: string; children: ReactNode; detail?: string }) {
  return (
    <a className={fr.cx("fr-link", "fr-link--download")} href={href} download>
      {children}
      {detail && <span className={fr.cx("fr-link__detail")}>{detail}</span>}
    </a>
  );
}
