import { describe, expect, it } from 'vitest';
import { allowedAttribute, allowedElement, allowedStyle, cleanStyle, SVG_NS, XLINK_NS, XML_NS } from './svg-policy';
import { renderChartSvg } from './chart-svg';
import { countsOption, table1Option, table2Option } from './chart-options';

describe('what a chart SVG may hold (svg-policy.ts; the DOM walk is svg-sanitize.ts, tested in e2e)', () => {
  it('keeps the drawing elements, in the SVG namespace only', () => {
    for (const name of ['svg', 'g', 'path', 'rect', 'text', 'tspan', 'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop'])
      expect(allowedElement(SVG_NS, name), name).toBe(true);
    for (const name of [
      'script',
      'style',
      'foreignObject',
      'image',
      'use',
      'a',
      'set',
      'animate',
      'animateTransform',
      'iframe',
      'feImage',
      'filter',
      'pattern',
    ])
      expect(allowedElement(SVG_NS, name), name).toBe(false);
    expect(allowedElement('http://www.w3.org/1999/xhtml', 'svg')).toBe(false);
    expect(allowedElement(null, 'path')).toBe(false);
  });

  it('keeps presentation attributes, local references only, and no handlers', () => {
    expect(allowedAttribute(null, 'd', 'M0 0L1 1')).toBe(true);
    expect(allowedAttribute(null, 'fill', '#fff')).toBe(true);
    expect(allowedAttribute(null, 'fill', 'url(#zr0-g0)')).toBe(true);
    expect(allowedAttribute(null, 'clip-path', "url('#zr0-c0')")).toBe(true);
    expect(allowedAttribute(XML_NS, 'space', 'preserve')).toBe(true);
    expect(allowedAttribute(null, 'href', '#zr0-g0')).toBe(true);
    expect(allowedAttribute(XLINK_NS, 'href', '#zr0-g0')).toBe(true);
    for (const [ns, name, value] of [
      [null, 'onload', 'x()'],
      [null, 'onclick', 'x()'],
      [null, 'ONERROR', 'x()'],
      [null, 'href', 'javascript:x()'],
      [null, 'href', 'http://evil/x.svg#a'],
      [XLINK_NS, 'href', 'data:image/svg+xml,<svg onload=x()>'],
      [null, 'fill', 'url(http://evil/x)'],
      [null, 'fill', 'url(#a) url(http://evil/x)'],
      [null, 'filter', 'url(#f)'],
      [null, 'class', 'zr0-cls-0'],
      [null, 'ecmeta_series_index', '0'],
      [null, 'id', 'a"b'],
      ['http://evil.example/ns', 'd', 'M0 0'],
      [null, 'attributeName', 'href'],
    ] as const) {
      expect(allowedAttribute(ns, name, value), `${ns} ${name}=${value}`).toBe(false);
    }
    expect(allowedAttribute(null, 'id', 'zr0-g0')).toBe(true);
  });

  it('keeps the text style ECharts writes and drops every other declaration', () => {
    expect(allowedStyle('font-size', '12px')).toBe(true);
    expect(allowedStyle('font-family', '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif')).toBe(true);
    expect(allowedStyle('fill', 'url(#zr0-g0)')).toBe(true);
    for (const [name, value] of [
      ['position', 'fixed'],
      ['filter', 'invert(1)'],
      ['fill', 'url(http://evil/x)'],
      ['font-family', 'x;background:url(http://evil/x)'],
      ['background-image', 'url(http://evil/x)'],
      ['font-family', 'image-set("http://evil/x" 1x)'],
      ['font-family', '\\75rl(http://evil/x)'],
    ]) {
      expect(allowedStyle(name, value), `${name}: ${value}`).toBe(false);
    }
    expect(cleanStyle('font-size:12px;position:fixed;inset:0;font-family:"Noto Sans CJK SC", sans-serif;fill:url(http://evil/x);')).toBe(
      'font-size:12px;font-family:"Noto Sans CJK SC", sans-serif',
    );
    expect(cleanStyle('position:fixed;background:url(http://evil/x)')).toBe('');
  });

  it('allows everything ECharts writes for our charts (checked on their real SVG)', () => {
    const svgs = [
      renderChartSvg(table1Option({ accidents: '事故起数', deaths: '死亡人数' }), 600, 300),
      renderChartSvg(table2Option(true), 600, 300),
      renderChartSvg(
        countsOption({ from: 0, to: 0, available: true, total: 3, byDay: [{ date: '2026-11-28', n: 1 }], byCategory: [], byStreet: [] }, 'day', false, '接报'),
        400,
        200,
      ),
    ];
    const refused = new Set<string>();
    for (const svg of svgs) {
      for (const [, tag, attrs] of svg.matchAll(/<([a-zA-Z]+)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*>/g)) {
        if (tag === 'style') continue; // zrender's hover rules: the wall has no pointer, dropped on purpose
        if (!allowedElement(SVG_NS, tag)) refused.add(tag);
        for (const [, name, value = ''] of attrs.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)) {
          if (name === 'xmlns' || name.startsWith('xmlns:') || name === 'class' || name.startsWith('ecmeta_')) continue; // namespaces; no stylesheet; ECharts' own metadata
          const [ns, local] = name === 'xml:space' ? [XML_NS, 'space'] : name.startsWith('xlink:') ? [XLINK_NS, name.slice(6)] : [null, name];
          const kept = name === 'style' ? cleanStyle(value) === value.replace(/;$/, '') : allowedAttribute(ns, local, value);
          if (!kept) refused.add(`${tag} ${name}=${value}`);
        }
      }
    }
    expect([...refused]).toEqual([]);
  });
});
