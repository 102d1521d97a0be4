import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../test/render";
import { CANDIDACY_ID, mockEditor } from "./testData";

/** A stand-in for XMLHttpRequest: records what is sent; the test drives progress and answer. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = "";
  withCredentials = false;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return name.toLowerCase() === "content-type" ? "application/graphql-response+json" : null;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.last = this;
  }
  abort() {}
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(data: unknown) {
    this.status = 200;
    this.responseText = JSON.stringify({ data });
    this.onload?.();
  }
}

const PATH = `/candidacies/${CANDIDACY_ID}/answers`;

async function pickFile(name = "protocole-v2.pdf") {
  const input = await screen.findByLabelText(/^Protocole/);
  const file = new File(["%PDF-1.7"], name, { type: "application/pdf" });
  fireEvent.change(input, { target: { files: [file] } });
  await waitFor(() => expect(FakeXhr.last).not.toBeNull());
  return FakeXhr.last!;
}

describe("a file question", () => {
  afterEach(() => {
    FakeXhr.last = null;
    vi.unstubAllGlobals();
  });

  it("uploads as a GraphQL multipart request, its progress shown and announced", async () => {
    const operations = mockEditor();
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    await renderApp(PATH);
    const xhr = await pickFile();

    expect([xhr.method, xhr.url, xhr.headers["X-Requested-With"]]).toEqual(["POST", "/graphql", "aap"]);
    const operation = JSON.parse(String(xhr.body!.get("operations"))) as { query: string; variables: Record<string, unknown> };
    expect(operation.query).toContain("mutation UploadAttachment");
    expect(operation.variables).toEqual({ candidacyId: CANDIDACY_ID, questionKey: "protocol", file: null });
    expect(JSON.parse(String(xhr.body!.get("map")))).toEqual({ "0": ["variables.file"] });
    expect((xhr.body!.get("0") as File).name).toBe("protocole-v2.pdf");

    xhr.progress(45, 100);
    const bar = await screen.findByRole("progressbar", { name: "Envoi de protocole-v2.pdf" });
    expect(bar.getAttribute("value")).toBe("45");
    const announced = await screen.findByText("Envoi de protocole-v2.pdf : 40 %");
    expect(announced.getAttribute("role")).toBe("status");

    const editorQueries = () => operations.filter((o) => o.query.includes("query CandidacyEditor")).length;
    const before = editorQueries();
    xhr.answer({
      uploadAttachment: {
        __typename: "AttachmentPayload",
        attachment: {
          id: "QXR0YWNobWVudDoy",
          questionKey: "protocol",
          name: "protocole-v2.pdf",
          contentType: "application/pdf",
          sizeBytes: 8,
          uploadedAt: "2027-03-01T09:00:00+00:00",
          downloadUrl: "/downloads/attachments/2",
        },
      },
    });
    expect(await screen.findByText("Fichier protocole-v2.pdf envoyé.")).toBeTruthy();
    await waitFor(() => expect(editorQueries()).toBeGreaterThan(before)); // the list is read again
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it.each([
    ["UNSUPPORTED_FILE_TYPE", /seul le format PDF est accepté/],
    ["UPLOAD_TOO_LARGE", /il est trop volumineux/],
    ["CORRUPT_FILE", /illisible ou endommagé/],
    ["ENCRYPTED_FILE", /protégé par un mot de passe/],
    ["PDF_ACTIVE_CONTENT", /contenus actifs/],
    ["UPLOAD_REJECTED", /son contenu n’est pas accepté/],
  ])("shows a refused file (%s) next to its field, announced", async (code, expected) => {
    mockEditor();
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    await renderApp(PATH);
    const xhr = await pickFile("notes.pdf");
    xhr.answer({ uploadAttachment: { __typename: "UploadRejectedError", code, message: "in English" } });

    const messages = await screen.findAllByText(expected);
    expect(messages.some((m) => m.closest("[role=alert]"))).toBe(true);
    const input = screen.getByLabelText(/^Protocole/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id));
    expect(described.some((element) => element && expected.test(element.textContent ?? ""))).toBe(true);
  });

  it("says when the upload could not reach the server", async () => {
    mockEditor();
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    await renderApp(PATH);
    const xhr = await pickFile();
    xhr.onerror?.();
    expect((await screen.findAllByText(/L’envoi a échoué/)).length).toBeGreaterThan(0);
  });
});
