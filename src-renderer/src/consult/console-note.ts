// What the console's consultation section shows under its sockets after a command: nothing, the
// consult slice's newest refusal (its error's message), or a note of its own.
export type ConsoleNote = null | { refused: true } | { text: string };

/** The note after a command resolved: a refusal (null), else the note `text` gives (or none). */
export function noteAfter<T>(result: T | null, text: (r: T) => string | null = () => null): ConsoleNote {
  if (result === null) return { refused: true };
  const note = text(result);
  return note === null ? null : { text: note };
}
