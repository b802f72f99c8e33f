// The duty log of a period, out of the app: a printable page (the browser's print, or a PDF
// from the desktop app) and an .xlsx workbook with every change.
import { useState } from 'react';
import { localDateString } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useCommands } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { Field } from '../Field';
import { saveDownload } from './file-io';
import { parsePrintRange, printBounds, printLogUrl } from './print/print-range';

export function LogTools() {
  const t = useT();
  const today = localDateString(useServerNow(60_000));
  const { exportLog } = useCommands(dutySlice);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const range = parsePrintRange(`?from=${from}&to=${to}`, today);
  const open = (): void => {
    const url = printLogUrl(range);
    // The desktop app allows no new windows: the console itself turns into the printout.
    if (window.commandWall) window.location.assign(url);
    else window.open(url, '_blank', 'noopener');
  };
  const exportRange = async (): Promise<void> => {
    const b = printBounds(range);
    const file = await exportLog(b.from, b.to);
    if (file) saveDownload(file);
  };
  return (
    <div className="log-tools form-actions" data-testid="log-tools">
      <Field label={t('logTools.from')}>
        <input type="date" data-testid="log-from" value={from} onChange={(e) => setFrom(e.target.value)} />
      </Field>
      <Field label={t('logTools.to')}>
        <input type="date" data-testid="log-to" value={to} onChange={(e) => setTo(e.target.value)} />
      </Field>
      <button type="button" data-testid="open-print-log" onClick={open}>
        {t('logTools.print')}
      </button>
      <button type="button" data-testid="export-log" onClick={() => void exportRange()}>
        {t('logTools.export')}
      </button>
    </div>
  );
}
