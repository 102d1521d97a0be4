import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render";
import { CANDIDACY_ID, checkData, editorData, mockEditor, sent } from "./testData";

const PATH = `/candidacies/${CANDIDACY_ID}/submit`;
const BASE = `/candidacies/${CANDIDACY_ID}`;

const PROBLEMS = [
  { field: "answers.summary", code: "MISSING_ANSWER" },
  { field: "attachments.protocol", code: "MISSING_DOCUMENT" },
  { field: "partners", code: "PARTNER_INVITATION_PENDING", organisationName: "AP-HP" },
  { field: "partners[0].requestedShareCents", code: "SOMETHING_NEW" },
  { field: "budget", code: "BUDGET_MISSING" },
  { field: "durationMonths", code: "DURATION" },
  { field: "title", code: "REQUIRED" },
];

function version(number: number, receiptUrl: string | null) {
  return { number, sha256: "ab".repeat(32), submittedAt: "2027-03-01T09:00:00+00:00", receiptUrl };
}

describe("the check and submit page", () => {
  it("lists every problem in the reader's language, each a link to its field", async () => {
    mockEditor({ check: checkData(PROBLEMS) });
    await renderApp(PATH);

    expect(await screen.findByText("7 points restent à régler avant le dépôt :")).toBeTruthy();
    const list = screen.getByRole("list", { name: "Vérification" });
    const links = within(list).getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href")]);
    expect(links).toEqual([
      ["Répondez à la question « Résumé »", `${BASE}/answers#answer-summary`],
      ["Joignez le fichier « Protocole »", `${BASE}/answers#answer-protocol`],
      [
        "AP-HP n’a pas encore répondu à l’invitation : attendez sa réponse ou retirez l’invitation",
        `${BASE}/partners#partners`,
      ],
      ["Un point est à corriger (partners[0].requestedShareCents)", `${BASE}/partners#partners`],
      ["Saisissez au moins une ligne de budget", `${BASE}/budget#budget`],
      ["La durée du projet n’est pas dans les bornes de l’appel", `${BASE}#project-durationMonths`],
      ["Un point est à corriger (title)", `${BASE}#project-title`],
    ]);
  });

  it.each([
    [
      "fr",
      [
        "Inserm n’a pas encore répondu à l’invitation : attendez sa réponse ou retirez l’invitation",
        "CHU de Lille a décliné l’invitation : retirez cette organisation du consortium",
        "Start-up Santé n’est pas d’un type d’organisation admis par l’appel",
        "AP-HP : les lignes de budget ne correspondent pas à la part demandée",
        "Un partenaire a décliné l’invitation : retirez cette organisation du consortium",
      ],
    ],
    [
      "en",
      [
        "Inserm has not answered the invitation yet: wait for its answer or withdraw the invitation",
        "CHU de Lille declined the invitation: remove it from the consortium",
        "Start-up Santé is not of a kind of organisation the call admits",
        "AP-HP: the budget lines do not add up to the requested share",
        "A partner declined the invitation: remove it from the consortium",
      ],
    ],
    [
      "de",
      [
        "Inserm hat die Einladung noch nicht beantwortet: Warten Sie die Antwort ab oder ziehen Sie die Einladung zurück",
        "CHU de Lille hat die Einladung abgelehnt: Entfernen Sie die Organisation aus dem Konsortium",
        "Start-up Santé gehört zu keiner von der Ausschreibung zugelassenen Organisationsart",
        "AP-HP: Die Budgetzeilen ergeben nicht den beantragten Anteil",
        "Ein Partner hat die Einladung abgelehnt: Entfernen Sie die Organisation aus dem Konsortium",
      ],
    ],
  ] as const)("names the organisation each partner problem concerns, in %s", async (language, texts) => {
    mockEditor({
      check: checkData([
        { field: "emailInvitations", code: "PARTNER_INVITATION_PENDING", organisationName: "Inserm" },
        { field: "partners", code: "PARTNER_DECLINED", organisationName: "CHU de Lille" },
        { field: "partners", code: "ORGANISATION_KIND", organisationName: "Start-up Santé" },
        { field: "partners", code: "PARTNER_SHARE_MISMATCH", organisationName: "AP-HP" },
        { field: "partners", code: "PARTNER_DECLINED", organisationName: null },
      ]),
    });
    await renderApp(PATH, language);

    const list = await screen.findByRole("list", { name: { fr: "Vérification", en: "Check", de: "Prüfung" }[language] });
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual(texts);
  });

  it.each([
    [
      "fr",
      [
        "Le consortium doit compter au moins 1 organisation de ce pays : France",
        "Le consortium doit compter au moins 2 organisations de ce pays : Allemagne",
        "Le consortium doit compter de 3 à 5 organisations, chef de file compris",
        "Le consortium doit compter au plus 1 organisation, chef de file compris",
        "La durée du projet doit être comprise entre 12 et 36 mois",
        "La durée du projet doit être d’au moins 60 mois",
        "La durée du projet n’est pas dans les bornes de l’appel",
      ],
    ],
    [
      "en",
      [
        "The consortium needs at least 1 organisation from France",
        "The consortium needs at least 2 organisations from Germany",
        "The consortium must have 3 to 5 organisations, the lead included",
        "The consortium must have at most 1 organisation, the lead included",
        "The project must last 12 to 36 months",
        "The project must last at least 60 months",
        "The project's duration is outside the call's bounds",
      ],
    ],
    [
      "de",
      [
        "Das Konsortium braucht mindestens 1 Organisation aus diesem Land: Frankreich",
        "Das Konsortium braucht mindestens 2 Organisationen aus diesem Land: Deutschland",
        "Das Konsortium muss 3 bis 5 Organisationen umfassen, die federführende eingeschlossen",
        "Das Konsortium darf höchstens 1 Organisation umfassen, die federführende eingeschlossen",
        "Das Projekt muss 12 bis 36 Monate dauern",
        "Das Projekt muss mindestens 60 Monate dauern",
        "Die Laufzeit des Projekts liegt außerhalb der Grenzen der Ausschreibung",
      ],
    ],
  ] as const)("says which bound of the call to reach, in %s", async (language, texts) => {
    mockEditor({
      check: checkData([
        { field: "partners", code: "PARTNER_COUNTRY", country: "FR", minimum: 1 },
        { field: "partners", code: "PARTNER_COUNTRY", country: "DE", minimum: 2 },
        { field: "partners", code: "PARTNER_COUNT", minimum: 3, maximum: 5 },
        { field: "partners", code: "PARTNER_COUNT", maximum: 1 },
        { field: "durationMonths", code: "DURATION", minimum: 12, maximum: 36 },
        { field: "durationMonths", code: "DURATION", minimum: 60 },
        { field: "durationMonths", code: "DURATION" },
      ]),
    });
    await renderApp(PATH, language);

    const list = await screen.findByRole("list", { name: { fr: "Vérification", en: "Check", de: "Prüfung" }[language] });
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual(texts);
  });

  it("a link to a field lands on it, with the focus", async () => {
    mockEditor({ check: checkData(PROBLEMS) });
    await renderApp(PATH);
    fireEvent.click(await screen.findByRole("link", { name: "Répondez à la question « Résumé »" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("answer-summary"));
  });

  it("submits, then shows the receipt: version, time, and the PDF once rendered", async () => {
    let polls = 0;
    const operations = mockEditor({}, ({ query }) => {
      if (query.includes("mutation SubmitCandidacy")) {
        return {
          submitCandidacy: {
            __typename: "SubmitCandidacyPayload",
            reference: "AAP-2027-01-0007",
            serverTime: "2027-03-01T09:00:00+00:00",
            sha256: "ab".repeat(32),
            version: 1,
          },
        };
      }
      polls += 1;
      return { candidacy: { id: CANDIDACY_ID, versions: [version(1, polls > 1 ? "/downloads/receipts/1" : null)] } };
    });
    await renderApp(PATH);
    expect(await screen.findByText("Aucun problème détecté : la candidature peut être déposée.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Déposer la candidature" }));

    expect(await screen.findByRole("heading", { name: "Candidature déposée" })).toBeTruthy();
    expect(
      screen.getByText("Version 1, référence AAP-2027-01-0007, déposée le 1 mars 2027 à 10:00 UTC+1."),
    ).toBeTruthy();
    expect(await screen.findByText(/L’accusé de réception est en préparation/)).toBeTruthy();
    const link = await screen.findByRole(
      "link",
      { name: /Télécharger l’accusé de réception de la version 1/ },
      { timeout: 5_000 },
    );
    expect(link.getAttribute("href")).toBe("/downloads/receipts/1");
    expect(sent(operations, "mutation SubmitCandidacy")[0]!.variables).toEqual({ id: CANDIDACY_ID });
  });

  it("lists the problems of a refused submission, each a link", async () => {
    mockEditor({}, () => ({
      submitCandidacy: {
        __typename: "SubmissionRejectedError",
        code: "SUBMISSION_REJECTED",
        message: "in English",
        problems: [
          { field: "answers.summary", code: "MISSING_ANSWER", message: "in English", organisationName: null },
          { field: "partners", code: "PARTNER_DECLINED", message: "in English", organisationName: "Inserm" },
        ],
      },
    }));
    await renderApp(PATH);
    fireEvent.click(await screen.findByRole("button", { name: "Déposer la candidature" }));

    const alert = await screen.findByText("2 points empêchent le dépôt :");
    expect(alert.closest("[role=alert]")).toBeTruthy();
    expect(
      screen
        .getByRole("link", { name: "Inserm a décliné l’invitation : retirez cette organisation du consortium" })
        .getAttribute("href"),
    ).toBe(`${BASE}/partners#partners`);
    expect(screen.getAllByRole("link", { name: "Répondez à la question « Résumé »" })[0]!.getAttribute("href")).toBe(
      `${BASE}/answers#answer-summary`,
    );
  });

  it.each([
    [
      "DeadlinePassedError",
      { deadlineAt: "2027-03-31T10:00:00+00:00", deadlineLocal: "2027-03-31T12:00:00+02:00", serverTime: "2027-03-31T10:00:02+00:00" },
      "La date limite (31 mars 2027 à 12:00 UTC+2) est passée : le serveur a refusé la demande.",
    ],
    ["CallNotOpenError", {}, "L’appel n’accepte pas de candidature en ce moment."],
    ["CandidacyNotEditableError", { status: "NOT_SUBMITTED" }, "Cette candidature ne peut plus être modifiée (statut : Non déposée)."],
    ["InvalidInputError", { fieldErrors: [] }, "Certaines valeurs ne sont pas acceptées : vérifiez les champs signalés."],
    ["NotFoundError", {}, "Cette candidature n’existe plus, ou vous n’y avez plus accès."],
    ["PermissionDeniedError", {}, "Vous n’avez pas le droit de faire cette modification."],
    ["AuthenticationRequiredError", {}, "Votre session a expiré : reconnectez-vous, puis recommencez."],
  ])("says why the submission is refused (%s), with the focus on it", async (typename, fields, expected) => {
    mockEditor({}, () => ({ submitCandidacy: { __typename: typename, code: "X", message: "in English", ...fields } }));
    await renderApp(PATH);
    fireEvent.click(await screen.findByRole("button", { name: "Déposer la candidature" }));

    const message = await screen.findByText(expected);
    expect(message.closest("[role=alert]")).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.contains(message)).toBe(true));
    expect(screen.queryByRole("heading", { name: "Candidature déposée" })).toBeNull();
  });

  it("offers no submission after the deadline, and says why", async () => {
    mockEditor({ check: checkData([{ field: "deadline", code: "DEADLINE_PASSED" }]) });
    await renderApp(PATH, "de");
    expect(await screen.findByText(/Die Frist ist abgelaufen: Die Bewerbung kann nicht mehr geändert werden\./)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Bewerbung einreichen" })).toBeNull();
  });

  it("offers no submission to a partner", async () => {
    mockEditor({
      editor: editorData({
        leadOrganisation: { id: "T3JnOjk=", name: "Autre" },
        partners: [{ id: "UGFydG5lcjox", status: "ACCEPTED", canEdit: true, organisation: { id: "T3JnOjE=" } }],
      }),
    });
    await renderApp(PATH);
    expect(await screen.findByText(/Seuls les membres de l’organisation cheffe de file/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Déposer la candidature" })).toBeNull();
  });
});

describe("the receipts page", () => {
  it("lists the versions submitted, the last one counting, with their receipts", async () => {
    mockEditor({
      editor: editorData({ status: "SUBMITTED", submittedVersion: 2, versions: [version(1, "/downloads/receipts/1"), version(2, "/downloads/receipts/2")] }),
    });
    await renderApp(`${BASE}/receipt`, "en");

    expect(await screen.findByRole("heading", { level: 3, name: "Version 2 — the one that counts" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "Version 1" })).toBeTruthy();
    expect(
      screen.getByRole("link", { name: /Download the receipt of version 1/ }).getAttribute("href"),
    ).toBe("/downloads/receipts/1");
    expect(screen.getAllByText("Submitted on March 1, 2027 at 10:00 AM GMT+1")).toHaveLength(2);
  });

  it("says when nothing has been submitted yet", async () => {
    mockEditor();
    await renderApp(`${BASE}/receipt`, "de");
    expect(await screen.findByText("Es wurde noch keine Version eingereicht.")).toBeTruthy();
  });
});
