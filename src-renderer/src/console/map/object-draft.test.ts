// The console's map object form drafts.
import { describe, expect, it } from 'vitest';
import { MapObjectInput } from '@contract/map';
import { draftFromObject, inputFromDraft, newDraft } from './object-draft';
import { anyObject as obj } from '../../state/map/test-fixtures';

/** A warehouse on the map holding 300 bags of sand, with this manager. */
const warehouse = (manager: string) =>
  obj({
    kind: 'warehouse',
    name: '储备点',
    street: '北京街',
    areaM2: 56,
    stock: [{ item: '沙包', quantity: 300, unit: '袋' }],
    manager,
  } as never);

describe('the console’s map object draft', () => {
  it('round-trips an object through the form and back into a valid input', () => {
    const wh = warehouse('办事处');
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

  it('sends a warehouse’s stock and a team’s status back as the map holds them now, whatever the draft says', () => {
    const wh = warehouse('');
    const now = { ...wh, stock: [{ item: '沙包', quantity: 280, unit: '袋' }] } as typeof wh;
    const d = { ...draftFromObject(wh), stock: '沙包:999:袋', manager: '李明' };
    expect(MapObjectInput.parse(inputFromDraft(d, now))).toMatchObject({ stock: [{ item: '沙包', quantity: 280, unit: '袋' }], manager: '李明' });
    const team = obj({
      kind: 'team',
      name: '抢险队',
      street: '北京街',
      people: 30,
      professional: true,
      equipment: '',
      status: 'standby',
      contact: '',
    } as never);
    const out = { ...team, status: 'deployed' } as typeof team;
    expect(MapObjectInput.parse(inputFromDraft({ ...draftFromObject(team), status: 'resting' }, out))).toMatchObject({ status: 'deployed' });
  });
});
