// Who a console's write is made as when nobody is signed in on it (issue 14: "the acting person of
// every write comes from the session, never from the request"), and who is signed in at which
// console (the wall's duty slot). A real core and store, through the core's own dispatcher as the
// desktop app's windows call it (transport ipc), and a real hub on loopback for the enrolled
// machines and the bootstrap token: a console page on it (browser mode, its socket opened with
// ?view=console) signs in to act as the host's windows do; automation on it still names anyone.
import { describe, expect, it } from 'vitest';
import type { CallContext } from '@contract/api';
import { RpcError } from '@contract/errors';
import { connect } from '../../support/rpc-socket';
import { demoHub, demoPeople, ok, PASSWORD } from './demo-hub';
import { addPerson, connectMachine, enrolMachine, heard, reportFrom } from './machines-kit';

const h = demoHub('test-token-acting-person');

const report = (street: string) => reportFrom(street, '值班席位登记：路面积水');

/** A call from a desktop window (as shell/ipc-main.ts makes it): the error, or undefined. */
async function ipc(connectionId: string, method: string, params: unknown): Promise<{ result?: any; error?: RpcError }> {
  const base: CallContext = { transport: 'ipc', peer: `window ${connectionId}`, connectionId };
  const bound = h.core.identity.contextFor(connectionId);
  try {
    return { result: await h.core.dispatch(method, params, bound ? { ...base, ...bound } : base) };
  } catch (err) {
    return { error: err as RpcError };
  }
}

describe('the acting person of a console nobody is signed in on', () => {
  it('is chosen on the desktop host’s own window only during the first set-up; after it, only by signing in', async () => {
    const admin = await connect(h.url);
    const people: { id: string; name: string; role: string }[] = await ok(admin, 'duty.listPeople');
    const officer = people.find((p) => p.role === 'officer')!;
    const leader = people.find((p) => p.role === 'leader')!;
    const win = 'ipc-acting-1';

    // The first set-up: nobody has a password, so nobody could sign in: the window names anyone,
    // and so does a console page on the bootstrap token (browser mode).
    expect((await ipc(win, 'auth.getActorRule', {})).result).toEqual({ rule: 'choose', street: null });
    expect((await ipc(win, 'duty.recordReport', { report: report('北京街'), by: officer.id })).error).toBeUndefined();
    const page = await connect(`${h.url}&view=console`);
    expect(await ok(page, 'auth.getActorRule')).toEqual({ rule: 'choose', street: null });
    expect(await ok(page, 'duty.recordReport', { report: report('北京街'), by: officer.id })).toMatchObject({ street: '北京街' });
    page.close();

    // Set-up over (a person has a password): the window names nobody without signing in.
    await ok(admin, 'auth.setPassword', { personId: officer.id, password: PASSWORD });
    expect((await ipc(win, 'auth.getActorRule', {})).result).toEqual({ rule: 'session', street: null });
    const refused = (await ipc(win, 'duty.recordReport', { report: report('北京街'), by: officer.id })).error;
    expect(refused?.code).toBe(-32001);
    expect(refused?.message).toContain('params.by');
    expect(refused?.data).toMatchObject({ param: 'by', signIn: true, text: { zh: expect.stringContaining('请先登录') } });
    // Refused before anything was written (and a name, for power's `by`, alike).
    const name = (await ipc(win, 'power.acknowledgeAlarm', { id: 'alarm-1', by: leader.name })).error;
    expect(name?.code).toBe(-32001);

    // Signed in on that window: the signed-in person, and nobody else.
    expect((await ipc(win, 'auth.signIn', { name: officer.name, password: PASSWORD })).error).toBeUndefined();
    expect((await ipc(win, 'duty.recordReport', { report: report('北京街'), by: officer.id })).error).toBeUndefined();
    expect((await ipc(win, 'duty.recordReport', { report: report('北京街'), by: leader.id })).error?.code).toBe(-32003);
    // A write naming nobody (wall control, settings) is not an acting-person question: unchanged.
    expect((await ipc('ipc-acting-2', 'wall.get', {})).error).toBeUndefined();

    // The bootstrap token (automation, first set-up) still names anyone: the issue keeps it.
    expect(await ok(admin, 'auth.getActorRule')).toEqual({ rule: 'choose', street: null });
    expect(await ok(admin, 'duty.recordReport', { report: report('六榕街'), by: leader.id })).toMatchObject({ street: '六榕街' });
    admin.close();
  });

  it('is, on a console page of the bootstrap token (browser mode), only whoever signs in once set-up is over; automation on the token names anyone', async () => {
    const admin = await connect(h.url);
    const { officer, leader } = await demoPeople(admin, 'officer');
    // The page says what it is when its socket opens (the renderer's rpcUrl adds view=console).
    const page = await connect(`${h.url}&view=console`);
    const wall = await connect(`${h.url}&view=wall`);

    expect(await ok(page, 'auth.getActorRule')).toEqual({ rule: 'session', street: null });
    const refused = await page.call('duty.recordReport', { report: report('北京街'), by: officer.id });
    expect(refused.error?.code).toBe(-32001);
    expect(refused.error?.message).toContain('params.by');
    expect((refused.error as { data?: unknown } | undefined)?.data).toMatchObject({
      param: 'by',
      signIn: true,
      text: { zh: expect.stringContaining('请先登录') },
    });
    // A name (power's `by`, consult's startedBy) alike; refused before anything is written.
    expect((await page.call('power.acknowledgeAlarm', { id: 'alarm-1', by: leader.name })).error?.code).toBe(-32001);
    // A write naming nobody is no acting-person question (the token's page still issues the first codes).
    expect((await page.call('auth.issuePasswordCode', { personId: leader.id })).error).toBeUndefined();

    // Signed in on the page: the signed-in person, and nobody else.
    await ok(page, 'auth.signIn', { name: officer.name, password: PASSWORD });
    expect(await ok(page, 'duty.recordReport', { report: report('北京街'), by: officer.id })).toMatchObject({ street: '北京街' });
    expect((await page.call('duty.recordReport', { report: report('北京街'), by: leader.id })).error?.code).toBe(-32003);
    // Signed out: sign in first again.
    await ok(page, 'auth.signOut');
    expect((await page.call('duty.recordReport', { report: report('北京街'), by: officer.id })).error?.code).toBe(-32001);

    // Automation on the token (a script, the tests' helpers) and a page that is no console: anyone.
    expect(await ok(admin, 'auth.getActorRule')).toEqual({ rule: 'choose', street: null });
    expect(await ok(admin, 'duty.recordReport', { report: report('六榕街'), by: leader.id })).toMatchObject({ street: '六榕街' });
    expect(await ok(wall, 'auth.getActorRule')).toEqual({ rule: 'choose', street: null });
    // An enrolled machine's socket is ruled by its kind, whatever it says.
    const street = await connect(
      `ws://127.0.0.1:${h.hub.port}/rpc?token=${encodeURIComponent(await enrolMachine(admin, 'street', '北京街 页面', '北京街'))}&view=console`,
    );
    expect(await ok(street, 'auth.getActorRule')).toEqual({ rule: 'street', street: '北京街' });
    for (const s of [admin, page, wall, street]) s.close();
  });

  it('is said by auth.getActorRule for each kind of machine: a console signs in, a street names its own people', async () => {
    const admin = await connect(h.url);
    const desk = await connectMachine(h, await enrolMachine(admin, 'console', '值班席位 3'));
    const street = await connectMachine(h, await enrolMachine(admin, 'street', '北京街 值班电脑', '北京街'));
    const wall = await connectMachine(h, await enrolMachine(admin, 'wall', '大屏 1'));
    expect(await ok(desk, 'auth.getActorRule')).toEqual({ rule: 'session', street: null });
    expect(await ok(street, 'auth.getActorRule')).toEqual({ rule: 'street', street: '北京街' });
    expect(await ok(wall, 'auth.getActorRule')).toEqual({ rule: 'session', street: null });
    for (const s of [admin, desk, street, wall]) s.close();
  });
});

describe('who is signed in at which console', () => {
  it('lists each signed-in person with the console’s name, kind and street, pushes the change, and drops them at sign-out', async () => {
    const admin = await connect(h.url);
    const { leader } = await demoPeople(admin, 'leader');
    const own = await addPerson(admin, '北京街 在席员', '北京街道办事处');
    await ok(admin, 'auth.setPassword', { personId: own, password: PASSWORD });
    const wallCred = await enrolMachine(admin, 'wall', '大屏 2');
    const wall = await connectMachine(h, wallCred);
    const pushes = heard(wall);
    const desk = await connectMachine(h, await enrolMachine(admin, 'console', '值班席位 1'));
    const street = await connectMachine(h, await enrolMachine(admin, 'street', '北京街 在席电脑', '北京街'));
    const before: unknown[] = await ok(wall, 'auth.listSignedIn');

    await ok(desk, 'auth.signIn', { name: leader.name, password: PASSWORD });
    await ok(street, 'auth.signIn', { name: '北京街 在席员', password: PASSWORD });
    const list: { person: { id: string }; machineName: string | null; kind: string; street: string | null; address: string | null }[] = await ok(
      wall,
      'auth.listSignedIn',
    );
    expect(list.length).toBe(before.length + 2);
    expect(list.find((x) => x.person.id === leader.id)).toMatchObject({
      person: { name: leader.name, role: 'leader' },
      machineName: '值班席位 1',
      kind: 'console',
      street: null,
      address: '127.0.0.1',
    });
    expect(list.find((x) => x.person.id === own)).toMatchObject({ machineName: '北京街 在席电脑', kind: 'street', street: '北京街' });
    // The wall (read right) hears who signs in, to redraw its duty slot.
    await expect.poll(() => pushes.filter((e) => e === 'auth.signedInChanged').length).toBeGreaterThanOrEqual(2);

    await ok(desk, 'auth.signOut');
    street.close(); // a console closed: its person is no longer at it
    await expect.poll(async () => ((await ok(wall, 'auth.listSignedIn')) as unknown[]).length).toBe(before.length);
    await expect.poll(() => pushes.filter((e) => e === 'auth.signedInChanged').length).toBeGreaterThanOrEqual(4);
    for (const s of [admin, desk, wall]) s.close();
  });
});
