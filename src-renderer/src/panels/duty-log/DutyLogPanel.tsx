// 值班日志 on the wall: the latest reports, newest first, coloured by status; one just
// recorded flashes for a few seconds. Kept live by duty.logChanged.
import { Fragment } from 'react';
import { useT } from '../../i18n/use-t';
import { isFresh } from '../../state/duty/duty-state';
import { localDateString } from '@contract/yuexiu';
import { useNow } from '../../shared/use-now';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { DemoTag } from '../duty-now/DemoTag';
import { OpenCountsBar } from './OpenCountsBar';
import { ReportRow } from './ReportRow';
import './duty-log.css';

/** More than fit in the largest cell; the rest is cut off by the cell. */
const SHOWN = 20;

export function DutyLogPanel() {
  const t = useT();
  const loaded = useSlice(dutySlice, (d) => d.loaded);
  const reports = useSlice(dutySlice, (d) => d.reports);
  const counts = useSlice(dutySlice, (d) => d.openCounts);
  const arrivals = useSlice(dutySlice, (d) => d.arrivals);
  // Our own clock: arrivals are stamped with it when the push comes in.
  const now = useNow(1000);
  const serverNow = useServerNow(60_000);
  if (!loaded) return <div className="panel panel-waiting">{t('app.loading')}</div>;
  const shown = reports.slice(0, SHOWN);
  return (
    <div className="panel duty-log-panel" data-testid="panel-duty-log">
      {shown.some((r) => r.demo) && <DemoTag />}
      {counts && <OpenCountsBar counts={counts} />}
      {shown.length === 0 ? (
        <div className="panel-waiting log-empty">{t('dutyLog.empty')}</div>
      ) : (
        <ol className="log-rows">
          {shown.map((r, i) => {
            // Reports of an earlier day follow a line naming that day: never mistaken for today's.
            const date = localDateString(r.receivedAt);
            const prev = i === 0 ? localDateString(serverNow) : localDateString(shown[i - 1].receivedAt);
            return (
              <Fragment key={r.id}>
                {date !== prev && (
                  <li className="log-day" data-testid="duty-log-day">
                    {date}
                  </li>
                )}
                <ReportRow report={r} fresh={isFresh(arrivals, r.id, now)} />
              </Fragment>
            );
          })}
        </ol>
      )}
    </div>
  );
}
