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

  it('formats the server offset with its sign', () => {
    expect(formatOffsetSeconds(340)).toBe('+0.3');
    expect(formatOffsetSeconds(-12_000)).toBe('−12.0');
    expect(formatOffsetSeconds(-20)).toBe('±0.0');
  });
});
