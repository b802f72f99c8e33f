// What a person is told when a command fails: words in the page's language, never the API's
// own text. The hub's refusals carry what the page needs to say it: InvalidParams names each
// field with its problem (data.issues), Forbidden names the right (data.right), a transport
// failure says why (data.transport). A domain refusal (Refused, or Unauthorized from a sign-in)
// is said as the hub said it: in the page's language when the hub gave both (data.text, from
// `new RefusedError({ zh, en })`), else its one text.
// The hub's text stays available to an engineer as `detail`.
import { RIGHT_LABELS, type Right } from '@contract/rights';
import { RpcCode, refusalText } from '@contract/errors';
import type { Translate } from '../i18n';

export interface Issue {
  path: readonly (string | number | symbol)[];
  code?: string;
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  input?: unknown;
}

/** One problem with one field, in the page's language, from the kind of the problem (zod's issue code). */
export function issueText(t: Translate, issue: Issue): string {
  const n = (v: number | bigint | undefined): number => Number(v ?? 0);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? t('check.required') : t('check.wrongType');
    case 'too_small':
      if (issue.origin === 'string') return n(issue.minimum) <= 1 ? t('check.required') : t('check.tooShort', { n: n(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('check.tooFew', { n: n(issue.minimum) });
      return t('check.tooLow', { n: n(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('check.tooLong', { n: n(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('check.tooMany', { n: n(issue.maximum) });
      return t('check.tooHigh', { n: n(issue.maximum) });
    case 'invalid_format':
      return issue.input === '' || issue.input === undefined ? t('check.required') : t('check.wrongType');
    case 'invalid_value':
    case 'invalid_union':
      return issue.input === '' || issue.input === undefined ? t('check.required') : t('check.invalidValue');
    case 'not_multiple_of':
      return t('check.wholeNumber');
    default:
      return t('check.invalid');
  }
}

/** Problems by field path ("summary", "position.lat"); the first problem of a field wins. */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldErrors(t: Translate, issues: readonly Issue[]): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    out[key] ??= issueText(t, issue);
  }
  return out;
}

interface ErrorLike {
  code?: number;
  message: string;
  data?: unknown;
}

/** The issues of an InvalidParams refusal, when it carries them. */
export function issuesOf(error: ErrorLike): Issue[] | null {
  if (error.code !== RpcCode.InvalidParams) return null;
  const issues = (error.data as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : null;
}

/** A failed command in the page's language; `detail` is the hub's own text, for an engineer. */
export function errorText(t: Translate, lang: 'zh-CN' | 'en', error: ErrorLike): { text: string; detail: string } {
  const detail = error.message;
  const data = (error.data ?? {}) as { right?: unknown; transport?: unknown; street?: unknown };
  switch (error.code) {
    case RpcCode.InvalidParams: {
      const issues = issuesOf(error);
      return { text: issues ? t('error.invalidFields', { n: issues.length }) : t('error.invalidRequest'), detail };
    }
    case RpcCode.Forbidden: {
      if (typeof data.street === 'string') return { text: t('error.forbiddenStreet', { street: data.street }), detail };
      const right = typeof data.right === 'string' && data.right in RIGHT_LABELS ? RIGHT_LABELS[data.right as Right] : null;
      return { text: right ? t('error.forbiddenRight', { right: lang === 'en' ? right.en : right.zh }) : t('error.forbidden'), detail };
    }
    case RpcCode.MethodNotFound:
      return { text: t('error.notServed'), detail };
    case RpcCode.InternalError:
      if (data.transport === 'timeout') return { text: t('error.timeout'), detail };
      if (typeof data.transport === 'string') return { text: t('error.noConnection'), detail };
      return { text: t('error.internal'), detail };
    default: {
      const said = refusalText(error.data, lang);
      return said ? { text: said, detail } : { text: error.message, detail: '' };
    }
  }
}
