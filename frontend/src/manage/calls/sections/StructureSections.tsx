import { useTranslation } from "react-i18next";
import type { SectionProps } from "../CallAdminPage";
import { GridEditor } from "../editor/GridEditor";
import { QuestionsEditor } from "../editor/QuestionsEditor";
import { BudgetFields, EligibilityFields, TimelineFields, TranslationFields } from "../editor/SettingsFields";
import { cents, draftFromCall, eligibilityInput, gridInput, questionsInput, textsInput, timelineInput } from "../model";
import { SectionForm } from "../SectionForm";
import { EligibilityView, GeneralView, GridView, missingTranslations, QuestionsView, TranslationsView } from "../views";

/** The sections of a call edited with `updateCall`, or read by who may not change them. */

export function GeneralSection({ call, access }: SectionProps) {
  const { t, i18n } = useTranslation("manageCalls");
  const draft = draftFromCall(call, i18n.language);
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.general")}</h2>
      <GeneralView call={call} />
      {access.mode === "manage" && (
        <SectionForm
          callId={call.id}
          label={t("sections.general")}
          initial={{ budget: draft, timeline: draft.timeline }}
          toInput={(value, problems) => {
            const { budgetEnvelope, capPerCandidacy } = value.budget;
            return {
              budgetEnvelopeCents: cents(budgetEnvelope, "budgetEnvelopeCents", problems, i18n.language) ?? 0,
              capPerCandidacyCents: cents(capPerCandidacy, "capPerCandidacyCents", problems, i18n.language, true),
              themes: value.budget.themes
                .split(",")
                .map((theme) => theme.trim())
                .filter(Boolean),
              timeline: timelineInput(value.timeline, problems),
            };
          }}
        >
          {(value, set) => (
            <>
              <h3>{t("save.edit")}</h3>
              <BudgetFields value={value.budget} onChange={(part) => set({ ...value, budget: { ...value.budget, ...part } })} />
              <TimelineFields value={value.timeline} onChange={(timeline) => set({ ...value, timeline })} />
            </>
          )}
        </SectionForm>
      )}
    </section>
  );
}

export function TranslationsSection({ call, access }: SectionProps) {
  const { t, i18n } = useTranslation("manageCalls");
  const missing = missingTranslations(call);
  const draft = draftFromCall(call, i18n.language);
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.translations")}</h2>
      <p>
        {missing.length === 0
          ? t("translations.complete")
          : t("translations.incomplete", { languages: missing.map((l) => t(`languages.${l}`)).join(", ") })}
      </p>
      <TranslationsView call={call} />
      {access.mode === "manage" && (
        <SectionForm
          callId={call.id}
          label={t("sections.translations")}
          initial={{ title: draft.title, description: draft.description }}
          toInput={(value) => ({ title: textsInput(value.title), description: textsInput(value.description) })}
        >
          {(value, set) => (
            <>
              <h3>{t("save.edit")}</h3>
              <TranslationFields value={value} onChange={(part) => set({ ...value, ...part })} />
            </>
          )}
        </SectionForm>
      )}
    </section>
  );
}

export function FormSection({ call, access }: SectionProps) {
  const { t, i18n } = useTranslation("manageCalls");
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.form")}</h2>
      {access.mode === "manage" ? (
        <SectionForm
          callId={call.id}
          label={t("sections.form")}
          initial={draftFromCall(call, i18n.language).questions}
          toInput={(questions) => ({ questions: questionsInput(questions) })}
        >
          {(questions, set) => <QuestionsEditor value={questions} onChange={set} />}
        </SectionForm>
      ) : (
        <QuestionsView call={call} />
      )}
    </section>
  );
}

export function GridSection({ call, access }: SectionProps) {
  const { t, i18n } = useTranslation("manageCalls");
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.grid")}</h2>
      {access.mode === "manage" ? (
        <SectionForm
          callId={call.id}
          label={t("sections.grid")}
          initial={draftFromCall(call, i18n.language).grid}
          toInput={(grid) => ({ grid: gridInput(grid) })}
        >
          {(grid, set) => <GridEditor value={grid} onChange={set} />}
        </SectionForm>
      ) : (
        <GridView call={call} />
      )}
    </section>
  );
}

export function EligibilitySection({ call, access }: SectionProps) {
  const { t, i18n } = useTranslation("manageCalls");
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.eligibility")}</h2>
      {access.mode === "manage" ? (
        <SectionForm
          callId={call.id}
          label={t("sections.eligibility")}
          initial={draftFromCall(call, i18n.language).eligibility}
          toInput={(rules) => ({ eligibility: eligibilityInput(rules) })}
        >
          {(rules, set) => <EligibilityFields value={rules} onChange={set} />}
        </SectionForm>
      ) : (
        <EligibilityView call={call} />
      )}
    </section>
  );
}
