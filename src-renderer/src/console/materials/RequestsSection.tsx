// 物资申请: every request (a street's page: its own, as the server gives them), waiting ones marked,
// and the chosen one's detail with its history and the steps its state allows: the district
// approves or refuses (with a reason) and dispatches from a place; the street confirms receipt or
// withdraws. Refusing and withdrawing end the request, so they ask first. The server refuses what
// the caller's rights or street do not allow, and names why.
import { useState } from 'react';
import { REQUEST_STATE_LABELS, placeFromKey, type MaterialRequest, type RequestState } from '@contract/materials';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands, useSlice } from '../../state/context';
import { dateTime } from '../../state/duty/format';
import { materialsSlice } from '../../state/materials/materials-slice';
import { WAITING_STATES } from '../../state/materials/materials';
import { CommandStatus } from '../CommandStatus';
import { ConfirmButton } from '../ConfirmButton';
import { useActor } from '../duty/ActorPicker';
import { Field, TextField } from '../Field';
import { PickTable } from '../PickTable';
import { useCommand } from '../use-command';
import { PlaceSelect } from './PlaceSelect';

export type Step = 'approve' | 'refuse' | 'dispatch' | 'confirm' | 'cancel';
/** The steps each state allows, and whose they are (as the core's, contract/materials.ts). */
const STEPS: Record<RequestState, Step[]> = {
  requested: ['approve', 'refuse', 'cancel'],
  approved: ['dispatch', 'cancel'],
  dispatched: ['confirm'],
  refused: [],
  received: [],
  cancelled: [],
};
const STREET_STEPS: readonly Step[] = ['confirm', 'cancel'];

/** The steps offered on a request in `state`: on a street centre's page (`street`) only the street's own. */
export function stepsFor(state: RequestState, street: string | null): Step[] {
  return STEPS[state].filter((s) => street === null || STREET_STEPS.includes(s));
}

export function RequestsSection({ selectedId, onSelect }: { selectedId: string | null; onSelect(id: string): void }) {
  const t = useT();
  const label = useLabel();
  const requests = useSlice(materialsSlice, (s) => s.requests);
  const selected = requests.find((r) => r.id === selectedId) ?? null;
  return (
    <section className="console-section materials-requests" data-testid="materials-requests">
      <h2>{t('materials.requestsTitle')}</h2>
      {requests.length === 0 ? (
        <p className="field-hint">{t('materials.noRequests')}</p>
      ) : (
        <PickTable
          headers={[t('materials.requestedAt'), t('materials.street'), t('materials.items'), t('materials.state')]}
          items={requests}
          rowTestId="request-row"
          status={(r) => r.state}
          rowClass={(r) => (WAITING_STATES.includes(r.state) ? 'request-waiting' : '')}
          selectedId={selectedId}
          onPick={(r) => onSelect(r.id)}
          cells={(r) => (
            <>
              <td className="tabular">{dateTime(r.requestedAt)}</td>
              <td>{r.street}</td>
              <td>{itemsText(r)}</td>
              <td>{label(REQUEST_STATE_LABELS[r.state])}</td>
            </>
          )}
        />
      )}
      {selected && <RequestDetail request={selected} />}
    </section>
  );
}

const itemsText = (r: MaterialRequest): string => r.items.map((i) => `${i.item} ${i.quantity}${i.unit}`).join('、');

function RequestDetail({ request: r }: { request: MaterialRequest }) {
  const t = useT();
  const label = useLabel();
  return (
    <div className="request-detail" data-testid="request-detail" data-state={r.state}>
      <h3>
        {r.street} · {itemsText(r)} <span className={`request-state state-${r.state}`}>{label(REQUEST_STATE_LABELS[r.state])}</span>
      </h3>
      <dl className="facts">
        <dt>{t('materials.purpose')}</dt>
        <dd>{r.purpose}</dd>
        {r.reason && (
          <>
            <dt>{t('materials.reasonGiven')}</dt>
            <dd data-testid="request-reason">{r.reason}</dd>
          </>
        )}
        {r.dispatchedFrom && (
          <>
            <dt>{t('materials.dispatchedFrom')}</dt>
            <dd>{r.dispatchedFrom.name}</dd>
          </>
        )}
        {r.receivedInto && (
          <>
            <dt>{t('materials.receivedInto')}</dt>
            <dd>{r.receivedInto.name}</dd>
          </>
        )}
      </dl>
      <StepBar request={r} />
      <ol className="history" data-testid="request-history">
        {[...r.history].reverse().map((e, i) => (
          <li key={`${e.at}-${i}`} data-to={e.to}>
            <span className="tabular">{dateTime(e.at)}</span> <b>{e.by.name}</b>
            {e.street && <span> ({e.street})</span>}{' '}
            {e.from ? `${label(REQUEST_STATE_LABELS[e.from])} → ${label(REQUEST_STATE_LABELS[e.to])}` : label(REQUEST_STATE_LABELS[e.to])}
            {e.text && <span className="history-note"> — {e.text}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** On a street centre's machine only the street's own steps are offered (its role cannot do the rest). */
function StepBar({ request: r }: { request: MaterialRequest }) {
  const t = useT();
  const actor = useActor();
  const street = useSlice(materialsSlice, (s) => s.street);
  const c = useCommands(materialsSlice);
  const cmd = useCommand();
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const steps = stepsFor(r.state, street);
  if (steps.length === 0) return null;
  const needsText = (s: Step): boolean => s === 'refuse' || s === 'cancel';
  const act = async (s: Step): Promise<void> => {
    const place = placeFromKey(from);
    const run = {
      approve: () => c.approveRequest(r.id, text),
      refuse: () => c.refuseRequest(r.id, text),
      dispatch: () => (place ? c.dispatchRequest(r.id, place, text) : Promise.resolve(null)),
      confirm: () => c.confirmReceipt(r.id, text),
      cancel: () => c.cancelRequest(r.id, text),
    }[s];
    const done = await cmd.run(run, () => t(`materials.step.${s}.done`));
    if (done) setText('');
  };
  return (
    <div className="request-steps" data-testid="request-steps">
      <div className="form-row">
        <TextField label={t('materials.stepNote')} testId="request-step-text" value={text} maxLength={1000} onChange={setText} />
        {steps.includes('dispatch') && (
          <Field label={t('materials.dispatchFrom')}>
            <PlaceSelect testId="request-dispatch-from" value={from} onChange={setFrom} empty={t('materials.choosePlace')} />
          </Field>
        )}
      </div>
      <div className="form-actions">
        {steps.map((s) =>
          s === 'refuse' || s === 'cancel' ? (
            // Final, so they ask first, naming the request and saying who sees the reason.
            <ConfirmButton
              key={s}
              className="danger"
              testId={`request-${s}`}
              disabled={!actor || cmd.busy || text.trim().length < 2}
              label={t(`materials.step.${s}`)}
              title={t(s === 'cancel' ? 'confirm.requestCancelTitle' : 'confirm.requestRefuseTitle', { items: itemsText(r), street: r.street })}
              consequence={
                <p>
                  {t(s === 'cancel' ? 'confirm.requestCancelBody' : 'confirm.requestRefuseBody', { items: itemsText(r), street: r.street, text: text.trim() })}
                </p>
              }
              onConfirm={() => void act(s)}
            />
          ) : (
            <button
              key={s}
              type="button"
              data-testid={`request-${s}`}
              className="primary"
              disabled={!actor || cmd.busy || (s === 'dispatch' && from === '')}
              onClick={() => void act(s)}
            >
              {t(`materials.step.${s}`)}
            </button>
          ),
        )}
        {steps.some(needsText) && text.trim().length < 2 && (
          <span className="field-hint" data-testid="request-needs-reason">
            {t('materials.reasonNeeded')}
          </span>
        )}
        <CommandStatus cmd={cmd} testId="request-step" />
      </div>
    </div>
  );
}
