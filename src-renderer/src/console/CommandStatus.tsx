// Beside a console form: the server's refusal as it was said, or that the command succeeded.
import { useT } from '../i18n/use-t';
import type { Command } from './use-command';

export function CommandStatus({ cmd, testId }: { cmd: Command; testId: string }) {
  const t = useT();
  if (cmd.error)
    return (
      <div className="form-error" role="alert" data-testid={`${testId}-error`}>
        {cmd.error}
      </div>
    );
  if (cmd.done !== null)
    return (
      <span className="saved-note" role="status" data-testid={`${testId}-done`}>
        {cmd.done || t('console.saved')}
      </span>
    );
  return null;
}
