// The console's 值守 tab: who is acting, the first-run choice, 接报 and the duty log, handover,
// the roster and the people. Holds the duty slice while open, so it follows other seats live.
import { useEffect, useState } from 'react';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { ActorPicker } from './ActorPicker';
import { FirstRunChoice } from './FirstRunChoice';
import { HandoverSection } from './handover/HandoverSection';
import { LogTools } from './LogTools';
import { PeopleSection } from './people/PeopleSection';
import { DeadlineSection } from './reports/DeadlineSection';
import { ReportDetail } from './reports/ReportDetail';
import { ReportForm } from './reports/ReportForm';
import { ReportList } from './reports/ReportList';
import { RosterSection } from './roster/RosterSection';

export function DutyConsole() {
  useSlice(dutySlice, () => null);
  // The open report is kept in the address (?report=), so it is still open after a look at 预案
  // (an escalation opens the new response there) or a reload.
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(window.location.search).get('report'));
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    if (selected) q.set('report', selected);
    else q.delete('report');
    const s = q.toString();
    window.history.replaceState(null, '', window.location.pathname + (s ? `?${s}` : '') + window.location.hash);
  }, [selected]);
  return (
    <>
      <FirstRunChoice />
      <section className="console-section tab-section tab-toolbar">
        <ActorPicker />
      </section>
      <section className="console-section tab-section">
        <ReportForm onRecorded={setSelected} />
      </section>
      <section className="console-section tab-section report-pane">
        <ReportList selectedId={selected} onSelect={setSelected} />
        {selected && <ReportDetail id={selected} focus />}
      </section>
      {/* Printing and exporting the log come after the work of the shift: the keyboard reaches the report form first. */}
      <section className="console-section tab-section tab-toolbar">
        <LogTools />
      </section>
      <DeadlineSection />
      <HandoverSection />
      <RosterSection />
      <PeopleSection />
    </>
  );
}
