// The colour language (src-renderer/src/styles/colour-language.ts): every colour reads on the
// wall's surfaces and its ink reads on it (WCAG contrast), each meaning has its own shape and word,
// the level colours are used for nothing else, and base.css declares the same values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contrast,
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

  it('base.css declares the same custom properties with the same values', () => {
    const css = readFileSync(join(ROOT, 'src-renderer/src/styles/base.css'), 'utf8');
    for (const [name, value] of Object.entries(cssVariables())) {
      const m = new RegExp(`${name}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`).exec(css);
      expect(m?.[1]?.toLowerCase(), name).toBe(value.toLowerCase());
    }
  });
});
