import type { TFunction } from "i18next";

/** The problems of an InvalidInputError split for a form: a message under each field the form
 * shows (`messageFor`), and one announced alert (the messages under the fields reach only who
 * reads them; a problem on a field the form does not show gets the generic text). */
export function formProblems<F extends string>(
  t: TFunction,
  problems: readonly { field: string }[],
  shown: readonly F[],
  messageFor: (field: F) => string,
): { form: string; fields: Partial<Record<F, string>> } {
  const fields: Partial<Record<F, string>> = {};
  let other = false;
  for (const { field } of problems) {
    if ((shown as readonly string[]).includes(field)) fields[field as F] = messageFor(field as F);
    else other = true;
  }
  return { form: other ? t("signIn.invalidInput") : t("signIn.checkFields"), fields };
}
