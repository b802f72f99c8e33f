import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../app/route';
import { localTime } from '@contract/yuexiu';
import { parsePrintRange, printBounds, printLogUrl } from './print-range';

describe('printable duty log', () => {
  it('has its own route', () => {
    expect(parseRoute('?view=print-log&from=2025-06-03').view).toBe('print-log');
  });

  it('reads the period from the address, falling back to today and capping its length', () => {
    expect(parsePrintRange('', '2025-06-03')).toEqual({ from: '2025-06-03', to: '2025-06-03' });
    expect(parsePrintRange('?from=2025-06-01&to=2025-06-03', 'x')).toEqual({ from: '2025-06-01', to: '2025-06-03' });
    expect(parsePrintRange('?from=2025-06-05&to=2025-06-01', 'x')).toEqual({ from: '2025-06-05', to: '2025-06-05' });
    expect(parsePrintRange('?from=2025-02-30', '2025-06-03')).toEqual({ from: '2025-06-03', to: '2025-06-03' });
    expect(parsePrintRange('?from=2025-01-01&to=2025-12-31', 'x').to).toBe('2025-01-31');
  });

  it('covers whole local days, the last included', () => {
    expect(printBounds({ from: '2025-06-01', to: '2025-06-03' })).toEqual({ from: localTime(2025, 6, 1), to: localTime(2025, 6, 4) });
    expect(printLogUrl({ from: '2025-06-01', to: '2025-06-03' })).toBe('?view=print-log&from=2025-06-01&to=2025-06-03');
  });
});
