// Reads for the plans console that follow the server: re-asked whenever the library changes
// (plans.libraryChanged) or the response does (plans.responseChanged), through the plans
// slice's `read` command (a refusal shows in the banner).
import { useEffect, useState } from 'react';
import type { ParamsOf, ResultOf } from '@contract/api';
import { useCommands } from '../../state/context';
import { plansSlice, type PlansRead, type PlansReadMethod } from '../../state/plans/plans-slice';

/** The plans slice's one-off read, its result typed by method. */
export function usePlansRead(): PlansRead {
  return useCommands(plansSlice).read as PlansRead;
}

/** Reads `method` with `params`, again whenever `key` changes; null until the first answer. */
export function useRead<M extends PlansReadMethod>(method: M, params: ParamsOf<M> | null, key: unknown): ResultOf<M> | null {
  const read = usePlansRead();
  const [value, setValue] = useState<ResultOf<M> | null>(null);
  // Compared by value: a caller's fresh params object of the same contents reads nothing again.
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    const asked = JSON.parse(paramsKey) as ParamsOf<M> | null;
    if (asked === null) return setValue(null);
    let live = true;
    void read(method, asked).then((v) => live && v !== null && setValue(v));
    return () => {
      live = false;
    };
  }, [method, paramsKey, key, read]);
  return value;
}
