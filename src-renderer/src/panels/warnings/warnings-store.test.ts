// The 三防 response level the wall shows: the most severe active 三防 response.
import { describe, expect, it } from 'vitest';
import { sanfangLevel } from './warnings-store';

const resp = (id: string, category: string, level: string, status = 'active', activatedAt = 0) => ({ id, category, level, status, activatedAt, planTitle: `plan ${id}` }) as never;

describe('the 三防 level', () => {
  it('is the most severe active 三防 response, or none', () => {
    expect(sanfangLevel([])).toBeNull();
    expect(sanfangLevel([resp('a', 'fire', 'I')])).toBeNull();
    expect(sanfangLevel([resp('a', 'sanfang', 'IV'), resp('b', 'sanfang', 'II'), resp('c', 'sanfang', 'I', 'closed')])).toMatchObject({ level: 'II', responseId: 'b' });
  });
});
