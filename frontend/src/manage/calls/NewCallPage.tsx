import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { QueryError } from "../../pages/QueryError";
import { usePageTitle } from "../../pages/usePageTitle";
import { canManageCalls } from "../../session/roles";
import { useSession } from "../../session/useSession";
import { AppLink, Button, Notice, SelectInput, StatusMessage } from "../../ui";
import { request } from "../../api";
import { creatableProgrammes } from "./access";
import { useCatalogue, useCreateCall, useManagedCalls } from "./api";
import { QuestionsEditor } from "./editor/QuestionsEditor";
import { GridEditor } from "./editor/GridEditor";
import {
  BudgetFields,
  EligibilityFields,
  FundersFields,
  IdentityFields,
  TimelineFields,
  TranslationFields,
} from "./editor/SettingsFields";
import { createInput, emptyDraft, structureFromCall, type CallDraft } from "./model";
import { OutcomeAlert, useOutcome } from "./outcome";
import { ProblemsContext, type ProblemCodes } from "./problems";
import { ManagedCallQuery } from "./queries";
import { draftFromTemplate, TEMPLATES, type TemplateId } from "./templates";

/** `/manage/calls/new`: a call from a template or a copy of another's structure, then edited. */
export function NewCallPage() {
  const { t } = useTranslation("manageCalls");
  usePageTitle(t("new.title"));
  const session = useSession();
  const catalogue = useCatalogue();
  if (session.data && !canManageCalls(session.data)) {
    return (
      <>
        <h1>{t("new.title")}</h1>
        <Notice title={t("access.viewer")} />
        <AppLink to="/manage/calls" variant="back">
          {t("back")}
        </AppLink>
      </>
    );
  }
  return (
    <>
      <AppLink to="/manage/calls" variant="back">
        {t("back")}
      </AppLink>
      <h1>{t("new.title")}</h1>
      {catalogue.isPending || !session.data ? (
        <StatusMessage>{t("loading")}</StatusMessage>
      ) : catalogue.isError ? (
        <QueryError error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <NewCallForm
          programmes={creatableProgrammes(session.data, catalogue.data.programmes)}
          funders={catalogue.data.funders}
        />
      )}
    </>
  );
}

type Programme = { id: string; code: string; name: string; funder: { id: string; code: string } | null };
type Funder = { id: string; code: string; name: string };

function NewCallForm({ programmes, funders }: { programmes: Programme[]; funders: Funder[] }) {
  const { t, i18n } = useTranslation("manageCalls");
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CallDraft>(emptyDraft);
  const [started, setStarted] = useState<string>("");
  const [local, setLocal] = useState<ProblemCodes>({});
  const [attempt, setAttempt] = useState(0);
  const create = useCreateCall();
  const outcome = useOutcome(create.isPending ? undefined : create.data, local);
  const change = (part: Partial<CallDraft>) => setDraft((current) => ({ ...current, ...part }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const { input, problems } = createInput(draft, i18n.language);
    setLocal(problems);
    setAttempt((n) => n + 1);
    if (Object.keys(problems).length > 0) return;
    create.mutate(input, {
      onSuccess: (result) => {
        if (result.__typename === "CallPayload") void navigate(`/manage/calls/${encodeURIComponent(result.call.id)}`);
      },
    });
  };

  return (
    <>
      <StartingPoint
        programmes={programmes}
        funders={funders}
        onStart={(next, name) => {
          setDraft(next);
          setStarted(name);
        }}
        onCopy={(structure, name) => {
          setDraft((current) => ({ ...current, ...structure }));
          setStarted(name);
        }}
      />
      <StatusMessage>{started}</StatusMessage>
      <ProblemsContext.Provider value={outcome.codes}>
        <form onSubmit={submit} aria-label={t("new.details")} noValidate>
          {create.isError && <QueryError error={create.error} />}
          <OutcomeAlert outcome={outcome} attempt={attempt} />
          <h2>{t("sections.general")}</h2>
          <IdentityFields value={draft} onChange={change} programmes={programmes} />
          <h2>{t("sections.translations")}</h2>
          <TranslationFields value={draft} onChange={change} />
          <h2>{t("sections.budget")}</h2>
          <BudgetFields value={draft} onChange={change} />
          <h2>{t("sections.funders")}</h2>
          <FundersFields value={draft.funders} onChange={(funders) => change({ funders })} funders={funders} />
          <h2>{t("sections.timeline")}</h2>
          <TimelineFields value={draft.timeline} onChange={(timeline) => change({ timeline })} />
          <h2>{t("sections.eligibility")}</h2>
          <EligibilityFields value={draft.eligibility} onChange={(eligibility) => change({ eligibility })} />
          <h2>{t("sections.form")}</h2>
          <QuestionsEditor value={draft.questions} onChange={(questions) => change({ questions })} />
          <h2>{t("sections.grid")}</h2>
          <GridEditor value={draft.grid} onChange={(grid) => change({ grid })} />
          <div className="fr-mt-4w">
            <Button type="submit">{create.isPending ? t("new.creating") : t("new.create")}</Button>
          </div>
        </form>
      </ProblemsContext.Provider>
    </>
  );
}

/** Templates for the user's programmes, and "copy the structure of a call I can read". */
function StartingPoint(props: {
  programmes: Programme[];
  funders: Funder[];
  onStart: (draft: CallDraft, name: string) => void;
  onCopy: (structure: Pick<CallDraft, "questions" | "grid" | "eligibility">, name: string) => void;
}) {
  const { t } = useTranslation("manageCalls");
  const offered = TEMPLATES.filter((template) => props.programmes.some((p) => p.code === template.programmeCode));
  const [chosen, setChosen] = useState<TemplateId | "">(offered[0]?.id ?? "");
  return (
    <section aria-labelledby="new-call-start">
      <h2 id="new-call-start">{t("new.start")}</h2>
      {offered.length === 0 ? (
        <p>{t("new.noTemplate")}</p>
      ) : (
        <div>
          <SelectInput
            label={t("new.template")}
            value={chosen}
            onChange={(id) => setChosen(id as TemplateId)}
            options={offered.map((template) => ({ value: template.id, label: t(`templates.${template.id}`) }))}
          />
          <Button
            priority="secondary"
            onClick={() => {
              const template = offered.find((candidate) => candidate.id === chosen);
              if (template)
                props.onStart(
                  draftFromTemplate(template, { programmes: props.programmes, funders: props.funders }, new Date()),
                  t("new.templateApplied", { name: t(`templates.${template.id}`) }),
                );
            }}
          >
            {t("new.useTemplate")}
          </Button>
        </div>
      )}
      <CopyStructure onCopy={props.onCopy} />
    </section>
  );
}

function CopyStructure({ onCopy }: { onCopy: (s: Pick<CallDraft, "questions" | "grid" | "eligibility">, name: string) => void }) {
  const { t } = useTranslation("manageCalls");
  const calls = useManagedCalls();
  const [source, setSource] = useState("");
  const [failed, setFailed] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  if (!calls.data || calls.data.edges.length === 0) return null;
  const copy = async () => {
    if (!source) return;
    setLoading(true);
    setFailed(null);
    try {
      const { call } = await request(ManagedCallQuery, { id: source });
      if (call) onCopy(structureFromCall(call), t("new.copied", { reference: call.reference }));
    } catch (error) {
      setFailed(error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="fr-mt-3w">
      <SelectInput
        label={t("new.copyFrom")}
        hint={t("new.copyHint")}
        value={source}
        onChange={setSource}
        options={[
          { value: "", label: t("new.chooseCall") },
          ...calls.data.edges.map(({ node }) => ({ value: node.id, label: `${node.reference} — ${node.title}` })),
        ]}
      />
      <Button priority="secondary" disabled={!source || loading} onClick={() => void copy()}>
        {t("new.copy")}
      </Button>
      {failed !== null && <QueryError error={failed} />}
    </div>
  );
}
