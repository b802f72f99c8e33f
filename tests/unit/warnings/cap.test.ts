// The XML reader and the CAP 1.2 reading of Guangdong's signals, without a store.
import { describe, expect, it } from 'vitest';
import { readCap, signalLevelOf, signalTypeOf } from '../../../src-main/core/warnings/cap';
import { parseXml } from '../../../src-main/core/warnings/xml';
import { capXml } from './cap-fixture';

describe('the XML reader', () => {
  it('reads namespaces, CDATA, entities and character references', () => {
    const el = parseXml('<?xml version="1.0"?><c:a xmlns:c="urn:x"><!-- hi --><c:b k="1 &lt; 2">x &amp; y &#x4E2D;<![CDATA[<raw>]]></c:b><d/></c:a>');
    expect(el).toMatchObject({ name: 'a', ns: 'urn:x' });
    expect(el.children[0]).toMatchObject({ name: 'b', ns: 'urn:x', attrs: { k: '1 < 2' }, text: 'x & y 中<raw>' });
    expect(el.children[1]).toMatchObject({ name: 'd', ns: '' });
  });

  it('refuses DOCTYPE and entity declarations (no XXE, no billion laughs)', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).toThrow(/DOCTYPE and entity declarations are refused/);
    expect(() => parseXml('<a>&x;</a>')).toThrow(/unknown entity &x;/);
  });

  it('names the line of a malformed document', () => {
    expect(() => parseXml('<a>\n<b>\n</a>')).toThrow(/line 3: <\/a> closes <b>/);
    expect(() => parseXml('<a>')).toThrow(/<a> is never closed/);
    expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/bare &/);
    expect(() => parseXml('<a>' + '<b>'.repeat(70) + '</b>'.repeat(70) + '</a>')).toThrow(/nested deeper/);
  });
});

describe('CAP 1.2', () => {
  it('reads a Guangdong rainstorm signal', () => {
    const [a] = readCap(capXml({ identifier: 'GZ-1', event: '暴雨橙色预警信号', expires: '2025-06-01T14:30:00+08:00' }));
    expect(a).toMatchObject({
      identifier: 'GZ-1',
      type: 'rainstorm',
      level: 'orange',
      lifts: false,
      status: 'Actual',
      area: '广州市越秀区',
      senderName: '广州市气象台',
      sent: Date.parse('2025-06-01T00:30:00Z'),
      expires: Date.parse('2025-06-01T06:30:00Z'),
    });
    expect(a.description).toContain('防御 & 做好');
  });

  it('tells the signals apart, most specific words first', () => {
    expect(signalTypeOf('雷雨大风黄色预警信号')).toBe('thunderstorm-gale');
    expect(signalTypeOf('大风蓝色预警信号')).toBe('gale');
    expect(signalTypeOf('台风白色预警信号')).toBe('typhoon');
    expect(signalTypeOf('道路结冰橙色预警')).toBe('road-icing');
    expect(signalTypeOf('灰霾黄色预警信号')).toBe('haze');
    expect(signalTypeOf('Rainstorm warning')).toBe('rainstorm');
    expect(signalTypeOf('地震速报')).toBe('other');
    expect(signalLevelOf('台风白色预警信号', 'Minor')).toBe('white');
    expect(signalLevelOf('某预警', 'Extreme')).toBe('red');
    expect(signalLevelOf('某预警', 'Unknown')).toBeNull();
  });

  it('sees lifting alerts', () => {
    expect(readCap(capXml({ identifier: 'GZ-2', event: '暴雨预警信号', headline: '广州市气象台解除暴雨橙色预警信号' }))[0].lifts).toBe(true);
    expect(readCap(capXml({ identifier: 'GZ-3', event: '暴雨橙色预警信号', msgType: 'Cancel' }))[0].lifts).toBe(true);
  });

  it('reads several alerts wrapped in one document (a feed)', () => {
    const strip = (s: string) => s.replace(/^<\?xml[^>]*\?>/, '');
    const doc = `<feed>${strip(capXml({ identifier: 'A', event: '高温黄色预警信号' }))}${strip(capXml({ identifier: 'B', event: '大雾橙色预警信号' }))}</feed>`;
    expect(readCap(doc).map((a) => [a.identifier, a.type, a.level])).toEqual([
      ['A', 'high-temperature', 'yellow'],
      ['B', 'fog', 'orange'],
    ]);
  });

  it('refuses what is not CAP 1.2, saying why', () => {
    expect(() => readCap('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"><identifier>x</identifier></alert>')).toThrow(/this is CAP 1\.1/);
    expect(() => readCap('<rss><channel/></rss>')).toThrow(/no CAP <alert> in the document \(its root is <rss>\)/);
    expect(() => readCap('not xml')).toThrow(/not well-formed XML/);
    expect(() => readCap(capXml({ identifier: 'T', event: '暴雨', sent: '2025/06/01 08:30' }))).toThrow(/<sent> “2025\/06\/01 08:30” is not a CAP time/);
  });
});
