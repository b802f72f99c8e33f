// The print page's controls (hidden on paper): the period, print, and back to the console.
import { useState } from 'react';
import { useT } from '../../../i18n/use-t';
import { useCommands } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { saveDownload } from '../file-io';
import { parsePrintRange, printBounds, printLogUrl, type PrintRange } from './print-range';

export function PrintToolbar({ range, onRange, ready }: { range: PrintRange; onRange(r: PrintRange): void; ready: boolean }) {
  const t = useT();
  const { printLog, exportShiftReport } = useCommands(dutySlice);
  // The shift report as a PDF of its own: handling history, responses, warnings, page numbers.
  const downloadPdf = async (): Promise<void> => {
    const b = printBounds(range);
    const file = await exportShiftReport(b.from, b.to);
    if (file) saveDownload(file);
  };
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const apply = (): void => {
    const next = parsePrintRange(`?from=${from}&to=${to}`, range.from);
    window.history.replaceState(null, '', window.location.pathname + printLogUrl(next));
    onRange(next);
  };
  return (
    <div className="print-toolbar no-print" data-testid="print-toolbar">
      <a href="?view=console&tab=duty" data-testid="print-back">
        {t('printLog.back')}
      </a>
      <label>
        {t('logTools.from')} <input type="date" data-testid="print-from" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        {t('logTools.to')} <input type="date" data-testid="print-to" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="button" data-testid="print-apply" onClick={apply}>
        {t('printLog.show')}
      </button>
      <button
        type="button"
        className="primary"
        data-testid="print-button"
        disabled={!ready}
        onClick={() => void printLog(t('printLog.fileName', { from: range.from, to: range.to }))}
      >
        {t('printLog.print')}
      </button>
      <button type="button" data-testid="shift-report-pdf" onClick={() => void downloadPdf()}>
        {t('printLog.pdf')}
      </button>
    </div>
  );
}
