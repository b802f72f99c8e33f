// The font list charts are drawn in: the page's own, read once from its stylesheet.
let pageFont: string | null = null;

/** The page's own font list (styles/base.css), so chart text is measured and shown in the same
 *  installed CJK font the page uses rather than falling back character by character. Its names
 *  are quoted with single quotes: zrender writes the list unescaped into a double-quoted style
 *  attribute, and the chart's SVG must parse as XML (svg-sanitize.ts). */
export function pageFontFamily(): string {
  if (pageFont === null)
    pageFont = typeof document === 'undefined' ? 'sans-serif' : (getComputedStyle(document.documentElement).fontFamily || 'sans-serif').replaceAll('"', "'");
  return pageFont;
}
