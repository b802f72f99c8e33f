import { describe, expect, it } from 'vitest';
import { localTime } from '@contract/yuexiu';
import { daysApart, durationParts, hhmm, parseLocalInput, percent, phoneGroups, toLocalInput } from './format';

describe('duty formatting', () => {
  it('shows China Standard Time whatever the machine zone', () => {
    const t = localTime(2025, 6, 3, 8, 5);
    expect(hhmm(t)).toBe('08:05');
    expect(toLocalInput(t)).toBe('2025-06-03T08:05');
    expect(parseLocalInput('2025-06-03T08:05')).toBe(t);
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseLocalInput('2025-02-30T08:00')).toBeNull();
    expect(parseLocalInput('2025-06-03 08:00')).toBeNull();
    expect(parseLocalInput('')).toBeNull();
  });

  it('counts calendar days between local times', () => {
    expect(daysApart(localTime(2025, 6, 3, 8), localTime(2025, 6, 3, 23, 59))).toBe(0);
    expect(daysApart(localTime(2025, 6, 3, 20), localTime(2025, 6, 4, 8))).toBe(1);
    expect(daysApart(localTime(2025, 6, 30, 8), localTime(2025, 7, 2, 8))).toBe(2);
  });

  it('writes rates as the KPIs are read, and nothing due as a dash', () => {
    expect(percent(1)).toBe('100%');
    expect(percent(0.95)).toBe('95%');
    expect(percent(27 / 28)).toBe('96.4%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('—');
  });

  it('groups mobile numbers for reading aloud and leaves others as typed', () => {
    expect(phoneGroups('13800000003')).toBe('138 0000 0003');
    expect(phoneGroups('138-0000-0003')).toBe('138 0000 0003');
    expect(phoneGroups('020-8888 1234')).toBe('020-8888 1234');
  });

  it('splits durations into hours and minutes, never negative', () => {
    expect(durationParts(3 * 3600_000 + 12 * 60_000 + 59_000)).toEqual({ h: 3, m: 12 });
    expect(durationParts(-5000)).toEqual({ h: 0, m: 0 });
  });
});
