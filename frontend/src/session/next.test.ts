import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeNextPath, signInPath } from "./next";

describe("safeNextPath", () => {
  it.each([
    ["/calls/Q2FsbDoy", "/calls/Q2FsbDoy"],
    ["/calls?search=ia#top", "/calls?search=ia#top"],
    ["/account", "/account"],
  ])("keeps the path of this site %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    null,
    "",
    "https://evil.example/",
    "http://evil.example/account",
    "//evil.example/account",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "calls",
    "/\tevil",
  ])("refuses %j, going to the account instead", (next) => {
    expect(safeNextPath(next)).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});

describe("signInPath", () => {
  it("comes back to the page it was asked from", () => {
    expect(signInPath("/calls/Q2FsbDoy?x=1")).toBe("/sign-in?next=%2Fcalls%2FQ2FsbDoy%3Fx%3D1");
    expect(signInPath("/")).toBe("/sign-in");
  });
});
