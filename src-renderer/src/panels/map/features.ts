// What the map draws, as plain data: one Feature per marker, from map objects, cameras, duty-log
// reports and active plan responses, filtered by street. Pure, so it is tested without a map.
import type { CameraSource } from '@contract/cameras';
import type { Report } from '@contract/duty';
import type { MapObject, RiskLevel } from '@contract/map';
import type { Response } from '@contract/plans';
import type { StreetName } from '@contract/yuexiu';
import { layerDef, RISK_RADIUS, type LayerId } from './layers';
import { streetPoint } from './street-point';
import { LEVELS, type LevelName } from '../../styles/colour-language';

export interface Feature {
  layer: LayerId;
  /** "obj_…", "camera:<id>", "report:<id>", "response:<id>@<reportId>". */
  key: string;
  name: string;
  lat: number;
  lng: number;
  colour: string;
  radius: number;
  /** A ring rather than a dot (responses, and reports placed only by their street). */
  ring: boolean;
  /** Placed at its street's label point, for want of coordinates. */
  approximate?: boolean;
  /** A risk point's level (a cluster takes the colour of its worst). */
  level?: RiskLevel;
}

export interface FeatureInput {
  objects: readonly MapObject[];
  cameras: readonly CameraSource[];
  reports: readonly Report[];
  responses: readonly Response[];
  street: StreetName | null;
}

/** Response levels Ⅰ–Ⅳ in the national colours (Ⅰ red … Ⅳ blue). */
const RESPONSE_LEVEL_COLOUR: Record<Response['level'], LevelName> = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };

const SEVERITY_COLOURS: Record<Report['severity'], string> = { low: '#ff9de9', medium: '#ff4fd8', high: '#ff2bb0', critical: '#ff0066' };

export function buildFeatures({ objects, cameras, reports, responses, street }: FeatureInput): Feature[] {
  const inStreet = (s: StreetName | null): boolean => street === null || s === street;
  const out: Feature[] = [];
  for (const o of objects) {
    if (!inStreet(o.street)) continue;
    const def = layerDef(o.kind);
    const risk = o.kind === 'risk';
    out.push({
      layer: o.kind,
      key: o.id,
      name: o.name,
      lat: o.position.lat,
      lng: o.position.lng,
      colour: risk ? LEVELS[o.level].colour : def.colour,
      radius: risk ? RISK_RADIUS[o.level] : def.radius,
      ring: false,
      ...(risk ? { level: o.level } : {}),
    });
  }
  for (const c of cameras) {
    if (!c.position || !c.enabled || !inStreet(c.street)) continue;
    out.push({
      layer: 'camera',
      key: `camera:${c.id}`,
      name: c.name,
      lat: c.position.lat,
      lng: c.position.lng,
      colour: layerDef('camera').colour,
      radius: 4,
      ring: false,
    });
  }
  const located = new Map<string, { lat: number; lng: number }>();
  for (const r of reports) {
    if (!inStreet(r.street)) continue;
    // A report taken without coordinates still has its street: drawn hollow at the street's
    // label point (an approximate place, as the card says).
    const at = r.coordinates ?? streetPoint(r.street);
    located.set(r.id, at);
    out.push({
      layer: 'report',
      key: `report:${r.id}`,
      name: r.location,
      ...at,
      colour: SEVERITY_COLOURS[r.severity],
      radius: 8,
      ring: !r.coordinates,
      approximate: !r.coordinates,
    });
  }
  // A response has no place of its own: it is drawn at each report it was escalated from.
  for (const resp of responses) {
    for (const id of resp.reportIds) {
      const at = located.get(id);
      if (!at) continue;
      out.push({
        layer: 'response',
        key: `response:${resp.id}@${id}`,
        name: resp.planTitle,
        ...at,
        colour: LEVELS[RESPONSE_LEVEL_COLOUR[resp.level]].colour,
        radius: layerDef('response').radius,
        ring: true,
      });
    }
  }
  return out;
}

/** Markers per layer, and risk points per level, for the legend. */
export function countFeatures(features: readonly Feature[]): Record<LayerId, number> & { riskByLevel: Partial<Record<RiskLevel, number>> } {
  const counts = {
    risk: 0,
    shelter: 0,
    warehouse: 0,
    team: 0,
    waterlogging: 0,
    geohazard: 0,
    camera: 0,
    report: 0,
    response: 0,
    riskByLevel: {} as Partial<Record<RiskLevel, number>>,
  };
  for (const f of features) {
    counts[f.layer]++;
    if (f.level) counts.riskByLevel[f.level] = (counts.riskByLevel[f.level] ?? 0) + 1;
  }
  return counts;
}

/** Active responses with no located report: listed under the legend, since they cannot be drawn. */
export function unplacedResponses(responses: readonly Response[], features: readonly Feature[]): Response[] {
  const placed = new Set(features.filter((f) => f.layer === 'response').map((f) => f.key.slice('response:'.length).split('@')[0]));
  return responses.filter((r) => !placed.has(r.id));
}
