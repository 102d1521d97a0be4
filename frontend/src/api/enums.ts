/**
 * The values of the API's enums that screens offer as choices, in the order they offer them.
 * One list per enum for every area (each area's generated types name the same values);
 * `enums.test.ts` checks each list against the committed schema, so a value the API adds shows
 * up in a failing test, not as a choice no screen offers.
 */
export const ORGANISATION_KINDS = [
  "HEALTH_ESTABLISHMENT",
  "MEDICO_SOCIAL_ESTABLISHMENT",
  "COMPANY",
  "ACADEMIC_LAB",
  "PUBLIC_BODY",
  "ASSOCIATION",
] as const;

export type OrganisationKindValue = (typeof ORGANISATION_KINDS)[number];
