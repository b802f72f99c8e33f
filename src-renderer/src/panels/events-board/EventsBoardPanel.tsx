// 重大事件看板 on the wall: the significant things of every capability merged, newest first, at
// the wall's type scale (time, what kind, who, what, where); what does not fit ends in 另有 N 项,
// and events beyond those read say how many there are in all.
import { REPLAY_EVENT_LABELS, type ReplayEvent } from '@contract/replay';
import { PanelLoading } from '../../shared/PanelLoading';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { hhmm } from '../../state/duty/format';
import { eventsBoardSlice } from '../../state/replay/replay-slice';
import { FitList } from '../FitList';
import './events-board.css';

export function EventsBoardPanel() {
  const loaded = useSlice(eventsBoardSlice, (s) => s.loaded);
  const events = useSlice(eventsBoardSlice, (s) => s.events);
  const total = useSlice(eventsBoardSlice, (s) => s.total);
  if (!loaded) return <PanelLoading />;
  return <EventsBoardView events={events} total={total} />;
}

/** The kind's family (report, response, task …), for its colour. */
const family = (e: ReplayEvent): string => e.kind.split('.')[0];

export function EventsBoardView({ events, total }: { events: readonly ReplayEvent[]; total: number }) {
  const t = useT();
  const label = useLabel();
  return (
    <div className="panel events-board" data-testid="panel-events-board" data-count={events.length} data-total={total}>
      {events.length === 0 ? (
        <div className="panel-waiting">{t('eventsBoard.none')}</div>
      ) : (
        <FitList
          className="events-board-lines"
          items={events}
          keyOf={(e) => `${e.at}:${e.kind}:${Object.values(e.links).join(',')}`}
          render={(e) => (
            <li className={`events-board-line events-family-${family(e)} events-kind-${e.kind.replace('.', '-')}`} data-kind={e.kind}>
              <span className="events-board-time tabular">{hhmm(e.at)}</span>
              <span className="events-board-kind">{label(REPLAY_EVENT_LABELS[e.kind])}</span>
              <span className="events-board-what">
                {e.what}
                {e.street ? <span className="events-board-where"> · {e.street}</span> : null}
                {e.who ? <span className="events-board-who"> · {e.who}</span> : null}
              </span>
            </li>
          )}
        />
      )}
      {total > events.length && <div className="events-board-total">{t('eventsBoard.total', { n: total })}</div>}
    </div>
  );
}
