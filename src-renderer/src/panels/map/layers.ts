// The map's layers: one per kind of map object, plus cameras, live duty-log reports and active
// plan responses. Colours follow the colour language (styles/colour-language.ts): red, orange,
// yellow and blue are the levels' alone (risk points, responses), so no other layer is drawn in
// one of them, nor in a state colour; the layers' own hues are told apart by the legend's words.
// Open tasks (指令) and teams out (出动队伍) are large labelled markers (ops-layer.ts), never
// clustered: a task says its state by the state's shape and word, a team its status by a glyph
// and a word, in the team layer's own hue.
import type { MapObjectKind, RiskLevel } from '@contract/map';
import type { MessageKey } from '../../i18n';
import { LEVELS, NEUTRAL } from '../../styles/colour-language';

export type LayerId = MapObjectKind | 'camera' | 'report' | 'response' | 'task' | 'sortie';

/** The teams' own hue (a standing team's dot, a team out's plate and its line to the task). */
export const TEAM_HUE = '#22d3ee';

export interface LayerDef {
  id: LayerId;
  title: MessageKey;
  /** Swatch and marker fill (risk points take their level's colour instead). */
  colour: string;
  radius: number;
}

export const LAYERS: readonly LayerDef[] = [
  { id: 'risk', title: 'map.layer.risk', colour: LEVELS.blue.colour, radius: 5 },
  { id: 'shelter', title: 'map.layer.shelter', colour: '#9be7c4', radius: 7 },
  { id: 'warehouse', title: 'map.layer.warehouse', colour: '#b68cff', radius: 7 },
  { id: 'team', title: 'map.layer.team', colour: TEAM_HUE, radius: 7 },
  { id: 'waterlogging', title: 'map.layer.waterlogging', colour: '#e2c290', radius: 8 },
  { id: 'geohazard', title: 'map.layer.geohazard', colour: '#b5b58a', radius: 8 },
  { id: 'camera', title: 'map.layer.camera', colour: NEUTRAL.colour, radius: 5 },
  { id: 'report', title: 'map.layer.report', colour: '#ff4fd8', radius: 10 },
  // A response is drawn in its level's colour (features.ts); this is the legend's swatch.
  { id: 'response', title: 'map.layer.response', colour: LEVELS.red.colour, radius: 16 },
  // Open tasks with a place: a plate in the colour of the task's state (swatch: neutral).
  { id: 'task', title: 'map.layer.task', colour: NEUTRAL.colour, radius: 12 },
  // Teams dispatched, on scene or returning, at their last known position, in the team layer's hue.
  { id: 'sortie', title: 'map.layer.sortie', colour: TEAM_HUE, radius: 12 },
];

/** Layers drawn as labelled DOM markers above everything else (ops-layer.ts), never clustered. */
export const OPS_LAYERS: ReadonlySet<LayerId> = new Set<LayerId>(['task', 'sortie']);

export const LAYER_IDS = LAYERS.map((l) => l.id);

export function layerDef(id: LayerId): LayerDef {
  return LAYERS.find((l) => l.id === id)!;
}

/** Risk points draw bigger the more severe they are, so an orange point is never lost among blue. */
export const RISK_RADIUS: Record<RiskLevel, number> = { red: 9, orange: 8, yellow: 6, blue: 5 };
