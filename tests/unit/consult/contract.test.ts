// The consultation contract's helpers: dropping repeated message ids, and naming a participant.
import { describe, expect, it } from 'vitest';
import { participantIdOf, RecentIds, STREET_PARTICIPANTS } from '@contract/consult';

describe('RecentIds', () => {
  it('says yes the first time and no for repeats', () => {
    const ids = new RecentIds();
    expect(ids.firstTime('a.1', 0)).toBe(true);
    expect(ids.firstTime('a.1', 10)).toBe(false);
    expect(ids.firstTime('a.2', 10)).toBe(true);
    expect(ids.firstTime('a.1', 20)).toBe(false);
  });

  it('forgets ids older than its age limit, and keeps at most its count', () => {
    const ids = new RecentIds(3, 1000);
    ids.firstTime('x', 0);
    expect(ids.firstTime('x', 1001)).toBe(true); // aged out: a new message with a reused id
    for (const id of ['a', 'b', 'c', 'd']) ids.firstTime(id, 1100);
    expect(ids.size).toBe(3);
    expect(ids.has('x', 1100)).toBe(false);
    expect(ids.has('d', 1100)).toBe(true);
  });
});

describe('participants', () => {
  it('names the participant from the centre: district, or the street its name begins with', () => {
    expect(participantIdOf({ level: 'district', name: '越秀区应急指挥中心' })).toBe('district');
    expect(participantIdOf({ level: 'street', name: '流花街应急指挥分中心' })).toBe('liuhua');
    expect(participantIdOf({ level: 'street', name: '梅花村街' })).toBe('meihuacun');
    expect(participantIdOf({ level: 'street', name: '某某街' })).toBeNull();
    expect(new Set(STREET_PARTICIPANTS.map((s) => s.id)).size).toBe(18);
  });
});
