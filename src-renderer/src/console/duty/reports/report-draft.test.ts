import { describe, expect, it } from 'vitest';
import { localTime } from '@contract/yuexiu';
import { emptyReportDraft, isDraftProblem, reportInputFrom } from './report-draft';

describe('接报 draft', () => {
  const now = localTime(2025, 6, 3, 14, 30);

  it('takes a blank time as now and blank coordinates as none', () => {
    const input = reportInputFrom({ ...emptyReportDraft(), street: '北京街', location: '北京路', summary: '积水' }, now + 0.6);
    expect(input).toMatchObject({ receivedAt: now, street: '北京街', coordinates: null, severity: 'medium' });
  });

  it('reads the time typed as Beijing time', () => {
    const input = reportInputFrom({ ...emptyReportDraft(), receivedAt: '2025-06-03T09:15' }, now);
    expect(input).toMatchObject({ receivedAt: localTime(2025, 6, 3, 9, 15) });
    expect(isDraftProblem(reportInputFrom({ ...emptyReportDraft(), receivedAt: '2025-06-31T09:15' }, now))).toBe(true);
  });

  it('sends a half-filled coordinate pair for the server to refuse by name', () => {
    const input = reportInputFrom({ ...emptyReportDraft(), lat: '23.13', lng: '' }, now);
    expect(isDraftProblem(input)).toBe(false);
    if (!isDraftProblem(input)) {
      expect(input.coordinates?.lat).toBe(23.13);
      expect(Number.isNaN(input.coordinates?.lng)).toBe(true);
    }
  });
});
