import { useTranslation } from "react-i18next";
import { countryName } from "../i18n/format";
import { AppLink } from "../ui";
import { questionLabel } from "./QuestionField";
import { candidacyPath, problemTarget, type Call, type FieldProblem } from "./model";

const KNOWN = [
  "MISSING_ANSWER",
  "MISSING_DOCUMENT",
  "PARTNER_INVITATION_PENDING",
  "PARTNER_DECLINED",
  "PARTNER_COUNTRY",
  "ORGANISATION_KIND",
  "PARTNER_COUNT",
  "MISSING_DURATION",
  "DURATION",
  "BUDGET_MISSING",
  "BUDGET_CAP",
  "PARTNER_SHARE_MISMATCH",
] as const;

/** What stops the submission, each problem in the reader's language and a link to its field. */
export function ProblemList({
  candidacyId,
  call,
  problems,
  labelledBy,
}: {
  candidacyId: string;
  call: Call;
  problems: readonly FieldProblem[];
  labelledBy: string;
}) {
  const text = useProblemText(call);
  return (
    <ul aria-labelledby={labelledBy}>
      {problems.map((problem, index) => {
        const target = problemTarget(problem.field);
        return (
          <li key={`${problem.field}-${problem.code}-${index}`}>
            {target ? (
              <AppLink to={`${candidacyPath(candidacyId, target.section)}#${target.id}`}>{text(problem)}</AppLink>
            ) : (
              text(problem)
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A problem of `submissionCheck` or of a refused submission, said in the reader's language; a
 * problem with one partner names it (`organisationName`, "a partner" if the API gave none).
 */
export function useProblemText(call: Call) {
  const { t, i18n } = useTranslation("candidacy");
  return (problem: FieldProblem): string => {
    const key = problem.field.split(".")[1] ?? "";
    const question = call.questions.find((q) => q.key === key);
    const label = question ? questionLabel({ ...question, required: false }, i18n.language, "") : key;
    const organisation = problem.organisationName ?? t("problems.somePartner");
    const bound = boundText(problem);
    if (bound) return bound;
    if ((KNOWN as readonly string[]).includes(problem.code)) {
      return t(`problems.${problem.code as (typeof KNOWN)[number]}`, { label, organisation });
    }
    return t("problems.other", { field: problem.field || t("problems.wholeCandidacy") });
  };

  /** What to reach, when the problem gives the call's bounds (older servers give none). */
  function boundText({ code, country, minimum, maximum }: FieldProblem): string | null {
    if (code === "PARTNER_COUNTRY" && country && minimum != null) {
      return t("problems.partnerCountry", { count: minimum, country: countryName(country, i18n.language) });
    }
    if (code !== "PARTNER_COUNT" && code !== "DURATION") return null;
    const subject = code === "PARTNER_COUNT" ? "partnerCount" : "duration";
    if (minimum != null && maximum != null) return t(`problems.${subject}Between`, { minimum, maximum });
    if (minimum != null) return t(`problems.${subject}AtLeast`, { count: minimum });
    if (maximum != null) return t(`problems.${subject}AtMost`, { count: maximum });
    return null;
  }
}
