// Every domain refusal is said in both languages (issue 17): `new RefusedError({ zh, en }, data?)`,
// never the old English-only `new RefusedError('…')`, so the page never shows a duty officer an
// English sentence in the Chinese UI (src-renderer/src/shared/error-text.ts shows data.text in the
// page's language). This reads the main process's source and names every refusal still given as a
// plain string literal.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// REFUSALS_ROOT lets the check run over another checkout (e.g. an older tree, to see it fail there).
const ROOT = process.env.REFUSALS_ROOT ?? join(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'src-main');

/**
 * Capability folders (src-main/core/<name>) whose refusals are not converted yet, allowed for now.
 * One list: take a folder out as soon as it is converted (the test says when one is).
 */
const NOT_YET_CONVERTED: readonly string[] = [];

/** `new RefusedError(` whose first argument is a string or template literal. */
const PLAIN = /new\s+RefusedError\s*\(\s*['"`]/g;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function plainRefusals(file: string): number[] {
  const text = readFileSync(file, 'utf8');
  const lines: number[] = [];
  for (const m of text.matchAll(PLAIN)) lines.push(text.slice(0, m.index).split('\n').length);
  return lines;
}

/** The capability folder a file is in (src-main/core/<name>/…), or null. */
function capabilityOf(file: string): string | null {
  const parts = relative(SRC, file).split(sep);
  return parts[0] === 'core' && parts.length > 2 ? parts[1] : null;
}

describe('refusals in both languages', () => {
  const files = sources(SRC);
  const found = files.flatMap((f) => plainRefusals(f).map((line) => ({ file: relative(ROOT, f), line, capability: capabilityOf(f) })));

  it('finds the source it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith(join('core', 'wall', 'wall-service.ts')))).toBe(true);
  });

  it('gives no refusal as a plain string outside the folders not yet converted', () => {
    const bad = found.filter((r) => r.capability === null || !NOT_YET_CONVERTED.includes(r.capability)).map((r) => `${r.file}:${r.line}`);
    expect(bad, 'say these refusals as new RefusedError({ zh, en }, data?)').toEqual([]);
  });

  it('lists as not yet converted only folders that still have a plain refusal', () => {
    const stillPlain = new Set(found.map((r) => r.capability));
    const done = NOT_YET_CONVERTED.filter((c) => !stillPlain.has(c));
    expect(done, 'converted: take these out of NOT_YET_CONVERTED').toEqual([]);
  });

  it('recognises the old form and not the new one', () => {
    const old = "throw new RefusedError(`no preset with id ${id}`); throw new RefusedError(\n  'a NUT password needs a username');";
    const now = "throw new RefusedError({ zh: '没有此预案', en: `no preset with id ${id}` });";
    expect([...old.matchAll(PLAIN)]).toHaveLength(2);
    expect([...now.matchAll(PLAIN)]).toHaveLength(0);
  });
});
