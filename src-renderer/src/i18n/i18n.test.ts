import { describe, expect, it } from 'vitest';
import { dictionaries, translate } from './index';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has the same keys in every language', () => {
    const zh = Object.keys(dictionaries['zh-CN']).sort();
    const en = Object.keys(dictionaries.en).sort();
    expect(en).toEqual(zh);
  });

  it('has the same placeholders for each key in every language, and no empty text', () => {
    for (const key of Object.keys(dictionaries['zh-CN']) as (keyof (typeof dictionaries)['en'])[]) {
      expect(placeholders(dictionaries.en[key]), key).toEqual(placeholders(dictionaries['zh-CN'][key]));
      expect(dictionaries.en[key].trim(), key).not.toBe('');
      expect(dictionaries['zh-CN'][key].trim(), key).not.toBe('');
    }
  });

  it('fills params and leaves unknown placeholders visible', () => {
    expect(translate('zh-CN', 'cell.unknown', { id: 'cctv' })).toBe('未知面板：cctv');
    expect(translate('en', 'console.displayOption', { n: 2 })).toBe('Display 2');
    expect(translate('en', 'cell.unknown')).toBe('Unknown panel: {id}');
  });

  it('defaults the empty cell text honestly in both languages', () => {
    expect(translate('zh-CN', 'cell.empty')).toBe('空 — 在控制台选择面板');
    expect(translate('en', 'cell.empty')).toBe('Empty — choose a panel on the console');
  });
});
