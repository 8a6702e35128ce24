import { afterEach, describe, expect, it } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { requirementSetSupported } from "../src/shared/office";

describe("requirementSetSupported", () => {
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  it("asks Office whether the set is supported", () => {
    const asked: string[] = [];
    (globalThis as { Office?: unknown }).Office = new OfficeMockObject({
      context: { requirements: { isSetSupported: (name: string, version: string) => (asked.push(`${name} ${version}`), version === "1.1") } },
    });
    expect(requirementSetSupported("WordApi", "1.3")).toBe(false);
    expect(requirementSetSupported("WordApi", "1.1")).toBe(true);
    expect(asked).toEqual(["WordApi 1.3", "WordApi 1.1"]);
  });

  it("does not block outside Office", () => {
    expect(requirementSetSupported("WordApi", "1.3")).toBe(true);
  });
});
