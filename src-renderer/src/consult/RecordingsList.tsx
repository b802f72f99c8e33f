// The recordings of the console's sfu consultations (the live one and the recent ones): per site,
// its status, length and size, and a player for a ready one (the hub's download path, same origin
// as the page). The host switches recording of the live consultation on and off.
import { useEffect, useState } from 'react';
import type { Consultation } from '@contract/consult';
import type { Recording } from '@contract/media';
import { useT } from '../i18n/use-t';
import { useCommands, useSlice } from '../state/context';
import { recordingsSlice } from '../state/consult/recordings-slice';

/** How many of the recent sfu consultations are listed. */
const SHOWN = 3;

const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(1);
const duration = (ms: number): string => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

function RecordingRow({ r, name }: { r: Recording; name: string }) {
  const t = useT();
  const [playing, setPlaying] = useState(false);
  return (
    <li data-testid={`recording-${r.id}`} data-status={r.status}>
      <b>{name}</b> ({r.link}) · {t(`recordings.status.${r.status}`)}
      {r.durationMs !== null && <> · {duration(r.durationMs)}</>}
      {r.size !== null && <> · {t('recordings.size', { mb: mb(r.size) })}</>}
      {r.error && <> · {r.error}</>}
      {r.url && (
        <>
          {' '}
          <button type="button" data-testid={`recording-play-${r.id}`} onClick={() => setPlaying((p) => !p)}>
            {playing ? t('recordings.close') : t('recordings.play')}
          </button>{' '}
          <a href={r.url} download>
            {t('recordings.download')}
          </a>
          {playing && <video className="recording-player" src={r.url} controls autoPlay width={480} />}
        </>
      )}
    </li>
  );
}

function ConsultationRecordings({ c, isHost }: { c: Consultation; isHost: boolean }) {
  const t = useT();
  const list = useSlice(recordingsSlice, (s) => s.byConsultation[c.id]);
  const { listRecordings, setRecording } = useCommands(recordingsSlice);
  useEffect(() => void listRecordings(c.id), [c.id, listRecordings]);
  const names = new Map(c.participants.map((p) => [p.id, p.name]));
  const live = c.endedAt === null;
  return (
    <div className="consult-recordings" data-testid={`recordings-${c.id}`}>
      <span>
        {c.topic} · {new Date(c.startedAt).toLocaleString()}
      </span>
      {live && isHost && list && (
        <button type="button" data-testid="recording-toggle" onClick={() => void setRecording(c.id, !list.recording)}>
          {list.recording ? t('recordings.stop') : t('recordings.start')}
        </button>
      )}
      {list && list.items.length === 0 && <span> · {list.recording ? t('recordings.waiting') : t('recordings.none')}</span>}
      {list && list.items.length > 0 && (
        <ul>
          {list.items.map((r) => (
            <RecordingRow key={r.id} r={r} name={names.get(r.participantId) ?? r.participantId} />
          ))}
        </ul>
      )}
    </div>
  );
}

export function RecordingsList({ consultations, isHost }: { consultations: Consultation[]; isHost: boolean }) {
  const t = useT();
  const seen = new Set<string>();
  const sfu = consultations.filter((c) => c.mode === 'sfu' && !seen.has(c.id) && seen.add(c.id)).slice(0, SHOWN);
  if (sfu.length === 0) return null;
  return (
    <details data-testid="consult-recordings" open>
      <summary>{t('recordings.title')}</summary>
      {sfu.map((c) => (
        <ConsultationRecordings key={c.id} c={c} isHost={isHost} />
      ))}
    </details>
  );
}
