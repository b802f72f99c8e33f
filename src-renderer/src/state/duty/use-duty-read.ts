// The duty slice's `read` command with each method's own result type: a registered command
// loses its generic (slice.ts's Registered), so a view that reads once asks through this.
import { useCommands } from '../context';
import { dutySlice, type DutyRead } from './duty-slice';

export function useDutyRead(): DutyRead {
  return useCommands(dutySlice).read as DutyRead;
}
