// The console's consultation section: start and end (the district), the live consultation with
// who is present on which link, each endpoint's links and the controls to steer it.
import { useState } from 'react';
import { HOST_PARTICIPANT, type Consultation } from '@contract/consult';
import { ReportRef, ResponseRef } from '../console/consult/ConsultRefs';
import { useT } from '../i18n/use-t';
import { useCommands, useSlice } from '../state/context';
import { consultSlice } from '../state/consult/consult-slice';
import { noteAfter, type ConsoleNote } from './console-note';
import { ConsultStartForm } from './ConsultStartForm';
import { EndpointControls } from './EndpointControls';
import { SocketChip } from './LinkChip';
import { RecordingsList } from './RecordingsList';
import './consult.css';

function LiveConsultation({ c, canEnd, onEnd }: { c: Consultation; canEnd: boolean; onEnd(operator: string): void }) {
  const t = useT();
  const [operator, setOperator] = useState('');
  return (
    <div className="consult-row" data-testid="consult-live" data-id={c.id} data-mode={c.mode}>
      <b>{c.topic}</b>
      <span>{t('consult.startedBy', { name: c.startedBy })}</span>
      {c.dutyEntryId && <ReportRef id={c.dutyEntryId} />}
      {c.planResponseId && <ResponseRef id={c.planResponseId} />}
      {canEnd && (
        <>
          <label>
            {t('consult.operator')} <input data-testid="consult-end-operator" value={operator} maxLength={40} onChange={(e) => setOperator(e.target.value)} />
          </label>
          <button type="button" data-testid="consult-end" onClick={() => onEnd(operator)}>
            {t('consult.end')}
          </button>
        </>
      )}
    </div>
  );
}

export function ConsultConsole() {
  const t = useT();
  const config = useSlice(consultSlice, (s) => s.config);
  const live = useSlice(consultSlice, (s) => s.current);
  const recent = useSlice(consultSlice, (s) => s.recent);
  const presence = useSlice(consultSlice, (s) => s.presence);
  const status = useSlice(consultSlice, (s) => s.status);
  const sockets = useSlice(consultSlice, (s) => s.sockets);
  const refusal = useSlice(consultSlice, (s) => s.error?.message ?? null);
  const { end } = useCommands(consultSlice);
  const [note, setNote] = useState<ConsoleNote>(null);
  const error = note === null ? null : 'text' in note ? note.text : refusal;

  if (!config) return null;
  if (typeof config === 'string') {
    return (
      <section className="console-section consult-console" data-testid="consult-console">
        <h2>{t('consult.title')}</h2>
        <p>{t(`consult.problem.${config as 'no-participant' | 'no-hub-url'}`)}</p>
      </section>
    );
  }
  const me = config.me;
  const isHost = me === HOST_PARTICIPANT;
  const present = new Map((presence?.present ?? []).map((p) => [p.id, p.links]));

  return (
    <section className="console-section consult-console" data-testid="consult-console">
      <h2>{t('consult.title')}</h2>
      <div className="consult-row">
        <SocketChip link="A" state={sockets.A} />
        <SocketChip link="B" state={sockets.B} />
      </div>
      {error && (
        <p className="consult-error" data-testid="consult-error">
          {error}
        </p>
      )}
      {live ? (
        <>
          <LiveConsultation c={live} canEnd={isHost} onEnd={(operator) => void end(live.id, operator).then((r) => setNote(noteAfter(r)))} />
          <table>
            <tbody>
              {live.participants.map((p) => {
                const st = status[p.id];
                const links = present.get(p.id);
                if (st && (isHost || p.id === me)) return <EndpointControls key={p.id} status={st} name={p.name} onNote={setNote} />;
                return (
                  <tr key={p.id} data-testid={`consult-status-${p.id}`}>
                    <td>
                      <b>{p.name}</b>
                    </td>
                    <td colSpan={2}>{links ? t('consult.presentOn', { links: links.join(' + ') }) : t('consult.absent')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        <p data-testid="consult-none">{t('consult.noneLive')}</p>
      )}
      {isHost && !live && <ConsultStartForm onNote={setNote} />}
      <RecordingsList consultations={live ? [live, ...recent] : recent} isHost={isHost} />
      {recent.length > 0 && (
        <details>
          <summary>{t('consult.recent')}</summary>
          <ul data-testid="consult-recent">
            {recent.map((c) => (
              <li key={c.id}>
                {c.topic} · {new Date(c.startedAt).toLocaleString()} – {c.endedAt ? new Date(c.endedAt).toLocaleString() : t('consult.stillLive')} ·{' '}
                {c.participants.map((p) => p.name).join('、')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
