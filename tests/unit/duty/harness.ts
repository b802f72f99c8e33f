// Duty and plans fixtures on the shared core harness (tests/support/core-harness.ts): the duty
// room's clock and times, and a small staff.
import { afterEach, beforeEach } from 'vitest';
import type { ReportInput } from '@contract/duty';
import { localTime } from '@contract/yuexiu';
import { openCoreHarness, type CoreHarness } from '../../support/core-harness';

export { quiet } from '../../support/core-harness';

/** 2025-06-10 10:00 in Guangzhou: a Tuesday, mid-month. */
export const T0 = localTime(2025, 6, 10, 10);
export const H = 3600_000;
export const at = (day: number, hour: number, minute = 0, month = 6): number => localTime(2025, month, day, hour, minute);

export type Harness = CoreHarness;

/** The core harness with the duty room's clock: 2025-06-10 10:00 unless told. */
export function openHarness(opts: { now?: number; demo?: boolean; dir?: string } = {}): Promise<Harness> {
  return openCoreHarness({ ...opts, now: opts.now ?? T0 });
}

/** A small duty room: two leaders, two officers, a chief, a tech. Returns their ids by name. */
export async function staff(h: Harness): Promise<Record<string, string>> {
  const people = [
    { name: '陈志强', role: 'leader', unit: '区应急管理局', phone: '13800000001' },
    { name: '林慧敏', role: 'leader', unit: '区应急管理局', phone: '13800000002' },
    { name: '周杰', role: 'officer', unit: '区应急指挥中心', phone: '13800000003' },
    { name: '吴婷', role: 'officer', unit: '区应急指挥中心', phone: '13800000004' },
    { name: '李明', role: 'chief', unit: '区应急指挥中心', phone: '13800000005' },
    { name: '冯涛', role: 'tech', unit: '区应急指挥中心', phone: '13800000006' },
  ] as const;
  const ids: Record<string, string> = {};
  for (const p of people) ids[p.name] = (await h.call('duty.savePerson', { person: p })).id;
  return ids;
}

/**
 * Before each test of the file, a fresh duty room (the harness at T0 and its small staff), closed
 * after the test; `use` receives them: `eachDutyRoom((hh, ii) => ((h = hh), (ids = ii)));`.
 */
export function eachDutyRoom(use: (h: Harness, ids: Record<string, string>) => void, opts: { now?: number; demo?: boolean } = {}): void {
  let h: Harness | undefined;
  beforeEach(async () => {
    h = await openHarness(opts);
    use(h, await staff(h));
  });
  afterEach(() => h?.close());
}

/** A flood report from the 12345 hotline at 北京街, received five minutes before T0; `over` replaces any field. */
export const floodReport = (over: Record<string, unknown> = {}): ReportInput =>
  ({
    receivedAt: T0 - 5 * 60_000,
    source: 'hotline-12345',
    category: 'flood',
    street: '北京街',
    location: '北京路与文明路交界',
    coordinates: { lat: 23.1255, lng: 113.2705 },
    summary: '路段积水约30厘米',
    severity: 'medium',
    ...over,
  }) as ReportInput;
