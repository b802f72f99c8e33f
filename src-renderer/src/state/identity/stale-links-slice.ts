// The streets whose machines still come with the district's bootstrap token in their link URLs and
// were refused (待重新注册的街道链接, issue 14): read from the audit trail by the hub
// (auth.listStaleLinks), listed until a machine of that street enrols. Reloaded when a machine
// enrols (auth.machinesChanged); an attempt itself pushes nothing, so the list also reloads on
// each (re)open of the link and when the district issues a code from it.
import type { StaleLink } from '@contract/identity';
import { defineSlice } from '../slice';

export interface StaleLinksState {
  links: StaleLink[];
}

export const staleLinksSlice = defineSlice({
  name: 'staleLinks',
  loadAs: 'listStaleLinks',
  initial: (): StaleLinksState => ({ links: [] }),
  async load(t) {
    return { links: await t.client.call('auth.listStaleLinks', {}) };
  },
  events: {
    'auth.machinesChanged': (_p, t) => void t.reload(),
  },
});
