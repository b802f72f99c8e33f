// The printable duty log (?view=print-log&from=…&to=…): the period's people on duty and every
// report received, oldest first, with signature lines. The toolbar does not print.
import { useEffect, useState } from 'react';
import type { Report, Roster } from '@contract/duty';
import { formatLocal, localDateString } from '@contract/yuexiu';
import { useT } from '../../../i18n/use-t';
import { DemoTag } from '../../../panels/duty-now/DemoTag';
import { useServerNow } from '../../../shared/use-server-now';
import { centreSlice } from '../../../state/centre/centre-slice';
import { useSlice } from '../../../state/context';
import { useDutyRead } from '../../../state/duty/use-duty-read';
import { PrintPeople } from './PrintPeople';
import { PrintReports } from './PrintReports';
import { PrintToolbar } from './PrintToolbar';
import { parsePrintRange, printBounds, type PrintRange } from './print-range';
import './print-log.css';

const LIMIT = 500;

export function PrintLogPage() {
  const t = useT();
  const now = useServerNow(60_000);
  const centre = useSlice(centreSlice, (s) => s.centre);
  const read = useDutyRead();
  const [range, setRange] = useState<PrintRange>(() => parsePrintRange(window.location.search, localDateString(Date.now())));
  const [reports, setReports] = useState<Report[] | null>(null);
  const [roster, setRoster] = useState<Roster | null>(null);
  useEffect(() => {
    let live = true;
    const b = printBounds(range);
    setReports(null);
    void Promise.all([read('duty.listReports', { from: b.from, to: b.to, limit: LIMIT }), read('duty.getRoster', { period: { kind: 'range', ...b } })]).then(
      ([r, ro]) => {
        if (!live) return;
        setReports(r ? [...r.reports].reverse() : []); // a log reads oldest first
        setRoster(ro);
      },
    );
    return () => {
      live = false;
    };
  }, [range, read]);

  const period = range.from === range.to ? range.from : t('printLog.period', { from: range.from, to: range.to });
  const open = reports?.filter((r) => r.status !== 'closed').length ?? 0;
  return (
    <div className="print-log" data-testid="print-log" data-state={reports ? 'ready' : 'loading'} data-count={reports?.length ?? ''}>
      <PrintToolbar range={range} onRange={setRange} ready={reports !== null} />
      <article className="print-sheet">
        <header className="print-head">
          <h1>
            {centre?.name ?? t('app.title')} · {t('printLog.title')}
          </h1>
          <p>
            {t('printLog.periodLabel')}
            <b>{period}</b> · {t('printLog.printedAt', { time: formatLocal(now) })}
            {reports?.some((r) => r.demo) && <DemoTag inline />}
          </p>
        </header>
        {roster && <PrintPeople roster={roster} />}
        {reports === null ? (
          <p>{t('app.loading')}</p>
        ) : (
          <>
            <p className="print-counts">{t('printLog.counts', { n: reports.length, open })}</p>
            {reports.length >= LIMIT && <p className="print-warning">{t('printLog.truncated', { n: LIMIT })}</p>}
            <PrintReports reports={reports} />
          </>
        )}
        <footer className="print-sign">
          <span>{t('printLog.signOfficer')}</span>
          <span>{t('printLog.signLeader')}</span>
        </footer>
      </article>
    </div>
  );
}
