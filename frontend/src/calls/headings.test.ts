import { describe, expect, it } from "vitest";
import { nestHeadings } from "./headings";

describe("nestHeadings", () => {
  it("moves the highest heading to the given level, keeping the others under it", () => {
    expect(nestHeadings('<h1 id="a">A</h1><p>x</p><h2>B</h2>', 3)).toBe('<h3 id="a">A</h3><p>x</p><h4>B</h4>');
    expect(nestHeadings("<h2>A</h2><h3>B</h3>", 3)).toBe("<h3>A</h3><h4>B</h4>");
  });

  it("stops at h6 and leaves text without headings alone", () => {
    expect(nestHeadings("<h1>A</h1><h6>B</h6>", 3)).toBe("<h3>A</h3><h6>B</h6>");
    expect(nestHeadings("<p>plain</p>", 3)).toBe("<p>plain</p>");
  });
});
