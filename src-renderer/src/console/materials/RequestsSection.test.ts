// Which steps the console offers on a material request, by its state and the page's street (the
// core refuses the rest anyway: this keeps the buttons honest).
import { describe, expect, it } from 'vitest';
import { stepsFor } from './RequestsSection';

describe('the steps offered on a request', () => {
  it('the district: approve, refuse or withdraw while awaiting; dispatch once approved; confirm once dispatched', () => {
    expect(stepsFor('requested', null)).toEqual(['approve', 'refuse', 'cancel']);
    expect(stepsFor('approved', null)).toEqual(['dispatch', 'cancel']);
    expect(stepsFor('dispatched', null)).toEqual(['confirm']);
    for (const s of ['refused', 'received', 'cancelled'] as const) expect(stepsFor(s, null)).toEqual([]);
  });

  it('a street centre: only withdraw and confirm receipt', () => {
    expect(stepsFor('requested', '北京街')).toEqual(['cancel']);
    expect(stepsFor('approved', '北京街')).toEqual(['cancel']);
    expect(stepsFor('dispatched', '北京街')).toEqual(['confirm']);
  });
});
