// A refused power command, as the server said it (its message names the bad field), next to where
// the operator acted; it stays until dismissed or until the same command succeeds.
import { useT } from '../../i18n/use-t';
import type { PowerActionName } from '../../state/power/power-actions';
import { usePower, usePowerActions } from '../../state/power/use-power';

export function PowerErrorNote({ actions }: { actions: readonly PowerActionName[] }) {
  const t = useT();
  const error = usePower((s) => s.error);
  const { dismissError } = usePowerActions();
  if (!error || !actions.includes(error.action)) return null;
  return (
    <div className="power-error" role="alert" data-testid="power-error" data-action={error.action}>
      <strong>
        {t('error.title')} · {t(`power.action.${error.action}`)}
      </strong>
      <span className="power-error-message">{error.message}</span>
      <button type="button" onClick={dismissError}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
