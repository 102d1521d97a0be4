import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../../pages/QueryError";
import { Button, StatusMessage } from "../../../ui";
import type { FunderRef } from "../access";
import { useCatalogue, useRespondToCoFunding } from "../api";
import type { SectionProps } from "../CallAdminPage";
import { FundersFields } from "../editor/SettingsFields";
import { draftFromCall, fundersInput } from "../model";
import { OutcomeAlert, useOutcome } from "../outcome";
import { ProblemsContext } from "../problems";
import { SectionForm } from "../SectionForm";
import { FundersView } from "../views";

/** The funders' shares and answers; a co-funder's manager accepts or declines here. */
export function FundersSection({ call, access }: SectionProps) {
  const { t, i18n } = useTranslation("manageCalls");
  const catalogue = useCatalogue();
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.funders")}</h2>
      <FundersView call={call} />
      {access.respondAs.map((funder) => (
        <CoFundingAnswer key={funder.id} callId={call.id} funder={funder} />
      ))}
      {access.mode === "manage" && catalogue.data && (
        <SectionForm
          callId={call.id}
          label={t("funders.edit")}
          initial={draftFromCall(call, i18n.language)}
          toInput={(draft, problems) => ({ funders: fundersInput(draft, problems, i18n.language) })}
        >
          {(draft, set) => (
            <>
              <h3>{t("funders.edit")}</h3>
              <FundersFields value={draft.funders} onChange={(funders) => set({ ...draft, funders })} funders={catalogue.data.funders} />
            </>
          )}
        </SectionForm>
      )}
    </section>
  );
}

function CoFundingAnswer({ callId, funder }: { callId: string; funder: FunderRef }) {
  const { t } = useTranslation("manageCalls");
  const respond = useRespondToCoFunding(callId);
  const [attempt, setAttempt] = useState(0);
  const outcome = useOutcome(respond.isPending ? undefined : respond.data);
  const answer = (accept: boolean) => {
    setAttempt((n) => n + 1);
    respond.mutate({ funderId: funder.id, accept });
  };
  const done = !respond.isPending && respond.data?.__typename === "CallPayload";
  return (
    <div className="fr-mt-3w">
      <h3>{t("coFunding.title", { funder: funder.name })}</h3>
      <p>{t("coFunding.explain")}</p>
      {respond.isError && <QueryError error={respond.error} />}
      <ProblemsContext.Provider value={outcome.codes}>
        <OutcomeAlert outcome={outcome} attempt={attempt} />
      </ProblemsContext.Provider>
      <div className="fr-btns-group fr-btns-group--inline-sm">
        <Button disabled={respond.isPending} onClick={() => answer(true)}>
          {t("coFunding.accept")}
        </Button>
        <Button priority="secondary" disabled={respond.isPending} onClick={() => answer(false)}>
          {t("coFunding.decline")}
        </Button>
      </div>
      <StatusMessage>{done ? t("coFunding.recorded") : ""}</StatusMessage>
    </div>
  );
}
