import { describe, expect, it } from 'vitest';
import { parseRoute } from './route';

describe('parseRoute', () => {
  it('defaults to the wall on display 0', () => {
    expect(parseRoute('')).toEqual({ view: 'wall', display: 0 });
    expect(parseRoute('?token=abc')).toEqual({ view: 'wall', display: 0 });
  });
  it('reads view and display', () => {
    expect(parseRoute('?view=wall&display=2')).toEqual({ view: 'wall', display: 2 });
    expect(parseRoute('?view=console')).toEqual({ view: 'console', display: 0 });
  });
  it('falls back to display 0 on nonsense', () => {
    for (const d of ['-1', '1.5', 'x', '16']) expect(parseRoute(`?display=${d}`).display).toBe(0);
  });
});
