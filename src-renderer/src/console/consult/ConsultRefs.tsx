// What a consultation was started for, by name and never by id (issue 17: "names everywhere
// instead of ids"): the duty-log entry's summary and the plan response's plan and level, each a
// link that opens it in the console (值守 with ?report=, 预案 with ?response=). Taken from the
// slices already loaded; one read for an older entry not among them.
import { useEffect, useState } from 'react';
import { RESPONSE_LEVEL_LABELS, type ResponseLevel } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { useDutyRead } from '../../state/duty/use-duty-read';
import { plansSlice } from '../../state/plans/plans-slice';
import { openInConsole } from '../duty/console-tab';
import { usePlansRead } from '../plans/use-plans';

/**
 * The value `pick` finds in the loaded slice, else the one a single read returns (null while it
 * comes or when the thing is gone). Exported for the ledger's task names.
 */
export function useLoadedOrRead<T>(id: string, loaded: T | undefined, read: (id: string) => Promise<T | null>): T | null {
  const [fetched, setFetched] = useState<{ id: string; value: T | null } | null>(null);
  const missing = loaded === undefined;
  useEffect(() => {
    if (!missing) return;
    let live = true;
    void read(id)
      .catch(() => null)
      .then((value) => {
        if (live) setFetched({ id, value });
      });
    return () => {
      live = false;
    };
    // `read` is a slice command (stable); the id and whether it is loaded decide.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, missing]);
  if (loaded !== undefined) return loaded;
  return fetched?.id === id ? fetched.value : null;
}

/** Opens the 值守 tab on one report (DutyConsole reads ?report= when it mounts). */
function openReport(id: string): void {
  const q = new URLSearchParams(window.location.search);
  q.set('report', id);
  window.history.replaceState(null, '', `${window.location.pathname}?${q.toString()}${window.location.hash}`);
  openInConsole({ tab: 'duty' });
}

export function ReportRef({ id }: { id: string }) {
  const t = useT();
  const loaded = useSlice(dutySlice, (s) => s.reports.find((r) => r.id === id)?.summary);
  const read = useDutyRead();
  const summary = useLoadedOrRead(id, loaded, async (x) => (await read('duty.getReport', { id: x }))?.summary ?? null);
  const text = summary === null ? t('refs.reportUnknown') : t('refs.report', { summary });
  return (
    <button type="button" className="link-button" data-testid="consult-ref-report" title={t('refs.open')} onClick={() => openReport(id)}>
      {text}
    </button>
  );
}

export function ResponseRef({ id }: { id: string }) {
  const t = useT();
  const label = useLabel();
  const loaded = useSlice(plansSlice, (s) => s.responses.find((r) => r.id === id));
  const read = usePlansRead();
  const response = useLoadedOrRead<{ planTitle: string; level: ResponseLevel }>(id, loaded, (x) => read('plans.getResponse', { id: x }));
  const text =
    response === null ? t('refs.responseUnknown') : t('refs.response', { plan: response.planTitle, level: label(RESPONSE_LEVEL_LABELS[response.level]) });
  return (
    <button
      type="button"
      className="link-button"
      data-testid="consult-ref-response"
      title={t('refs.open')}
      onClick={() => openInConsole({ tab: 'plans', responseId: id })}
    >
      {text}
    </button>
  );
}
