// The map's layers: one per kind of map object, plus cameras, live duty-log reports and active
// plan responses. Colours are chosen to read on the dark wall and apart from the risk colours.
import { RISK_LEVEL_COLOURS, type MapObjectKind, type RiskLevel } from '@contract/map';
import type { MessageKey } from '../../i18n';

export type LayerId = MapObjectKind | 'camera' | 'report' | 'response';

export interface LayerDef {
  id: LayerId;
  title: MessageKey;
  /** Swatch and marker fill (risk points take their level's colour instead). */
  colour: string;
  radius: number;
}

export const LAYERS: readonly LayerDef[] = [
  { id: 'risk', title: 'map.layer.risk', colour: RISK_LEVEL_COLOURS.blue, radius: 4 },
  { id: 'shelter', title: 'map.layer.shelter', colour: '#3ddc84', radius: 6 },
  { id: 'warehouse', title: 'map.layer.warehouse', colour: '#b68cff', radius: 6 },
  { id: 'team', title: 'map.layer.team', colour: '#22d3ee', radius: 6 },
  { id: 'waterlogging', title: 'map.layer.waterlogging', colour: '#4fa3ff', radius: 8 },
  { id: 'geohazard', title: 'map.layer.geohazard', colour: '#d08a3c', radius: 8 },
  { id: 'camera', title: 'map.layer.camera', colour: '#e8eef6', radius: 4 },
  { id: 'report', title: 'map.layer.report', colour: '#ff4fd8', radius: 8 },
  { id: 'response', title: 'map.layer.response', colour: '#ff2d55', radius: 13 },
];

export const LAYER_IDS = LAYERS.map((l) => l.id);

export function layerDef(id: LayerId): LayerDef {
  return LAYERS.find((l) => l.id === id)!;
}

/** Risk points draw bigger the more severe they are, so an orange point is never lost among blue. */
export const RISK_RADIUS: Record<RiskLevel, number> = { red: 8, orange: 7, yellow: 5, blue: 4 };
