// A console form's command: runs one call, keeps the server's refusal (it names the field) or a
// short "done" note to show beside the form, and whether it is running.
import { useState } from 'react';
import { errorMessage } from '../../panels/map/shared/client';

export interface Command {
  busy: boolean;
  error: string | null;
  /** Data the refusal carried (e.g. an import's problems). */
  errorData: unknown;
  done: string | null;
  run<T>(work: () => Promise<T>, doneText?: (result: T) => string): Promise<T | undefined>;
  reset(): void;
}

export function useCommand(): Command {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorData, setErrorData] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    busy,
    error,
    errorData,
    done,
    reset: () => {
      setError(null);
      setErrorData(null);
      setDone(null);
    },
    async run(work, doneText) {
      setBusy(true);
      setError(null);
      setErrorData(null);
      setDone(null);
      try {
        const r = await work();
        setDone(doneText ? doneText(r) : '');
        return r;
      } catch (err) {
        setError(errorMessage(err));
        setErrorData((err as { data?: unknown })?.data ?? null);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}
