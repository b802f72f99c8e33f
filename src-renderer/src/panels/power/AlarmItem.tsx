// One active alarm: its severity (word and colour), what happened, what to do now, when it was
// raised and cleared, who acknowledged or muted it, and the two buttons.
import type { PowerAlarm } from '@contract/power';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBeijingClock } from '../../shared/beijing-time';
import { useCommands } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { textIn } from './format';

export function AlarmItem({ alarm, officer }: { alarm: PowerAlarm; officer: string }) {
  const t = useT();
  const lang = useLanguage();
  const { acknowledgeAlarm, muteAlarm } = useCommands(powerSlice);
  const by = officer.trim();
  const acked = alarm.acknowledgedAt !== null;
  return (
    <li
      className={`power-alarm sev-${alarm.severity}${alarm.sounding ? ' is-sounding' : ''}${acked ? ' is-acked' : ''}`}
      data-testid="power-alarm"
      data-id={alarm.id}
      data-code={alarm.code}
      data-severity={alarm.severity}
      data-sounding={alarm.sounding ? 'true' : 'false'}
      data-acknowledged={acked ? 'true' : 'false'}
      data-cleared={alarm.clearedAt !== null ? 'true' : 'false'}
    >
      <div className="alarm-head">
        <span className="sev-chip">{t(`power.severity.${alarm.severity}`)}</span>
        <span className="alarm-message" data-testid="power-alarm-message">
          {textIn(lang, alarm.message)}
        </span>
      </div>
      <div className="alarm-action" data-testid="power-alarm-action">
        <span className="alarm-action-label">{t('power.whatToDo')}</span> {textIn(lang, alarm.action)}
      </div>
      <div className="alarm-meta tabular">
        <span>{t('power.raisedAt', { time: formatBeijingClock(alarm.raisedAt) })}</span>
        <span className={alarm.clearedAt === null ? 'alarm-holds' : 'alarm-cleared'}>
          {alarm.clearedAt === null ? t('power.stillHolds') : t('power.clearedAt', { time: formatBeijingClock(alarm.clearedAt) })}
        </span>
        {acked && (
          <span className="alarm-acked" data-testid="power-alarm-acked">
            {t('power.ackedBy', { name: alarm.acknowledgedBy ?? '', time: formatBeijingClock(alarm.acknowledgedAt!) })}
          </span>
        )}
        {alarm.muted && <span className="alarm-muted">{t('power.mutedBy', { name: alarm.mutedBy ?? '' })}</span>}
      </div>
      <div className="alarm-buttons">
        {!acked && (
          <button type="button" className="primary" data-testid="power-alarm-ack" disabled={!by} onClick={() => void acknowledgeAlarm(alarm.id, by)}>
            {t('power.acknowledge')}
          </button>
        )}
        {!acked && (
          <button type="button" data-testid="power-alarm-mute" disabled={!by} onClick={() => void muteAlarm(alarm.id, !alarm.muted, by)}>
            {alarm.muted ? t('power.unmute') : t('power.mute')}
          </button>
        )}
      </div>
    </li>
  );
}
