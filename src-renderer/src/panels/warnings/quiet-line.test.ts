import { describe, expect, it } from 'vitest';
import type { ResponseLevel } from '@contract/plans';
import { LEVEL_NUMERALS, quietLine } from './quiet-line';

const feedOk = { config: { url: 'http://intranet/cap' } as never, lastOk: true };
const resp = (level: ResponseLevel, activatedAt = 1, status: 'active' | 'closed' = 'active') => ({ level, activatedAt, status });

describe('the warnings panel line when no signal is in force', () => {
  it('is calm (the only green case) when the feed reads fine and no response is in force', () => {
    expect(quietLine([], null, feedOk)).toEqual({ tone: 'calm' });
    expect(quietLine([resp('I', 1, 'closed')], null, feedOk)).toEqual({ tone: 'calm' });
  });

  it('never reassures beside an active 三防 response: it names its level', () => {
    expect(quietLine([resp('III')], { level: 'III' }, feedOk)).toEqual({ tone: 'response', level: 'III', sanfang: true });
    // The 三防 level wins over a more severe response of another kind: the panel speaks of 三防.
    expect(quietLine([resp('I'), resp('III')], { level: 'III' }, null)).toEqual({ tone: 'response', level: 'III', sanfang: true });
  });

  it('names the most severe other response in force (the earliest among equals)', () => {
    expect(quietLine([resp('IV', 1), resp('II', 5), resp('II', 3), resp('I', 0, 'closed')], null, feedOk)).toEqual({
      tone: 'response',
      level: 'II',
      sanfang: false,
    });
  });

  it('is grey, not green, when it cannot know: no feed, not read yet, or the last read failed', () => {
    expect(quietLine([], null, null)).toEqual({ tone: 'unknown' });
    expect(quietLine([], null, { config: null, lastOk: null })).toEqual({ tone: 'unknown' });
    expect(quietLine([], null, { ...feedOk, lastOk: null })).toEqual({ tone: 'unknown' });
    expect(quietLine([], null, { ...feedOk, lastOk: false })).toEqual({ tone: 'unknown' });
  });

  it('writes levels as Roman numerals', () => {
    expect(Object.values(LEVEL_NUMERALS)).toEqual(['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ']);
  });
});
