// The 信息报送 form as typed (figures as text), and the version it sends. A blank or non-numeric
// figure is sent as NaN, which the contract's own check (and the hub) refuse naming the field.
import { FIGURE_KEYS, type EventClass, type EventLevel, type FigureKey, type Filing, type FilingInput, type FilingKind } from '@contract/reporting';

export interface FilingDraft {
  kind: FilingKind;
  eventClass: EventClass | '';
  level: EventLevel | '';
  figures: Record<FigureKey, string>;
  cause: string;
  measures: string;
  text: string;
  unit: string;
  signer: string;
}

/** The kinds a report may take next: the 首报 first, then 续报 or the 终报; nothing after the 终报. */
export function nextKinds(versions: readonly Pick<Filing, 'kind'>[]): FilingKind[] {
  if (versions.length === 0) return ['first'];
  if (versions.some((v) => v.kind === 'final')) return [];
  return ['followup', 'final'];
}

/** A fresh draft: the figures, cause, measures, unit and signer of the latest version carried forward (a 续报 updates them). */
export function draftAfter(versions: readonly Filing[]): FilingDraft {
  const last = versions.at(-1);
  const kind = nextKinds(versions)[0] ?? 'final';
  const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, last ? String(last.figures[k]) : '0'])) as Record<FigureKey, string>;
  return {
    kind,
    eventClass: '',
    level: '',
    figures,
    cause: last?.cause ?? '',
    measures: last?.measures ?? '',
    text: '',
    unit: last?.unit ?? '越秀区应急管理局',
    signer: last?.signer ?? '',
  };
}

function figure(text: string): number {
  const s = text.trim();
  return s === '' ? Number.NaN : Number(s);
}

export function filingInputFrom(d: FilingDraft): FilingInput {
  return {
    kind: d.kind,
    ...(d.eventClass ? { eventClass: d.eventClass } : {}),
    ...(d.level ? { level: d.level } : {}),
    figures: Object.fromEntries(FIGURE_KEYS.map((k) => [k, figure(d.figures[k])])) as FilingInput['figures'],
    cause: d.cause,
    measures: d.measures,
    text: d.text,
    unit: d.unit,
    signer: d.signer,
  };
}
