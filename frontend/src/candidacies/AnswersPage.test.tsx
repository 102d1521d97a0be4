import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render";
import { CANDIDACY_ID, checkData, editorData, mockEditor, sent } from "./testData";

const PATH = `/candidacies/${CANDIDACY_ID}/answers`;

function saved(id = CANDIDACY_ID) {
  return { saveCandidacyAnswers: { __typename: "CandidacyPayload", candidacy: { id, hasUnsubmittedChanges: true } } };
}

function answersOf(operation: { variables: Record<string, unknown> }) {
  return operation.variables.answers as { questionKey: string; value: unknown }[];
}

describe("the answers page", () => {
  it("shows each question as its kind asks, in the reader's language, required ones marked", async () => {
    mockEditor();
    await renderApp(PATH);

    const summary = (await screen.findByLabelText(/^Résumé \(obligatoire\)/)) as HTMLTextAreaElement;
    expect(summary.id).toBe("answer-summary");
    expect(summary.tagName).toBe("TEXTAREA");
    expect(summary.maxLength).toBe(500);
    expect(summary.value).toBe("Une étude");
    expect(screen.getByText(/En quelques phrases — 491 caractères restants sur 500/)).toBeTruthy();

    const sites = screen.getByLabelText(/^Nombre de sites \(obligatoire\)/) as HTMLInputElement;
    expect([sites.id, sites.type, sites.min, sites.max, sites.value]).toEqual(["answer-sites", "number", "1.0000", "10.0000", "2"]);
    expect(screen.getByText("Entre 1 et 10")).toBeTruthy();

    const start = screen.getByLabelText("Démarrage") as HTMLInputElement;
    expect([start.id, start.type]).toEqual(["answer-start", "date"]);

    const classes = screen.getByRole("group", { name: "Classe (obligatoire)" });
    expect(classes.id).toBe("answer-class");
    expect((screen.getByLabelText("Classe IIa") as HTMLInputElement).type).toBe("radio");
    expect(screen.getByRole("group", { name: "Lieux" }).id).toBe("answer-settings");
    expect((screen.getByLabelText("Hôpital") as HTMLInputElement).type).toBe("checkbox");
    expect(screen.getByRole("group", { name: "Marqué CE (obligatoire)" }).id).toBe("answer-ce");
    expect((screen.getByLabelText("Oui") as HTMLInputElement).type).toBe("radio");

    const file = screen.getByLabelText(/^Protocole \(obligatoire\)/) as HTMLInputElement;
    expect([file.id, file.type]).toEqual(["answer-protocol", "file"]);
    const download = screen.getByRole("link", { name: /Télécharger protocole\.pdf/ });
    expect(download.getAttribute("href")).toBe("/downloads/attachments/1");
    expect(download.textContent).toMatch(/125\s(ko|kB)/);
  }, 15_000);

  it("saves a draft once typing stops, and says so politely", async () => {
    const operations = mockEditor({}, () => saved());
    await renderApp(PATH);
    const summary = await screen.findByLabelText(/^Résumé/);

    fireEvent.change(summary, { target: { value: "Une étude multicentrique" } });
    fireEvent.click(screen.getByLabelText("Classe IIa"));
    fireEvent.click(screen.getByLabelText("Hôpital"));
    fireEvent.click(screen.getByLabelText("Non"));
    expect(sent(operations, "SaveCandidacyAnswers")).toHaveLength(0); // not at each key

    await screen.findByText(/^Enregistré à \d\d:\d\d$/, undefined, { timeout: 3_000 });
    const saves = sent(operations, "SaveCandidacyAnswers");
    expect(saves).toHaveLength(1);
    expect(saves[0]!.variables.id).toBe(CANDIDACY_ID);
    expect(answersOf(saves[0]!)).toEqual([
      { questionKey: "summary", value: "Une étude multicentrique" },
      { questionKey: "class", value: "iia" },
      { questionKey: "settings", value: ["hospital"] },
      { questionKey: "ce", value: false },
    ]);
    expect(screen.getByText(/^Enregistré à/).closest("[role=status]")).toBeTruthy();
  });

  it("saves at once when the field loses focus, and clears an emptied answer", async () => {
    const operations = mockEditor({}, () => saved());
    await renderApp(PATH);
    const sites = await screen.findByLabelText(/^Nombre de sites/);

    fireEvent.change(sites, { target: { value: "" } });
    fireEvent.blur(sites);

    await waitFor(() => expect(sent(operations, "SaveCandidacyAnswers")).toHaveLength(1));
    expect(answersOf(sent(operations, "SaveCandidacyAnswers")[0]!)).toEqual([{ questionKey: "sites", value: null }]);
  });

  it("keeps what is typed while a save is in flight, and sends it next", async () => {
    let release: (value: unknown) => void = () => undefined;
    const operations = mockEditor({}, (operation) =>
      answersOf(operation)[0]?.value === "Premier jet" ? new Promise((resolve) => (release = resolve)) : saved(),
    );
    await renderApp(PATH);
    const summary = (await screen.findByLabelText(/^Résumé/)) as HTMLTextAreaElement;

    fireEvent.change(summary, { target: { value: "Premier jet" } });
    fireEvent.blur(summary);
    await screen.findByText("Enregistrement…");
    fireEvent.change(summary, { target: { value: "Premier jet, complété" } });
    fireEvent.blur(summary);
    expect(summary.value).toBe("Premier jet, complété");

    release(saved());
    await waitFor(() => expect(sent(operations, "SaveCandidacyAnswers")).toHaveLength(2));
    expect(answersOf(sent(operations, "SaveCandidacyAnswers")[1]!)).toEqual([
      { questionKey: "summary", value: "Premier jet, complété" },
    ]);
    await screen.findByText(/^Enregistré à/);
    expect(summary.value).toBe("Premier jet, complété");
  });

  it("shows a refused answer under its field and saves the others without it", async () => {
    const operations = mockEditor({}, (operation) =>
      answersOf(operation).some((answer) => answer.questionKey === "sites")
        ? {
            saveCandidacyAnswers: {
              __typename: "InvalidInputError",
              code: "INVALID_INPUT",
              message: "invalid",
              fieldErrors: [{ field: "answers.sites", code: "OUT_OF_RANGE", message: "must be at most 10" }],
            },
          }
        : saved(),
    );
    await renderApp(PATH);
    fireEvent.change(await screen.findByLabelText(/^Résumé/), { target: { value: "Texte" } });
    fireEvent.change(screen.getByLabelText(/^Nombre de sites/), { target: { value: "50" } });
    fireEvent.blur(screen.getByLabelText(/^Nombre de sites/));

    expect(await screen.findByText("Valeur hors des bornes indiquées. Elle n’est pas enregistrée.")).toBeTruthy();
    await waitFor(() => expect(sent(operations, "SaveCandidacyAnswers")).toHaveLength(2));
    expect(answersOf(sent(operations, "SaveCandidacyAnswers")[1]!)).toEqual([{ questionKey: "summary", value: "Texte" }]);
    expect(screen.getByLabelText(/^Nombre de sites/).getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByLabelText(/^Nombre de sites/) as HTMLInputElement).value).toBe("50");
  });

  it.each([
    [
      "DeadlinePassedError",
      { code: "DEADLINE_PASSED", deadlineAt: "2027-03-31T10:00:00+00:00", deadlineLocal: "2027-03-31T12:00:00+02:00", serverTime: "2027-03-31T10:00:01+00:00" },
      /L’enregistrement a échoué\. La date limite \(31 mars 2027 à 12:00 UTC\+2\) est passée/,
    ],
    ["CallNotOpenError", { code: "CALL_NOT_OPEN" }, /L’appel n’accepte pas de candidature en ce moment\./],
    ["CandidacyNotEditableError", { code: "CANDIDACY_NOT_EDITABLE", status: "WITHDRAWN" }, /\(statut : Retirée\)/],
    ["NotFoundError", { code: "NOT_FOUND" }, /n’existe plus/],
    ["PermissionDeniedError", { code: "PERMISSION_DENIED" }, /pas le droit de faire cette modification/],
    ["AuthenticationRequiredError", { code: "AUTHENTICATION_REQUIRED" }, /Votre session a expiré/],
  ])("says why a save is refused (%s), and offers to try again", async (typename, fields, expected) => {
    let refuse = true;
    const operations = mockEditor({}, () =>
      refuse ? { saveCandidacyAnswers: { __typename: typename, message: "in English", ...fields } } : saved(),
    );
    await renderApp(PATH);
    const summary = await screen.findByLabelText(/^Résumé/);
    fireEvent.change(summary, { target: { value: "Nouvelle version" } });
    fireEvent.blur(summary);

    const message = await screen.findByText(expected, undefined, { timeout: 3_000 });
    expect(message.closest("[role=alert]")).toBeTruthy();
    refuse = false;
    fireEvent.click(screen.getByRole("button", { name: "Réessayer l’enregistrement" }));
    await screen.findByText(/^Enregistré à/);
    expect(answersOf(sent(operations, "SaveCandidacyAnswers")[1]!)).toEqual([
      { questionKey: "summary", value: "Nouvelle version" },
    ]);
  });

  it("sends a pending answer when the user leaves the page for another section", async () => {
    const operations = mockEditor({}, () => saved());
    await renderApp(PATH);
    fireEvent.change(await screen.findByLabelText(/^Résumé/), { target: { value: "Écrit puis parti" } });
    fireEvent.click(screen.getByRole("link", { name: "Projet" }));

    await screen.findByLabelText("Titre du projet");
    await waitFor(() => expect(sent(operations, "SaveCandidacyAnswers")).toHaveLength(1));
    expect(answersOf(sent(operations, "SaveCandidacyAnswers")[0]!)).toEqual([
      { questionKey: "summary", value: "Écrit puis parti" },
    ]);
  });

  it("on closing the tab with an answer unsent, sends it in a request that outlives the page, and warns", async () => {
    const operations = mockEditor({}, () => saved());
    await renderApp(PATH);
    fireEvent.change(await screen.findByLabelText(/^Résumé/), { target: { value: "Avant de fermer" } });

    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);

    expect(event.defaultPrevented).toBe(true);
    const save = sent(operations, "SaveCandidacyAnswers")[0]!;
    expect(save.init.keepalive).toBe(true);
    expect(save.init.headers).toMatchObject({ "X-Requested-With": "aap" });
    expect(answersOf(save)).toEqual([{ questionKey: "summary", value: "Avant de fermer" }]);
  });

  it("lets the tab close without a warning once everything is saved", async () => {
    mockEditor({}, () => saved());
    await renderApp(PATH);
    const summary = await screen.findByLabelText(/^Résumé/);
    fireEvent.change(summary, { target: { value: "Enregistré" } });
    fireEvent.blur(summary);
    await screen.findByText(/^Enregistré à/);

    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });

  it("keeps the answers in the page when the network fails", async () => {
    mockEditor({}, () => {
      throw new TypeError("Failed to fetch");
    });
    await renderApp(PATH);
    const summary = (await screen.findByLabelText(/^Résumé/)) as HTMLTextAreaElement;
    fireEvent.change(summary, { target: { value: "Hors ligne" } });
    fireEvent.blur(summary);

    expect(await screen.findByText(/Vos réponses restent dans la page/)).toBeTruthy();
    expect(summary.value).toBe("Hors ligne");
  });

  it("after the deadline, shows the answers to read, without fields, files still downloadable", async () => {
    mockEditor({ check: checkData([{ field: "deadline", code: "DEADLINE_PASSED" }]) });
    await renderApp(PATH);

    expect(await screen.findByText(/La date limite est passée : la candidature ne peut plus être modifiée\./)).toBeTruthy();
    expect(screen.queryAllByRole("textbox")).toHaveLength(0);
    expect(screen.queryAllByRole("spinbutton")).toHaveLength(0);
    expect(screen.queryAllByRole("radio")).toHaveLength(0);
    expect(screen.getByRole("main").querySelector("input, textarea")).toBeNull();
    expect(screen.getByText("Une étude")).toBeTruthy();
    expect(document.getElementById("answer-summary")).toBeTruthy();
    expect(screen.getByRole("link", { name: /Télécharger protocole\.pdf/ })).toBeTruthy();
  });

  it("is read-only for a reader outside the lead and its editing partners", async () => {
    mockEditor({ editor: editorData({ leadOrganisation: { id: "T3JnOjk=", name: "Autre" }, partners: [] }) });
    await renderApp(PATH, "en");

    expect(await screen.findByText(/You may read this application, but not change it\./)).toBeTruthy();
    expect(screen.getByRole("main").querySelector("input, textarea")).toBeNull();
  });
});
