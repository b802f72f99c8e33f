// Beside a console form: why the command failed, in the page's language (the fields themselves
// are marked by the form), or that it succeeded.
import { useLanguage, useT } from '../i18n/use-t';
import { errorText } from '../shared/error-text';
import type { Command } from './use-command';

export function CommandStatus({ cmd, testId }: { cmd: Command; testId: string }) {
  const t = useT();
  const lang = useLanguage();
  if (cmd.error !== null) {
    const { text, detail } = errorText(t, lang, { code: cmd.errorCode, message: cmd.error, data: cmd.errorData });
    return (
      <div className="form-error" role="alert" data-testid={`${testId}-error`} title={detail || undefined}>
        {text}
      </div>
    );
  }
  if (cmd.done !== null)
    return (
      <span className="saved-note" role="status" data-testid={`${testId}-done`}>
        {cmd.done || t('console.saved')}
      </span>
    );
  return null;
}
