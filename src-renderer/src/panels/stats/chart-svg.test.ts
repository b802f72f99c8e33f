import { describe, expect, it } from 'vitest';
import { TABLE1 } from '@contract/stats';
import { countsOption, table1Option, table2Option } from './chart-options';
import { renderChartSvg } from './chart-svg';

describe('charts as SVG (what the statistics worker does)', () => {
  it('draws Table 1 with its years, its bars and their values', () => {
    const svg = renderChartSvg(table1Option({ accidents: '事故起数', deaths: '死亡人数' }), 600, 300);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="600"');
    for (const year of TABLE1.years) expect(svg).toContain(`>${year}<`);
    expect(svg).toContain('事故起数');
    // Bars are paths; the accidents series alone has one per year.
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(TABLE1.years.length);
  });

  it('draws Table 2 on a log axis and the live counts with a label on every bar', () => {
    expect(renderChartSvg(table2Option(false), 600, 300)).toContain('<svg');
    const counts = {
      from: 0,
      to: 0,
      available: true,
      total: 3,
      byDay: [
        { date: '2026-11-28', n: 1 },
        { date: '2026-11-29', n: 2 },
      ],
      byCategory: [],
      byStreet: [],
    };
    const svg = renderChartSvg(countsOption(counts, 'day', false, '接报'), 400, 200);
    expect(svg).toContain('>11-29<');
    expect(svg).toContain('>2<');
  });
});
