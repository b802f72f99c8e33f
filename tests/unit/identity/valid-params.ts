// Valid params for any method of the contract, generated from its schema (zod-arbitrary, fixed
// seeds), for black-box tests that must get past validation to reach the rights check: the
// dispatcher validates params first, so a refusal naming a right proves the right was checked.
import fc from 'fast-check';
import type { z } from 'zod';
import { loneSurrogatePath } from '@contract/dispatch';
import { LayoutSpec, STANDARD_LAYOUTS, standardLayout } from '@contract/layouts';
import { WallPreset } from '@contract/wall';
import { Coordinates, YUEXIU_BBOX } from '@contract/yuexiu';
import { zodArbitrary, type Path } from '../../support/zod-arbitrary';

const SEED = 1414;
const TRIES = 300;

const layouts = fc.constantFrom(...STANDARD_LAYOUTS).map(standardLayout);
const panelIds = fc.constantFrom('clock-status', 'map', 'duty', 'warnings', 'cameras', 'stats', 'power', 'consult', 'plans', null);
const inYuexiu = fc.record({
  lat: fc.double({ min: YUEXIU_BBOX.minLat, max: YUEXIU_BBOX.maxLat, noNaN: true }),
  lng: fc.double({ min: YUEXIU_BBOX.minLng, max: YUEXIU_BBOX.maxLng, noNaN: true }),
});

/** Steers generation where plain randomness never passes a refinement (as the fuzz test does). */
export function steer(s: z.ZodType, _path: Path, generated: () => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> | undefined {
  if (s === Coordinates) return inYuexiu;
  if (s === LayoutSpec) return layouts;
  if (s === WallPreset)
    return fc
      .tuple(generated(), layouts)
      .chain(([p, layout]) =>
        fc.array(panelIds, { minLength: layout.areas.length, maxLength: layout.areas.length }).map((cells) => ({ ...(p as object), layout, cells })),
      );
  return undefined;
}

const found = new Map<z.ZodType, unknown>();

/** The first generated value that passes `schema` as the dispatcher reads params; undefined when none does. */
export function validParams(schema: z.ZodType): unknown {
  if (found.has(schema)) return found.get(schema);
  const arbitrary = zodArbitrary(schema, { override: steer });
  const passes = (v: unknown): boolean => schema.safeParse(v ?? {}).success && loneSurrogatePath(v) === null;
  for (let b = 0; b * 5 < TRIES; b++) {
    const hit = fc.sample(arbitrary, { seed: SEED + b, numRuns: 5 }).find(passes);
    if (hit !== undefined) {
      found.set(schema, hit);
      return hit;
    }
  }
  return undefined;
}
