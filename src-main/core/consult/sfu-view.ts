// The consultations as the media engine's SFU needs them (core/shared/links.ts ConsultationsView):
// which are live in mode "sfu" and whom they invited, read from this capability's own tables.
import type { ConsultationsView, SfuConsultation } from '../shared/links';
import type { Store } from '../store';

export function consultationsView(store: Store): ConsultationsView {
  const participants = (id: string): string[] =>
    store
      .all<{ participant_id: string }>('SELECT participant_id FROM consult_participant WHERE consultation_id = ? ORDER BY position', [id])
      .map((r) => r.participant_id);
  const assemble = (r: { id: string; mode: string; ended_at: number | null }): SfuConsultation => ({
    id: r.id,
    mode: r.mode,
    live: r.ended_at === null,
    participants: participants(r.id),
  });
  return {
    get(id) {
      const r = store.get<{ id: string; mode: string; ended_at: number | null }>('SELECT id, mode, ended_at FROM consult_consultation WHERE id = ?', [id]);
      return r ? assemble(r) : null;
    },
    liveSfu() {
      return store
        .all<{ id: string; mode: string; ended_at: number | null }>(
          "SELECT id, mode, ended_at FROM consult_consultation WHERE ended_at IS NULL AND mode = 'sfu'",
        )
        .map(assemble);
    },
  };
}
