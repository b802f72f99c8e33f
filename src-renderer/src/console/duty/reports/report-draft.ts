// The 接报 form as typed, and the report it makes. Checks that need the server (street names,
// coordinates inside Yuexiu, not in the future) are left to it: its refusal names the field.
import type { ReportCategory, ReportInput, ReportSource, Severity } from '@contract/duty';
import type { StreetName } from '@contract/yuexiu';
import { parseLocalInput } from '../../../state/duty/format';

export interface ReportDraft {
  /** datetime-local text in local time; empty means "now". */
  receivedAt: string;
  source: ReportSource;
  category: ReportCategory;
  street: StreetName | '';
  location: string;
  lat: string;
  lng: string;
  summary: string;
  severity: Severity;
  caller: string;
}

export function emptyReportDraft(): ReportDraft {
  return {
    receivedAt: '',
    source: 'hotline-12345',
    category: 'flood',
    street: '',
    location: '',
    lat: '',
    lng: '',
    summary: '',
    severity: 'medium',
    caller: '',
  };
}

/** A coordinate as typed: blank is NaN, which the server refuses naming the field. */
function coordinate(text: string): number {
  const s = text.trim();
  return s === '' ? Number.NaN : Number(s);
}

export interface DraftProblem {
  field: 'receivedAt';
}

/** The report to send, or the one field this form can judge by itself. */
export function reportInputFrom(d: ReportDraft, serverNow: number): ReportInput | DraftProblem {
  let receivedAt = serverNow;
  if (d.receivedAt.trim() !== '') {
    const t = parseLocalInput(d.receivedAt);
    if (t === null) return { field: 'receivedAt' };
    receivedAt = t;
  }
  const noCoordinates = d.lat.trim() === '' && d.lng.trim() === '';
  return {
    receivedAt: Math.floor(receivedAt),
    source: d.source,
    category: d.category,
    street: d.street as StreetName,
    location: d.location,
    coordinates: noCoordinates ? null : { lat: coordinate(d.lat), lng: coordinate(d.lng) },
    summary: d.summary,
    severity: d.severity,
    caller: d.caller,
  };
}

export function isDraftProblem(x: ReportInput | DraftProblem): x is DraftProblem {
  return 'field' in x;
}
