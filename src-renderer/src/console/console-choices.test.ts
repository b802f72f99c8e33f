import { describe, expect, it } from 'vitest';
import { displayChoices } from './console-choices';

describe('displayChoices', () => {
  it('offers every known display and the next one', () => {
    expect(displayChoices(null, null)).toEqual([0, 1]);
    expect(displayChoices({ wallDisplays: [0, 2], consoleWindow: true, language: 'zh-CN' }, { presets: [], active: { '0': 'a' } })).toEqual([0, 1, 2, 3]);
    expect(displayChoices(null, { presets: [], active: { '15': 'a' } })).toHaveLength(16);
  });
});
