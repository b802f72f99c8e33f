// The text of a PDF as pdfkit writes it: every stream inflated, the embedded font's ToUnicode map
// (bfrange arrays) read, and each TJ's glyph ids mapped back to characters (one TJ per "|").
// (Used by tests/unit/reporting and tests/unit/duty/operations.)
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    try {
      streams.push(inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1'));
    } catch {
      // not deflated (none expected): skipped
    }
  }
  const glyphs = new Map<number, string>();
  for (const s of streams)
    for (const r of s.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*\[([^\]]*)\]/gi))
      [...r[3].matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) =>
        glyphs.set(parseInt(r[1], 16) + i, String.fromCharCode(...u[1].match(/.{4}/g)!.map((h) => parseInt(h, 16)))),
      );
  const runs = streams.flatMap((s) => [...s.matchAll(/\[([^\]]*)\]\s*TJ/g)]);
  return runs
    .map((tj) =>
      [...tj[1].matchAll(/<([0-9a-f]+)>/gi)]
        .map((h) =>
          h[1]
            .match(/.{4}/g)!
            .map((g) => glyphs.get(parseInt(g, 16)) ?? '?')
            .join(''),
        )
        .join(''),
    )
    .join('|');
}
