// Checklist progress: finished (done or not applicable) out of all items, as a bar and numbers.
import { useT } from '../../i18n/use-t';
import type { ChecklistProgress } from '../../state/plans/checklist';

export function ProgressBar({ progress }: { progress: ChecklistProgress }) {
  const t = useT();
  return (
    <div
      className="resp-progress"
      data-testid="response-progress"
      data-finished={progress.finished}
      data-in-progress={progress.inProgress}
      data-total={progress.total}
    >
      <div className="resp-bar" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.finished}>
        <div className="resp-bar-fill" style={{ width: `${Math.round(progress.ratio * 100)}%` }} />
      </div>
      <span className="resp-progress-text tabular">{t('responses.finished', { done: progress.finished, total: progress.total })}</span>
      <span className="resp-count">{t('responses.inProgress', { n: progress.inProgress })}</span>
      <span className="resp-count">{t('responses.pending', { n: progress.pending })}</span>
      <span
        className={progress.overdue.length > 0 ? 'resp-count resp-overdue-count' : 'resp-count'}
        data-testid="response-overdue"
        data-count={progress.overdue.length}
      >
        {t('responses.overdue', { n: progress.overdue.length })}
      </span>
    </div>
  );
}
