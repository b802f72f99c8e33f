import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { hoursText, minutesText, NONE, num, textIn, withUnit } from './format';

describe('power formatting', () => {
  it('says — for a value the source does not report, never 0', () => {
    expect(num(null)).toBe(NONE);
    expect(withUnit(null, 'V')).toBe(NONE);
    expect(withUnit(229.6, 'V')).toBe('230 V');
    expect(num(49.97, 1)).toBe('50.0');
  });

  it('gives minutes and hours in the page language', () => {
    expect(minutesText(translator('zh-CN'), 7.25)).toBe('7.3 分钟');
    expect(minutesText(translator('en'), 25.4)).toBe('25 min');
    expect(hoursText(translator('en'), 5.18)).toBe('5.2 h');
    expect(minutesText(translator('en'), null)).toBe(NONE);
  });

  it('picks the server text in the page language', () => {
    expect(textIn('en', { zh: '市电', en: 'Mains' })).toBe('Mains');
    expect(textIn('zh-CN', { zh: '市电', en: 'Mains' })).toBe('市电');
  });
});
