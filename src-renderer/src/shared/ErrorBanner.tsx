// A command that failed, said in the page's language (error-text.ts; the hub's own text folded
// away for an engineer). It stays until dismissed or until the same command succeeds, so an
// operator who looked away sees it. It shows the newest error of the slices it is given (each
// slice keeps its own, state/slice.ts).
import type { MessageKey } from '../i18n';
import { useLanguage, useT } from '../i18n/use-t';
import { useAcrossSlices, useSliceHost } from '../state/context';
import type { AnySlice, CommandError, Commands, SliceOf } from '../state/slice';
import { errorText } from './error-text';

function newest(slices: readonly SliceOf<object, Commands>[]): { slice: SliceOf<object, Commands>; error: CommandError } | null {
  let best: { slice: SliceOf<object, Commands>; error: CommandError } | null = null;
  for (const slice of slices) {
    const error = slice.store.getState().error;
    if (error && (!best || error.at >= best.error.at)) best = { slice, error };
  }
  return best;
}

export function ErrorBanner({ slices: defs }: { slices: readonly AnySlice[] }) {
  const t = useT();
  const lang = useLanguage();
  const host = useSliceHost();
  // A stored error object: stable between changes.
  const error = useAcrossSlices(defs, (slices) => newest(slices)?.error ?? null);
  if (!error) return null;
  const { text, detail } = errorText(t, lang, error);
  const dismiss = (): void => newest(defs.map((def) => host.get(def)))?.slice.commands.dismissError();
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code ?? ''}>
      <strong className="error-title">
        {t('error.title')} · {t(`action.${error.command}` as MessageKey)}
      </strong>
      <span className="error-message" data-testid="error-message">
        {text}
      </span>
      {detail && (
        <details className="error-detail">
          <summary>{t('error.details')}</summary>
          <code data-testid="error-detail">{detail}</code>
        </details>
      )}
      <button type="button" className="error-dismiss" data-testid="error-dismiss" onClick={dismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
