// The console's 值守 tab: who is acting, the first-run choice, 接报 and the duty log, handover,
// the roster and the people. Holds the duty slice while open, so it follows other seats live.
import { useState } from 'react';
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
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <FirstRunChoice />
      <section className="console-section tab-section tab-toolbar">
        <ActorPicker />
        <LogTools />
      </section>
      <section className="console-section tab-section">
        <ReportForm onRecorded={setSelected} />
      </section>
      <section className="console-section tab-section report-pane">
        <ReportList selectedId={selected} onSelect={setSelected} />
        {selected && <ReportDetail id={selected} focus />}
      </section>
      <DeadlineSection />
      <HandoverSection />
      <RosterSection />
      <PeopleSection />
    </>
  );
}
