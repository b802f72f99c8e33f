// The plan responses a report started or joined, by name, each a link that opens it in 预案.
import type { ReportEvent } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { openInConsole } from '../console-tab';
import { useResponseNames } from './response-names';

/** Each response as the report came to it: 已启动 (escalated into it) or 已并入 (linked to one running). */
export function ResponseLinks({ ids, history, testId }: { ids: readonly string[]; history: readonly ReportEvent[]; testId?: string }) {
  const t = useT();
  const names = useResponseNames(ids);
  if (names.length === 0) return null;
  const linked = (id: string): boolean => history.some((e) => e.kind === 'linked' && e.responseId === id);
  return (
    <p className="response-links" data-testid={testId}>
      {names.map((r, i) => (
        <span key={r.id} data-kind={linked(r.id) ? 'linked' : 'escalated'}>
          {i > 0 && t('form.listSeparator')}
          {t(linked(r.id) ? 'reportDetail.joined' : 'reportDetail.started')}{' '}
          <button
            type="button"
            className="link-button"
            data-testid="open-response"
            data-id={r.id}
            onClick={() => openInConsole({ tab: 'plans', responseId: r.id })}
          >
            {r.name}
          </button>
          {!r.active && <span className="unset"> {t('reportDetail.responseClosed')}</span>}
        </span>
      ))}
    </p>
  );
}

/** One line for a report's row: "预案响应 三防应急预案 Ⅲ级（较大）". */
export function useResponseLine(ids: readonly string[]): string {
  const t = useT();
  const names = useResponseNames(ids);
  return names.length ? `${t('reportDetail.inResponse')} ${names.map((n) => n.name).join(t('form.listSeparator'))}` : '';
}
