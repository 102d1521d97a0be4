import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import { QueryError } from "../pages/QueryError";
import { Button } from "../ui";
import { FocusedAlert } from "./FocusedAlert";
import type { Candidacy } from "./model";
import { WithdrawCandidacyMutation } from "./queries";
import { refusalOf, useRefusalText } from "./refusals";

/** Withdraw the candidacy (lead members, before the deadline), once confirmed. */
export function WithdrawSection({ candidacy, timeZone }: { candidacy: Candidacy; timeZone: string }) {
  const { t } = useTranslation("candidacy");
  const refusalText = useRefusalText(timeZone);
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: async () => (await request(WithdrawCandidacyMutation, { id: candidacy.id })).withdrawCandidacy,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["candidacy", candidacy.id] }),
  });
  const refusal = withdraw.isPending ? null : refusalOf(withdraw.data);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus(); // the keyboard follows to the question asked
  }, [confirming]);

  return (
    <section aria-labelledby="withdraw-title" className="fr-mt-6w">
      <h2 id="withdraw-title">{t("withdraw.title")}</h2>
      <p>{t("withdraw.text")}</p>
      {withdraw.isError && <QueryError error={withdraw.error} />}
      {refusal && <FocusedAlert description={refusalText(refusal)} />}
      {confirming ? (
        <div role="group" aria-labelledby="withdraw-confirm">
          <p id="withdraw-confirm" className="fr-text--bold" tabIndex={-1} ref={question}>
            {t("withdraw.confirmQuestion")}
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
                {t("withdraw.confirm")}
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setConfirming(false)}>
                {t("withdraw.cancel")}
              </Button>
            </li>
          </ul>
        </div>
      ) : (
        <Button priority="secondary" onClick={() => setConfirming(true)}>
          {t("withdraw.start")}
        </Button>
      )}
    </section>
  );
}
