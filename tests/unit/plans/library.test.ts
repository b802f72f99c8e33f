// The plan library, attachments by content hash, drills and the KPIs, through the contract.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openHarness, staff, type Harness } from '../duty/harness';
import { sanfang } from './fixtures';

let h: Harness;
let ids: Record<string, string>;

beforeEach(async () => {
  h = await openHarness(); // 2025-06-10 10:00
  ids = await staff(h);
});
afterEach(() => h.close());

describe('the plan library', () => {
  it('saves a plan with its levels (most severe first), keeps every revision, lists and filters', async () => {
    const p = await h.call('plans.save', { plan: sanfang(), by: ids['李明'] });
    expect(p).toMatchObject({
      version: '2024版',
      revisionPeriodMonths: 36,
      revisionDueOn: '2027-10-08',
      revisionOverdue: false,
      archived: false,
      activeResponseId: null,
      demo: false,
    });
    expect(p.responseLevels.map((l) => l.level)).toEqual(['III', 'IV']);
    const revised = await h.call('plans.save', { plan: sanfang({ id: p.id, version: '2025版', revisedOn: '2025-05-20' }), by: ids['陈志强'] });
    expect(revised.revisedOn).toBe('2025-05-20');
    expect((await h.call('plans.listRevisions', { id: p.id })).map((r) => [r.kind, r.version, r.by.name])).toEqual([
      ['changed', '2025版', '陈志强'],
      ['created', '2024版', '李明'],
    ]);
    await h.call('plans.save', {
      plan: sanfang({ title: '北京街三防应急预案', level: 'street', street: '北京街', ownerUnit: '北京街道办事处' }),
      by: ids['李明'],
    });
    expect((await h.call('plans.list', { street: '北京街' })).map((x) => x.title)).toEqual(['北京街三防应急预案']);
    expect((await h.call('plans.list', { q: '防冻' })).map((x) => x.actionCount)).toEqual([3]);
    const libraryEvents = h.events.filter((e) => e.event === 'plans.libraryChanged');
    expect(libraryEvents).toHaveLength(3);
    expect(libraryEvents[2].payload.kpis.revision).toMatchObject({ revised: 2, total: 2, rate: 1 });
  });

  it('refuses at the boundary a street plan without a street, a level given twice, an unknown category', async () => {
    const e1 = await h.refusal('plans.save', { plan: sanfang({ level: 'street' }), by: ids['李明'] });
    expect(e1.code).toBe(RpcCode.InvalidParams);
    expect(e1.message).toContain('params.plan.street: a street plan names its street');
    const e2 = await h.refusal('plans.save', {
      plan: sanfang({ responseLevels: [sanfang().responseLevels[0], sanfang().responseLevels[0]] }),
      by: ids['李明'],
    });
    expect(e2.message).toContain('response level IV is given twice');
    expect((await h.refusal('plans.save', { plan: sanfang({ category: 'typhoon' }), by: ids['李明'] })).message).toContain('params.plan.category');
    expect((await h.refusal('plans.save', { plan: sanfang({ revisedOn: '2025-02-30' }), by: ids['李明'] })).message).toContain('not a calendar date');
    expect((await h.refusal('plans.save', { plan: sanfang({ revisedOn: '2025-07-01' }), by: ids['李明'] })).message).toContain('lies in the future');
  });

  it('archives a plan out of the library and the KPIs, with a reason; restores it', async () => {
    const p = await h.call('plans.save', { plan: sanfang(), by: ids['李明'] });
    await h.call('plans.archive', { id: p.id, archived: true, by: ids['李明'], reason: '被新版替代' });
    expect(await h.call('plans.list', {})).toEqual([]);
    expect((await h.call('plans.list', { includeArchived: true }))[0].archived).toBe(true);
    expect((await h.call('plans.getKpis', {})).revision.total).toBe(0);
    await h.call('plans.archive', { id: p.id, archived: false, by: ids['李明'], reason: '恢复' });
    expect((await h.call('plans.listRevisions', { id: p.id }))[1]).toMatchObject({ kind: 'archived', note: '被新版替代' });
  });
});

describe('attachments by content hash', () => {
  it('stores the file once under dataDir/attachments/<sha256>, durably, and reads it back checked', async () => {
    const a = await h.call('plans.save', { plan: sanfang(), by: ids['李明'] });
    const b = await h.call('plans.save', { plan: sanfang({ title: '越秀区防御台风专项应急预案' }), by: ids['李明'] });
    const bytes = Buffer.from('%PDF-1.4 越秀区三防预案正文');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const withFile = await h.call('plans.addAttachment', {
      planId: a.id,
      name: '预案正文.pdf',
      mediaType: 'application/pdf',
      fileBase64: bytes.toString('base64'),
      by: ids['李明'],
    });
    expect(withFile.attachments).toEqual([
      expect.objectContaining({ sha256: sha, name: '预案正文.pdf', size: bytes.length, addedBy: expect.objectContaining({ name: '李明' }) }),
    ]);
    await h.call('plans.addAttachment', {
      planId: b.id,
      name: '同一文件.pdf',
      mediaType: 'application/pdf',
      fileBase64: bytes.toString('base64'),
      by: ids['李明'],
    });
    const dir = join(h.dir, 'attachments');
    expect(readdirSync(dir)).toEqual([sha]); // one file, no temp files left behind
    expect(readFileSync(join(dir, sha))).toEqual(bytes);

    const back = await h.call('plans.getAttachment', { planId: a.id, sha256: sha });
    expect(Buffer.from(back.base64, 'base64')).toEqual(bytes);
    expect(
      (
        await h.refusal('plans.addAttachment', {
          planId: a.id,
          name: 'again.pdf',
          mediaType: 'application/pdf',
          fileBase64: bytes.toString('base64'),
          by: ids['李明'],
        })
      ).message,
    ).toContain('already attached to the plan as “预案正文.pdf”');

    writeFileSync(join(dir, sha), 'tampered');
    expect((await h.refusal('plans.getAttachment', { planId: a.id, sha256: sha })).message).toContain('is damaged');
    // Detaching keeps the file: plan b still names it.
    await h.call('plans.removeAttachment', { planId: a.id, sha256: sha, by: ids['李明'] });
    expect(existsSync(join(dir, sha))).toBe(true);
    expect((await h.call('plans.get', { id: a.id })).attachments).toEqual([]);
  });

  it('writes no file for a plan that does not exist', async () => {
    const e = await h.refusal('plans.addAttachment', {
      planId: 'pln_nothere',
      name: 'x.pdf',
      mediaType: 'application/pdf',
      fileBase64: 'AAAA',
      by: ids['李明'],
    });
    expect(e.message).toContain('no plan with id pln_nothere');
    expect(existsSync(join(h.dir, 'attachments'))).toBe(false);
  });
});

describe('drills and KPIs', () => {
  it('computes the revision rate (revised within period / all) and the drill execution rate (held / planned so far)', async () => {
    const fresh = await h.call('plans.save', { plan: sanfang(), by: ids['李明'] });
    await h.call('plans.save', { plan: sanfang({ title: '越秀区火灾事故应急预案', category: 'fire', revisedOn: '2022-06-09' }), by: ids['李明'] }); // due 2025-06-09: overdue
    await h.call('plans.save', {
      plan: sanfang({ title: '越秀区地质灾害应急预案', category: 'geological', revisedOn: '2022-06-10', revisionPeriodMonths: 36 }),
      by: ids['李明'],
    }); // due today: still revised

    const k1 = await h.call('plans.getKpis', {});
    expect(k1.revision).toMatchObject({ revised: 2, total: 3, target: 1 });
    expect(k1.revision.rate).toBeCloseTo(2 / 3);
    expect(k1.revision.overdue.map((p) => [p.title, p.revisionDueOn])).toEqual([['越秀区火灾事故应急预案', '2025-06-09']]);
    expect(k1.drills).toMatchObject({ year: 2025, planned: 0, held: 0, rate: null });
    expect(k1.plansByCategory).toMatchObject({ sanfang: 1, fire: 1, geological: 1, traffic: 0 });

    const held = await h.call('plans.saveDrill', {
      drill: {
        planId: fresh.id,
        plannedOn: '2025-03-15',
        heldOn: '2025-03-15',
        participants: '区三防办、北京街',
        participantCount: 60,
        findings: '信息报送需提速',
      },
      by: ids['李明'],
    });
    expect(held.status).toBe('held');
    const missed = await h.call('plans.saveDrill', { drill: { planId: fresh.id, plannedOn: '2025-05-20' }, by: ids['李明'] });
    expect(missed.status).toBe('overdue');
    await h.call('plans.saveDrill', { drill: { planId: fresh.id, plannedOn: '2025-11-20' }, by: ids['李明'] }); // not yet due
    const k2 = await h.call('plans.getKpis', {});
    expect(k2.drills).toMatchObject({ planned: 2, held: 1, rate: 0.5 });
    expect(k2.drills.overdue.map((d) => d.plannedOn)).toEqual(['2025-05-20']);

    // Recording the missed drill as held brings the rate to its target.
    await h.call('plans.saveDrill', {
      drill: { id: missed.id, planId: fresh.id, plannedOn: '2025-05-20', heldOn: '2025-06-02', findings: '补充演练' },
      by: ids['李明'],
    });
    expect((await h.call('plans.getKpis', {})).drills.rate).toBe(1);
    expect(
      (await h.refusal('plans.saveDrill', { drill: { planId: fresh.id, plannedOn: '2025-06-20', heldOn: '2025-06-20' }, by: ids['李明'] })).message,
    ).toContain('lies in the future');
    expect((await h.call('plans.listDrills', {})).map((d) => d.status)).toEqual(['held', 'held', 'planned']);
    const drillEvent = h.events.filter((e) => e.event === 'plans.libraryChanged' && e.payload.change === 'drill').pop();
    expect(drillEvent?.payload.kpis.drills.rate).toBe(1);
  });
});
