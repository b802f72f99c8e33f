// A refused power command, in the page's language (shared/error-text.ts; the hub's text as the
// tooltip), next to where the operator acted; it stays until dismissed or until the same command
// succeeds.
import { useLanguage, useT } from '../../i18n/use-t';
import { errorText } from '../../shared/error-text';
import { useCommands, useSlice } from '../../state/context';
import { powerSlice, type PowerCommandName } from '../../state/power/power-slice';

export function PowerErrorNote({ commands }: { commands: readonly PowerCommandName[] }) {
  const t = useT();
  const lang = useLanguage();
  const error = useSlice(powerSlice, (s) => s.error);
  const { dismissError } = useCommands(powerSlice);
  const command = commands.find((c) => c === error?.command);
  if (!error || !command) return null;
  const { text, detail } = errorText(t, lang, error);
  return (
    <div className="power-error" role="alert" data-testid="power-error" data-action={command} title={detail || undefined}>
      <strong>
        {t('error.title')} · {t(`power.action.${command}`)}
      </strong>
      <span className="power-error-message">{text}</span>
      <button type="button" onClick={dismissError}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
