// The consultation panel's definition. Its code (simple-peer and the endpoint, about 130 KB) is a
// chunk of its own, loaded when a consultation cell mounts: most walls never show one, and every
// wall used to parse it as it started.
import { lazyCell } from '../map/shared/lazy-cell';
import { definePanel } from '../registry';

export const consultPanel = definePanel({
  id: 'consult',
  title: 'panel.consult',
  component: lazyCell(
    () => import('./ConsultPanel').then((m) => m.ConsultPanel),
    () => undefined,
  ),
  essential: false,
});
