// The card that opens when a marker is clicked: what the object is, and the facts that matter
// for it (a shelter's area per person against the 1.5 m² target, a team's status from the teams
// capability, a task's state and addressee, …).
import { useEffect, useState } from 'react';
import type { CameraSource } from '@contract/cameras';
import { REPORT_CATEGORY_LABELS, REPORT_STATUS_LABELS, SEVERITY_LABELS, type Report } from '@contract/duty';
import { TASK_STATE_LABELS } from '@contract/tasks';
import type { MapObject } from '@contract/map';
import { RESPONSE_LEVEL_LABELS, type Response } from '@contract/plans';
import { ADDRESSEE_KIND_LABELS, TASK_PRIORITY_LABELS, type Task } from '@contract/tasks';
import { TEAM_STATUS_LABELS, type Team } from '@contract/teams';
import { STATES } from '../../styles/colour-language';
import { TASK_TONE_STATE, taskTone } from './features';
import { useT } from '../../i18n/use-t';
import { Fact } from './Fact';
import { ObjectFacts } from './ObjectFacts';
import { formatTime } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { useCommands } from '../../state/context';
import { mapSlice } from '../../state/map/map-slice';

export type Selected =
  /** A team object carries its status from the teams capability (null: not registered yet) and its task. */
  | { type: 'object'; object: MapObject; team?: Team | null; task?: Task | null }
  | { type: 'task'; task: Task; teams: readonly Team[] }
  | { type: 'camera'; camera: CameraSource }
  | { type: 'report'; report: Report }
  | { type: 'response'; response: Response };

function CardBody({ sel }: { sel: Selected }) {
  const t = useT();
  const label = useLabel();
  switch (sel.type) {
    case 'object':
      return <ObjectFacts object={sel.object} team={sel.team} task={sel.task} />;
    case 'task': {
      const k = sel.task;
      const { tone, word } = taskTone(k, Date.now());
      const state = STATES[TASK_TONE_STATE[tone]];
      return (
        <>
          <Fact label={t('map.card.taskState')} testId="map-card-task-state">
            <span className={`map-op-word-inline tone-${tone}`}>
              <span aria-hidden="true">{state.shape} </span>
              {word === 'unacknowledged' ? t('tasks.unacknowledged') : word === 'overdue' ? t('tasks.overdue') : label(TASK_STATE_LABELS[word])}
            </span>
          </Fact>
          <Fact label={t('map.card.addressee')}>
            {label(ADDRESSEE_KIND_LABELS[k.addressee.kind])} · {k.addressee.name}
          </Fact>
          <Fact label={t('map.card.priority')}>{label(TASK_PRIORITY_LABELS[k.priority])}</Fact>
          <Fact label={t('map.card.issued')}>{formatTime(k.issuedAt)}</Fact>
          <Fact label={t('map.card.deadline')}>{formatTime(k.deadline)}</Fact>
          {sel.teams.length > 0 && (
            <Fact label={t('map.card.teamsOnTask')} testId="map-card-task-teams">
              {sel.teams.map((x) => `${x.name}（${label(TEAM_STATUS_LABELS[x.status])}）`).join('、')}
            </Fact>
          )}
          <p className="map-card-text">{k.content}</p>
        </>
      );
    }
    case 'camera':
      return (
        <>
          <Fact label={t('map.card.cameraKind')}>{sel.camera.kind === 'hls' ? 'HLS' : 'WebRTC (WHEP)'}</Fact>
          <Fact label={t('map.card.url')}>{sel.camera.url}</Fact>
        </>
      );
    case 'report': {
      const r = sel.report;
      return (
        <>
          <Fact label={t('map.card.received')}>{formatTime(r.receivedAt)}</Fact>
          <Fact label={t('map.card.category')}>{label(REPORT_CATEGORY_LABELS[r.category])}</Fact>
          <Fact label={t('map.card.severity')}>{label(SEVERITY_LABELS[r.severity])}</Fact>
          <Fact label={t('map.card.status')}>{label(REPORT_STATUS_LABELS[r.status])}</Fact>
          <Fact label={t('map.card.street')}>{r.street}</Fact>
          {!r.coordinates && <div className="unset">{t('map.card.approximate')}</div>}
          <p className="map-card-text">{r.summary}</p>
        </>
      );
    }
    case 'response': {
      const r = sel.response;
      return (
        <>
          <Fact label={t('map.card.level')}>{label(RESPONSE_LEVEL_LABELS[r.level])}</Fact>
          <Fact label={t('map.card.activated')}>{formatTime(r.activatedAt)}</Fact>
          <Fact label={t('map.card.progress')}>
            {t('map.card.progressValue', { done: r.progress.done + r.progress.na, total: r.progress.total, overdue: r.progress.overdue })}
          </Fact>
        </>
      );
    }
  }
}

function titleOf(sel: Selected): string {
  switch (sel.type) {
    case 'object':
      return sel.object.name;
    case 'camera':
      return sel.camera.name;
    case 'report':
      return sel.report.location;
    case 'response':
      return sel.response.planTitle;
    case 'task':
      return sel.task.title;
  }
}

/** The card's title. A wall has its objects without their names (state/map/early-map.ts): the card asks for its one object's. */
function useTitle(sel: Selected): string {
  const { getObject } = useCommands(mapSlice);
  const unnamed = sel.type === 'object' && sel.object.name === '' ? sel.object.id : null;
  const [named, setNamed] = useState<{ id: string; name: string } | null>(null);
  useEffect(() => {
    if (unnamed === null) return;
    let live = true;
    getObject(unnamed).then(
      (r) => live && r !== null && setNamed({ id: unnamed, name: r.object.name }),
      () => undefined, // the card stays without a title; the map's own error line says when the hub is gone
    );
    return () => void (live = false);
  }, [unnamed, getObject]);
  if (unnamed === null) return titleOf(sel);
  return named?.id === unnamed ? named.name : '';
}

export function DetailCard({ sel, onClose }: { sel: Selected; onClose(): void }) {
  const t = useT();
  const title = useTitle(sel);
  const demo = (sel.type === 'object' && sel.object.demo) || (sel.type === 'report' && sel.report.demo) || (sel.type === 'response' && sel.response.demo);
  const kind = sel.type === 'object' ? t(`map.layer.${sel.object.kind}`) : t(`map.layer.${sel.type}`);
  return (
    <div className="map-card" data-testid="map-detail-card" data-kind={sel.type === 'object' ? sel.object.kind : sel.type}>
      <div className="map-card-head">
        <span className="map-card-kind">{kind}</span>
        {demo && (
          <span className="demo-badge" data-testid="map-card-demo">
            {t('map.demoBadge')}
          </span>
        )}
        <button type="button" className="map-card-close" aria-label={t('map.card.close')} data-testid="map-card-close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="map-card-title" data-testid="map-card-title">
        {title}
      </div>
      <CardBody sel={sel} />
    </div>
  );
}
