// The machines, audit and this-machine slices on the fake client, and what the console may offer
// (use-rights.ts): the list reloads when a machine enrols or is revoked; an issued code stays to be
// shown; a revoked machine is replaced in place; the audit filter goes to audit.list; a page that is
// an enrolled machine knows its kind's rights, and takes a credential handed over in its address.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Machine } from '@contract/identity';
import { holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { auditSlice } from './audit-slice';
import { adoptMachineCredential, MACHINE_STORAGE_KEY, storedMachineCredential } from './machine-credential';
import { machinesSlice } from './machines-slice';
import { thisMachineSlice } from './this-machine-slice';
import { rightsInForce } from './use-rights';
import { memoryStorage } from '../../test-kit/memory-storage';

const NOW = 80_000;
const machine = (id: string, over: Partial<Machine> = {}): Machine => ({
  id,
  kind: 'street',
  street: '华乐街',
  name: `${id} 值班电脑`,
  enrolledAt: NOW - 1000,
  lastSeenAt: NOW - 10,
  lastAddress: '10.0.0.5',
  revokedAt: null,
  ...over,
});

beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
afterEach(() => vi.unstubAllGlobals());

describe('machines slice', () => {
  it('lists the machines, reloads on auth.machinesChanged, keeps the issued code and replaces a revoked machine in place', async () => {
    let list = [machine('m1')];
    const { fake, s } = sliceOnFake(
      machinesSlice,
      {
        'auth.listMachines': () => list,
        'auth.issueEnrolCode': ({ kind, street }) => ({ code: 'K7QF-3MZD', kind, street: street ?? null, expiresAt: NOW + 900_000 }),
        'auth.revokeMachine': ({ machineId }) => machine(machineId, { revokedAt: NOW }),
      },
      () => NOW,
    );
    await holdOpen(fake, s);
    expect(s.store.getState().machines.map((m) => m.id)).toEqual(['m1']);
    list = [machine('m2'), machine('m1')];
    fake.emit('auth.machinesChanged', { machineId: 'm2', change: 'enrolled' });
    await tick();
    expect(s.store.getState().machines.map((m) => m.id)).toEqual(['m2', 'm1']);
    expect(await s.commands.issueEnrolCode('street', '华乐街')).toMatchObject({ code: 'K7QF-3MZD', street: '华乐街' });
    expect(fake.calls.find((c) => c.method === 'auth.issueEnrolCode')?.params).toEqual({ kind: 'street', street: '华乐街' });
    expect(s.store.getState().issued?.code).toBe('K7QF-3MZD');
    await s.commands.revokeMachine('m1');
    expect(s.store.getState().machines.find((m) => m.id === 'm1')?.revokedAt).toBe(NOW);
  });
});

describe('audit slice', () => {
  it('sends the filter to audit.list and keeps the chain check', async () => {
    const { fake, s } = sliceOnFake(
      auditSlice,
      { 'audit.list': () => ({ entries: [], total: 7 }), 'audit.verify': () => ({ ok: false, checked: 3, brokenAt: 4 }) },
      () => NOW,
    );
    await holdOpen(fake, s);
    await s.commands.filterAudit({ method: 'plans.activate', from: 1000 });
    expect(fake.calls.at(-1)).toEqual({ method: 'audit.list', params: { method: 'plans.activate', from: 1000, limit: 200 } });
    expect(s.store.getState().total).toBe(7);
    await s.commands.verifyAudit();
    expect(s.store.getState().verified).toEqual({ ok: false, checked: 3, brokenAt: 4, at: NOW });
  });
});

describe('this machine and the rights in force', () => {
  it('a street machine holds its kind’s rights; a console none; the bootstrap page is unrestricted until someone signs in', async () => {
    vi.stubGlobal('window', { location: { href: 'http://hub:4310/?view=console' }, history: { replaceState: () => {} } });
    const roles = () => [
      { role: 'street' as const, label: { zh: '', en: '' }, rights: ['read' as const, 'duty.report' as const] },
      { role: 'wall' as const, label: { zh: '', en: '' }, rights: ['read' as const] },
    ];
    const street = sliceOnFake(thisMachineSlice, { 'auth.getMachine': () => machine('m1'), 'auth.listRoles': roles }, () => NOW);
    await holdOpen(street.fake, street.s);
    expect(street.s.store.getState()).toMatchObject({ machine: { id: 'm1' }, rights: ['read', 'duty.report'] });
    const seat = sliceOnFake(thisMachineSlice, { 'auth.getMachine': () => machine('m2', { kind: 'console', street: null }) }, () => NOW);
    await holdOpen(seat.fake, seat.s);
    expect(seat.s.store.getState().rights).toEqual([]);

    expect(rightsInForce(null, null)).toBeUndefined();
    expect([...rightsInForce(null, [])!]).toEqual([]);
    expect([...rightsInForce({ rights: ['read', 'settings.admin'] }, [])!]).toEqual(['read', 'settings.admin']);
  });

  it('moves a credential handed over in the address to localStorage and takes it (and any ?token=) off the address', () => {
    const replaced: string[] = [];
    const history = { replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) };
    expect(adoptMachineCredential({ href: 'http://hub:4310/?view=wall&token=old#cw-machine=cwm.m1.secret' }, history)).toBe(true);
    expect(localStorage.getItem(MACHINE_STORAGE_KEY)).toBe('cwm.m1.secret');
    expect(storedMachineCredential()).toBe('cwm.m1.secret');
    expect(replaced).toEqual(['/?view=wall']);
    expect(adoptMachineCredential({ href: 'http://hub:4310/?view=wall' }, history)).toBe(false);
  });
});
