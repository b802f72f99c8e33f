// Edit any map object from the console: find it by name (and kind), change its fields, save or
// remove it (after a confirmation naming it); or make a new one. The server checks every field and
// names any that is wrong. 清除演示数据 asks first too, saying how many objects go.
import { useState } from 'react';
import type { MapObjectKind } from '@contract/map';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { useLanguage, useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { mapSlice } from '../../state/map/map-slice';
import { Field } from '../Field';
import { CommandStatus } from '../CommandStatus';
import { ConfirmButton } from '../ConfirmButton';
import { useCommand } from '../use-command';
import { draftFromObject, inputFromDraft, newDraft, type Draft } from './object-draft';
import { KindOptions } from './KindOptions';
import { ObjectFields } from './ObjectFields';

const LISTED = 40;

export function MapObjectEditor() {
  const t = useT();
  const lang = useLanguage();
  const objects = useSlice(mapSlice, (s) => s.objects);
  const counts = useSlice(mapSlice, (s) => s.counts);
  const commands = useCommands(mapSlice);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<MapObjectKind | ''>('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const cmd = useCommand();
  const needle = q.trim();
  const matches = objects.filter((o) => (!kind || o.kind === kind) && (!needle || o.name.includes(needle)));
  const set = (field: string, value: string | boolean): void => setDraft((d) => (d ? ({ ...d, [field]: value } as Draft) : d));

  const save = async (): Promise<void> => {
    if (!draft) return;
    // The stock and a team's status go back as the map holds them now (they are managed elsewhere).
    const current = objects.find((o) => o.id === draft.id);
    const saved = await cmd.run(() => commands.saveObject(inputFromDraft(draft, current)));
    if (saved) setDraft(draftFromObject(saved));
  };
  const remove = async (): Promise<void> => {
    if (!draft || typeof draft.id !== 'string') return;
    if (
      (await cmd.run(
        () => commands.removeObject(draft.id as string),
        () => t('mapForm.removed'),
      )) !== undefined
    )
      setDraft(null);
  };

  return (
    <div className="map-object-editor" data-testid="map-object-editor">
      <h2>{t('mapForm.title')}</h2>
      <div className="form-row">
        <Field label={t('mapForm.find')}>
          <input data-testid="map-form-find" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('map.searchPlaceholder')} />
        </Field>
        <Field label={t('mapForm.kind')}>
          <select data-testid="map-form-find-kind" value={kind} onChange={(e) => setKind(e.target.value as MapObjectKind | '')}>
            <KindOptions none={t('mapForm.allKinds')} />
          </select>
        </Field>
        <Field label={t('mapForm.newOf')}>
          <select
            data-testid="map-form-new"
            value=""
            onChange={(e) => {
              cmd.reset();
              if (e.target.value) setDraft(newDraft(e.target.value as MapObjectKind));
            }}
          >
            <KindOptions none={t('mapForm.new')} />
          </select>
        </Field>
        {counts && counts.demo > 0 && (
          <ConfirmButton
            className="danger"
            testId="map-clear-demo"
            disabled={cmd.busy}
            label={t('mapForm.clearDemo', { n: counts.demo })}
            title={t('confirm.clearDemoTitle', { n: counts.demo })}
            consequence={<p>{t('confirm.clearDemoBody', { n: counts.demo })}</p>}
            confirmLabel={t('confirm.deleteAction')}
            onConfirm={() =>
              void cmd.run(
                () => commands.clearDemo(),
                (r) => t('mapForm.demoCleared', { n: r.removed }),
              )
            }
          />
        )}
      </div>
      <div className="situation-list">
        {matches.slice(0, LISTED).map((o) => (
          <button
            key={o.id}
            type="button"
            className={draft?.id === o.id ? 'on' : ''}
            data-testid="map-form-pick"
            onClick={() => {
              cmd.reset();
              setDraft(draftFromObject(o));
            }}
          >
            {o.name}
          </button>
        ))}
        {matches.length > LISTED && <span className="situation-note">{t('mapForm.more', { n: matches.length - LISTED })}</span>}
      </div>
      {draft && (
        <form
          data-testid="map-object-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="form-row">
            <Field label={t('mapForm.kind')}>
              <span data-testid="map-form-kind">{t(`map.layer.${draft.kind}`)}</span>
            </Field>
            <Field label={t('mapForm.field.name')}>
              <input data-testid="map-form-name" value={String(draft.name)} onChange={(e) => set('name', e.target.value)} />
            </Field>
            <Field label={t('mapForm.field.street')}>
              <select data-testid="map-form-street" value={String(draft.street)} onChange={(e) => set('street', e.target.value)}>
                <option value="">{t('mapForm.noStreet')}</option>
                {YUEXIU_STREETS.map((s) => (
                  <option key={s.name} value={s.name}>
                    {lang === 'en' ? s.nameEn : s.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('mapForm.field.lat')} hint={t('mapForm.wgs84')}>
              <input data-testid="map-form-lat" value={String(draft.lat)} onChange={(e) => set('lat', e.target.value)} />
            </Field>
            <Field label={t('mapForm.field.lng')}>
              <input data-testid="map-form-lng" value={String(draft.lng)} onChange={(e) => set('lng', e.target.value)} />
            </Field>
            <Field label={t('mapForm.field.address')}>
              <input data-testid="map-form-address" value={String(draft.address)} onChange={(e) => set('address', e.target.value)} />
            </Field>
          </div>
          <ObjectFields draft={draft} set={set} />
          <Field label={t('mapForm.field.note')}>
            <input data-testid="map-form-note" value={String(draft.note)} onChange={(e) => set('note', e.target.value)} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={cmd.busy} data-testid="map-form-save">
              {t('mapForm.save')}
            </button>
            {typeof draft.id === 'string' && (
              <RemoveObject draft={draft} saved={objects.find((o) => o.id === draft.id)?.name} busy={cmd.busy} onConfirm={() => void remove()} />
            )}
          </div>
        </form>
      )}
      <CommandStatus cmd={cmd} testId="map-form" />
    </div>
  );
}

/** 删除对象, after a confirmation naming the object as stored (the name being typed may not be saved yet). */
function RemoveObject({ draft, saved, busy, onConfirm }: { draft: Draft; saved: string | undefined; busy: boolean; onConfirm(): void }) {
  const t = useT();
  const name = saved ?? String(draft.name);
  return (
    <ConfirmButton
      className="danger"
      testId="map-form-remove"
      disabled={busy}
      label={t('mapForm.remove')}
      title={t('confirm.removeMapObjectTitle', { kind: t(`map.layer.${draft.kind}`), name })}
      consequence={<p>{t('confirm.removeMapObjectBody', { name })}</p>}
      confirmLabel={t('confirm.deleteAction')}
      onConfirm={onConfirm}
    />
  );
}
