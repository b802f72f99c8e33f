import { describe, expect, it } from 'vitest';
import { formatBeijingClock, formatBeijingDate, formatOffsetSeconds } from './beijing-time';

// 2025-01-01T00:00:05Z is 08:00:05 on Wednesday 1 January 2025 in Beijing.
const T = Date.UTC(2025, 0, 1, 0, 0, 5);

describe('Beijing time', () => {
  it('shows the Beijing clock whatever the machine zone', () => {
    expect(formatBeijingClock(T)).toBe('08:00:05');
    expect(formatBeijingClock(Date.UTC(2025, 0, 1, 16, 0, 0))).toBe('00:00:00');
  });

  it('shows the date with weekday in both languages', () => {
    expect(formatBeijingDate(T, 'zh-CN')).toBe('2025年1月1日 星期三');
    expect(formatBeijingDate(T, 'en')).toBe('Wednesday 1 January 2025');
  });

  it('agrees with the Asia/Shanghai zone of ICU from 1992 to 2100', () => {
    // The arithmetic above assumes UTC+8 with no summer time; ICU's zone data is the reference.
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const ms = Date.UTC(1992, 0, 1) + (seed / 2 ** 32) * (Date.UTC(2100, 0, 1) - Date.UTC(1992, 0, 1));
      expect(formatBeijingClock(ms)).toBe(clock.format(ms));
      const p = Object.fromEntries(date.formatToParts(ms).map((x) => [x.type, x.value]));
      expect(formatBeijingDate(ms, 'en')).toBe(`${p.weekday} ${p.day} ${p.month} ${p.year}`);
    }
  });

  it('formats the server offset with its sign', () => {
    expect(formatOffsetSeconds(340)).toBe('+0.3');
    expect(formatOffsetSeconds(-12_000)).toBe('−12.0');
    expect(formatOffsetSeconds(-20)).toBe('±0.0');
  });
});
