import { useTranslation } from "react-i18next";
import { Button, StatusMessage } from "../../../ui";

/** An item's move and remove buttons, named with the item ("Move question 2 up"). */
export function ItemControls(props: {
  idBase: string;
  name: string;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation("manageCalls");
  return (
    <div className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
      <MoveButton id={`${props.idBase}-up`} disabled={props.index === 0} onClick={() => props.onMove(-1)}>
        {t("list_editing.moveUp", { name: props.name })}
      </MoveButton>
      <MoveButton id={`${props.idBase}-down`} disabled={props.index === props.count - 1} onClick={() => props.onMove(1)}>
        {t("list_editing.moveDown", { name: props.name })}
      </MoveButton>
      <MoveButton id={`${props.idBase}-remove`} onClick={props.onRemove}>
        {t("list_editing.remove", { name: props.name })}
      </MoveButton>
    </div>
  );
}

function MoveButton(props: { id: string; disabled?: boolean; onClick: () => void; children: string }) {
  return (
    <span id={props.id} style={{ display: "contents" }}>
      <Button priority="tertiary" disabled={props.disabled} onClick={props.onClick}>
        {props.children}
      </Button>
    </span>
  );
}

/** What the last add, remove or move did, announced politely. */
export function ListAnnouncement({
  announcement,
  itemName,
}: {
  announcement: { key: string; position: number; to?: number } | null;
  itemName: string;
}) {
  const { t } = useTranslation("manageCalls");
  const text =
    announcement === null
      ? ""
      : announcement.key === "added"
        ? t("list_editing.added", { name: itemName, position: announcement.position })
        : announcement.key === "removed"
          ? t("list_editing.removed", { name: itemName, position: announcement.position })
          : t("list_editing.moved", { name: itemName, position: announcement.position, to: announcement.to });
  return <StatusMessage>{text}</StatusMessage>;
}
