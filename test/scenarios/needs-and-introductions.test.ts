import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { api } from "../http/support.js";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";
import { expectAddressedTo, expectCleanAdvice } from "./advice-checks.js";

/*
 * Stories of needs, offers, introductions and meeting someone new, told from the user's side: what
 * they type, and what they expect to read back.
 */

interface S {
  kind: string;
  person: { id: string; name: string };
  action: string;
  reason: string;
  otherPerson?: { id: string; name: string };
}

const texts = (list: S[]) => list.flatMap((s) => [s.action, s.reason]);

describeEachDialect("needs, introductions and meeting someone new, as a user lives them", (dialect) => {
  it("needs typed the way people jot them down come back as sentences, never as a template around a quote", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Omar Haddad", "--org", "Haddad Architects");
    await run("person", "add", "Linda Park", "--dept", "Accounting");
    await run("person", "add", "Raj Patel", "--dept", "IT");
    await run("need", "Omar", "Needs a good accountant for the firm");
    await run("need", "Linda", "fewer expense reports sent back incomplete");
    await run("need", "Raj", "Printer on floor 3 broken");
    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const help = (who: string) =>
      suggestions.find((s) => s.kind === "help-with-need" && s.person.name === who);
    // Omar is looking for an accountant: ask how the search is going.
    expect(help("Omar Haddad")?.action).toBe(
      "Ask Omar how the search for a good accountant for the firm is going, and offer one concrete thing you can do.",
    );
    expect(help("Omar Haddad")?.reason).toMatch(/^Omar needs a good accountant for the firm\. /);
    // Linda wants fewer incomplete reports back: the give is to send my own complete.
    expect(help("Linda Park")?.action).toBe(
      "Do your own part toward fewer expense reports sent back incomplete, then ask Linda what else would help.",
    );
    // A shorthand Goodwill cannot read is quoted as it was typed, in typographic quotes.
    expect(help("Raj Patel")?.action).toBe(
      "Ask Raj about their need, “Printer on floor 3 broken”, and offer one concrete thing you can do.",
    );
    for (const s of suggestions) expect(`${s.action} ${s.reason}`).not.toMatch(/how "|" is going/);
    expectCleanAdvice(texts(suggestions), "Mark", "suggest listing");
  });

  it("a photographer is found for someone looking for photography, though no word is spelt the same", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Hana Sato", "--org", "Sato Events");
    await run("person", "add", "Cleo Hart", "--org", "Studio Nine");
    await run("person", "add", "Ben Osei", "--dept", "Finance");
    await run("need", "Hana", "Looking for a photographer for the gala");
    await run("offer", "Cleo", "Photography for events");
    await run("offer", "Ben", "Knows the payroll rules");
    const { suggestions } = (await run("suggest", "Hana", "--json")).json() as { suggestions: S[] };
    const intro = suggestions.find((s) => s.kind === "introduce");
    expect(intro?.otherPerson?.name).toBe("Cleo Hart");
    expect(intro?.reason).toBe(
      "Hana is looking for a photographer for the gala, and Cleo offers photography for events.",
    );
    expectCleanAdvice(texts(suggestions), "Mark");
  });

  it("a plumber is found for someone who offers plumbing, and a plum grower is not", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Ana Lopez", "--org", "Lopez Homes");
    await run("person", "add", "Ben Ortiz", "--org", "Ortiz & Sons");
    await run("person", "add", "Gus Reyes", "--org", "Reyes Orchards");
    await run("need", "Ana", "looking for a plumber");
    await run("offer", "Gus", "plums from the orchard");
    await run("offer", "Ben", "plumbing");
    const { suggestions } = (await run("suggest", "Ana", "--json")).json() as { suggestions: S[] };
    const intros = suggestions.filter((s) => s.kind === "introduce");
    expect(intros.map((s) => s.otherPerson?.name)).toEqual(["Ben Ortiz"]);
    expectCleanAdvice(texts(suggestions), "Mark");

    // Without Ben's plumbing, a plum is no plumber: no introduction at all.
    await run("offer", "rm", "2");
    const after = (await run("suggest", "Ana", "--json")).json() as { suggestions: S[] };
    expect(after.suggestions.filter((s) => s.kind === "introduce")).toEqual([]);
  });

  it("two people called Ana are told apart by their whole names wherever advice names both", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Ana Lopez", "--org", "Lopez Homes");
    await run("person", "add", "Ana Silva", "--org", "Studio Nine");
    await run("person", "add", "Bo Ek", "--org", "Ek Legal");
    await run("need", "Ana Lopez", "Hiring a designer for the spring campaign");
    await run("offer", "Ana Silva", "Designs campaign brochures");
    await run("need", "Bo", "A lawyer to read a lease");
    await run("received", "Ana Lopez", "Lent me her ladder");
    await run("received", "Ana Silva", "Advice on tiles", "--kind", "advice");

    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const intro = suggestions.find((s) => s.kind === "introduce");
    expect(intro?.reason).toBe(
      "Ana Lopez is hiring a designer for the spring campaign, and Ana Silva designs campaign brochures.",
    );
    // In one listing, "Thank Ana" twice would not say which Ana: each is called by the whole name.
    const thanks = suggestions.filter((s) => s.kind === "thank").map((s) => s.action);
    expect(thanks.sort()).toEqual([
      "Thank Ana Lopez for their help: “Lent me her ladder”.",
      "Thank Ana Silva for their help: “Advice on tiles”.",
    ]);
    // Bo shares a first name with nobody: still just Bo.
    const bo = suggestions.find((s) => s.kind === "help-with-need" && s.person.name === "Bo Ek");
    expect(bo?.action).toBe(
      "Ask Bo how the search for a lawyer to read a lease is going, and offer one concrete thing you can do.",
    );
    // The agenda is one list too.
    const today = (await run("today", "--json")).json() as { suggestions: S[] };
    for (const s of today.suggestions)
      expect(`${s.action} ${s.reason}`, s.action).not.toMatch(/\bAna(?! Lopez| Silva)\b/);

    // The drafted message to Ana Lopez says which Ana designs brochures.
    const proposed = (await run("intro", "Ana Lopez", "Ana Silva", "Campaign design", "--json")).json()
      .introduction;
    expect(proposed.messages.toA).toContain(
      "Ana Silva designs campaign brochures, and you are hiring a designer",
    );
    expect(proposed.messages.toB).toContain(
      "Ana Lopez is hiring a designer for the spring campaign, and you design",
    );
  });

  it("a need met by an introduction: made, Goodwill asks whether the need is met; the answer closes it or keeps it", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Tim Keller", "--org", "Cofebuz");
    await run("person", "add", "Concetta Russo", "--dept", "Operations");
    await run("person", "add", "Ana Lima", "--org", "Sunfield");
    await run("person", "add", "Cleo Hart", "--org", "Studio Nine");
    await run("need", "Tim", "Guest writers for a series on networking");
    await run("offer", "Concetta", "Writes about networking with IT");
    await run("need", "Ana", "Hiring a designer for the spring campaign");
    await run("offer", "Cleo", "Designs campaign brochures");

    // Tim and Concetta: each reads a note about the other, in the second person.
    const proposed = (
      await run("intro", "Tim", "Concetta", "Concetta writes about IT for Tim's series", "--json")
    ).json().introduction;
    expectAddressedTo(proposed.messages.toA, "Tim Keller");
    expectAddressedTo(proposed.messages.toB, "Concetta Russo");
    expect(proposed.messages.toA).toContain("Concetta writes about networking with IT");
    expect(proposed.messages.toB).toContain("Tim is looking for guest writers");
    await run("intro", "set", "1", "a_agreed");
    await run("intro", "set", "1", "b_agreed");
    // Made from a script, without an answer: the need stays open and the user is told how to answer.
    const made = await run("intro", "set", "1", "made");
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(
      "Tim is looking for guest writers for a series on networking (need #1). Is it met?",
    );
    expect(made.stdout).toContain('goodwill need done 1 --by "Concetta Russo"');
    expect(made.stdout).toContain("goodwill need edit 1 TEXT");
    expect((await run("needs", "Tim", "--json")).json().needs).toHaveLength(1);
    // The user answers: it was met, by Concetta.
    await run("need", "done", "1", "--by", "Concetta");
    expect((await run("needs", "Tim", "--json")).json().needs).toEqual([]);

    // Ana and Cleo: answered at once with the move.
    await run("intro", "Ana", "Cleo", "Cleo designs campaigns");
    await run("intro", "set", "2", "a_agreed");
    await run("intro", "set", "2", "b_agreed");
    const answered = (await run("intro", "set", "2", "made", "--needs", "met", "--json")).json().introduction;
    expect(answered.needsToSettle).toEqual([
      expect.objectContaining({
        number: 2,
        text: "Hiring a designer for the spring campaign",
        status: "met",
      }),
    ]);
    const anaNeeds = (await run("needs", "Ana", "--all", "--json")).json().needs;
    expect(anaNeeds).toEqual([
      expect.objectContaining({ status: "met", metBy: expect.objectContaining({ name: "Cleo Hart" }) }),
    ]);
    // Nothing left to suggest about a need that was met.
    const forAna = (await run("suggest", "Ana", "--json")).json().suggestions as S[];
    expect(forAna.filter((s) => s.kind === "help-with-need" || s.kind === "introduce")).toEqual([]);
    // An answer belongs to the made move only.
    const early = await run("intro", "set", "1", "made", "--needs", "met", "--outcome", "Two posts so far");
    expect(early.code).toBe(4);
  });

  it("the new hire who imported the company directory: a name there is someone to meet, not someone known", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia", "--org", "Brightline", "--dept", "Projects");
    const dir = mkdtempSync(join(tmpdir(), "goodwill-directory-"));
    const file = join(dir, "directory.csv");
    writeFileSync(
      file,
      "Name,Organization,Department,Email\nPiet Claes,Brightline,Legal,piet@brightline.example\n",
    );
    expect((await run("import", file)).code).toBe(0);
    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const legal = suggestions.find((s) => s.kind === "meet-new" && s.person.name === "Legal");
    expect(legal?.action).toBe(
      "Get to know Piet Claes in Legal: introduce yourself with a question about their work.",
    );
    expect(legal?.reason).toContain("Piet is on your list, but you have not been in touch yet.");
    expectCleanAdvice(texts(suggestions), "Nia");
    rmSync(dir, { recursive: true, force: true });
  });

  it("on a terminal, making an introduction asks about the need it was made for, and the answer is kept", async () => {
    const { run, env } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Omar Haddad", "--org", "Haddad Architects");
    await run("person", "add", "Ben Osei", "--org", "Osei & Co");
    await run("need", "Omar", "Needs a good accountant for the firm");
    await run("offer", "Ben", "Accounting for small firms");
    await run("intro", "Omar", "Ben", "Ben keeps the books of three architects");
    await run("intro", "set", "1", "a_agreed");
    await run("intro", "set", "1", "b_agreed");
    const answers = ["u", "A second accountant for the busy season"];
    const asked: string[] = [];
    let told = "";
    let stdout = "";
    const code = await runCli(["intro", "set", "1", "made"], {
      out: (t) => {
        stdout += t;
      },
      err: (t) => {
        told += t;
      },
      env,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdinIsTTY: true,
      readStdin: async () => "",
      prompt: async (question) => {
        asked.push(question);
        return answers.shift() ?? "";
      },
    });
    expect(code).toBe(0);
    expect(told).toContain("Omar needs a good accountant for the firm (need #1).");
    expect(asked[0]).toBe("Did meeting Ben meet it? [m]et, [k]eep it open, or [u]pdate its wording: ");
    expect(stdout).toContain("Need #1 of Omar Haddad now reads: A second accountant for the busy season.");
    expect((await run("needs", "Omar", "--json")).json().needs).toEqual([
      expect.objectContaining({ number: 1, status: "open", text: "A second accountant for the busy season" }),
    ]);
  });

  it("duplicate introductions: a second open one of the same pair is refused, naming the open one", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Tim Keller", "--org", "Cofebuz");
    await run("person", "add", "Concetta Russo", "--dept", "Operations");
    expect((await run("intro", "Tim", "Concetta", "Networking series")).code).toBe(0);
    const again = await run("intro", "Concetta", "Tim", "They should really meet");
    expect(again.code).toBe(4);
    expect(again.stderr).toContain(
      "Concetta Russo and Tim Keller already have an open introduction: #1, proposed",
    );
    expect(again.stderr).toContain("goodwill intro set 1");
    expect((await run("intros", "--json")).json().introductions).toHaveLength(1);
    // Still open once one side agreed.
    await run("intro", "set", "1", "a_agreed");
    expect((await run("intro", "Tim", "Concetta", "Again")).code).toBe(4);
    // Declined, the pair may be proposed again.
    await run("intro", "set", "1", "declined");
    expect((await run("intro", "Tim", "Concetta", "A better moment now")).code).toBe(0);
  });

  it("duplicate introductions through the API: 409 with the open one named", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("mark@example.com");
    const person = async (name: string) =>
      (await call("POST", "/api/v1/people", { token, body: { name } })).body.id as string;
    const tim = await person("Tim Keller");
    const concetta = await person("Concetta Russo");
    const first = await call("POST", "/api/v1/introductions", {
      token,
      body: { aId: tim, bId: concetta, reason: "Networking series" },
    });
    expect(first.status).toBe(201);
    const second = await call("POST", "/api/v1/introductions", {
      token,
      body: { aId: concetta, bId: tim, reason: "Networking series" },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("conflict");
    expect(second.body.error.message).toContain("#1");
  });

  it("the new hire with nobody in Legal is told whom to ask, and why", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia", "--org", "Brightline", "--dept", "Projects");
    await run("dept", "add", "Legal");
    await run("dept", "add", "Facilities");
    await run("person", "add", "Sofía Marín", "--dept", "Marketing");
    await run("log", "Sofía", "Coffee on my first day", "--on", "3 days ago");
    await run("note", "Sofía", "Works with Legal on every contract review");
    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const legal = suggestions.find((s) => s.kind === "meet-new" && s.person.name === "Legal");
    expect(legal?.action).toBe("Ask Sofía Marín in Marketing to introduce you to someone in Legal.");
    expect(legal?.reason).toContain("Your notes on Sofía mention Legal.");
    // Facilities has no bridge: the general advice stays.
    const facilities = suggestions.find((s) => s.kind === "meet-new" && s.person.name === "Facilities");
    expect(facilities?.action).toMatch(/^Get to know someone in Facilities/);
    expectCleanAdvice(texts(suggestions), "Nia");

    // A lawyer Nia only knows of, through Sofía (an acquaintance, never met): ask Sofía for her.
    await run("person", "add", "Lena Voss", "--dept", "Legal", "--layer", "500", "--met-through", "Sofía");
    const withLena = (await run("suggest", "--json")).json().suggestions as S[];
    expect(withLena.find((s) => s.kind === "meet-new" && s.person.name === "Legal")).toMatchObject({
      action: "Ask Sofía Marín in Marketing to introduce you to Lena Voss in Legal.",
      reason: expect.stringContaining("You know of Lena through Sofía."),
    });
    expectCleanAdvice(texts(withLena), "Nia");

    // Once Nia has met Lena, Legal is no longer a department where she knows nobody.
    await run("log", "Lena", "Lunch with Lena");
    const after = (await run("suggest", "--json")).json().suggestions as S[];
    expect(after.filter((s) => s.kind === "meet-new").map((s) => s.person.name)).toEqual(["Facilities"]);
  });
});
