import { describe, expect, it } from 'vitest';
import { onDuty, shift } from '../../state/duty/test-fixtures';
import { anyDemo, earliestEnd, namesOnDuty, roleLines } from './on-duty';

describe('今日值班', () => {
  const lead = shift('shf_lead0001', 'leader', '黄建国', 0, 86_400_000);
  const o1 = shift('shf_offb0001', 'officer', '郑凯', 0, 43_200_000);
  const o2 = shift('shf_offa0001', 'officer', '罗俊', 0, 43_200_000);
  const nextTech = shift('shf_tech0001', 'tech', '冯涛', 50_000_000, 80_000_000);

  it('lists the roles in the duty room’s order with who is on now and next', () => {
    const lines = roleLines(onDuty([o1, lead, o2], [nextTech]));
    expect(lines.map((l) => l.role)).toEqual(['leader', 'chief', 'officer', 'tech']);
    expect(lines[2].current.map((s) => s.person.name)).toEqual(['罗俊', '郑凯']);
    expect(lines[3].next.map((s) => s.person.name)).toEqual(['冯涛']);
  });

  it('flags a missing leader or officer as a gap, but not a missing chief or tech', () => {
    const lines = roleLines(onDuty([o1]));
    expect(lines.filter((l) => l.uncovered).map((l) => l.role)).toEqual(['leader']);
    expect(
      roleLines(onDuty([lead]))
        .filter((l) => l.uncovered)
        .map((l) => l.role),
    ).toEqual(['officer']);
  });

  it('names the leader and officers for the wall header', () => {
    const od = onDuty([lead, o1, o2]);
    expect(namesOnDuty(od, 'leader')).toEqual(['黄建国']);
    expect(namesOnDuty(od, 'officer')).toEqual(['郑凯', '罗俊']);
    expect(namesOnDuty(null, 'leader')).toEqual([]);
  });

  it('knows when the room changes and whether it shows demo data', () => {
    expect(earliestEnd([lead, o1])).toBe(43_200_000);
    expect(earliestEnd([])).toBeNull();
    expect(anyDemo(onDuty([lead]))).toBe(false);
    expect(anyDemo(onDuty([lead], [{ ...nextTech, demo: true }]))).toBe(true);
  });
});
