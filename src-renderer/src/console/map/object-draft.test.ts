// The console's map object form drafts.
import { describe, expect, it } from 'vitest';
import { MapObjectInput } from '@contract/map';
import { draftFromObject, inputFromDraft, newDraft } from './object-draft';
import { anyObject as obj } from '../../state/map/test-fixtures';

describe('the console’s map object draft', () => {
  it('round-trips an object through the form and back into a valid input', () => {
    const wh = obj({
      kind: 'warehouse',
      name: '储备点',
      street: '北京街',
      areaM2: 56,
      stock: [{ item: '沙包', quantity: 300, unit: '袋' }],
      manager: '办事处',
    } as never);
    const d = draftFromObject(wh);
    expect(d.stock).toBe('沙包:300:袋');
    const back = MapObjectInput.parse(inputFromDraft(d));
    expect(back).toMatchObject({
      kind: 'warehouse',
      id: wh.id,
      stock: [{ item: '沙包', quantity: 300, unit: '袋' }],
      areaM2: 56,
      position: { lat: 23.13, lng: 113.27 },
    });
  });

  it('leaves a missing required number out, so the server names it', () => {
    const d = { ...newDraft('shelter'), name: '新场所', lat: '23.13', lng: '113.27', areaM2: '100' };
    const r = MapObjectInput.safeParse(inputFromDraft(d));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['capacity']);
  });
});
