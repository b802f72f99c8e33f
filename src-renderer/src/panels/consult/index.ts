// The consultation panel's definition. Its code (simple-peer and the endpoint, about 130 KB) is a
// chunk of its own, loaded when a consultation cell mounts: most walls never show one, and every
// wall used to parse it as it started. The endpoint slice is in that chunk too (it makes the
// endpoint), so the cell holds no slice of its own: the panel holds the endpoint's.
import { lazyCell } from '../../shared/lazy-cell';
import { definePanel } from '../registry';

export const consultPanel = definePanel({
  id: 'consult',
  title: 'panel.consult',
  component: lazyCell(() => import('./ConsultPanel').then((m) => m.ConsultPanel), []),
  essential: false,
});
