// Page numbers on the printed log, in the page's language: a CSS page-margin box whose content is
// the translated "第 {page} 页 共 {pages} 页" with the placeholders as CSS counters. Chromium
// fills the counters when it paginates (printing, or the desktop shell's printToPDF).

const PAGE = '\u0001';
const PAGES = '\u0002';

/** A CSS string token: quotes and backslashes escaped, line breaks dropped. */
const cssString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')}"`;

/**
 * The `content` value for a sentence made by `say(page, pages)`, e.g.
 * `"第 " counter(page) " 页 共 " counter(pages) " 页"`.
 */
export function pageNumberContent(say: (page: string, pages: string) => string): string {
  const text = say(PAGE, PAGES);
  return text
    .split(/([\u0001\u0002])/)
    .filter((part) => part !== '')
    .map((part) => (part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/** The @page rule that prints the page number centred at the foot of every sheet. */
export function pageNumberRule(say: (page: string, pages: string) => string): string {
  return `@page { @bottom-center { content: ${pageNumberContent(say)}; font-size: 9pt; color: #333; } }`;
}
