// The server's refusal, shown as it was said: its message names the bad field. It stays
// until dismissed or until the same command succeeds, so an operator who looked away sees it.
import { useT } from '../i18n/use-t';
import { useActions, useApp } from '../state/context';

export function ErrorBanner() {
  const t = useT();
  const error = useApp((s) => s.error);
  const { dismissError } = useActions();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code ?? ''}>
      <strong className="error-title">
        {t('error.title')} · {t(`action.${error.action}`)}
      </strong>
      <span className="error-message" data-testid="error-message">
        {error.message}
      </span>
      <button type="button" className="error-dismiss" data-testid="error-dismiss" onClick={dismissError}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
