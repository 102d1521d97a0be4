import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../../i18n";
import { mockGraphQL, renderApp } from "../../test/render";
import { callsApi, manager, operationName, RAW_KEY, viewer } from "./testData";

/** Applies the first template offered (AAP Impact IA for a DGOS manager). */
async function startFromTemplate() {
  fireEvent.click(await screen.findByRole("button", { name: "Partir de ce modèle" }));
  await screen.findByText(/Modèle appliqué/);
}

const referenceField = () => screen.getByLabelText(/^Référence/) as HTMLInputElement;

function answering(createCall: unknown) {
  return mockGraphQL(callsApi(manager(), { CreateCall: () => ({ createCall }) }));
}

// Each test renders the whole application and a long form: slower than the default 5 s on CI.
describe("creating a call", { timeout: 20_000 }, () => {
  it("from a template: sends the amounts in cents and the dates as instants, then opens the call", async () => {
    const requests = answering({ __typename: "CallPayload", call: { id: "Q2FsbDo5" } });
    await renderApp("/manage/calls/new");
    await startFromTemplate();
    fireEvent.change(referenceField(), { target: { value: "IMPACT-IA-E2E" } });
    fireEvent.change(screen.getByLabelText(/^Enveloppe budgétaire/), { target: { value: "1 500 000,50" } });
    fireEvent.click(screen.getByRole("button", { name: "Créer l'appel (brouillon)" }));

    // The call's page follows (its query answers with the fixture's call).
    expect(await screen.findByRole("heading", { level: 1, name: "AMI expérimentations" })).toBeTruthy();
    const sent = requests.find((r) => operationName(r) === "CreateCall")!.variables.input as Record<string, unknown>;
    expect(sent).toMatchObject({
      programmeId: "UHJvZzox",
      reference: "IMPACT-IA-E2E",
      kind: "AAP",
      budgetEnvelopeCents: 150_000_050,
      capPerCandidacyCents: 30_000_000,
      funders: [{ funderId: "RnVuZGVyOjE=", shareCents: 1_500_000_000 }],
    });
    expect((sent.timeline as { deadlineAt: string }).deadlineAt).toMatch(/Z$/);
    expect((sent.questions as unknown[]).length).toBe(5);
  });

  it("refuses an amount it cannot read, on its field, before sending", async () => {
    const requests = answering({ __typename: "CallPayload", call: { id: "x" } });
    await renderApp("/manage/calls/new");
    await startFromTemplate();
    fireEvent.change(screen.getByLabelText(/^Enveloppe budgétaire/), { target: { value: "beaucoup" } });
    fireEvent.click(screen.getByRole("button", { name: "Créer l'appel (brouillon)" }));

    expect(await screen.findByText("Saisissez un montant en euros, par exemple 300 000 ou 1 250,50.")).toBeTruthy();
    expect(screen.getByLabelText(/^Enveloppe budgétaire/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Général : Saisissez un montant en euros, par exemple 300 000 ou 1 250,50.")).toBeTruthy();
    expect(requests.some((r) => operationName(r) === "CreateCall")).toBe(false);
  });

  it("shows CallReferenceTakenError on the reference", async () => {
    answering({ __typename: "CallReferenceTakenError" });
    await renderApp("/manage/calls/new");
    await startFromTemplate();
    fireEvent.click(screen.getByRole("button", { name: "Créer l'appel (brouillon)" }));

    await screen.findByText("Corrigez les champs signalés :");
    const field = referenceField();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const describedBy = field.getAttribute("aria-describedby") ?? "";
    expect(describedBy).not.toBe("");
    expect(document.getElementById(describedBy.split(" ").pop()!)?.textContent).toContain(
      "Cette référence est déjà utilisée par un autre appel.",
    );
  });

  it("shows each problem of InvalidInputError on its field, and sums them up at the top", async () => {
    answering({
      __typename: "InvalidInputError",
      fieldErrors: [
        { field: "questions[2].key", code: "FORMAT" },
        { field: "timeline.deadlineAt", code: "OUT_OF_RANGE" },
        { field: "eligibility.max_duration_months", code: "INVALID" },
      ],
    });
    await renderApp("/manage/calls/new");
    await startFromTemplate();
    fireEvent.click(screen.getByRole("button", { name: "Créer l'appel (brouillon)" }));

    const alert = await screen.findByRole("alert", { name: "" });
    expect(alert.textContent).toContain("Formulaire : Format incorrect.");
    const third = screen.getByRole("heading", { name: "Question 3" }).closest("li") as HTMLElement;
    expect(within(third).getByLabelText(/^Clé de la question/).getAttribute("aria-invalid")).toBe("true");
    expect(within(third).getByText("Format incorrect.")).toBeTruthy();
    expect(screen.getByLabelText(/^Date limite de dépôt/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Date hors des années admises.")).toBeTruthy();
    expect(screen.getByLabelText(/^Durée maximale/).getAttribute("aria-invalid")).toBe("true");
  });

  it.each([
    ["NotFoundError", "Appel, programme ou financeur introuvable"],
    ["PermissionDeniedError", "Vous n'avez pas le droit de faire cette modification."],
    ["AuthenticationRequiredError", "Votre session a expiré : reconnectez-vous."],
  ])("explains %s at the top of the form", async (typename, message) => {
    answering({ __typename: typename });
    await renderApp("/manage/calls/new");
    await startFromTemplate();
    fireEvent.click(screen.getByRole("button", { name: "Créer l'appel (brouillon)" }));

    expect(await screen.findByText(new RegExp(message))).toBeTruthy();
  });

  it("copies the questions, grid and eligibility of a call the user can read", async () => {
    mockGraphQL(callsApi(manager()));
    await renderApp("/manage/calls/new");
    const source = await screen.findByLabelText(/^Copier la structure/);
    fireEvent.change(source, { target: { value: "Q2FsbDo3" } });
    fireEvent.click(screen.getByRole("button", { name: "Copier la structure" }));

    expect(await screen.findByText(/Structure de AMI-IA-ETS-2027 copiée/)).toBeTruthy();
    expect((screen.getByLabelText(/^Clé de la question/) as HTMLInputElement).value).toBe("use_case");
    expect((screen.getByLabelText(/^Clé du critère/) as HTMLInputElement).value).toBe("maturity");
  });

  it("adds, moves and removes questions with buttons, keeping the focus and announcing it", async () => {
    mockGraphQL(callsApi(manager()));
    await renderApp("/manage/calls/new");
    await screen.findByRole("button", { name: "Ajouter une question" });
    fireEvent.click(screen.getByRole("button", { name: "Ajouter une question" }));
    fireEvent.click(screen.getByRole("button", { name: "Ajouter une question" }));

    const keys = () => screen.getAllByLabelText(/^Clé de la question/) as HTMLInputElement[];
    expect(document.activeElement).toBe(keys()[1]);
    fireEvent.change(keys()[1]!, { target: { value: "second" } });
    fireEvent.click(screen.getByRole("button", { name: "Monter : Question 2" }));
    expect(keys().map((k) => k.value)).toEqual(["second", ""]);
    expect(screen.getByText("Déplacement : Question, de la position 2 à la position 1.")).toBeTruthy();
    // At the top, "move up" is disabled: the focus goes to "move down" of the same question.
    expect(document.activeElement?.textContent).toBe("Descendre : Question 1");

    fireEvent.click(screen.getByRole("button", { name: "Retirer : Question 1" }));
    expect(keys().map((k) => k.value)).toEqual([""]);
    expect(screen.getByText("Retrait : Question en position 1.")).toBeTruthy();
    expect(document.activeElement).toBe(keys()[0]);
  });

  it("tells a funder viewer why they cannot create a call", async () => {
    mockGraphQL(callsApi(viewer()));
    await renderApp("/manage/calls/new", "en");

    expect(await screen.findByText(/Read only: you are a funder viewer/)).toBeTruthy();
    expect(screen.queryByRole("form")).toBeNull();
  });

  it.each(["fr", "en", "de"] as AppLanguage[])("shows no raw key in %s", async (language) => {
    mockGraphQL(callsApi(manager()));
    await renderApp("/manage/calls/new", language);
    await screen.findAllByRole("heading", { level: 2 });
    fireEvent.click(screen.getAllByRole("button")[0]!);

    expect(document.body.textContent).not.toMatch(RAW_KEY);
  });
});
