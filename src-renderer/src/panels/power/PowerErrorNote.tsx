// A refused power command, as the server said it (its message names the bad field), next to where
// the operator acted; it stays until dismissed or until the same command succeeds.
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { powerSlice, type PowerCommandName } from '../../state/power/power-slice';

export function PowerErrorNote({ commands }: { commands: readonly PowerCommandName[] }) {
  const t = useT();
  const error = useSlice(powerSlice, (s) => s.error);
  const { dismissError } = useCommands(powerSlice);
  const command = commands.find((c) => c === error?.command);
  if (!error || !command) return null;
  return (
    <div className="power-error" role="alert" data-testid="power-error" data-action={command}>
      <strong>
        {t('error.title')} · {t(`power.action.${command}`)}
      </strong>
      <span className="power-error-message">{error.message}</span>
      <button type="button" onClick={dismissError}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
