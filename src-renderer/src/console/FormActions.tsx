// The foot of a console form that sends a draft: its submit button (disabled while nobody may act,
// while the save is on its way, or while the draft has problems), the fields that still keep it
// disabled, and the command's outcome. The button is `${testId}-submit`, the outcome `${testId}`.
import { CommandStatus } from './CommandStatus';
import { StillToFix } from './StillToFix';
import type { Command } from './use-command';
import type { DraftCheck } from './use-draft-check';

export function FormActions({
  testId,
  submit,
  canAct,
  cmd,
  check,
  labels,
}: {
  testId: string;
  /** The button's text. */
  submit: string;
  /** Whether somebody may act (an acting person is chosen). */
  canAct: boolean;
  cmd: Command;
  check: DraftCheck;
  /** The fields' labels, by the draft's field names, for StillToFix. */
  labels: Readonly<Record<string, string>>;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" data-testid={`${testId}-submit`} disabled={!canAct || cmd.busy || !check.valid}>
        {submit}
      </button>
      {check.valid ? null : <StillToFix errors={check.errors} labels={labels} />}
      <CommandStatus cmd={cmd} testId={testId} />
    </div>
  );
}
