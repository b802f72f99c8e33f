// The page's own connection to the services: a coloured dot and a word, never colour alone.
import type { TransportStatus } from '@contract/api';
import { useT } from '../i18n/use-t';
import { appSlice } from '../state/app/app-slice';
import { useSlice } from '../state/context';

export function TransportBadge({ testId }: { testId: string }) {
  const t = useT();
  const status: TransportStatus = useSlice(appSlice, (s) => s.transport);
  return (
    <span className={`status status-${status}`} data-testid={testId} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {t(`transport.${status}`)}
    </span>
  );
}
