// The drill form as typed, and the drill it saves: planned (plan, date, title) or, once held,
// with the date held, participants and findings.
import type { Drill, DrillInput } from '@contract/plans';

export interface DrillDraft {
  id?: string;
  planId: string;
  title: string;
  plannedOn: string;
  heldOn: string;
  participants: string;
  participantCount: string;
  findings: string;
}

export function newDrillDraft(planId: string, today: string): DrillDraft {
  return { planId, title: '', plannedOn: today, heldOn: '', participants: '', participantCount: '', findings: '' };
}

export function draftFromDrill(d: Drill): DrillDraft {
  return {
    id: d.id,
    planId: d.planId,
    title: d.title,
    plannedOn: d.plannedOn,
    heldOn: d.heldOn ?? '',
    participants: d.participants,
    participantCount: d.participantCount ? String(d.participantCount) : '',
    findings: d.findings,
  };
}

/** A count as typed: blank is 0; anything else goes as a number for the server to judge. */
export function drillInputFrom(d: DrillDraft): DrillInput {
  const count = d.participantCount.trim();
  return {
    ...(d.id ? { id: d.id } : {}),
    planId: d.planId,
    title: d.title.trim(),
    plannedOn: d.plannedOn,
    heldOn: d.heldOn === '' ? null : d.heldOn,
    participants: d.participants.trim(),
    participantCount: count === '' ? 0 : Number(count),
    findings: d.findings.trim(),
  };
}
