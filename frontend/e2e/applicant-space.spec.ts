import type { Page } from "@playwright/test";
import { rootField, signUpAndSignIn, uniqueEmail } from "./support/accounts";
import { expect, expectAccessible, test } from "./support/fixtures";
import { linkFromOutbox } from "./support/outbox";

/** AP-HP's public identifiers (as in the demo): a valid SIRET and FINESS. */
const SIRET = "26750045200011";
const FINESS = "750712184";

/** Fills and sends the form the page shows for a French health establishment. */
async function registerOrganisation(page: Page, name: string, siret = SIRET) {
  const main = page.getByRole("main");
  await main.getByLabel("Nom de l’organisation").fill(name);
  await main.getByLabel("Type d’organisation").selectOption("HEALTH_ESTABLISHMENT");
  await main.getByLabel("Pays").selectOption("FR");
  await main.getByLabel(/^SIRET/).fill(siret);
  await main.getByLabel(/^Numéro FINESS/).fill(FINESS);
  await main.getByRole("button", { name: "Enregistrer l’organisation" }).click();
}

test.describe("the applicant's space (fr)", () => {
  test.use({ language: "fr" });

  test("a new user registers an organisation, applies to the open IMPACT-IA call from its page, and finds the candidacy in their space", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const account = await signUpAndSignIn(page, "Camille Martin");
    const main = page.getByRole("main");
    const nav = main.getByRole("navigation", { name: "Mon espace" });

    await page.goto("/my");
    await expect(page).toHaveURL(/\/my\/candidacies$/);
    await expect(page.getByRole("heading", { level: 1, name: "Mes candidatures" })).toBeVisible();
    await expect(main.getByRole("link", { name: "Voir les appels à projets ouverts" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Mes candidatures" })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);

    // The open call's page offers to apply; without an organisation, register one first.
    await page.goto("/calls");
    await main.getByRole("link", { name: /AAP Impact IA/ }).first().click();
    await main.getByRole("link", { name: "Déposer une candidature" }).click();
    await expect(page).toHaveURL(/\/my\/candidacies\/new\?call=/);
    await expect(page.getByRole("heading", { level: 1, name: "Déposer une candidature" })).toBeVisible();
    await expectAccessible(page);
    await main.getByRole("link", { name: "Enregistrer mon organisation" }).click();
    await expect(page).toHaveURL(/\/my\/organisations\/new\?next=/);
    await expectAccessible(page);

    // A wrong SIRET is refused next to its field.
    await registerOrganisation(page, "CH Camille", "26750045200012");
    await expect(main.getByText("Ce SIRET n’est pas valide : vérifiez les 14 chiffres.")).toBeVisible();
    await expect(main.getByLabel(/^SIRET/)).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await main.getByLabel(/^SIRET/).fill(SIRET);
    await main.getByRole("button", { name: "Enregistrer l’organisation" }).click();

    // Back to the candidacy form, the new organisation chosen.
    await expect(page).toHaveURL(/\/my\/candidacies\/new\?call=/);
    await expect(main.getByLabel(/^Organisation porteuse/)).toContainText("CH Camille");
    await main.getByLabel(/^Titre du projet/).fill("Triage des urgences assisté par IA");
    await main.getByLabel(/^Acronyme/).fill("TRIAGE-IA");
    await main.getByRole("button", { name: "Créer la candidature" }).click();
    await expect(page).toHaveURL(/^https?:\/\/[^/]+\/candidacies\/[^/?]+$/); // the editor's path
    const candidacyPath = new URL(page.url()).pathname;

    await page.goto("/my/candidacies");
    const card = main.getByRole("link", { name: "TRIAGE-IA — Triage des urgences assisté par IA" });
    await expect(card).toHaveAttribute("href", candidacyPath);
    await expect(main.getByText("Brouillon")).toBeVisible();
    await expect(main.getByText(/Porteur : CH Camille/)).toBeVisible();
    await expectAccessible(page);

    // The organisation, with its first member (the user, admin), and adding an unknown address.
    await nav.getByRole("link", { name: "Mes organisations" }).click();
    await expect(nav.getByRole("link", { name: "Mes organisations" })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);
    await main.getByRole("link", { name: "CH Camille" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "CH Camille" })).toBeVisible();
    await expect(main.getByText(`Camille Martin (${account.email}) : Administrateur`, { exact: false })).toBeVisible();
    await main.getByLabel(/^Adresse électronique/).fill("nobody.here@example.org");
    await main.getByRole("button", { name: "Ajouter", exact: true }).click();
    await expect(main.getByText(/^Aucun compte n’utilise cette adresse/)).toBeVisible();
    await expectAccessible(page);

    // Invitations: none yet; a mailed code that is not one is refused.
    await page.goto("/my/invitations");
    await expect(main.getByText("Aucune invitation en attente pour vos organisations.")).toBeVisible();
    await expectAccessible(page);
    await main.getByRole("link", { name: "Répondre avec le code" }).click();
    await main.getByLabel(/^Code d’invitation/).fill("not-a-code");
    await main.getByRole("button", { name: "Accepter" }).click();
    await main.getByRole("button", { name: "Oui, accepter" }).click();
    await expect(main.getByText(/^Ce code est inconnu/)).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe("the applicant's space (en)", () => {
  test.use({ language: "en" });

  test("lists the organisations and registers one abroad", async ({ page }) => {
    await signUpAndSignIn(page, "Jamie Smith");
    const main = page.getByRole("main");
    await page.goto("/my/organisations");
    await expect(page.getByRole("heading", { level: 1, name: "My organisations" })).toBeVisible();
    await expect(main.getByText("You are not a member of any organisation.")).toBeVisible();
    await expectAccessible(page);
    await main.getByRole("link", { name: "Register an organisation" }).click();
    await main.getByLabel("Name of the organisation").fill("Northern Health Trust");
    await main.getByLabel("Kind of organisation").selectOption("PUBLIC_BODY");
    await main.getByLabel("Country").selectOption("IE");
    await expect(main.getByLabel(/^SIRET/)).toHaveCount(0);
    await main.getByLabel(/^Registration number/).fill("IE 123456");
    await main.getByRole("button", { name: "Register the organisation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Northern Health Trust" })).toBeVisible();
    await expect(main.getByText("IE 123456")).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe("the applicant's space (de)", () => {
  test.use({ language: "de" });

  test("shows the invitations page and its navigation", async ({ page }) => {
    await signUpAndSignIn(page, "Jonas Weber");
    const main = page.getByRole("main");
    await page.goto("/my/invitations");
    await expect(page.getByRole("heading", { level: 1, name: "Einladungen" })).toBeVisible();
    await expect(main.getByRole("navigation", { name: "Mein Bereich" }).getByRole("link", { name: "Einladungen" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expectAccessible(page);
    await page.goto("/my/candidacies");
    await expect(page.getByRole("heading", { level: 1, name: "Meine Anträge" })).toBeVisible();
    await expectAccessible(page);
  });
});

test("the applicant's space fits a 320 px wide screen", async ({ page }) => {
  await signUpAndSignIn(page, "Lou Bernard");
  await page.setViewportSize({ width: 320, height: 640 });
  const main = page.getByRole("main");
  await page.goto("/my/organisations/new");
  await registerOrganisation(page, "Centre hospitalier de petite largeur");
  await expect(page.getByRole("heading", { level: 1, name: "Centre hospitalier de petite largeur" })).toBeVisible();
  for (const path of ["/my/candidacies", "/my/organisations", "/my/invitations"]) {
    await page.goto(path);
    await expect(main.getByRole("navigation", { name: "Mon espace" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  }
});

test("anonymous visitors are sent to sign in, then back", async ({ page }) => {
  await page.goto("/my/organisations");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fmy%2Forganisations$/);
});

/** The demo's open IMPACT-IA call. */
async function impactCallId(page: Page): Promise<string> {
  const calls = await rootField(page, "query { calls(first: 100) { edges { node { id reference } } } }");
  const edges = calls.edges as { node: { id: string; reference: string } }[];
  const call = edges.find(({ node }) => node.reference.startsWith("IMPACT-IA"));
  if (!call) throw new Error("the demo has no IMPACT-IA call");
  return call.node.id;
}

/** Registers an organisation through the API as `page`'s user (its admin); resolves to its id. */
async function organisationOf(page: Page, name: string): Promise<string> {
  const created = await rootField(
    page,
    "mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { __typename ... on OrganisationPayload { organisation { id } } } }",
    { input: { name, kind: "HEALTH_ESTABLISHMENT", country: "FR", siret: SIRET, finess: FINESS } },
  );
  expect(created.__typename).toBe("OrganisationPayload");
  return (created.organisation as { id: string }).id;
}

test.describe("invitations (fr)", () => {
  test.use({ language: "fr" });

  test("an invited organisation's admin accepts from /my/invitations; an address invited by mail answers from the mailed link", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    // The lead: an organisation and a candidacy to IMPACT-IA, made through the API.
    await signUpAndSignIn(page, "Lina Lead");
    const leadId = await organisationOf(page, "CHU Lead");
    const created = await rootField(
      page,
      "mutation($call: ID!, $org: ID!) { createCandidacy(callId: $call, organisationId: $org, title: \"Suivi post-opératoire\", acronym: \"POSTOP\") { __typename ... on CandidacyPayload { candidacy { id } } } }",
      { call: await impactCallId(page), org: leadId },
    );
    expect(created.__typename).toBe("CandidacyPayload");
    const candidacyId = (created.candidacy as { id: string }).id;

    // The partner, in a browser of its own, invited by name.
    const partnerContext = await browser.newContext();
    await partnerContext.addInitScript(() => window.localStorage.setItem("aap.language", "fr"));
    const partner = await partnerContext.newPage();
    await signUpAndSignIn(partner, "Paul Partner");
    const partnerOrgId = await organisationOf(partner, "Clinique Partenaire");
    const invited = await rootField(
      page,
      "mutation($c: ID!, $o: ID!) { invitePartner(candidacyId: $c, organisationId: $o, role: PARTNER, requestedShareCents: 5000000) { __typename } }",
      { c: candidacyId, o: partnerOrgId },
    );
    expect(invited.__typename).toBe("PartnerPayload");

    const main = partner.getByRole("main");
    await partner.goto("/my/invitations");
    const item = main.getByRole("article").filter({ hasText: "POSTOP — Suivi post-opératoire" });
    await expect(item.getByText("CHU Lead")).toBeVisible();
    await expect(item.getByText("Clinique Partenaire, comme partenaire")).toBeVisible();
    await expectAccessible(partner);
    await item.getByRole("button", { name: "Accepter" }).click();
    await expect(item.getByText(/^Accepter que Clinique Partenaire rejoigne/)).toBeFocused();
    await expectAccessible(partner);
    await item.getByRole("button", { name: "Oui, accepter" }).click();
    await expect(main.getByRole("heading", { level: 2, name: "Invitation à « POSTOP — Suivi post-opératoire » acceptée." })).toBeVisible();
    await expect(main.getByRole("link", { name: "Ouvrir la candidature" })).toHaveAttribute("href", `/candidacies/${candidacyId}`);
    await expectAccessible(partner);
    await partner.goto("/my/candidacies");
    await expect(main.getByRole("link", { name: "POSTOP — Suivi post-opératoire" })).toBeVisible();
    await partnerContext.close();

    // An organisation not on the platform, invited by e-mail: its contact follows the mailed link.
    const contactEmail = uniqueEmail("contact");
    const asked = Date.now() - 1000;
    const mailed = await rootField(
      page,
      "mutation($c: ID!, $input: EmailPartnerInput!) { inviteEmailPartner(candidacyId: $c, input: $input) { __typename } }",
      {
        c: candidacyId,
        input: {
          email: contactEmail,
          organisation: { name: "Nordklinik", kind: "HEALTH_ESTABLISHMENT", country: "DE", registryId: `HRB ${Date.now() % 1e6}` },
          role: "PARTNER",
          requestedShareCents: 2000000,
        },
      },
    );
    expect(mailed.__typename).toBe("EmailInvitationPayload");
    const contactContext = await browser.newContext();
    await contactContext.addInitScript(() => window.localStorage.setItem("aap.language", "fr"));
    const contact = await contactContext.newPage();
    await signUpAndSignIn(contact, "Nora Nord", contactEmail);
    await contact.goto(await linkFromOutbox(contactEmail, "/my/invitations/email", asked));
    await expect(contact).toHaveURL(/\/my\/invitations\/email$/); // the code left the address bar
    const contactMain = contact.getByRole("main");
    await expect(contactMain.getByLabel(/^Code d’invitation/)).not.toHaveValue("");
    await expectAccessible(contact);
    await contactMain.getByRole("button", { name: "Accepter" }).click();
    await contactMain.getByRole("button", { name: "Oui, accepter" }).click();
    await expect(contactMain.getByRole("heading", { level: 2, name: /^Invitation acceptée/ })).toBeVisible();
    await expect(contactMain.getByRole("link", { name: "Voir Nordklinik" })).toBeVisible();
    await expectAccessible(contact);
    await contactContext.close();
  });
});
