// teams.dispatch is one store transaction: the task (指令) and the team's dispatched status are in
// the same journal record, so a kill -9 at any point leaves both or neither. Shown on the real
// store: the journal written by a real core is cut at every record boundary from just before the
// dispatch to just after it (what a kill -9 there leaves on disk), and the store reopened from
// each cut never holds a dispatched team whose task is missing, nor the task without its team.
// And two dispatches of one team racing: one wins, the other is refused with nothing written.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/core/store';
import { FRAME_HEADER, scanSegment } from '../../../src-main/core/store/codec';
import { migrations } from '../../../src-main/core/migrations';
import { openCoreHarness, quiet, type CoreHarness } from '../../support/core-harness';
import { tempDir } from '../../support/temp-dir';

let t: CoreHarness;
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  await t?.close();
  for (const d of dirs.splice(0)) d.remove();
});

const team = { kind: 'team' as const, name: '区排水抢险队', street: '北京街' as const, position: { lat: 23.126, lng: 113.27 }, people: 30, professional: true };
const order = { title: '北京路低洼点排涝', content: '携排水泵赶赴现场', deadline: Date.now() + 3600_000 };

async function setUp(): Promise<{ teamId: string; leaderId: string }> {
  t = await openCoreHarness();
  const leader = await t.call('duty.savePerson', { person: { name: '陈志强', role: 'leader', phone: '13900000001', unit: '区应急管理局', active: true } });
  const o = await t.call('map.saveObject', { object: team });
  // The team is registered with teams (its first status) before the dispatch.
  for (let i = 0; i < 100 && !(await t.call('teams.list')).teams.some((x) => x.id === o.id); i++) await new Promise((r) => setTimeout(r, 10));
  return { teamId: o.id, leaderId: leader.id };
}

/** The journal's segments with their records' byte ends, in order. */
function journal(dir: string): { file: string; ends: { seq: number; end: number }[] }[] {
  return readdirSync(dir)
    .filter((f) => /^wal-\d{16}\.log$/.test(f))
    .sort()
    .map((file) => {
      const buf = readFileSync(join(dir, file));
      const { records } = scanSegment(buf, Number(file.slice(4, 20)));
      let off = 0;
      const ends = records.map((r) => {
        off += FRAME_HEADER + buf.readUInt32LE(off);
        return { seq: r.seq, end: off };
      });
      return { file, ends };
    });
}

describe('teams.dispatch is one atomic write', () => {
  it('writes the task and the team’s dispatch in one journal record: a kill -9 at any record boundary leaves both or neither', async () => {
    const { teamId, leaderId } = await setUp();
    const before = t.core.store.seq;
    const { task } = await t.call('teams.dispatch', { teamId, task: order, by: leaderId });
    // Let what follows the dispatch (the map's copy of the status) be written too.
    for (let i = 0; i < 100 && (await t.call('map.getObject', { id: teamId })).object.kind === 'team'; i++) {
      const o = (await t.call('map.getObject', { id: teamId })).object as { status: string };
      if (o.status === 'deployed') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const after = t.core.store.seq;

    // The record that holds the task holds the team's dispatch with it.
    const segments = journal(t.dir);
    const records = segments.flatMap((s) => scanSegment(readFileSync(join(t.dir, s.file)), Number(s.file.slice(4, 20))).records);
    const withTask = records.filter((r) => r.statements.some((st) => st.sql.startsWith('INSERT INTO task ') && st.params[0] === task.id));
    expect(withTask).toHaveLength(1);
    const sqls = withTask[0].statements.map((st) => st.sql);
    expect(sqls.some((s) => s.startsWith('INSERT INTO team_status_event'))).toBe(true);
    expect(sqls.some((s) => s.includes('INSERT INTO team_state'))).toBe(true);

    // Every cut a kill -9 could leave between the state before the dispatch and after it.
    const cuts = segments.flatMap((s) => s.ends.filter((e) => e.seq >= before && e.seq <= after).map((e) => ({ ...s, ...e })));
    expect(cuts.length).toBeGreaterThanOrEqual(2);
    let sawBoth = false;
    let sawNeither = false;
    for (const cut of cuts) {
      const tmp = tempDir('cw-dispatch-cut-');
      dirs.push(tmp);
      const copy = join(tmp.dir, 'data');
      mkdirSync(copy, { mode: 0o700 });
      for (const f of readdirSync(t.dir).filter((n) => /^(snap-\d{16}\.db|wal-\d{16}\.log)$/.test(n))) {
        if (f > cut.file && f.startsWith('wal-')) continue; // later segments are lost with the cut
        if (f === cut.file) writeFileSync(join(copy, f), readFileSync(join(t.dir, f)).subarray(0, cut.end), { mode: 0o600 });
        else copyFileSync(join(t.dir, f), join(copy, f));
      }
      const store = await openStore({ dir: copy, migrations, log: quiet });
      try {
        const hasTask = store.get('SELECT 1 AS one FROM task WHERE id = ?', [task.id]) !== undefined;
        const dispatched = store.get<{ status: string; task_id: string | null }>('SELECT status, task_id FROM team_state WHERE team_id = ?', [teamId]);
        const teamOut = dispatched?.status === 'dispatched' && dispatched.task_id === task.id;
        expect({ seq: cut.seq, hasTask, teamOut }).toEqual({ seq: cut.seq, hasTask: teamOut, teamOut });
        // Never a team out on a task that is not there.
        expect(store.get("SELECT 1 AS one FROM team_state WHERE status = 'dispatched' AND task_id NOT IN (SELECT id FROM task)")).toBeUndefined();
        if (hasTask) sawBoth = true;
        else sawNeither = true;
      } finally {
        await store.close();
      }
    }
    expect(sawBoth && sawNeither).toBe(true);
  });

  it('lets one of two racing dispatches of a team through and refuses the other with nothing written', async () => {
    const { teamId, leaderId } = await setUp();
    const results = await Promise.allSettled([
      t.call('teams.dispatch', { teamId, task: { ...order, title: '第一道指令' }, by: leaderId }),
      t.call('teams.dispatch', { teamId, task: { ...order, title: '第二道指令' }, by: leaderId }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.data.text.zh).toContain('已出动');
    const tasks = await t.call('tasks.list', { addressee: { kind: 'team', name: team.name }, limit: 10 });
    expect(tasks).toHaveLength(1);
    expect((await t.call('teams.get', { id: teamId })).taskId).toBe(tasks[0].id);
  });
});
