import { useTranslation } from "react-i18next";
import { Button } from "../../../ui";
import { CheckboxField, FormInput } from "../../../ui/editing";
import { GroupProblem, PathInput, PathSelect } from "./PathInput";
import { emptyQuestion, emptyTexts, hasChoices, newUid, QUESTION_KINDS, type ChoiceDraft, type QuestionDraft } from "../model";
import { ItemControls, ListAnnouncement } from "./ListControls";
import { useListEditing } from "./listEditing";
import { TextsFields } from "./TextsFields";

/** The application form: questions added, removed and moved with buttons. */
export function QuestionsEditor({ value, onChange }: { value: QuestionDraft[]; onChange: (v: QuestionDraft[]) => void }) {
  const { t } = useTranslation("manageCalls");
  const list = useListEditing(value, onChange, "question");
  return (
    <div>
      <GroupProblem path="questions" />
      {value.length === 0 && <p>{t("questions.none")}</p>}
      <ol className="fr-raw-list">
        {value.map((question, index) => (
          <li key={question.uid} id={list.itemId(question.uid)}>
            <h3 className="fr-h6">{t("questions.item", { position: index + 1 })}</h3>
            <QuestionFields
              path={`questions[${index}]`}
              value={question}
              onChange={(next) => list.update(index, next)}
            />
            <ItemControls
              idBase={list.itemId(question.uid)}
              name={t("questions.item", { position: index + 1 })}
              index={index}
              count={value.length}
              onMove={(delta) => list.move(index, delta)}
              onRemove={() => list.remove(index)}
            />
          </li>
        ))}
      </ol>
      <span id={list.addId}>
        <Button priority="secondary" onClick={() => list.add(emptyQuestion())}>
          {t("questions.add")}
        </Button>
      </span>
      <ListAnnouncement announcement={list.announcement} itemName={t("questions.name")} />
    </div>
  );
}

function QuestionFields({ path, value, onChange }: { path: string; value: QuestionDraft; onChange: (v: QuestionDraft) => void }) {
  const { t } = useTranslation("manageCalls");
  const set = <K extends keyof QuestionDraft>(key: K, field: QuestionDraft[K]) => onChange({ ...value, [key]: field });
  return (
    <>
      <PathInput
        label={t("questions.key")}
        hint={t("questions.keyHint")}
        value={value.key}
        onChange={(key) => set("key", key)}
        path={`${path}.key`}
      />
      <PathSelect
        label={t("questions.kind")}
        value={value.kind}
        onChange={(kind) => set("kind", kind as QuestionDraft["kind"])}
        options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`questionKinds.${kind}`) }))}
        path={`${path}.kind`}
      />
      <TextsFields legend={t("questions.label")} path={`${path}.label`} value={value.label} onChange={(v) => set("label", v)} />
      <TextsFields
        legend={t("questions.helpText")}
        path={`${path}.helpText`}
        value={value.helpText}
        onChange={(v) => set("helpText", v)}
        multiline
      />
      <CheckboxField
        legend={t("questions.requiredLegend")}
        small
        options={[{ label: t("questions.required"), checked: value.required, onChange: (checked) => set("required", checked) }]}
      />
      {value.kind === "TEXT" && (
        <PathInput
          type="integer"
          label={t("questions.maxLength")}
          value={value.maxLength}
          onChange={(v) => set("maxLength", v)}
          path={`${path}.maxLength`}
        />
      )}
      {value.kind === "NUMBER" && (
        <>
          <PathInput type="decimal" label={t("questions.minValue")} value={value.minValue} onChange={(v) => set("minValue", v)} path={`${path}.minValue`} />
          <PathInput type="decimal" label={t("questions.maxValue")} value={value.maxValue} onChange={(v) => set("maxValue", v)} path={`${path}.maxValue`} />
        </>
      )}
      {hasChoices(value.kind) && (
        <ChoicesEditor path={`${path}.choices`} value={value.choices} onChange={(choices) => set("choices", choices)} />
      )}
    </>
  );
}

function ChoicesEditor({ path, value, onChange }: { path: string; value: ChoiceDraft[]; onChange: (v: ChoiceDraft[]) => void }) {
  const { t } = useTranslation("manageCalls");
  const list = useListEditing(value, onChange, `${path.replace(/\W/g, "-")}`);
  return (
    <div className="fr-ml-2w">
      <h4 className="fr-text--md fr-text--bold">{t("choices.title")}</h4>
      <GroupProblem path={path} />
      <ol>
        {value.map((choice, index) => (
          <li key={choice.uid} id={list.itemId(choice.uid)}>
            <FormInput
              label={t("choices.value", { position: index + 1 })}
              value={choice.value}
              onChange={(v) => list.update(index, { ...choice, value: v })}
            />
            <TextsFields
              legend={t("choices.label", { position: index + 1 })}
              path={`${path}[${index}].label`}
              value={choice.label}
              onChange={(label) => list.update(index, { ...choice, label })}
            />
            <ItemControls
              idBase={list.itemId(choice.uid)}
              name={t("choices.item", { position: index + 1 })}
              index={index}
              count={value.length}
              onMove={(delta) => list.move(index, delta)}
              onRemove={() => list.remove(index)}
            />
          </li>
        ))}
      </ol>
      <span id={list.addId}>
        <Button priority="secondary" onClick={() => list.add({ uid: newUid(), value: "", label: emptyTexts() })}>
          {t("choices.add")}
        </Button>
      </span>
      <ListAnnouncement announcement={list.announcement} itemName={t("choices.name")} />
    </div>
  );
}
