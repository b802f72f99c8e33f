// Pushed events are heard only by those who may (issue 14): each event declares its right beside
// it in the contract (and, for a street-scoped one, the street it concerns), and the hub checks it
// once for every socket as its caller stands. Black box through a real hub on loopback: the
// bootstrap socket, a wall, two street centres, a console nobody signed in on and a console with a
// 值班员 signed in each hear only what they may.
import { describe, expect, it } from 'vitest';
import { events, type EventName } from '@contract/api';
import type { EventSpec } from '@contract/define';
import { Right } from '@contract/rights';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { demoHub, demoPeople, ok, PASSWORD } from './demo-hub';
import { connectMachine, enrolMachine, heard } from './machines-kit';

const h = demoHub('test-token-event-rights');

/** Waits until `names` holds `event` (at most 3 s). */
async function until(names: string[], event: string): Promise<void> {
  const end = Date.now() + 3000;
  while (!names.includes(event)) {
    if (Date.now() > end) throw new Error(`${event} never heard`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Lets whatever the hub was pushing reach every socket: one round trip on each. */
async function settle(sockets: TestSocket[]): Promise<void> {
  await new Promise((r) => setTimeout(r, 100));
  await Promise.all(sockets.map((s) => s.call('system.info')));
}

describe('events filtered by rights', () => {
  it('every event of the contract declares a right that exists', () => {
    for (const [name, spec] of Object.entries(events) as [EventName, EventSpec][]) expect(Right.safeParse(spec.right).success, name).toBe(true);
    // Where a machine is and what an administrator changes are not everyone's to hear.
    expect(events['auth.machinesChanged'].right).toBe('audit.read');
    expect(events['consult.signal'].right).toBe('consult.join');
    expect(typeof events['tasks.changed'].streetOf).toBe('function');
  });

  it('a wall, two streets and two consoles connected through the hub hear only what they may', async () => {
    const admin = await connect(h.url);
    const { officer, leader } = await demoPeople(admin, 'officer');

    const wall = await connectMachine(h, await enrolMachine(admin, 'wall', '大厅 大屏 1'));
    const beijing = await connectMachine(h, await enrolMachine(admin, 'street', '北京街 值班电脑', '北京街'));
    const liurong = await connectMachine(h, await enrolMachine(admin, 'street', '六榕街 值班电脑', '六榕街'));
    const idle = await connectMachine(h, await enrolMachine(admin, 'console', '席位 1'));
    const seat = await connectMachine(h, await enrolMachine(admin, 'console', '席位 2'));
    await ok(seat, 'auth.signIn', { name: officer.name, password: PASSWORD });
    const all = [admin, wall, beijing, liurong, idle, seat];
    const [toAdmin, toWall, toBeijing, toLiurong, toIdle, toSeat] = all.map(heard);

    // A task addressed to 北京街: the district and the wall see it; of the streets only 北京街.
    await ok(admin, 'tasks.issue', {
      task: {
        title: '疏散北京路低洼点群众',
        content: '组织群众转移',
        priority: 'urgent',
        addressee: { kind: 'street', name: '北京街' },
        deadline: Date.now() + 3_600_000,
      },
      by: leader.id,
    });
    // A task to a team concerns no street: no street hears it.
    await ok(admin, 'tasks.issue', {
      task: {
        title: '抽排积水',
        content: '前往解放北路',
        priority: 'normal',
        addressee: { kind: 'team', name: '区排水抢险队' },
        deadline: Date.now() + 3_600_000,
      },
      by: leader.id,
    });
    // An enrolment: where machines are is for those who read the audit trail.
    await enrolMachine(admin, 'wall', '大厅 大屏 2');
    await until(toAdmin, 'auth.machinesChanged');
    await until(toSeat, 'tasks.changed');
    await settle(all);

    const count = (names: string[], e: string): number => names.filter((n) => n === e).length;
    expect(count(toAdmin, 'tasks.changed')).toBe(2);
    expect(count(toWall, 'tasks.changed')).toBe(2);
    expect(count(toSeat, 'tasks.changed')).toBe(2);
    expect(count(toBeijing, 'tasks.changed')).toBe(1);
    expect(count(toLiurong, 'tasks.changed')).toBe(0);
    expect(toIdle).toEqual([]);
    expect(toAdmin).toContain('auth.machinesChanged');
    for (const names of [toWall, toBeijing, toLiurong, toSeat]) expect(names).not.toContain('auth.machinesChanged');

    // The pushes follow the caller as it stands: the idle console hears once a person signs in on it.
    await ok(idle, 'auth.signIn', { name: officer.name, password: PASSWORD });
    await ok(admin, 'tasks.issue', {
      task: { title: '巡查', content: '巡查积水点', priority: 'normal', addressee: { kind: 'street', name: '六榕街' }, deadline: Date.now() + 3_600_000 },
      by: leader.id,
    });
    await until(toIdle, 'tasks.changed');
    await until(toLiurong, 'tasks.changed');
    await settle(all);
    expect(count(toBeijing, 'tasks.changed')).toBe(1);
    for (const s of all) s.close();
  });
});
