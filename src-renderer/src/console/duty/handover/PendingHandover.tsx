// A handover waiting for the incoming person: what was handed over, and the two ways it can
// end — the incoming person confirms (接班), or the outgoing person withdraws it with a reason.
import { useState } from 'react';
import type { Handover } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { dateTime } from '../../../state/duty/format';
import { useCommands } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { useActor } from '../ActorPicker';
import { HandoverItems } from './HandoverItems';

export function PendingHandover({ handover }: { handover: Handover }) {
  const t = useT();
  const actor = useActor();
  const { confirmHandover, cancelHandover } = useCommands(dutySlice);
  const [text, setText] = useState('');
  const incoming = actor === handover.incoming.id;
  const outgoing = actor === handover.outgoing.id;
  return (
    <div className="pending-handover" data-testid="pending-handover" data-id={handover.id}>
      <p>
        <b>{t('handover.fromTo', { from: handover.outgoing.name, to: handover.incoming.name })}</b> ·{' '}
        {t('handover.handedAt', { time: dateTime(handover.handedOverAt) })}
      </p>
      {handover.notes && <p className="handover-notes">{handover.notes}</p>}
      {handover.openItems.length > 0 && <HandoverItems items={handover.openItems} />}
      {incoming || outgoing ? (
        <div className="form-actions">
          <input
            className="wide"
            data-testid="handover-reply"
            value={text}
            maxLength={2000}
            placeholder={t(incoming ? 'handover.confirmNote' : 'handover.cancelReason')}
            onChange={(e) => setText(e.target.value)}
          />
          {incoming ? (
            <button type="button" className="primary" data-testid="confirm-handover" onClick={() => void confirmHandover(handover.id, text)}>
              {t('handover.confirm')}
            </button>
          ) : (
            <button type="button" className="danger" data-testid="cancel-handover" onClick={() => void cancelHandover(handover.id, text)}>
              {t('handover.cancel')}
            </button>
          )}
        </div>
      ) : (
        <p className="field-hint">{t('handover.waitingFor', { name: handover.incoming.name })}</p>
      )}
    </div>
  );
}
