// The 当前操作人 picker (console/duty/ActorPicker.tsx) lists whom the console may act as: on a street
// centre's machine only the street's own people, on a district console everyone active. It uses
// the contract's actorChoices; this checks it lists exactly the people the hub lets the street
// machine act as (identity.isStreetPerson, held by the dispatcher), against a real core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorChoices } from '@contract/identity';
import { openCoreHarness, type CoreHarness } from '../../support/core-harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await openCoreHarness({ demo: true });
  const add = (name: string, unit: string, active = true) =>
    h.call('duty.savePerson', { person: { name, role: 'officer', phone: '020-8333 0001', unit, active } });
  await add('北京街 值班员甲', '北京街道办事处');
  await add('北京街 值班员乙', ' 北京街 ');
  await add('北京街 离岗', '北京街道办事处', false);
  await add('六榕街 值班员', '六榕街道办事处');
});
afterAll(() => h.close());

describe('the acting-person picker’s choices', () => {
  it('on a street machine: exactly the street’s own active people, as the hub holds it', async () => {
    const people = await h.call('duty.listPeople');
    for (const street of ['北京街', '六榕街', '华乐街']) {
      const listed = actorChoices(people, street)
        .map((p) => p.id)
        .sort();
      const hubAllows = people
        .filter((p) => h.core.identity.isStreetPerson(street, p.id, 'id'))
        .map((p) => p.id)
        .sort();
      expect(listed, street).toEqual(hubAllows);
    }
    expect(
      actorChoices(people, '北京街')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['北京街 值班员乙', '北京街 值班员甲']);
    // Nobody of the district's own centre is offered to a street.
    expect(actorChoices(people, '北京街').some((p) => p.unit.includes('区应急'))).toBe(false);
  });

  it('on a district console: everyone active, district and streets alike', async () => {
    const people = await h.call('duty.listPeople');
    const listed = actorChoices(people, null);
    expect(listed.length).toBe(people.filter((p) => p.active).length);
    expect(listed.some((p) => p.name === '六榕街 值班员')).toBe(true);
    expect(listed.some((p) => p.name === '北京街 离岗')).toBe(false);
    expect(listed.length).toBeGreaterThan(actorChoices(people, '北京街').length);
  });
});
