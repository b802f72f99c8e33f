// The per-display schedule's draft logic: rows ⇄ the contract's windows, the checks said per field,
// and what a display shows now and next.
import { describe, expect, it } from 'vitest';
import { WallSettings, type WallSchedule } from '@contract/wall';
import { checkRows, mergeSchedules, newRow, nowAndNext, rowsFor, toSchedules, type ScheduleRow } from './schedule-draft';

const NAMES = { day: '白天', night: '夜间', drill: '演练' };
const PRESETS = ['overview', 'night', 'drill'];
/** 2026-12-06 hh:mm in Beijing time, as a UTC instant. */
const at = (hm: string): number => Date.UTC(2026, 11, 6, Number(hm.slice(0, 2)) - 8, Number(hm.slice(3)));
const rows = (...r: [ScheduleRow['kind'], string, string?][]): ScheduleRow[] => r.map(([k, s, p]) => newRow(k, s, p ?? ''));
const codes = (r: ScheduleRow[], all: WallSchedule[] = [], display = 1): string[] => checkRows(r, display, all, PRESETS).map((p) => `${p.path}:${p.code}`);

describe('per-display schedule draft', () => {
  it('turns rows into windows of that display, each to the next start, the last past midnight; off rows give none', () => {
    const r = rows(['night', '22:00', 'night'], ['day', '07:00', 'overview'], ['drill', '14:00', 'drill'], ['day', '16:00', 'overview']);
    const out = toSchedules(r, 1, NAMES);
    expect(out.map((s) => [s.name, s.from, s.to, s.presetId, s.displays])).toEqual([
      ['白天', '07:00', '14:00', 'overview', [1]],
      ['演练', '14:00', '16:00', 'drill', [1]],
      ['白天', '16:00', '22:00', 'overview', [1]],
      ['夜间', '22:00', '07:00', 'night', [1]],
    ]);
    // What the hub is sent passes the contract's own schema.
    expect(WallSettings.partial().safeParse({ schedules: out }).success).toBe(true);
    const off = toSchedules(rows(['day', '08:00', 'overview'], ['off', '18:00']), 0, NAMES);
    expect(off.map((s) => `${s.from}–${s.to}`)).toEqual(['08:00–18:00']);
  });

  it('reads stored windows back as rows, a gap as an off row, and keeps other displays’ windows on save', () => {
    const stored: WallSchedule[] = [
      { id: 'd2-day-0800', name: '白天', presetId: 'overview', from: '08:00', to: '18:00', displays: [1] },
      { id: 's1', name: '早班交班会', presetId: 'overview', from: '08:30', to: '09:00', displays: [] },
      { id: 'd1-night-2200', name: '夜间', presetId: 'night', from: '22:00', to: '07:00', displays: [0] },
    ];
    const back = rowsFor(stored, 1);
    expect(back.map((r) => [r.kind, r.start, r.presetId])).toEqual([
      ['day', '08:00', 'overview'],
      ['off', '18:00', ''],
    ]);
    const merged = mergeSchedules(stored, 1, toSchedules(rows(['day', '07:00', 'overview'], ['night', '19:00', 'night']), 1, NAMES));
    expect(merged.map((s) => s.id)).toEqual(['s1', 'd1-night-2200', 'd2-day-0700', 'd2-night-1900']);
  });

  it('says each problem under its field: missing or repeated start, no preset, a single row, an overlap with a shared window', () => {
    expect(codes(rows(['day', '', 'overview'], ['night', '22:00', '']))).toEqual(['rows.0.start:required', 'rows.1.presetId:noPreset']);
    expect(codes(rows(['day', '07:00', 'overview'], ['night', '07:00', 'night']))).toEqual(['rows.1.start:sameStart']);
    expect(codes(rows(['day', '07:00', 'gone'], ['night', '22:00', 'night']))).toEqual(['rows.0.presetId:unknownPreset']);
    expect(codes(rows(['day', '07:00', 'overview']))).toEqual(['rows.0.start:alone']);
    expect(codes(rows(['day', '7:00', 'overview'], ['off', '22:00']))).toEqual(['rows.0.start:badTime']);
    const shared: WallSchedule[] = [{ id: 's1', name: '早班交班会', presetId: 'overview', from: '08:30', to: '09:00', displays: [] }];
    expect(codes(rows(['day', '07:00', 'overview'], ['night', '22:00', 'night']), shared)).toEqual(['rows.0.start:overlapsShared']);
    // Off around the shared window: no clash. Another display's own windows do not count.
    expect(codes(rows(['day', '09:00', 'overview'], ['off', '22:00']), shared)).toEqual([]);
    expect(codes(rows(['day', '07:00', 'overview'], ['night', '22:00', 'night']), [{ ...shared[0], displays: [0] }])).toEqual([]);
    expect(codes([])).toEqual([]);
  });

  it('tells what a display shows now and at its next boundary', () => {
    const s = toSchedules(rows(['day', '07:00', 'overview'], ['night', '22:00', 'night']), 0, NAMES);
    expect(nowAndNext(s, 0, at('12:00'))).toMatchObject({ now: { name: '白天' }, next: { at: '22:00', window: { name: '夜间' } } });
    expect(nowAndNext(s, 0, at('23:30'))).toMatchObject({ now: { name: '夜间' }, next: { at: '07:00', window: { name: '白天' } } });
    // Display 1 has none; a window that ends with nothing after it goes back to the operator's choice.
    expect(nowAndNext(s, 1, at('12:00'))).toEqual({ now: null, next: null });
    const off = toSchedules(rows(['day', '08:00', 'overview'], ['off', '18:00']), 0, NAMES);
    expect(nowAndNext(off, 0, at('17:59'))).toMatchObject({ next: { at: '18:00', window: null } });
    expect(nowAndNext(off, 0, at('18:00'))).toMatchObject({ now: null, next: { at: '08:00', window: { presetId: 'overview' } } });
  });
});
