// The district starts a consultation: topic, who joins, the operator, and what it belongs to.
// The media mode decides how many may join: the peer-to-peer mesh (1+1 or single) up to
// MESH_MAX_SITES, the whole district through the media engine (sfu) up to SFU_MAX_SITES.
import { useState, type FormEvent } from 'react';
import { MESH_MAX_SITES, SFU_MAX_SITES, STREET_PARTICIPANTS, type MediaMode } from '@contract/consult';
import { useT } from '../i18n/use-t';
import { useLanguage } from '../i18n/use-t';
import { useCommands } from '../state/context';
import { consultSlice } from '../state/consult/consult-slice';
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
      ...(dutyEntryId.trim() ? { dutyEntryId: dutyEntryId.trim() } : {}),
      ...(planResponseId.trim() ? { planResponseId: planResponseId.trim() } : {}),
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
        {t('consult.dutyEntry')} <input data-testid="consult-duty-entry" value={dutyEntryId} maxLength={80} onChange={(e) => setDutyEntryId(e.target.value)} />
      </label>
      <label>
        {t('consult.planResponse')}{' '}
        <input data-testid="consult-plan-response" value={planResponseId} maxLength={80} onChange={(e) => setPlanResponseId(e.target.value)} />
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
