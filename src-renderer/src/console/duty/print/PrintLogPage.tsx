// The printable duty log (?view=print-log&from=…&to=…): the period's people on duty and every
// report received, oldest first, each with its handling history (who did what, when), with
// signature lines and page numbers (第 n 页 共 m 页, print-log.css). The toolbar does not print.
import { useEffect, useState } from 'react';
import type { Report, ReportEvent, Roster } from '@contract/duty';
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
import { pageNumberRule } from './page-number';
import { readHistories } from './print-histories';
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
  const [histories, setHistories] = useState<Map<string, ReportEvent[]> | null>(null);
  useEffect(() => {
    let live = true;
    const b = printBounds(range);
    setReports(null);
    setHistories(null);
    void Promise.all([read('duty.listReports', { from: b.from, to: b.to, limit: LIMIT }), read('duty.getRoster', { period: { kind: 'range', ...b } })]).then(
      async ([r, ro]) => {
        if (!live) return;
        const list = r ? [...r.reports].reverse() : []; // a log reads oldest first
        setReports(list);
        setRoster(ro);
        const h = await readHistories(
          list.map((x) => x.id),
          (id) => read('duty.getReport', { id }),
        );
        if (live) setHistories(h);
      },
    );
    return () => {
      live = false;
    };
  }, [range, read]);

  const period = range.from === range.to ? range.from : t('printLog.period', { from: range.from, to: range.to });
  const open = reports?.filter((r) => r.status !== 'closed').length ?? 0;
  return (
    <div className="print-log" data-testid="print-log" data-state={reports && histories ? 'ready' : 'loading'} data-count={reports?.length ?? ''}>
      <style data-testid="print-page-numbers">{pageNumberRule((page, pages) => t('printLog.pageNumber', { page, pages }))}</style>
      <PrintToolbar range={range} onRange={setRange} ready={reports !== null && histories !== null} />
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
            <PrintReports reports={reports} histories={histories} />
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
