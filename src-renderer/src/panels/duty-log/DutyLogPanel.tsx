// 值班日志 on the wall: the latest reports, newest first, coloured by status; one just
// recorded flashes for a few seconds. Kept live by duty.logChanged. As many as fit at the wall's
// type scale, then "另有 N 项" (FitList).
import { useT } from '../../i18n/use-t';
import { PanelLoading } from '../../shared/PanelLoading';
import { isFresh } from '../../state/duty/duty-state';
import { localDateString } from '@contract/yuexiu';
import { useNow } from '../../shared/use-now';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { DemoTag } from '../duty-now/DemoTag';
import { FitList } from '../FitList';
import { OpenCountsBar } from './OpenCountsBar';
import { ReportRow } from './ReportRow';
import './duty-log.css';

/** More than fit in the largest cell; FitList shows those that fit and counts the rest. */
const SHOWN = 40;

export function DutyLogPanel() {
  const t = useT();
  const loaded = useSlice(dutySlice, (d) => d.loaded);
  const reports = useSlice(dutySlice, (d) => d.reports);
  const counts = useSlice(dutySlice, (d) => d.openCounts);
  const arrivals = useSlice(dutySlice, (d) => d.arrivals);
  // Our own clock: arrivals are stamped with it when the push comes in.
  const now = useNow(1000);
  const serverNow = useServerNow(60_000);
  if (!loaded) return <PanelLoading />;
  const shown = reports.slice(0, SHOWN);
  return (
    <div className="panel duty-log-panel" data-testid="panel-duty-log">
      <div className="log-top">
        {counts && <OpenCountsBar counts={counts} />}
        {shown.some((r) => r.demo) && <DemoTag />}
      </div>
      {shown.length === 0 ? (
        <div className="panel-waiting log-empty">{t('dutyLog.empty')}</div>
      ) : (
        <FitList
          className="log-rows"
          items={shown}
          keyOf={(r) => r.id}
          version={`${reports.length}:${localDateString(serverNow)}`}
          render={(r) => {
            // A report of an earlier day names its day: never mistaken for today's.
            const date = localDateString(r.receivedAt);
            return <ReportRow report={r} fresh={isFresh(arrivals, r.id, now)} day={date !== localDateString(serverNow) ? date : null} />;
          }}
        />
      )}
    </div>
  );
}
