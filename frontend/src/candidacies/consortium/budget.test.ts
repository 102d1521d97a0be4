import { describe, expect, it } from "vitest";
import { budgetTotals, readAmounts, type DraftLine } from "./budget";

const line = (key: number, organisationId: string, category: DraftLine["category"], amount: string): DraftLine => ({
  key,
  organisationId,
  category,
  label: "",
  amount,
});

describe("budget totals", () => {
  it("adds up per organisation, per category and in all, in exact cents", () => {
    const lines = [
      line(0, "a", "STAFF", "0,10"),
      line(1, "a", "EQUIPMENT", "0,20"),
      line(2, "b", "STAFF", "1 000"),
      line(3, "b", "STAFF", "not a number"),
    ];
    const totals = budgetTotals(lines, readAmounts(lines, "fr"));
    expect(totals.total).toBe(100030);
    expect(totals.byOrganisation.get("a")).toBe(30);
    expect(totals.byOrganisation.get("b")).toBe(100000);
    expect(totals.byCategory.get("STAFF")).toBe(100010);
    expect(totals.byCategory.get("EQUIPMENT")).toBe(20);
    expect(totals.byCategory.get("INDIRECT_COSTS")).toBe(0);
  });
});
