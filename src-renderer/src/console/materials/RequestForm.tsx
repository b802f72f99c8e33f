// 物资申请: a street asks the district for materials (items, units, quantities, what for). On a
// street centre's machine the street is its own; the district's console may pick one.
import { useMemo, useState } from 'react';
import { RequestInput } from '@contract/materials';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { useActor } from '../duty/ActorPicker';
import { Field, TextArea, TextField } from '../Field';
import { useCommand } from '../use-command';
import { useDraftCheck } from '../use-draft-check';
import { emptyLine, emptyRequestDraft, requestFrom, type RequestDraft } from './request-draft';
import { DraftForm } from '../DraftForm';
import { FormActions } from '../FormActions';
import { draftField } from '../draft-field';

export function RequestForm({ onSent }: { onSent(id: string): void }) {
  const t = useT();
  const actor = useActor();
  const street = useSlice(materialsSlice, (s) => s.street);
  const { requestMaterials } = useCommands(materialsSlice);
  const cmd = useCommand();
  const [d, setD] = useState<RequestDraft>(() => emptyRequestDraft(street ?? YUEXIU_STREETS[0].name));
  const sent = useMemo(() => requestFrom({ ...d, street: street ?? d.street }), [d, street]);
  const check = useDraftCheck(RequestInput, sent);
  const edit = (p: Partial<RequestDraft>): void => {
    setD((x) => ({ ...x, ...p }));
    check.touch(...Object.keys(p));
  };
  const editLine = (i: number, p: Partial<RequestDraft['items'][number]>): void => edit({ items: d.items.map((l, j) => (j === i ? { ...l, ...p } : l)) });
  const submit = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    const r = await cmd.run(
      () => requestMaterials(sent),
      () => t('materials.requestSent'),
    );
    if (r) {
      setD(emptyRequestDraft(d.street));
      check.reset();
      onSent(r.id);
    }
  };
  const labels: Record<string, string> = { street: t('materials.street'), items: t('materials.items'), purpose: t('materials.purpose') };
  const field = draftField(d, edit, check, labels);
  return (
    <section className="console-section materials-request-form" data-testid="request-form">
      <h2>{t('materials.requestTitle')}</h2>
      <DraftForm busy={cmd.busy} onSubmit={() => void submit()}>
        <div className="form-row">
          {street === null ? (
            <Field label={labels.street}>
              <select data-testid="request-street" value={d.street} onChange={(e) => edit({ street: e.target.value })}>
                {YUEXIU_STREETS.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field label={labels.street}>
              <output data-testid="request-street">{street}</output>
            </Field>
          )}
        </div>
        {d.items.map((l, i) => (
          <div className="form-row" key={i} data-testid="request-line">
            <TextField
              label={t('materials.item')}
              error={check.shown(`items.${i}.item`)}
              testId={`request-item-${i}`}
              value={l.item}
              maxLength={60}
              onChange={(item) => editLine(i, { item })}
            />
            <TextField
              label={t('materials.unit')}
              error={check.shown(`items.${i}.unit`)}
              testId={`request-unit-${i}`}
              value={l.unit}
              maxLength={12}
              onChange={(unit) => editLine(i, { unit })}
            />
            <TextField
              label={t('materials.quantity')}
              error={check.shown(`items.${i}.quantity`)}
              testId={`request-quantity-${i}`}
              type="number"
              inputMode="decimal"
              value={l.quantity}
              onChange={(quantity) => editLine(i, { quantity })}
            />
            {d.items.length > 1 && (
              <button type="button" data-testid={`request-remove-${i}`} onClick={() => edit({ items: d.items.filter((_, j) => j !== i) })}>
                {t('materials.removeLine')}
              </button>
            )}
          </div>
        ))}
        <div className="form-row">
          <button type="button" data-testid="request-add-line" disabled={d.items.length >= 20} onClick={() => edit({ items: [...d.items, emptyLine()] })}>
            {t('materials.addLine')}
          </button>
        </div>
        <TextArea {...field('purpose')} testId="request-purpose" maxLength={1000} />
        <FormActions testId="request" submit={t('materials.send')} canAct={!!actor} cmd={cmd} check={check} labels={labels} />
      </DraftForm>
    </section>
  );
}
