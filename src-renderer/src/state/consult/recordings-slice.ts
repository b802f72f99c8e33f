// The recordings of sfu consultations (media.listRecordings), per consultation the console shows,
// followed by media.recordingsChanged; and the host's switch (media.setRecording).
import type { RecordingList } from '@contract/media';
import { defineSlice } from '../slice';

export interface RecordingsView {
  /** Consultation id → its recordings, for the consultations the console asked about. */
  byConsultation: Record<string, RecordingList>;
}

export const recordingsSlice = defineSlice({
  name: 'recordings',
  loadAs: 'listRecordings',
  initial: (): RecordingsView => ({ byConsultation: {} }),
  // On every (re)open: whatever was shown is read again.
  load: async ({ client, get }) => {
    const ids = Object.keys(get().byConsultation);
    const lists = await Promise.all(ids.map((consultationId) => client.call('media.listRecordings', { consultationId })));
    return { byConsultation: Object.fromEntries(lists.map((l) => [l.consultationId, l])) };
  },
  events: {
    'media.recordingsChanged': ({ consultationId }, t) => {
      if (!(consultationId in t.get().byConsultation)) return;
      void t.run('listRecordings', async () => {
        const list = await t.client.call('media.listRecordings', { consultationId });
        t.set((s) => ({ byConsultation: { ...s.byConsultation, [consultationId]: list } }));
      });
    },
  },
  commands: (t) => ({
    listRecordings: async (consultationId: string) => {
      const list = await t.client.call('media.listRecordings', { consultationId });
      t.set((s) => ({ byConsultation: { ...s.byConsultation, [consultationId]: list } }));
      return list;
    },
    setRecording: async (consultationId: string, recording: boolean) => {
      const r = await t.client.call('media.setRecording', { consultationId, recording });
      const list = await t.client.call('media.listRecordings', { consultationId });
      t.set((s) => ({ byConsultation: { ...s.byConsultation, [consultationId]: list } }));
      return r;
    },
  }),
});
