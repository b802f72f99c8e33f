import { describe, expect, it } from 'vitest';
import { alarmHeadline } from './alarm-headline';

describe('the power alarm list head', () => {
  it('counts active alarms whatever the state', () => {
    expect(alarmHeadline('ON_BATTERY', 2)).toEqual({ tone: 'alarms', n: 2 });
    expect(alarmHeadline('UNKNOWN', 1)).toEqual({ tone: 'alarms', n: 1 });
  });

  it('says "no power alarms" only when the state is known', () => {
    for (const s of ['MAINS', 'ON_GENERATOR', 'ON_BATTERY', 'LOW_BATTERY'] as const) expect(alarmHeadline(s, 0)).toEqual({ tone: 'none' });
  });

  it('never says "no alarms" while the state is UNKNOWN', () => {
    expect(alarmHeadline('UNKNOWN', 0)).toEqual({ tone: 'unknown' });
  });
});
