import { describe, expect, it } from 'vitest';
import { drillInputFrom, newDrillDraft } from './drill-draft';

describe('drill draft', () => {
  it('plans a drill with nothing held yet', () => {
    expect(drillInputFrom({ ...newDrillDraft('pln_a0000001', '2025-06-03'), title: ' 防汛演练 ' })).toEqual({
      planId: 'pln_a0000001',
      title: '防汛演练',
      plannedOn: '2025-06-03',
      heldOn: null,
      participants: '',
      participantCount: 0,
      findings: '',
    });
  });

  it('records a held drill, keeping its id and sending a bad count for the server to refuse', () => {
    const input = drillInputFrom({
      id: 'drl_a0000001',
      planId: 'pln_a0000001',
      title: '',
      plannedOn: '2025-06-03',
      heldOn: '2025-06-04',
      participants: '各街道',
      participantCount: 'abc',
      findings: '抽排设备不足',
    });
    expect(input).toMatchObject({ id: 'drl_a0000001', heldOn: '2025-06-04', findings: '抽排设备不足' });
    expect(Number.isNaN(input.participantCount)).toBe(true);
  });
});
