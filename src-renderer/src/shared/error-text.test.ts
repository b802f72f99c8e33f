// A failed command is said in the page's language: field problems by their kind, a missing right
// by its name, a lost connection as such; the hub's own text is kept only as the detail.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonInput } from '@contract/duty';
import { RefusedError, RpcCode } from '@contract/errors';
import { translator } from '../i18n';
import { errorText, fieldErrors, type Issue } from './error-text';

const zh = translator('zh-CN');
const en = translator('en');

describe('field problems', () => {
  it('says each problem of the contract’s own schema by its kind, next to its field', () => {
    const r = PersonInput.safeParse({ name: '', role: 'officer', phone: 'abc', unit: 'x'.repeat(61) }, { reportInput: true });
    expect(r.success).toBe(false);
    const errors = fieldErrors(zh, r.error!.issues as Issue[]);
    expect(errors).toEqual({ name: '必填', phone: '格式不对', unit: '最多 60 个字' });
    expect(fieldErrors(en, r.error!.issues as Issue[]).unit).toBe('At most 60 characters');
  });

  it('keeps the first problem of a field, and names nested fields by their path', () => {
    const schema = z.strictObject({ at: z.object({ lat: z.number().min(23).max(24) }) });
    const r = schema.safeParse({ at: { lat: 99 } }, { reportInput: true });
    expect(fieldErrors(zh, r.error!.issues as Issue[])).toEqual({ 'at.lat': '不能大于 24' });
  });
});

describe('a refusal, in words', () => {
  it('never shows the API’s text for invalid params, a missing right, or a lost connection', () => {
    const invalid = errorText(zh, 'zh-CN', {
      code: RpcCode.InvalidParams,
      message: 'invalid params for duty.savePerson: params.person.phone: …',
      data: { issues: [{ path: ['person', 'phone'] }] },
    });
    expect(invalid.text).toBe('有 1 处填写不符合要求，请按标出的项修改');
    expect(invalid.detail).toContain('params.person.phone');
    expect(errorText(zh, 'zh-CN', { code: RpcCode.Forbidden, message: 'forbidden: …', data: { right: 'plans.activateMajor' } }).text).toBe(
      '没有权限：此操作需要“预案启动（Ⅰ/Ⅱ级）”权限',
    );
    expect(errorText(en, 'en', { code: RpcCode.Forbidden, message: 'forbidden: …', data: { right: 'plans.activateMajor' } }).text).toBe(
      'Not allowed: this needs the right “Run responses (Level Ⅰ/Ⅱ)”',
    );
    expect(errorText(zh, 'zh-CN', { code: RpcCode.InternalError, message: 'x timed out after 10 s', data: { transport: 'timeout' } }).text).toContain(
      '没有及时答复',
    );
    expect(errorText(zh, 'zh-CN', { code: RpcCode.InternalError, message: 'lost', data: { transport: 'disconnected' } }).text).toContain('连接中断');
  });

  it('says a domain refusal as the hub said it', () => {
    expect(errorText(zh, 'zh-CN', { code: RpcCode.Refused, message: '没有此响应 (no response with id x)' })).toEqual({
      text: '没有此响应 (no response with id x)',
      detail: '',
    });
  });

  it('says a refusal given in both languages in the page’s language, keeping the whole text as the detail', () => {
    const refused = new RefusedError({ zh: '响应已结束，不能再改', en: 'the response has ended and cannot change' }, { id: 'rsp_1' });
    const wire = JSON.parse(JSON.stringify(refused)) as { code: number; message: string; data: unknown };
    expect(errorText(zh, 'zh-CN', wire)).toEqual({
      text: '响应已结束，不能再改',
      detail: '响应已结束，不能再改 (the response has ended and cannot change)',
    });
    expect(errorText(en, 'en', wire).text).toBe('the response has ended and cannot change');
    expect((wire.data as { id: string }).id).toBe('rsp_1');
  });
});
