import { afterEach, describe, expect, it } from "vitest";
import { documentTitle, insertOoxmlAtSelection, listClauseControls, pickTitle, replaceControlContent, selectControl, WordUnavailableError } from "../src/word/word-host.js";
import { clauseOoxml, mockWord } from "./word-mock.js";

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Word;
});

describe("word-host (Word mocked with office-addin-mock)", () => {
  it("inserting a rendered clause creates exactly one control with the clause's tag and title", async () => {
    const { inserted } = mockWord([{ tag: "autre-complement" }]);
    await insertOoxmlAtSelection(clauseOoxml("clauses:cl-1:3", "Clause sociale – lot 3", "833 heures"));

    expect(inserted).toHaveLength(1);
    expect(await listClauseControls()).toEqual([{ id: expect.any(Number), tag: "clauses:cl-1:3", title: "Clause sociale – lot 3" }]);
  });

  it("lists only controls tagged clauses:…", async () => {
    mockWord([{ tag: "clauses:a:1", title: "Lot 1" }, { tag: "signature" }, { tag: "" }, { tag: "clauses:b:2", title: "Lot 2" }]);
    expect((await listClauseControls()).map((c) => c.tag)).toEqual(["clauses:a:1", "clauses:b:2"]);
  });

  it("replaces the content and the tag of the controls with that tag only", async () => {
    const { controls } = mockWord([{ tag: "clauses:a:1" }, { tag: "clauses:b:1" }]);
    expect(await replaceControlContent("clauses:a:1", "<pkg:package>nouveau</pkg:package>", "clauses:a:2")).toBe(1);
    expect(controls.map((c) => [c.tag, c.content, c.writes])).toEqual([
      ["clauses:a:2", "<pkg:package>nouveau</pkg:package>", 1],
      ["clauses:b:1", "texte initial", 0],
    ]);
  });

  it("selects a control by tag, and says false when it is not there", async () => {
    const { controls } = mockWord([{ tag: "clauses:a:1" }]);
    expect(await selectControl("clauses:a:1")).toBe(true);
    expect(controls[0]!.selected).toBe(true);
    expect(await selectControl("clauses:zz:1")).toBe(false);
  });

  it("the document title is its first heading, else the properties' title", async () => {
    mockWord([], { title: "Propriétés", paragraphs: [{ text: "Intro", styleBuiltIn: "Normal" }, { text: "Rénovation du gymnase", styleBuiltIn: "Heading1" }] });
    expect(await documentTitle()).toBe("Rénovation du gymnase");
    expect(pickTitle([{ text: "Intro", styleBuiltIn: "Normal" }], " Marché de nettoyage ")).toBe("Marché de nettoyage");
    expect(pickTitle([], null)).toBe("");
  });

  it("outside Word, says so in French", async () => {
    await expect(listClauseControls()).rejects.toBeInstanceOf(WordUnavailableError);
    await expect(insertOoxmlAtSelection("x")).rejects.toThrow("Cette action n'est possible que dans Word");
  });
});
