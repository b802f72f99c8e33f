// Reads for the plans console that follow the server: re-asked whenever the library changes
// (plans.libraryChanged) or the response does (plans.responseChanged).
import { useEffect, useState } from 'react';
import type { ParamsOf, ResultOf } from '@contract/api';
import type { ReadMethod } from '../../state/duty/duty-commands';
import { useDutyActions } from '../../state/duty/use-duty';

/** Reads `method` with `params`, again whenever `key` changes; null until the first answer. */
export function useRead<M extends ReadMethod>(method: M, params: ParamsOf<M> | null, key: unknown): ResultOf<M> | null {
  const { read } = useDutyActions();
  const [value, setValue] = useState<ResultOf<M> | null>(null);
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    if (params === null) return setValue(null);
    let live = true;
    void read(method, params).then((v) => live && v !== null && setValue(v as ResultOf<M>));
    return () => {
      live = false;
    };
  }, [method, paramsKey, key, read]); // `params` is read through `paramsKey`
  return value;
}
