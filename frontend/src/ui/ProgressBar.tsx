/** How far a task has gone (an upload), named by `label` for assistive technologies. */
export function ProgressBar({ label, value, max = 100 }: { label: string; value: number; max?: number }) {
  return (
    <progress className="fr-mt-1w" aria-label={label} value={value} max={max} style={{ width: "100%" }}>
      {Math.round((value / max) * 100)} %
    </progress>
  );
}
