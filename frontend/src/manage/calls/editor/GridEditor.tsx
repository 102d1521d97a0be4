import { useTranslation } from "react-i18next";
import { Button } from "../../../ui";
import { CheckboxField } from "../../../ui/editing";
import { GroupProblem, PathInput } from "./PathInput";
import { emptyCriterion, type CriterionDraft, type GridDraft } from "../model";
import { ItemControls, ListAnnouncement } from "./ListControls";
import { useListEditing } from "./listEditing";
import { TextsFields } from "./TextsFields";

/** The weighted evaluation grid: criteria, thresholds, experts per candidacy. */
export function GridEditor({ value, onChange }: { value: GridDraft; onChange: (v: GridDraft) => void }) {
  const { t } = useTranslation("manageCalls");
  const list = useListEditing(value.criteria, (criteria) => onChange({ ...value, criteria }), "criterion");
  return (
    <div>
      <PathInput
        type="decimal"
        label={t("grid.overallThreshold")}
        value={value.overallThreshold}
        onChange={(v) => onChange({ ...value, overallThreshold: v })}
        path={"grid.overallThreshold"}
      />
      <PathInput
        type="integer"
        label={t("grid.expertsPerCandidacy")}
        value={value.expertsPerCandidacy}
        onChange={(v) => onChange({ ...value, expertsPerCandidacy: v })}
        path={"grid.expertsPerCandidacy"}
      />
      <CheckboxField
        legend={t("grid.blindReviewLegend")}
        small
        options={[{ label: t("grid.blindReview"), checked: value.blindReview, onChange: (v) => onChange({ ...value, blindReview: v }) }]}
      />
      <GroupProblem path="grid.criteria" />
      <ol className="fr-raw-list">
        {value.criteria.map((criterion, index) => (
          <li key={criterion.uid} id={list.itemId(criterion.uid)}>
            <h3 className="fr-h6">{t("grid.item", { position: index + 1 })}</h3>
            <CriterionFields path={`grid.criteria[${index}]`} value={criterion} onChange={(c) => list.update(index, c)} />
            <ItemControls
              idBase={list.itemId(criterion.uid)}
              name={t("grid.item", { position: index + 1 })}
              index={index}
              count={value.criteria.length}
              onMove={(delta) => list.move(index, delta)}
              onRemove={() => list.remove(index)}
            />
          </li>
        ))}
      </ol>
      <span id={list.addId}>
        <Button priority="secondary" onClick={() => list.add(emptyCriterion())}>
          {t("grid.add")}
        </Button>
      </span>
      <ListAnnouncement announcement={list.announcement} itemName={t("grid.name")} />
    </div>
  );
}

function CriterionFields({ path, value, onChange }: { path: string; value: CriterionDraft; onChange: (v: CriterionDraft) => void }) {
  const { t } = useTranslation("manageCalls");
  const decimal = (key: "weight" | "scaleMin" | "scaleMax" | "step" | "threshold") => (
    <PathInput
      key={key}
      type="decimal"
      label={t(`grid.${key}`)}
      value={value[key]}
      onChange={(v) => onChange({ ...value, [key]: v })}
      path={`${path}.${key}`}
    />
  );
  return (
    <>
      <PathInput label={t("grid.key")} hint={t("questions.keyHint")} value={value.key} onChange={(key) => onChange({ ...value, key })} path={`${path}.key`} />
      <TextsFields legend={t("grid.label")} path={`${path}.label`} value={value.label} onChange={(label) => onChange({ ...value, label })} />
      {decimal("weight")}
      {decimal("scaleMin")}
      {decimal("scaleMax")}
      {decimal("step")}
      {decimal("threshold")}
    </>
  );
}
