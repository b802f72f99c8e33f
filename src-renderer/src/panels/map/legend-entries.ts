// The wall map's legend, as entries of the one legend every wall panel uses (shared/Legend.tsx):
// only what the map draws now, each with the shape and colour it is drawn in and a word with its
// count. Live things first (tasks, teams out, reports, responses), then the risk grades the points
// and clusters are coloured by, then the other layers; what cannot be drawn and demo objects are
// said last. Nothing drawn, no entry (and so no legend).
import { RISK_LEVELS, type MapCounts, type RiskLevel } from '@contract/map';
import type { Label } from '@contract/primitives';
import type { LegendEntry } from '../../shared/Legend';
import { LEVELS, NEUTRAL, STATES } from '../../styles/colour-language';
import type { MessageKey, Params } from '../../i18n';
import { OPS_TONES, TASK_TONE_STATE, type countFeatures, type TaskTone } from './features';
import { LAYERS, TEAM_HUE, type LayerId } from './layers';

type Counts = ReturnType<typeof countFeatures>;

/** The plain layers after the risk grades, in the legend's order. */
const PLAIN: readonly LayerId[] = ['team', 'shelter', 'warehouse', 'waterlogging', 'geohazard', 'camera'];

export interface LegendWords {
  t(key: MessageKey, params?: Params): string;
  label(l: Label): string;
}

export function mapLegendEntries(
  counts: Counts,
  visible: ReadonlySet<LayerId>,
  extra: { totals: MapCounts | null; unplaced: number },
  { t, label }: LegendWords,
): LegendEntry[] {
  const out: LegendEntry[] = [];
  const on = (id: LayerId): boolean => visible.has(id) && counts[id] > 0;
  const colourOf = (id: LayerId): string => LAYERS.find((l) => l.id === id)!.colour;
  if (on('task'))
    for (const { tone, glyph } of OPS_TONES.task) {
      const n = counts.byTone[tone] ?? 0;
      if (n === 0) continue;
      const state = TASK_TONE_STATE[tone.slice('task-'.length) as TaskTone];
      out.push({ id: tone, shape: glyph, colour: STATES[state].colour, word: `${t(`map.ops.${tone}` as MessageKey)} ${n}`, count: n });
    }
  if (on('sortie'))
    for (const { tone, glyph } of OPS_TONES.sortie) {
      const n = counts.byTone[tone] ?? 0;
      if (n === 0) continue;
      out.push({ id: tone, shape: glyph, colour: TEAM_HUE, word: `${t(`map.ops.${tone}` as MessageKey)} ${n}`, count: n });
    }
  if (on('report')) out.push({ id: 'report', shape: '●', colour: colourOf('report'), word: `${t('map.layer.report')} ${counts.report}`, count: counts.report });
  if (on('response')) out.push({ id: 'response', shape: '◎', word: `${t('map.layer.response')} ${counts.response}`, count: counts.response });
  if (on('risk'))
    for (const level of RISK_LEVELS as readonly RiskLevel[]) {
      const n = counts.riskByLevel[level] ?? 0;
      if (n === 0) continue;
      out.push({
        id: `risk-${level}`,
        shape: LEVELS[level].shape,
        colour: LEVELS[level].colour,
        word: t('map.legendRisk', { level: label(LEVELS[level].word), n }),
        count: n,
      });
    }
  for (const id of PLAIN)
    if (on(id))
      out.push({
        id,
        shape: '●',
        colour: id === 'camera' ? NEUTRAL.colour : colourOf(id),
        word: `${t(LAYERS.find((l) => l.id === id)!.title)} ${counts[id]}`,
        count: counts[id],
      });
  if (extra.unplaced > 0) out.push({ id: 'unplaced', shape: '◌', word: t('map.unplacedResponses', { n: extra.unplaced }), count: extra.unplaced });
  if (extra.totals && extra.totals.demo > 0)
    out.push({ id: 'demo', shape: '▣', colour: NEUTRAL.colour, word: t('map.legendDemo', { n: extra.totals.demo }), count: extra.totals.demo });
  return out;
}
