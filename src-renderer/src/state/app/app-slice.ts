// The page's foundation: the link's status, what the server is (system.info) and its clock, the
// settings (the language among them) and the person this console acts as. Held for the page's
// whole life (main.tsx).
import type { Language, Settings, SystemInfo } from '@contract/schemas';
import type { TransportStatus } from '@contract/api';
import { defineSlice } from '../slice';
import { rememberActor, rememberedActor } from './actor';

export interface AppState {
  transport: TransportStatus;
  system: SystemInfo | null;
  /** Server clock minus ours, measured at the last load; null before that. */
  serverOffsetMs: number | null;
  settings: Settings | null;
  /** The acting person on this console (an id from duty.listPeople), or null until chosen. */
  actorId: string | null;
}

export const appSlice = defineSlice({
  name: 'app',
  loadAs: 'loadAll',
  initial: (): AppState => ({ transport: 'connecting', system: null, serverOffsetMs: null, settings: null, actorId: rememberedActor() }),
  async load({ client, now }) {
    const t0 = now();
    const timedInfo = client.call('system.info', {}).then((info) => ({ info, t1: now() }));
    const [{ info, t1 }, settings] = await Promise.all([timedInfo, client.call('settings.get', {})]);
    // The server stamped its time somewhere between our send and its reply: take the middle.
    return { system: info, serverOffsetMs: Math.round(info.serverTime - (t0 + t1) / 2), settings };
  },
  events: {
    'settings.changed': (settings) => ({ settings }),
  },
  whileHeld: ({ client, set }) => client.onStatus((transport) => set({ transport })),
  commands: ({ client, set }) => ({
    setLanguage: async (language: Language) => {
      const settings = await client.call('settings.save', { patch: { language } });
      set({ settings });
      return settings;
    },
    setActor: (id: string | null) => {
      rememberActor(id);
      set({ actorId: id });
    },
  }),
});

/** The server's clock now, from ours and the offset measured at the last load. */
export function serverNow(state: AppState, now: number): number {
  return now + (state.serverOffsetMs ?? 0);
}
