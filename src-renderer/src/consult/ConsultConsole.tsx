// The console's consultation section: start and end (the district), the live consultation with
// who is present on which link, each endpoint's links and the controls to steer it.
import { useState } from 'react';
import { HOST_PARTICIPANT, type Consultation } from '@contract/consult';
import { useT } from '../i18n/use-t';
import { ConsultStartForm } from './ConsultStartForm';
import { EndpointControls } from './EndpointControls';
import { SocketChip } from './LinkChip';
import { useConsoleHub } from './use-console-hub';
import './consult.css';

function LiveConsultation({ c, canEnd, onEnd }: { c: Consultation; canEnd: boolean; onEnd(operator: string): void }) {
  const t = useT();
  const [operator, setOperator] = useState('');
  return (
    <div className="consult-row" data-testid="consult-live" data-id={c.id} data-mode={c.mode}>
      <b>{c.topic}</b>
      <span>{t('consult.startedBy', { name: c.startedBy })}</span>
      {c.dutyEntryId && <span>{t('consult.dutyEntryRef', { id: c.dutyEntryId })}</span>}
      {c.planResponseId && <span>{t('consult.planResponseRef', { id: c.planResponseId })}</span>}
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
  const s = useConsoleHub();
  const [error, setError] = useState<string | null>(null);

  if (!s.config) return null;
  if (typeof s.config === 'string') {
    return (
      <section className="console-section consult-console" data-testid="consult-console">
        <h2>{t('consult.title')}</h2>
        <p>{t(`consult.problem.${s.config as 'no-participant' | 'no-hub-url'}`)}</p>
      </section>
    );
  }
  const me = s.config.me;
  const isHost = me === HOST_PARTICIPANT;
  const present = new Map((s.presence?.present ?? []).map((p) => [p.id, p.links]));
  const hub = s.hub;

  return (
    <section className="console-section consult-console" data-testid="consult-console">
      <h2>{t('consult.title')}</h2>
      <div className="consult-row">
        <SocketChip link="A" state={s.sockets.A} />
        <SocketChip link="B" state={s.sockets.B} />
      </div>
      {error && (
        <p className="consult-error" data-testid="consult-error">
          {error}
        </p>
      )}
      {s.live && hub ? (
        <>
          <LiveConsultation
            c={s.live}
            canEnd={isHost}
            onEnd={(operator) =>
              void hub
                .call('consult.end', { id: s.live!.id, endedBy: operator })
                .then(() => setError(null))
                .catch((err: Error) => setError(err.message))
            }
          />
          <table>
            <tbody>
              {s.live.participants.map((p) => {
                const st = s.status[p.id];
                const links = present.get(p.id);
                if (st && (isHost || p.id === me)) return <EndpointControls key={p.id} hub={hub} status={st} name={p.name} onError={setError} />;
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
      {isHost && hub && !s.live && <ConsultStartForm hub={hub} onError={setError} />}
      {s.recent.length > 0 && (
        <details>
          <summary>{t('consult.recent')}</summary>
          <ul data-testid="consult-recent">
            {s.recent.map((c) => (
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
