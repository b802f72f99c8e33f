// 预案响应 on the console: the live responses to choose from, and the chosen one in full.
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { checklistProgress } from '../../state/plans/checklist';
import { plansSlice } from '../../state/plans/plans-slice';
import { ROMAN } from '../../state/duty/format';
import { ResponseConsole } from './ResponseConsole';

/** `focusSelected`: the selected response was just opened from elsewhere (an escalation): its detail takes the keyboard. */
export function ResponsesSection({
  selectedId,
  onSelect,
  focusSelected = false,
}: {
  selectedId: string | null;
  onSelect(id: string): void;
  focusSelected?: boolean;
}) {
  const t = useT();
  const responses = useSlice(plansSlice, (s) => s.responses);
  const now = useServerNow(15_000);
  const shown = responses.find((r) => r.id === selectedId) ?? responses[0];
  return (
    <section className="console-section tab-section" data-testid="responses-section">
      <h2>{t('response.title', { n: responses.length })}</h2>
      {responses.length === 0 && <p className="unset">{t('responses.none')}</p>}
      <div className="list-detail">
        <div className="response-picker">
          {responses.map((r) => {
            const p = checklistProgress(r.actions, now);
            return (
              <button
                key={r.id}
                type="button"
                className={r.id === shown?.id ? 'response-pick active' : 'response-pick'}
                data-testid="console-response"
                data-id={r.id}
                onClick={() => onSelect(r.id)}
              >
                <b>{t('responses.level', { level: ROMAN[r.level] })}</b> {r.planTitle} · {t('responses.finished', { done: p.finished, total: p.total })}
                {p.overdue.length > 0 && <span className="overdue-word"> · {t('responses.overdue', { n: p.overdue.length })}</span>}
              </button>
            );
          })}
        </div>
        {shown && <ResponseConsole key={shown.id} id={shown.id} focus={focusSelected && shown.id === selectedId} />}
      </div>
    </section>
  );
}
