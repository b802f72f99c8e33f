// A console form's view of one slice command: whether it is running, the server's refusal (it
// names the field) or a short "done" note to show beside the form. The command itself is a
// slice's (state/slice.ts): it resolves null when refused, and its error is the page's latest.
import { useState } from 'react';
import { useSliceHost } from '../state/context';

export interface Command {
  busy: boolean;
  error: string | null;
  /** The refusal's JSON-RPC code (undefined for a check made in the page). */
  errorCode: number | undefined;
  /** Data the refusal carried (e.g. an import's problems). */
  errorData: unknown;
  done: string | null;
  /** Runs a slice command (or a local check that throws); undefined when it was refused. */
  run<T>(command: () => Promise<T | null>, doneText?: (result: T) => string): Promise<T | undefined>;
  reset(): void;
}

export function useCommand(): Command {
  const host = useSliceHost();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorData, setErrorData] = useState<unknown>(null);
  const [errorCode, setErrorCode] = useState<number | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const refuse = (message: string, data: unknown, code?: number): undefined => {
    setError(message);
    setErrorData(data ?? null);
    setErrorCode(code);
    return undefined;
  };
  return {
    busy,
    error,
    errorCode,
    errorData,
    done,
    reset: () => {
      setError(null);
      setErrorData(null);
      setDone(null);
    },
    async run(command, doneText) {
      setBusy(true);
      setError(null);
      setErrorData(null);
      setDone(null);
      try {
        const r = await command();
        if (r === null) {
          const latest = host.latestError.getState().latest;
          return refuse(latest?.error.message ?? '', latest?.error.data, latest?.error.code);
        }
        setDone(doneText ? doneText(r) : '');
        return r;
      } catch (err) {
        // A check made before the command (e.g. a file too big to send), thrown as an Error.
        return refuse(err instanceof Error ? err.message : String(err), null);
      } finally {
        setBusy(false);
      }
    },
  };
}
