// No import circles between our modules (scripts/import-circles.mjs, run by `npm run lint`).
import { describe, expect, it } from 'vitest';
import { circles, projectCircles } from '../../../scripts/import-circles.mjs';

describe('import circles', () => {
  it('finds a circle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('there are none in src-main and src-renderer', () => {
    expect(projectCircles()).toEqual([]);
  });
});
