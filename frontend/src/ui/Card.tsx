import { Card as DsfrCard } from "@codegouvfr/react-dsfr/Card";
import type { ReactNode } from "react";

export interface LinkCardProps {
  title: ReactNode;
  to: string;
  /** The title's level in the page outline. */
  headingLevel: 2 | 3 | 4;
  /** Above the title: badges. */
  start?: ReactNode;
  desc?: ReactNode;
  /** Under the description: dates, figures. */
  end?: ReactNode;
}

/** A card whose whole surface links to a page; its title is the link text. */
export function LinkCard({ title, to, headingLevel, start, desc, end }: LinkCardProps) {
  return (
    <DsfrCard
      title={title}
      titleAs={`h${headingLevel}`}
      linkProps={{ to }}
      enlargeLink
      size="medium"
      border
      start={start}
      desc={desc}
      end={end}
    />
  );
}
