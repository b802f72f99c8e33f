// The district starts a consultation: topic, who joins, the operator, and what it belongs to.
// The media mode decides how many may join: the peer-to-peer mesh (1+1 or single) up to
// MESH_MAX_SITES, the whole district through the media engine (sfu) up to SFU_MAX_SITES. The
// duty-log entry and the plan response it belongs to are chosen by name, never typed as ids.
import { useState, type FormEvent } from 'react';
import { MESH_MAX_SITES, SFU_MAX_SITES, STREET_PARTICIPANTS, type MediaMode } from '@contract/consult';
import { RESPONSE_LEVEL_LABELS } from '@contract/plans';
import { useT } from '../i18n/use-t';
import { useLanguage } from '../i18n/use-t';
import { useLabel } from '../shared/label';
import { useCommands, useSlice } from '../state/context';
import { consultSlice } from '../state/consult/consult-slice';
import { dutySlice } from '../state/duty/duty-slice';
import { shortDateTime } from '../state/duty/format';
import { plansSlice } from '../state/plans/plans-slice';
import { noteAfter, type ConsoleNote } from './console-note';

export function ConsultStartForm({ onNote }: { onNote(note: ConsoleNote): void }) {
  const t = useT();
  const { start } = useCommands(consultSlice);
  const lang = useLanguage();
  const [topic, setTopic] = useState('');
  const [operator, setOperator] = useState('');
  const [invited, setInvited] = useState<string[]>([]);
  const [dutyEntryId, setDutyEntryId] = useState('');
  const [planResponseId, setPlanResponseId] = useState('');
  const [mode, setMode] = useState<MediaMode>('dual');
  const [lowBandwidth, setLowBandwidth] = useState(false);
  const [busy, setBusy] = useState(false);
  // What it may belong to, chosen by name from the slices the console holds: the open duty-log
  // entries (newest first, as the log lists them) and the responses in force.
  const label = useLabel();
  const reports = useSlice(dutySlice, (s) => s.reports);
  const responses = useSlice(plansSlice, (s) => s.responses);
  const openReports = reports.filter((r) => r.status !== 'closed' || r.id === dutyEntryId);
  const activeResponses = responses.filter((r) => r.status === 'active' || r.id === planResponseId);

  const max = (mode === 'sfu' ? SFU_MAX_SITES : MESH_MAX_SITES) - 1;
  const tooMany = invited.length > max;
  const toggle = (id: string): void => setInvited((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]));
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    void start({
      topic,
      startedBy: operator,
      participants: invited.map((id) => {
        const s = STREET_PARTICIPANTS.find((x) => x.id === id)!;
        return { id, name: s.name };
      }),
      mode,
      lowBandwidth,
      ...(dutyEntryId ? { dutyEntryId } : {}),
      ...(planResponseId ? { planResponseId } : {}),
    }).then((r) => {
      onNote(noteAfter(r));
      setBusy(false);
    });
  };

  return (
    <form onSubmit={submit} data-testid="consult-start-form">
      <label>
        {t('consult.topic')} <input data-testid="consult-topic" value={topic} maxLength={120} onChange={(e) => setTopic(e.target.value)} />
      </label>
      <label>
        {t('consult.operator')} <input data-testid="consult-operator" value={operator} maxLength={40} onChange={(e) => setOperator(e.target.value)} />
      </label>
      <label>
        {t('consult.modeLabel')}{' '}
        <select data-testid="consult-mode" value={mode} onChange={(e) => setMode(e.target.value as MediaMode)}>
          <option value="dual">{t('consult.mode.dual')}</option>
          <option value="single">{t('consult.mode.single')}</option>
          <option value="sfu">{t('consult.sfu.mode')}</option>
        </select>
      </label>
      <p className="consult-note">{t('consult.sfu.meshNote')}</p>
      <fieldset data-testid="consult-invite" data-max={max}>
        <legend>{t('consult.invite', { max })}</legend>
        {STREET_PARTICIPANTS.map((s) => {
          const on = invited.includes(s.id);
          return (
            <label key={s.id}>
              <input
                type="checkbox"
                data-testid={`consult-invite-${s.id}`}
                checked={on}
                disabled={!on && invited.length >= max}
                onChange={() => toggle(s.id)}
              />
              {lang === 'en' ? s.nameEn : s.name}
            </label>
          );
        })}
        {mode === 'sfu' && (
          <button type="button" data-testid="consult-invite-all" onClick={() => setInvited(STREET_PARTICIPANTS.slice(0, max).map((s) => s.id))}>
            {t('consult.sfu.all')}
          </button>
        )}
        <button type="button" data-testid="consult-invite-none" onClick={() => setInvited([])}>
          {t('consult.sfu.none')}
        </button>
      </fieldset>
      {tooMany && (
        <p className="consult-error" data-testid="consult-too-many">
          {t('consult.sfu.tooMany', { n: invited.length, max })}
        </p>
      )}
      <label>
        {t('consult.dutyEntry')}{' '}
        <select data-testid="consult-duty-entry" value={dutyEntryId} onChange={(e) => setDutyEntryId(e.target.value)}>
          <option value="">{t('consult.noDutyEntry')}</option>
          {openReports.map((r) => (
            <option key={r.id} value={r.id}>
              {shortDateTime(r.receivedAt)} · {r.street} · {r.summary.slice(0, 40)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('consult.planResponse')}{' '}
        <select data-testid="consult-plan-response" value={planResponseId} onChange={(e) => setPlanResponseId(e.target.value)}>
          <option value="">{t('consult.noPlanResponse')}</option>
          {activeResponses.map((r) => (
            <option key={r.id} value={r.id}>
              {r.planTitle} {label(RESPONSE_LEVEL_LABELS[r.level])}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" data-testid="consult-lowbw" checked={lowBandwidth} onChange={(e) => setLowBandwidth(e.target.checked)} />
        {t('consult.lowBandwidth')}
      </label>
      <button type="submit" data-testid="consult-start" disabled={busy || tooMany}>
        {t('consult.start')}
      </button>
    </form>
  );
}
