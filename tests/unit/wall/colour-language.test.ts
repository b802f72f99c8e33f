// The colour language (src-renderer/src/styles/colour-language.ts): every colour reads on the
// wall's surfaces and its ink reads on it (WCAG contrast), each meaning has its own shape and word,
// the level colours are used for nothing else, and base.css declares the same values.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowedLiterals,
  contrast,
  DATA,
  cssVariables,
  LEVEL_ORDER,
  LEVELS,
  LINKS,
  NEUTRAL,
  STATES,
  SURFACES,
  worstLevel,
  type Swatch,
} from '../../../src-renderer/src/styles/colour-language';

const ROOT = join(__dirname, '..', '..', '..');
// COLOUR_PANELS lets the check run over another tree's panels (e.g. an older one, to see it fail there).
const PANELS = process.env.COLOUR_PANELS ?? join(ROOT, 'src-renderer/src/panels');
/** Panels whose colours are brought into the language elsewhere (issue 17's other parts). */
const HANDLED_ELSEWHERE = ['duty-log', 'duty-now', 'events-board', 'plan-overview', 'plan-responses', 'map'];
/** Files that draw an official artwork in its own colours: the Guangdong warning signals (contract SIGNAL_COLOURS and their inks). */
const ARTWORK = ['warnings/SignalIcon.tsx'];
/** A literal colour: #rgb…#rrggbbaa, or rgb()/rgba()/hsl() with its arguments. */
const LITERAL = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\([^)]*\)/g;
/** Black or white with some alpha (shadows, hairlines): no hue, so no meaning. */
const SHADE = /^rgba?\(\s*(0|255)[\s,]+\1[\s,]+\1\s*([,/]\s*[\d.]+%?\s*)?\)$/;

function panelFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return panelFiles(path);
    return /\.(css|tsx?)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}
const all: [string, Swatch][] = [
  ...Object.entries(STATES).map(([k, s]) => [`state ${k}`, s] as [string, Swatch]),
  ...Object.entries(LEVELS).map(([k, s]) => [`level ${k}`, s] as [string, Swatch]),
  ...Object.entries(LINKS).map(([k, s]) => [`link ${k}`, s] as [string, Swatch]),
  ['neutral', NEUTRAL],
];

describe('colour language', () => {
  it('computes WCAG contrast as the standard does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#fff', '#fff')).toBe(1);
  });

  it.each(all)('%s reads as text on every wall surface (≥ 4.5:1) and its ink reads on it (≥ 4.5:1)', (_name, s) => {
    for (const [surface, bg] of Object.entries(SURFACES)) expect(contrast(s.colour, bg), `${s.colour} on ${surface} ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(s.ink, s.colour), `ink ${s.ink} on ${s.colour}`).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every state, level and link its own shape and word, so colour is never the only signal', () => {
    for (const group of [STATES, LEVELS, LINKS] as Record<string, Swatch>[]) {
      const values = Object.values(group);
      expect(new Set(values.map((s) => s.shape)).size, 'shapes').toBe(values.length);
      expect(new Set(values.map((s) => s.word.zh)).size, 'Chinese words').toBe(values.length);
      expect(new Set(values.map((s) => s.word.en)).size, 'English words').toBe(values.length);
    }
  });

  it('keeps the level colours for levels alone: no state, link or neutral uses one', () => {
    const levelColours = new Set(Object.values(LEVELS).map((l) => l.colour.toLowerCase()));
    for (const s of [...Object.values(STATES), ...Object.values(LINKS), NEUTRAL]) expect(levelColours.has(s.colour.toLowerCase()), s.colour).toBe(false);
    // Unknown is grey, never the colour of normal.
    expect(STATES.stale.colour).not.toBe(STATES.normal.colour);
  });

  it('picks the most severe level', () => {
    expect(worstLevel(['blue', 'yellow', null, 'orange'])).toBe('orange');
    expect(worstLevel(['blue', 'red'])).toBe('red');
    expect(worstLevel([null, undefined])).toBeNull();
    expect(LEVEL_ORDER[0]).toBe('red');
  });

  it('gives charts neutral series that read on the wall and are no state or level colour', () => {
    const taken = new Set([...Object.values(LEVELS), ...Object.values(STATES)].map((s) => s.colour));
    for (const c of DATA.series) {
      expect(taken.has(c) && c !== STATES.offline.colour, c).toBe(false);
      for (const bg of Object.values(SURFACES)) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('panels write no colour of their own: only the language’s tokens (base.css custom properties) or its swatches', () => {
    const allowed = allowedLiterals();
    const folders = readdirSync(PANELS).filter((n) => statSync(join(PANELS, n)).isDirectory());
    const checked = folders.filter((n) => !HANDLED_ELSEWHERE.includes(n));
    expect(checked).toEqual(
      expect.arrayContaining([
        'power',
        'stats',
        'warnings',
        'tasks',
        'teams',
        'resources',
        'report-clock',
        'cameras',
        'clock-status',
        'this-centre',
        'consult',
      ]),
    );
    const bad: string[] = [];
    for (const file of checked.flatMap((n) => panelFiles(join(PANELS, n)))) {
      const rel = file.slice(PANELS.length + 1).replaceAll('\\', '/');
      if (ARTWORK.includes(rel)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(LITERAL)) {
        const c = m[0].toLowerCase();
        if (allowed.has(c) || SHADE.test(c)) continue;
        // An HTML entity or id that only looks like a colour (&#123;) is not one.
        if (text[m.index - 1] === '&') continue;
        bad.push(`${rel}:${text.slice(0, m.index).split('\n').length} ${m[0]}`);
      }
      // The old tokens mean green / orange / red for any status: the state tokens replace them.
      for (const m of text.matchAll(/var\(--(ok|warn|bad)\)/g)) bad.push(`${rel}:${text.slice(0, m.index).split('\n').length} ${m[0]}`);
    }
    expect(bad, 'use var(--state-*), var(--level-*) (levels only), var(--neutral) or a swatch of colour-language.ts').toEqual([]);
  });

  it('base.css declares the same custom properties with the same values', () => {
    const css = readFileSync(join(ROOT, 'src-renderer/src/styles/base.css'), 'utf8');
    for (const [name, value] of Object.entries(cssVariables())) {
      const m = new RegExp(`${name}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`).exec(css);
      expect(m?.[1]?.toLowerCase(), name).toBe(value.toLowerCase());
    }
  });
});
