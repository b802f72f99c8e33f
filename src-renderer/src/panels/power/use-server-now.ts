// The server's clock as this page best knows it (the app store measures the offset at load):
// sample times and the hold timer are the server's, so "how long ago" is measured on its clock.
import { useNow } from '../../shared/use-now';
import { useApp } from '../../state/context';

export function useServerNow(periodMs = 1000): number {
  const now = useNow(periodMs);
  const offset = useApp((s) => s.serverOffsetMs) ?? 0;
  return now + offset;
}
