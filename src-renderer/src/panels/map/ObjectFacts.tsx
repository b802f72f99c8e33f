// The facts of one map object in its card, by kind. A team's status is the teams capability's
// (standby, dispatched, on scene, returning, resting; since when; which task), never the map
// object's coarse copy of it; a warehouse's stock is the materials ledger's (WarehouseStock.tsx), never
// the map object's old stock lines. A task not among those loaded is said so (「指令（未载入）」),
// never shown by its id.
import { GEOHAZARD_TYPE_LABELS, RISK_CATEGORY_LABELS, RISK_LEVEL_SHORT_LABELS, SHELTER_AREA_TARGET_M2, type MapObject } from '@contract/map';
import type { Task } from '@contract/tasks';
import { TEAM_STATUS_LABELS, type Team } from '@contract/teams';
import { useLanguage, useT } from '../../i18n/use-t';
import { Fact } from './Fact';
import { WarehouseStock } from './WarehouseStock';
import { formatNumber, formatTime } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { LEVELS, STATES } from '../../styles/colour-language';

interface TeamOps {
  /** The team as the teams capability has it (null: not registered yet; undefined: not asked). */
  team?: Team | null;
  /** Its current task. */
  task?: Task | null;
}

function KindFacts({ o, team, task }: { o: MapObject } & TeamOps) {
  const t = useT();
  const lang = useLanguage();
  const label = useLabel();
  const n = (v: number): string => formatNumber(v, lang);
  const yesNo = (b: boolean): string => t(b ? 'map.card.yes' : 'map.card.no');
  switch (o.kind) {
    case 'risk':
      return (
        <>
          <Fact label={t('map.card.level')}>
            <span className="map-swatch" style={{ background: LEVELS[o.level].colour }} /> {LEVELS[o.level].shape} {label(RISK_LEVEL_SHORT_LABELS[o.level])}
          </Fact>
          <Fact label={t('map.card.category')}>{label(RISK_CATEGORY_LABELS[o.category])}</Fact>
          {o.measures && <Fact label={t('map.card.measures')}>{o.measures}</Fact>}
        </>
      );
    case 'shelter': {
      const ok = o.areaPerPerson >= SHELTER_AREA_TARGET_M2;
      return (
        <>
          <Fact label={t('map.card.capacity')}>{t('map.card.people', { n: n(o.capacity) })}</Fact>
          <Fact label={t('map.card.area')}>{n(o.areaM2)} m²</Fact>
          <Fact label={t('map.card.areaPerPerson')} testId="map-card-area-per-person">
            <span className={ok ? 'ok' : 'bad'} data-meets={ok}>
              <span aria-hidden="true">{ok ? STATES.normal.shape : STATES.attention.shape} </span>
              {n(o.areaPerPerson)} m² · {t(ok ? 'map.card.meetsTarget' : 'map.card.belowTarget', { target: SHELTER_AREA_TARGET_M2 })}
            </span>
          </Fact>
          <Fact label={t('map.card.indoor')}>{yesNo(o.indoor)}</Fact>
          {o.manager && <Fact label={t('map.card.manager')}>{o.manager}</Fact>}
        </>
      );
    }
    case 'warehouse':
      return (
        <>
          {o.areaM2 !== null && <Fact label={t('map.card.area')}>{n(o.areaM2)} m²</Fact>}
          {o.manager && <Fact label={t('map.card.manager')}>{o.manager}</Fact>}
          <WarehouseStock warehouseId={o.id} />
        </>
      );
    case 'team':
      return (
        <>
          <Fact label={t('map.card.teamPeople')}>{t('map.card.people', { n: n(o.people) })}</Fact>
          <Fact label={t('map.card.teamType')}>{t(o.professional ? 'map.card.professional' : 'map.card.partTime')}</Fact>
          <Fact label={t('map.card.status')} testId="map-card-team-status">
            {team ? (
              <span data-status={team.status}>{label(TEAM_STATUS_LABELS[team.status])}</span>
            ) : (
              <span className="unset" data-status="unknown">
                {STATES.stale.shape} {label(STATES.stale.word)}
              </span>
            )}
          </Fact>
          {team && (
            <Fact label={t('map.card.since')} testId="map-card-team-since">
              {formatTime(team.since)}
            </Fact>
          )}
          {team?.taskId && (
            <Fact label={t('map.card.task')} testId="map-card-team-task">
              {task ? task.title : <span className="unset">{t('refs.taskUnknown')}</span>}
            </Fact>
          )}
          {o.equipment && <Fact label={t('map.card.equipment')}>{o.equipment}</Fact>}
          {o.contact && <Fact label={t('map.card.contact')}>{o.contact}</Fact>}
        </>
      );
    case 'waterlogging':
      return (
        <>
          {o.maxDepthCm !== null && <Fact label={t('map.card.maxDepth')}>{n(o.maxDepthCm)} cm</Fact>}
          <Fact label={t('map.card.remediated')}>{yesNo(o.remediated)}</Fact>
        </>
      );
    case 'geohazard':
      return (
        <>
          <Fact label={t('map.card.hazardType')}>{label(GEOHAZARD_TYPE_LABELS[o.hazardType])}</Fact>
          {o.threatenedPeople !== null && <Fact label={t('map.card.threatened')}>{t('map.card.people', { n: n(o.threatenedPeople) })}</Fact>}
          <Fact label={t('map.card.remediated')}>{yesNo(o.remediated)}</Fact>
        </>
      );
  }
}

export function ObjectFacts({ object: o, team, task }: { object: MapObject } & TeamOps) {
  const t = useT();
  return (
    <>
      <KindFacts o={o} team={team} task={task} />
      {o.street && <Fact label={t('map.card.street')}>{o.street}</Fact>}
      {o.address && <Fact label={t('map.card.address')}>{o.address}</Fact>}
      {o.note && <p className="map-card-text">{o.note}</p>}
    </>
  );
}
