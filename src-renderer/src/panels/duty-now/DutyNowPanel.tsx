// 今日值班 on the wall: each role's people on duty now with their phones and the end of their
// shift, and the next shift. A required role with nobody on duty is shown as a gap, in red.
import { useT } from '../../i18n/use-t';
import { PanelLoading } from '../../shared/PanelLoading';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { FitList } from '../FitList';
import { DemoTag } from './DemoTag';
import { anyDemo, roleLines } from './on-duty';
import { RoleRow } from './RoleRow';
import './duty-now.css';

export function DutyNowPanel() {
  const t = useT();
  const onDuty = useSlice(dutySlice, (d) => d.onDuty);
  const now = useServerNow(30_000);
  if (!onDuty) return <PanelLoading />;
  if (onDuty.current.length === 0 && onDuty.next.length === 0)
    return (
      <div className="panel panel-waiting duty-gap" data-testid="duty-now-empty">
        {t('duty.noRoster')}
      </div>
    );
  return (
    <div className="panel duty-now-panel" data-testid="panel-duty-now">
      {anyDemo(onDuty) && <DemoTag />}
      {/* A gap (a required role nobody covers) first: that is what the hall must act on. */}
      <FitList
        items={[...roleLines(onDuty)].sort((a, b) => Number(b.uncovered) - Number(a.uncovered))}
        keyOf={(line) => line.role}
        render={(line) => <RoleRow line={line} now={now} />}
        className="duty-roles"
        version={now}
      />
    </div>
  );
}
