// Street scope in the dispatcher (issue 14), once for every method that declares it: a caller
// with a street may call such a method only for its own street, and its call is marked as from
// it whatever it sent. And migration 9: a role an administrator had customised with duty.write
// keeps recording reports (duty.report), on a data folder made before the right existed.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CallContext, Handlers } from '@contract/api';
import { createDispatcher } from '@contract/dispatch';
import { RpcCode } from '@contract/errors';
import { openCore } from '../../../src-main/core/app';
import { migrations } from '../../../src-main/core/migrations';
import { openStore } from '../../../src-main/core/store';
import { quiet, refusal } from '../../support/core-harness';
import { tempDir } from '../../support/temp-dir';

const report = (street: string) => ({
  receivedAt: Date.now() - 60_000,
  source: 'hotline-12345',
  category: 'other',
  street,
  location: '解放北路',
  summary: '积水',
  severity: 'low',
});

describe('street scope', () => {
  const street: CallContext = { transport: 'ws', peer: 't', machineId: 'm1', street: '华乐街', rights: new Set(['read', 'duty.report']) };

  it('lets a street record for itself only, marks the report as from the street, and leaves callers without a street alone', async () => {
    const record = vi.fn((p: unknown) => p);
    // per_aaaa is one of the street's own people here (street-actor.test.ts holds a street to them).
    const dispatch = createDispatcher({ 'duty.recordReport': record } as unknown as Handlers, quiet, {
      isStreetPerson: (st, who) => st === '华乐街' && who === 'per_aaaa',
    });
    const other = await refusal(dispatch('duty.recordReport', { report: report('北京街'), by: 'per_aaaa' }, street));
    expect(other.code).toBe(RpcCode.Forbidden);
    expect(other.message).toContain('华乐街');
    expect(other.data).toEqual({ street: '华乐街', param: 'report.street' });
    expect(record).not.toHaveBeenCalled();

    // The handler's result is checked against Report: the stub echoes params, so catch that and look at what it was given.
    await dispatch('duty.recordReport', { report: report('华乐街'), by: 'per_aaaa' }, street).catch(() => null);
    expect(record).toHaveBeenCalledTimes(1);
    expect((record.mock.calls[0][0] as { report: { source: string; street: string } }).report).toMatchObject({ street: '华乐街', source: 'street' });

    // The district (no street on its context) records for any street, with the source it gives.
    await dispatch('duty.recordReport', { report: report('北京街'), by: 'per_aaaa' }, { transport: 'ws', peer: 'd' }).catch(() => null);
    expect((record.mock.calls[1][0] as { report: { source: string } }).report.source).toBe('hotline-12345');
  });
});

describe('migration 9', () => {
  it('gives duty.report to a customised role that had duty.write, and not to one that had not', async () => {
    const tmp = tempDir();
    try {
      const dir = join(tmp.dir, 'data');
      const old = await openStore({ dir, migrations: migrations.filter((m) => m.version <= 8), log: quiet });
      await old.write((tx) => {
        tx.run('INSERT INTO auth_role (role, rights, updated_at) VALUES (?, ?, ?)', ['officer', JSON.stringify(['read', 'duty.write']), 1]);
        tx.run('INSERT INTO auth_role (role, rights, updated_at) VALUES (?, ?, ?)', ['tech', JSON.stringify(['read', 'power.configure']), 1]);
      });
      await old.close();
      const core = await openCore({ dataDir: dir, host: 'hub', log: quiet });
      try {
        const roles = (await core.dispatch('auth.listRoles', {}, { transport: 'local', peer: 'test' })) as { role: string; rights: string[] }[];
        expect(roles.find((r) => r.role === 'officer')?.rights).toEqual(['read', 'duty.write', 'duty.report']);
        expect(roles.find((r) => r.role === 'tech')?.rights).toEqual(['read', 'power.configure']);
      } finally {
        await core.close();
      }
    } finally {
      tmp.remove();
    }
  });
});
