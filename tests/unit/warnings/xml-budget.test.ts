// Hostile CAP documents, each at most the 512 KiB a CAP import or feed may be: the reader parses
// or refuses every one in well under a second, because the hub's event loop waits while it reads.
// (Issue 12 row 5: 74,895 attributes on one element blocked the hub for 39.8 s.)
import { describe, expect, it } from 'vitest';
import { MAX_CAP_BYTES } from '@contract/warnings';
import { readCap } from '../../../src-main/core/warnings/cap';
import { parseXml, type XmlElement } from '../../../src-main/core/warnings/xml';

/** Generous against a slow CI machine, and still 25 times under what the quadratic reader took. */
const BUDGET_MS = 1500;

const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
const REST = FIRST + '0123456789.-';
/** The n-th shortest distinct XML name: 53 of one character, then 3,445 of two, then three. */
function nameOf(n: number): string {
  if (n < FIRST.length) return FIRST[n];
  n -= FIRST.length;
  if (n < FIRST.length * REST.length) return FIRST[Math.floor(n / REST.length)] + REST[n % REST.length];
  n -= FIRST.length * REST.length;
  return FIRST[Math.floor(n / REST.length / REST.length)] + REST[Math.floor(n / REST.length) % REST.length] + REST[n % REST.length];
}

/** Repeats `unit(k)` for k = 0, 1, … (at most `max` times) while the document stays within MAX_CAP_BYTES. */
function fill(head: string, unit: (k: number) => string, tail: string, max = Infinity): { doc: string; count: number } {
  const parts: string[] = [];
  let size = head.length + tail.length;
  for (let k = 0; k < max; k++) {
    const u = unit(k);
    const bytes = Buffer.byteLength(u);
    if (size + bytes > MAX_CAP_BYTES) break;
    parts.push(u);
    size += bytes;
  }
  return { doc: head + parts.join('') + tail, count: parts.length };
}

/** Runs the reader and says how long it took and how it ended. */
function timed(doc: string): { ms: number; root?: XmlElement; error?: string } {
  expect(Buffer.byteLength(doc)).toBeLessThanOrEqual(MAX_CAP_BYTES);
  const t0 = performance.now();
  try {
    const root = parseXml(doc);
    return { ms: performance.now() - t0, root };
  } catch (err) {
    return { ms: performance.now() - t0, error: err instanceof Error ? err.message : String(err) };
  }
}

describe('the XML reader under hostile documents', () => {
  it('refuses 75k distinct attributes on one element at once, naming the limit', () => {
    const { doc, count } = fill('<alert', (k) => ` ${nameOf(k)}=""`, '/>');
    expect(count).toBeGreaterThan(74_000);
    const r = timed(doc);
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(r.error).toMatch(/line 1: <alert> has more than \d+ attributes/);
  });

  it('refuses a repeated attribute, naming it', () => {
    expect(() => parseXml('<a\nk="1" j="2" k="3"/>')).toThrow(/line 2: attribute k is given twice/);
  });

  it('reads many elements under many namespace declarations in linear time', () => {
    // 64 levels, each declaring as many prefixes as an element may carry attributes, then as many
    // elements as fit: copying every declaration into every element would be 64·n·m work.
    const levels = 64;
    let head = '';
    let n = 0;
    for (let d = 0; d < levels - 1; d++) {
      head += `<e${d}`;
      for (let k = 0; k < 100; k++) head += ` xmlns:${nameOf(n++)}="u"`;
      head += '>';
    }
    let tail = '';
    for (let d = levels - 2; d >= 0; d--) tail += `</e${d}>`;
    const { doc, count } = fill(head, () => '<b/>', tail, 20_000 - levels);
    expect(count).toBe(20_000 - levels);
    const r = timed(doc);
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(r.error).toBeUndefined();
    let deepest = r.root!;
    while (deepest.children[0]?.children.length) deepest = deepest.children[0];
    expect(deepest.children).toHaveLength(count);
  });

  it('refuses deep nesting at the depth limit', () => {
    const { doc } = fill('', () => '<a>', '');
    const r = timed(doc);
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(r.error).toMatch(/line 1: elements nested deeper than 64/);
  });

  it('refuses more elements than a CAP document has, naming the limit', () => {
    const { doc } = fill('<a>', () => '<b/>', '</a>');
    const r = timed(doc);
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(r.error).toMatch(/more than 20000 elements/);
  });

  it('reads 512 KiB of text full of entity and character references', () => {
    const { doc, count } = fill('<a>', (k) => (k % 2 ? '&amp;' : '&#x4E2D;'), '</a>');
    const r = timed(doc);
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(r.root!.text).toHaveLength(count);
  });

  it('reads an attribute value of half a megabyte, and refuses one that is never closed', () => {
    const { doc } = fill('<a k="', () => 'x', '"/>');
    const r = timed(doc);
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(r.error).toBeUndefined();
    expect(r.root!.attrs.k).toHaveLength(doc.length - '<a k=""/>'.length);

    const open = timed(doc.slice(0, -3));
    expect(open.ms).toBeLessThan(BUDGET_MS);
    expect(open.error).toMatch(/line 1: a malformed attribute in <a>/);
  });

  it('reads thousands of lines and names the line of an error at the very end', () => {
    const { doc } = fill('<a>', () => '<b x="1" y="2" z="3"/>\n', '<c></a>', 19_000);
    const r = timed(doc);
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(r.error).toMatch(new RegExp(`^line ${doc.split('\n').length}: </a> closes <c>`));
  });

  it('reads a feed of as many CAP alerts as fit within a second', () => {
    const alert = (k: number) =>
      `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>A${k}</identifier><sender>s</sender><sent>2025-06-01T08:30:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><info><event>暴雨黄色预警信号</event></info></alert>`;
    const { doc, count } = fill('<feed>', alert, '</feed>');
    const t0 = performance.now();
    const alerts = readCap(doc);
    expect(performance.now() - t0).toBeLessThan(BUDGET_MS);
    expect(alerts).toHaveLength(count);
  });
});
