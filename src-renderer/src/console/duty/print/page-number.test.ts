import { describe, expect, it } from 'vitest';
import { translate } from '../../../i18n';
import { pageNumberContent, pageNumberRule } from './page-number';

describe('page numbers on the printed log', () => {
  it('turns the translated sentence into CSS counters, in both languages', () => {
    const zh = pageNumberContent((page, pages) => translate('zh-CN', 'printLog.pageNumber', { page, pages }));
    expect(zh).toBe('"第 " counter(page) " 页 共 " counter(pages) " 页"');
    const en = pageNumberContent((page, pages) => translate('en', 'printLog.pageNumber', { page, pages }));
    expect(en).toBe('"Page " counter(page) " of " counter(pages)');
  });

  it('escapes what would end the CSS string', () => {
    expect(pageNumberContent((p) => `a"b\\c ${p}`)).toBe('"a\\"b\\\\c " counter(page)');
    expect(pageNumberRule((p, n) => `${p}/${n}`)).toBe('@page { @bottom-center { content: counter(page) "/" counter(pages); font-size: 9pt; color: #333; } }');
  });
});
