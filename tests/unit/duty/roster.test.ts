// The roster rules through the contract, on a real store: double booking, the 24-hour limit,
// corrections of started shifts kept in history, coverage per published month, on duty now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { at, H, openHarness, staff, type Harness } from './harness';

let h: Harness;
let ids: Record<string, string>;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
});
afterEach(() => h.close());

const shift = (name: string, start: number, end: number, role?: 'leader' | 'chief' | 'officer' | 'tech') => ({
  personId: ids[name],
  start,
  end,
  ...(role ? { role } : {}),
});

/** Full coverage of July 2025: leaders and officers alternating 24-hour days. */
function july(): ReturnType<typeof shift>[] {
  const out: ReturnType<typeof shift>[] = [];
  for (let d = 1; d <= 31; d++) {
    const start = at(d, 0, 0, 7);
    out.push(shift(d % 2 ? '陈志强' : '林慧敏', start, start + 24 * H));
    out.push(shift(d % 2 ? '周杰' : '吴婷', start, start + 24 * H));
  }
  return out;
}

describe('booking shifts', () => {
  it('books a shift in the person’s role by default, or in another post', async () => {
    const r = await h.call('duty.changeShifts', {
      put: [shift('周杰', at(11, 8), at(11, 20)), shift('李明', at(11, 8), at(11, 20), 'officer')],
      by: ids['李明'],
    });
    expect(r.shifts.map((s) => [s.person.name, s.role])).toEqual([
      ['周杰', 'officer'],
      ['李明', 'officer'],
    ]);
    expect(h.events.some((e) => e.event === 'duty.rosterChanged' && e.payload.reason === 'shifts')).toBe(true);
  });

  it('refuses a shift that ends before it starts, or lasts over 24 hours, at the boundary (-32602)', async () => {
    const e1 = await h.refusal('duty.changeShifts', { put: [shift('周杰', at(11, 20), at(11, 8))], by: ids['李明'] });
    expect(e1.code).toBe(RpcCode.InvalidParams);
    expect(e1.message).toContain('params.put.0.end');
    const e2 = await h.refusal('duty.changeShifts', { put: [shift('周杰', at(11, 8), at(12, 9))], by: ids['李明'] });
    expect(e2.message).toContain('at most 24 hours');
  });

  it('refuses double booking, naming the person and both shifts’ hours', async () => {
    await h.call('duty.changeShifts', { put: [shift('周杰', at(12, 8), at(12, 20))], by: ids['李明'] });
    const e = await h.refusal('duty.changeShifts', { put: [shift('周杰', at(12, 14), at(12, 22))], by: ids['李明'] });
    expect(e.code).toBe(RpcCode.Refused);
    expect(e.message).toContain('周杰 would be booked twice');
    expect(e.message).toContain('2025-06-12 08:00–20:00');
    expect(e.message).toContain('2025-06-12 14:00–22:00');
    expect((e.data as any).violations[0]).toMatchObject({ rule: 'double-booking', personId: ids['周杰'], from: at(12, 14), to: at(12, 20) });
    // Two overlapping shifts in one change are refused just the same.
    const e2 = await h.refusal('duty.changeShifts', { put: [shift('吴婷', at(13, 8), at(13, 20)), shift('吴婷', at(13, 19), at(13, 23))], by: ids['李明'] });
    expect(e2.message).toContain('吴婷 would be booked twice');
  });

  it('refuses more than 24 hours without a break of at least 8 hours; 24 hours exactly, or a real break, is fine', async () => {
    await h.call('duty.changeShifts', { put: [shift('周杰', at(13, 8), at(13, 20))], by: ids['李明'] });
    const e = await h.refusal('duty.changeShifts', { put: [shift('周杰', at(13, 22), at(14, 10))], by: ids['李明'] });
    expect(e.message).toContain('周杰 would work 2025-06-13 08:00 – 2025-06-14 10:00 (26 h) without a break of at least 8 h');
    expect((e.data as any).violations[0].rule).toBe('rest');
    // Back to back up to 24 hours is allowed …
    await h.call('duty.changeShifts', { put: [shift('周杰', at(13, 20), at(14, 8))], by: ids['李明'] });
    // … and so is the next shift after an 8-hour break.
    await h.call('duty.changeShifts', { put: [shift('周杰', at(14, 16), at(14, 20))], by: ids['李明'] });
    // but not one that leaves less than 8 hours of rest after 24 hours of work.
    const e2 = await h.refusal('duty.changeShifts', { put: [shift('周杰', at(14, 12), at(14, 14))], by: ids['李明'] });
    expect(e2.message).toContain('2025-06-13 08:00 – 2025-06-14 20:00 (36 h)'); // the 2-hour gap before 16:00 is no break either
  });

  it('refuses inactive people, unknown shifts and unknown actors', async () => {
    expect((await h.refusal('duty.changeShifts', { remove: ['shf_nothere'], by: ids['李明'] })).message).toContain('no shift with id shf_nothere');
    expect((await h.refusal('duty.changeShifts', { put: [shift('周杰', at(20, 8), at(20, 9))], by: 'per_nobody' })).message).toContain(
      'no person with id per_nobody',
    );
    await h.call('duty.savePerson', { person: { id: ids['冯涛'], name: '冯涛', role: 'tech', phone: '13800000006', unit: '区应急指挥中心', active: false } });
    expect((await h.refusal('duty.changeShifts', { put: [shift('冯涛', at(20, 8), at(20, 9))], by: ids['李明'] })).message).toContain('冯涛 is inactive');
  });
});

describe('the past', () => {
  it('changes a started shift only as a correction with a reason, and keeps every version', async () => {
    const [s] = (await h.call('duty.changeShifts', { put: [shift('周杰', at(11, 8), at(11, 20))], by: ids['李明'] })).shifts;
    h.clock.now = at(11, 12);
    const e = await h.refusal('duty.changeShifts', { put: [{ id: s.id, personId: ids['周杰'], start: at(11, 8), end: at(11, 18) }], by: ids['李明'] });
    expect(e.message).toContain('周杰’s 值班员 (duty officer) shift 2025-06-11 08:00–20:00 has started');
    expect(e.message).toContain('only as a correction');
    expect((await h.refusal('duty.changeShifts', { remove: [s.id], by: ids['李明'] })).message).toContain('has started');
    expect((await h.refusal('duty.changeShifts', { put: [shift('吴婷', at(11, 8), at(11, 12))], by: ids['李明'] })).message).toContain(
      'would start in the past',
    );

    const fixed = await h.call('duty.changeShifts', {
      put: [{ id: s.id, personId: ids['周杰'], start: at(11, 8), end: at(11, 18) }, shift('吴婷', at(11, 18), at(11, 20))],
      by: ids['李明'],
      correction: { reason: '周杰提前离岗，吴婷顶班' },
    });
    expect(fixed.shifts[0]).toMatchObject({ id: s.id, end: at(11, 18), corrected: true });

    const history = await h.call('duty.listShiftHistory', { shiftId: s.id });
    expect(history.map((x) => [x.kind, x.correction])).toEqual([
      ['changed', true],
      ['created', false],
    ]);
    expect(history[0]).toMatchObject({ reason: '周杰提前离岗，吴婷顶班', by: { name: '李明', role: 'chief' }, peer: 'test', at: at(11, 12) });
    expect(history[0].before).toMatchObject({ personName: '周杰', end: at(11, 20) });
    expect(history[0].after).toMatchObject({ personName: '周杰', end: at(11, 18) });
    const corrections = await h.call('duty.listShiftHistory', { period: { kind: 'week', date: '2025-06-11' }, correctionsOnly: true });
    expect(corrections).toHaveLength(2);
  });
});

describe('coverage', () => {
  it('lets a draft month be built piece by piece and reports its gaps', async () => {
    await h.call('duty.changeShifts', {
      put: [shift('陈志强', at(1, 0, 0, 8), at(1, 12, 0, 8)), shift('周杰', at(1, 0, 0, 8), at(1, 8, 0, 8))],
      by: ids['李明'],
    });
    const c = await h.call('duty.checkCoverage', { period: { kind: 'range', from: at(1, 0, 0, 8), to: at(2, 0, 0, 8) } });
    expect(c.complete).toBe(false);
    expect(c.gaps.map((g) => [g.role, g.from, g.to])).toEqual([
      ['officer', at(1, 8, 0, 8), at(2, 0, 0, 8)],
      ['leader', at(1, 12, 0, 8), at(2, 0, 0, 8)],
    ]);
    expect(c.gaps[1].message).toBe('no 带班领导 (leader on duty) on duty 2025-08-01 12:00 – 2025-08-02 00:00');
  });

  it('refuses to publish a month with gaps, naming them', async () => {
    await h.call('duty.changeShifts', { put: july().filter((s) => !(s.start === at(5, 0, 0, 7) && s.personId === ids['陈志强'])), by: ids['李明'] });
    const e = await h.refusal('duty.publishMonth', { month: '2025-07', by: ids['李明'] });
    expect(e.message).toContain('the roster of 2025-07 cannot be published: 1 gap(s)');
    expect(e.message).toContain('no 带班领导 (leader on duty) on duty 2025-07-05 00:00 – 2025-07-06 00:00');
  });

  it('guards every hour of a published month on each change', async () => {
    const { shifts } = await h.call('duty.changeShifts', { put: july(), by: ids['李明'] });
    expect((await h.call('duty.checkCoverage', { period: { kind: 'month', month: '2025-07' } })).complete).toBe(true);
    const pub = await h.call('duty.publishMonth', { month: '2025-07', by: ids['李明'] });
    expect(pub).toMatchObject({ month: '2025-07', by: { name: '李明' } });

    const leader5 = shifts.find((s) => s.start === at(5, 0, 0, 7) && s.role === 'leader')!;
    const e = await h.refusal('duty.changeShifts', { remove: [leader5.id], by: ids['李明'] });
    expect(e.message).toContain('the published roster of 2025-07 would have no 带班领导 (leader on duty) on duty 2025-07-05 00:00 – 2025-07-06 00:00');
    expect((e.data as any).violations[0]).toMatchObject({ rule: 'coverage', shiftIds: [leader5.id] });
    // Shortening a shift leaves the hours it no longer covers.
    const e2 = await h.refusal('duty.changeShifts', {
      put: [{ id: leader5.id, personId: ids['陈志强'], start: at(5, 0, 0, 7), end: at(5, 14, 0, 7) }],
      by: ids['李明'],
    });
    expect(e2.message).toContain('2025-07-05 14:00 – 2025-07-06 00:00');

    // Handing the shift to someone else in one change keeps the hours covered.
    const huang = (await h.call('duty.savePerson', { person: { name: '黄建国', role: 'leader', phone: '13800000009', unit: '区应急管理局' } })).id;
    await h.call('duty.changeShifts', { put: [{ id: leader5.id, personId: huang, start: at(5, 0, 0, 7), end: at(6, 0, 0, 7) }], by: ids['李明'] });
    // A month back in draft takes changes again.
    await h.call('duty.unpublishMonth', { month: '2025-07', by: ids['李明'], reason: '调整七月排班' });
    await h.call('duty.changeShifts', { remove: [leader5.id], by: ids['李明'] });
    expect((await h.call('duty.checkCoverage', { period: { kind: 'month', month: '2025-07' } })).gaps).toHaveLength(1);
  });
});

describe('reading the roster', () => {
  it('gives the roster of a week and of a month, and who is on duty now and next', async () => {
    await h.call('duty.changeShifts', {
      put: [
        shift('陈志强', at(11, 8), at(12, 8)),
        shift('周杰', at(11, 8), at(11, 20)),
        shift('吴婷', at(11, 20), at(12, 8)),
        shift('林慧敏', at(12, 8), at(13, 8)),
        shift('李明', at(16, 8), at(16, 20)),
      ],
      by: ids['李明'],
    });
    const week = await h.call('duty.getRoster', { period: { kind: 'week', date: '2025-06-12' } });
    expect(week.from).toBe(at(9, 0));
    expect(week.to).toBe(at(16, 0));
    expect(week.shifts).toHaveLength(4); // 16 June is the next week
    const month = await h.call('duty.getRoster', { period: { kind: 'month', month: '2025-06' } });
    expect(month.shifts).toHaveLength(5);
    expect(month.people.map((p) => p.name)).toContain('冯涛');

    const now = await h.call('duty.getOnDuty', { at: at(11, 10) });
    expect(now.current.map((s) => s.person.name)).toEqual(['陈志强', '周杰']);
    expect(now.next.map((s) => s.person.name)).toEqual(['林慧敏', '李明', '吴婷']);
    expect(now.validUntil).toBe(at(11, 20));
    h.clock.now = at(11, 21);
    expect((await h.call('duty.getOnDuty', {})).current.map((s) => s.person.name)).toEqual(['陈志强', '吴婷']);
  });
});

describe('violations in both languages', () => {
  /** The refusal's Chinese and English, and its violations' own words. */
  const said = (e: { data?: unknown }) => {
    const d = e.data as { text: { zh: string; en: string }; violations: { rule: string; message: string; text: { zh: string; en: string } }[] };
    return { zh: d.text.zh, en: d.text.en, violations: d.violations };
  };
  /** Chinese text may hold names, ids, dates and numbers, but no English words. */
  const noEnglish = (zh: string): void => expect(zh.replace(/\b(shf|per)_\w+/g, '')).not.toMatch(/[A-Za-z]{2,}/);

  it('names the person, the shift and the rule in Chinese and in English, for every rule', async () => {
    await h.call('duty.changeShifts', { put: [shift('周杰', at(12, 8), at(12, 20))], by: ids['李明'] });
    const double = said(await h.refusal('duty.changeShifts', { put: [shift('周杰', at(12, 14), at(12, 22))], by: ids['李明'] }));
    expect(double.zh).toContain('违反“同一人不得同时排两个班次”：周杰 的值班员班次 2025-06-12 08:00–20:00 与值班员班次 2025-06-12 14:00–22:00 重叠');
    expect(double.en).toContain('周杰 would be booked twice at once');
    noEnglish(double.zh);
    expect(double.violations[0].text.zh).toContain('周杰');
    expect(double.violations[0].message).toBe(double.violations[0].text.en);

    await h.call('duty.changeShifts', { put: [shift('周杰', at(13, 8), at(13, 20))], by: ids['李明'] });
    const rest = said(await h.refusal('duty.changeShifts', { put: [shift('周杰', at(13, 22), at(14, 10))], by: ids['李明'] }));
    expect(rest.zh).toContain('违反“连续工作不超过 24 小时，其间须休息至少 8 小时”：周杰 将连续工作 2025-06-13 08:00 – 2025-06-14 10:00（26 小时）');
    noEnglish(rest.zh);

    await h.call('duty.savePerson', { person: { id: ids['冯涛'], name: '冯涛', role: 'tech', phone: '13800000006', unit: '区应急指挥中心', active: false } });
    const inactive = said(await h.refusal('duty.changeShifts', { put: [shift('冯涛', at(20, 8), at(20, 9))], by: ids['李明'] }));
    expect(inactive.zh).toContain('冯涛 已停用，不能排入班次 2025-06-20 08:00–09:00');
    noEnglish(inactive.zh);

    const [s] = (await h.call('duty.changeShifts', { put: [shift('吴婷', at(21, 8), at(21, 20))], by: ids['李明'] })).shifts;
    h.clock.now = at(21, 12);
    const past = said(await h.refusal('duty.changeShifts', { remove: [s.id], by: ids['李明'] }));
    expect(past.zh).toContain('违反“已开始的班次只能作为更正修改，并须说明原因”：吴婷 的值班员班次 2025-06-21 08:00–20:00 已开始，不能直接删除');
    noEnglish(past.zh);

    const unknown = said(await h.refusal('duty.changeShifts', { remove: ['shf_nothere'], by: ids['李明'] }));
    expect(unknown.zh).toContain('没有编号为 shf_nothere 的班次');
    noEnglish(unknown.zh);
  });

  it('says a coverage gap of a published month in Chinese too', async () => {
    const { shifts } = await h.call('duty.changeShifts', { put: july(), by: ids['李明'] });
    await h.call('duty.publishMonth', { month: '2025-07', by: ids['李明'] });
    const leader5 = shifts.find((x) => x.start === at(5, 0, 0, 7) && x.role === 'leader')!;
    const gap = said(await h.refusal('duty.changeShifts', { remove: [leader5.id], by: ids['李明'] }));
    expect(gap.zh).toContain('已发布的 2025-07 排班将出现 2025-07-05 00:00 – 2025-07-06 00:00 无带班领导在岗');
    noEnglish(gap.zh);
  });

  it('refuses an unpublishable month in Chinese without English inside', async () => {
    await h.call('duty.changeShifts', { put: july().filter((x) => !(x.start === at(5, 0, 0, 7) && x.personId === ids['陈志强'])), by: ids['李明'] });
    const e = await h.refusal('duty.publishMonth', { month: '2025-07', by: ids['李明'] });
    const zh = (e.data as { text: { zh: string } }).text.zh;
    expect(zh).toContain('2025-07-05 00:00 – 2025-07-06 00:00 无带班领导在岗');
    noEnglish(zh);
  });
});
