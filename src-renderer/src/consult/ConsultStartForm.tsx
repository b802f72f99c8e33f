// The district starts a consultation: topic, who joins, the operator, and what it belongs to.
import { useState, type FormEvent } from 'react';
import { MESH_MAX_SITES, STREET_PARTICIPANTS, type MediaMode } from '@contract/consult';
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
      <fieldset>
        <legend>{t('consult.invite', { max: MESH_MAX_SITES - 1 })}</legend>
        {STREET_PARTICIPANTS.map((s) => (
          <label key={s.id}>
            <input type="checkbox" data-testid={`consult-invite-${s.id}`} checked={invited.includes(s.id)} onChange={() => toggle(s.id)} />
            {lang === 'en' ? s.nameEn : s.name}
          </label>
        ))}
      </fieldset>
      <label>
        {t('consult.dutyEntry')} <input data-testid="consult-duty-entry" value={dutyEntryId} maxLength={80} onChange={(e) => setDutyEntryId(e.target.value)} />
      </label>
      <label>
        {t('consult.planResponse')}{' '}
        <input data-testid="consult-plan-response" value={planResponseId} maxLength={80} onChange={(e) => setPlanResponseId(e.target.value)} />
      </label>
      <label>
        {t('consult.modeLabel')}{' '}
        <select data-testid="consult-mode" value={mode} onChange={(e) => setMode(e.target.value as MediaMode)}>
          <option value="dual">{t('consult.mode.dual')}</option>
          <option value="single">{t('consult.mode.single')}</option>
        </select>
      </label>
      <label>
        <input type="checkbox" data-testid="consult-lowbw" checked={lowBandwidth} onChange={(e) => setLowBandwidth(e.target.checked)} />
        {t('consult.lowBandwidth')}
      </label>
      <button type="submit" data-testid="consult-start" disabled={busy}>
        {t('consult.start')}
      </button>
    </form>
  );
}
