import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../calls/model";
import { formatDateTime } from "../i18n/format";
import { StatusMessage } from "../ui";
import { DownloadLink, FileInput, ProgressBar } from "../ui/editing";
import { questionLabel } from "./QuestionField";
import { answerFieldId, type Attachment, type Question } from "./model";
import { UploadAttachmentMutation } from "./queries";
import { refusalOf, useRefusalText, type Refusal } from "./refusals";
import { uploadFile } from "./uploadFile";

type Upload =
  | { kind: "idle" }
  | { kind: "sending"; name: string; percent: number }
  | { kind: "done"; name: string }
  | { kind: "refused"; refusal: Refusal }
  | { kind: "failed" };

/** A FILE question: its current file (name, size, date, download), and a picker that uploads a
 * new one with its progress shown and announced, a refusal shown next to the field. */
export function FileQuestion({
  candidacyId,
  question,
  attachments,
  editable,
  timeZone,
}: {
  candidacyId: string;
  question: Question;
  attachments: readonly Attachment[];
  editable: boolean;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("candidacy");
  const refusalText = useRefusalText(timeZone);
  const queryClient = useQueryClient();
  const [upload, setUpload] = useState<Upload>({ kind: "idle" });
  const id = answerFieldId(question.key);
  const help = localized(question.helpText, i18n.language);
  const label = questionLabel(question, i18n.language, t("answers.required"));

  const send = async (file: File) => {
    setUpload({ kind: "sending", name: file.name, percent: 0 });
    try {
      const result = (
        await uploadFile(
          UploadAttachmentMutation,
          { candidacyId, questionKey: question.key, file },
          {
            onProgress: (loaded, total) =>
              setUpload({ kind: "sending", name: file.name, percent: Math.floor((loaded / total) * 100) }),
          },
        )
      ).uploadAttachment;
      const refusal = refusalOf(result);
      if (refusal) {
        setUpload({ kind: "refused", refusal });
        return;
      }
      setUpload({ kind: "done", name: file.name });
      await queryClient.invalidateQueries({ queryKey: ["candidacy", candidacyId] });
    } catch {
      setUpload({ kind: "failed" });
    }
  };

  const error =
    upload.kind === "refused" ? refusalText(upload.refusal) : upload.kind === "failed" ? t("upload.failed") : undefined;

  return (
    <div className="fr-mb-4w">
      {editable ? (
        <FileInput
          id={id}
          label={label}
          hint={[help, t("upload.hint")].filter(Boolean).join(" — ")}
          accept="application/pdf,.pdf"
          onSelect={(file) => void send(file)}
          error={error}
          disabled={upload.kind === "sending"}
        />
      ) : (
        <p id={id} className="fr-text--bold fr-mb-1w">
          {label}
        </p>
      )}
      {upload.kind === "sending" && (
        <ProgressBar label={t("upload.progressLabel", { name: upload.name })} value={upload.percent} />
      )}
      <StatusMessage>
        {upload.kind === "sending"
          ? t("upload.sending", { name: upload.name, percent: roundedTo10(upload.percent) })
          : upload.kind === "done"
            ? t("upload.done", { name: upload.name })
            : ""}
      </StatusMessage>
      {/* The message under the field is its description; this says it out loud at once. */}
      <p role="alert" className="fr-sr-only">
        {error}
      </p>
      <CurrentFiles attachments={attachments} timeZone={timeZone} />
    </div>
  );
}

/** Announced every ten percent, not at each progress event. */
function roundedTo10(percent: number): number {
  return Math.floor(percent / 10) * 10;
}

function CurrentFiles({ attachments, timeZone }: { attachments: readonly Attachment[]; timeZone: string }) {
  const { t, i18n } = useTranslation("candidacy");
  if (attachments.length === 0) return <p className="fr-text--sm">{t("upload.none")}</p>;
  return (
    <ul>
      {attachments.map((file) => (
        <li key={file.id}>
          <DownloadLink
            href={file.downloadUrl}
            detail={t("upload.detail", {
              size: formatSize(file.sizeBytes, i18n.language),
              date: formatDateTime(file.uploadedAt, i18n.language, timeZone),
            })}
          >
            {t("upload.download", { name: file.name })}
          </DownloadLink>
        </li>
      ))}
    </ul>
  );
}

/** "1.2 MB", "35 kB": a file's size in the reader's language. */
export function formatSize(bytes: number, language: string): string {
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : bytes >= 1_000 ? [bytes / 1_000, "kilobyte"] : [bytes, "byte"];
  return new Intl.NumberFormat(language, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}
