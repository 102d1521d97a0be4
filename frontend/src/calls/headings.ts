/**
 * Moves the headings of an HTML fragment down so the highest becomes `top` (h3 under a page's
 * h2), keeping their relative order: the page's outline stays in order whatever the Markdown
 * author started with. Levels stop at h6.
 */
export function nestHeadings(html: string, top: number): string {
  const template = document.createElement("template");
  template.innerHTML = html;
  const headings = [...template.content.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  if (headings.length === 0) return html;
  const highest = Math.min(...headings.map((heading) => Number(heading.tagName[1])));
  const shift = top - highest;
  if (shift === 0) return html;
  for (const heading of headings) {
    const level = Math.min(6, Math.max(1, Number(heading.tagName[1]) + shift));
    const replacement = document.createElement(`h${level}`);
    replacement.append(...heading.childNodes);
    for (const attribute of heading.attributes) replacement.setAttribute(attribute.name, attribute.value);
    heading.replaceWith(replacement);
  }
  return template.innerHTML;
}
