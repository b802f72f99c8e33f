// A console form that sends a draft. While what it sent is on its way its fields hold still
// (a disabled fieldset that takes no room), so the answer that clears the form can never wipe
// what the person typed after pressing the button. Enter in a field submits, as in any form.
import type { ReactNode } from 'react';

export function DraftForm({
  busy,
  onSubmit,
  className,
  testId,
  children,
}: {
  busy: boolean;
  onSubmit(): void;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      data-testid={testId}
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset className="form-lock" disabled={busy}>
        {children}
      </fieldset>
    </form>
  );
}
