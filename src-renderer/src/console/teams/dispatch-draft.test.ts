// The dispatch form's draft: what it sends passes the contract's own schema once filled in, and
// each problem of a draft lands on the field the person typed in (the deadline is entered as
// minutes), said in the page's language, not in the schema's English.
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { fieldErrors, type Issue } from '../../shared/error-text';
import { blankDispatch, dispatchInput, DispatchTaskInput, DRAFT_FIELD } from './dispatch-draft';

const NOW = 1_800_000_000_000;

function problems(d: ReturnType<typeof blankDispatch>, lang: 'zh-CN' | 'en'): Record<string, string> {
  const r = DispatchTaskInput.safeParse(dispatchInput(d, NOW), { reportInput: true });
  const errors = fieldErrors(translator(lang), r.success ? [] : (r.error.issues as Issue[]));
  return Object.fromEntries(Object.entries(errors).map(([path, text]) => [DRAFT_FIELD[path] ?? path, text]));
}

describe('the dispatch draft', () => {
  it('sends a filled draft as the contract takes it (a blank place is none)', () => {
    const d = { ...blankDispatch('obj_team0001'), title: '北京路低洼点抢险', content: '携排水泵赶赴现场', minutes: '90' };
    const sent = DispatchTaskInput.parse(dispatchInput(d, NOW));
    expect(sent).toMatchObject({ title: '北京路低洼点抢险', priority: 'urgent', deadline: NOW + 90 * 60_000, position: null });
    expect(dispatchInput({ ...d, lat: '23.125', lng: '113.268' }, NOW).position).toEqual({ lat: 23.125, lng: 113.268 });
  });

  it('names each bad field of the form, in Chinese on a Chinese page and in English on an English one', () => {
    const d = { ...blankDispatch('obj_team0001'), minutes: 'abc', lat: '40', lng: '116' };
    const zh = problems(d, 'zh-CN');
    expect(Object.keys(zh).sort()).toEqual(['content', 'lat', 'minutes', 'title']);
    expect(Object.values(zh).every((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
    const en = problems(d, 'en');
    expect(Object.keys(en).sort()).toEqual(['content', 'lat', 'minutes', 'title']);
    expect(en.title).not.toEqual(zh.title);
    expect(Object.values(en).some((text) => /[\u4e00-\u9fff]/.test(text))).toBe(false);
  });
});
