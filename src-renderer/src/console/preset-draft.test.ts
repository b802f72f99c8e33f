import { describe, expect, it } from 'vitest';
import { standardLayout } from '@contract/layouts';
import { WallPreset } from '@contract/schemas';
import { derivePresetId, draftFromPreset, draftReducer, draftToPreset, equalGrid, newDraft } from './preset-draft';

const taken = ['overview', 'single', 'quad'];

describe('derivePresetId', () => {
  it('slugs ASCII names and numbers the rest', () => {
    expect(derivePresetId('Flood Response 2', taken)).toBe('flood-response-2');
    expect(derivePresetId('防汛 Flood', taken)).toBe('flood');
    expect(derivePresetId('防汛会商', taken)).toBe('preset-4');
    expect(derivePresetId('防汛会商', [...taken, 'preset-4'])).toBe('preset-5');
    expect(derivePresetId('Overview', taken)).toBe('overview-2');
  });
});

describe('preset draft', () => {
  it('a new draft follows its name until an id is typed, and makes a valid preset', () => {
    let d = newDraft(taken);
    d = draftReducer(d, { type: 'name', name: 'Typhoon', takenIds: taken });
    expect(d.id).toBe('typhoon');
    d = draftReducer(d, { type: 'id', id: 'typhoon-a' });
    d = draftReducer(d, { type: 'name', name: 'Typhoon B', takenIds: taken });
    expect(d.id).toBe('typhoon-a');
    d = draftReducer(d, { type: 'cell', index: 0, panel: 'clock-status' });
    expect(WallPreset.safeParse(draftToPreset(d)).success).toBe(true);
  });

  it('an existing preset keeps its id when renamed', () => {
    const d = draftFromPreset({ id: 'quad', name: '四分屏', layout: standardLayout('2x2'), cells: [null, null, null, null] });
    expect(draftReducer(d, { type: 'name', name: 'Quad', takenIds: taken }).id).toBe('quad');
  });

  it('keeps chosen panels when the layout changes', () => {
    let d = newDraft(taken);
    d = draftReducer(d, { type: 'cell', index: 1, panel: 'this-centre' });
    d = draftReducer(d, { type: 'layout', kind: '1+5' });
    expect(d.cells).toEqual([null, 'this-centre', null, null, null, null]);
    d = draftReducer(d, { type: 'layout', kind: '1x1' });
    expect(d.cells).toEqual([null]);
  });

  it('makes custom equal grids within bounds, valid for the contract', () => {
    let d = newDraft(taken);
    d = draftReducer(d, { type: 'layout', kind: 'custom' });
    expect(d.layout).toMatchObject({ kind: 'custom', cols: 2, rows: 2 });
    d = draftReducer(d, { type: 'customSize', cols: 3, rows: 20 });
    expect(d.layout).toMatchObject({ cols: 3, rows: 8 });
    expect(d.cells).toHaveLength(24);
    expect(equalGrid(0, 2).cols).toBe(1);
    expect(WallPreset.safeParse({ ...draftToPreset(d), name: 'x' }).success).toBe(true);
  });
});
