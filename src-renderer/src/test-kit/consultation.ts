// A consultation record as the hub sends it, for renderer tests: a running 防汛 consultation at
// the district; each test names only what it is about.
import type { Consultation } from '@contract/consult';

export function aConsultation(over: Partial<Consultation> = {}): Consultation {
  return {
    id: 'cs_abcdefgh',
    topic: '防汛',
    host: 'district',
    participants: [],
    startedAt: 1,
    endedAt: null,
    startedBy: '张',
    endedBy: null,
    dutyEntryId: null,
    planResponseId: null,
    mode: 'dual',
    lowBandwidth: false,
    rev: 1,
    ...over,
  } as Consultation;
}
