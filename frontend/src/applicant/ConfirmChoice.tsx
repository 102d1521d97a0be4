import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../ui";

/**
 * Accept and decline buttons that ask for confirmation first: the question replaces them and
 * takes the focus, so an answer that cannot be taken back is never one keystroke away.
 */
export function ConfirmChoice({
  question,
  pending,
  onAnswer,
}: {
  question: (accept: boolean) => string;
  pending: boolean;
  onAnswer: (accept: boolean) => void;
}) {
  const { t } = useTranslation("applicant");
  const [asked, setAsked] = useState<boolean | null>(null);
  const prompt = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (asked !== null) prompt.current?.focus();
  }, [asked]);

  if (asked === null) {
    return (
      <div className="fr-btns-group fr-btns-group--inline-sm">
        <Button onClick={() => setAsked(true)}>{t("invitations.accept")}</Button>
        <Button priority="secondary" onClick={() => setAsked(false)}>
          {t("invitations.decline")}
        </Button>
      </div>
    );
  }
  return (
    <>
      <p ref={prompt} tabIndex={-1} className="fr-text--bold">
        {question(asked)}
      </p>
      <div className="fr-btns-group fr-btns-group--inline-sm">
        <Button disabled={pending} onClick={() => onAnswer(asked)}>
          {pending
            ? t("invitations.sending")
            : asked
              ? t("invitations.confirmAccept")
              : t("invitations.confirmDecline")}
        </Button>
        <Button priority="secondary" disabled={pending} onClick={() => setAsked(null)}>
          {t("invitations.cancel")}
        </Button>
      </div>
    </>
  );
}
