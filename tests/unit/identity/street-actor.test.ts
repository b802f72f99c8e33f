// A street centre's machine acts as one of its own street's people, never as a district person
// (issue 14). The street's people are the roster's people whose unit is the street (or one of its
// offices: the unit starts with the street's name). Black box through a real hub on loopback.
import { describe, expect, it } from 'vitest';
import { connect } from '../../support/rpc-socket';
import { demoHub, ok, PASSWORD } from './demo-hub';
import { addPerson, connectMachine, enrolMachine, reportFrom } from './machines-kit';

const h = demoHub('test-token-street-actor');

const report = (street: string) => reportFrom(street, '街道上报：路面积水');

describe('a street machine’s acting person', () => {
  it('is one of its own street’s people: a district person or another street’s is refused, naming the param and the street', async () => {
    const admin = await connect(h.url);
    const people: { id: string; name: string; role: string }[] = await ok(admin, 'duty.listPeople');
    const district = people.find((p) => p.role === 'officer')!; // 区应急指挥中心
    const own = await addPerson(admin, '北京街 值班员', '北京街道办事处');
    const other = await addPerson(admin, '六榕街 值班员', '六榕街道办事处');
    const beijing = await connectMachine(h, await enrolMachine(admin, 'street', '北京街 值班电脑', '北京街'));

    for (const by of [district.id, other]) {
      const r = await beijing.call('duty.recordReport', { report: report('北京街'), by });
      expect(r.error?.code, by).toBe(-32003);
      expect(r.error?.message).toContain('params.by');
      expect(r.error?.message).toContain('北京街');
      expect((r.error as { data?: unknown }).data).toEqual({ param: 'by', street: '北京街' });
    }
    expect(await ok(beijing, 'duty.recordReport', { report: report('北京街'), by: own })).toMatchObject({ street: '北京街', source: 'street' });

    // A district person signed in on the street machine does not become its acting person either.
    await ok(admin, 'auth.setPassword', { personId: district.id, password: PASSWORD });
    await ok(beijing, 'auth.signIn', { name: district.name, password: PASSWORD });
    expect((await beijing.call('duty.recordReport', { report: report('北京街'), by: district.id })).error?.code).toBe(-32003);

    // The district itself (the token, a console) acts as anyone of the roster, as before.
    expect(await ok(admin, 'duty.recordReport', { report: report('六榕街'), by: district.id })).toMatchObject({ street: '六榕街' });
    for (const s of [admin, beijing]) s.close();
  });
});
