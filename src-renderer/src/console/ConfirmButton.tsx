// A button for what cannot be undone: it first says what will happen (the consequence, in the
// page's language) in a modal dialog, and acts only on 确认. Esc or 取消 closes it and focus
// returns to the button (the native <dialog> does both).
import { useRef, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';

export function ConfirmButton({
  testId,
  label,
  title,
  consequence,
  confirmLabel,
  disabled,
  className,
  onConfirm,
}: {
  testId: string;
  label: string;
  /** The dialog's heading: the action as a question ("结束此响应？"). */
  title: string;
  /** What will follow, said plainly; the dialog's body. */
  consequence: ReactNode;
  /** The confirming button's text; the action's own label if absent. */
  confirmLabel?: string;
  disabled?: boolean;
  className?: string;
  onConfirm(): void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // The dialog opens on 取消, the harmless choice: Enter pressed out of habit takes nothing away.
  const open = (): void => {
    dialog.current?.showModal();
    cancel.current?.focus();
  };
  const close = (): void => dialog.current?.close();
  return (
    <>
      <button type="button" className={className} data-testid={testId} disabled={disabled} onClick={open}>
        {label}
      </button>
      <dialog ref={dialog} className="confirm-dialog" data-testid={`${testId}-confirm`} aria-labelledby={`${testId}-confirm-title`}>
        <h3 id={`${testId}-confirm-title`}>{title}</h3>
        <div className="confirm-consequence">{consequence}</div>
        <div className="form-actions">
          <button
            type="button"
            className={className ?? 'primary'}
            data-testid={`${testId}-confirm-yes`}
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel ?? label}
          </button>
          <button type="button" ref={cancel} data-testid={`${testId}-confirm-no`} onClick={close}>
            {t('confirm.cancel')}
          </button>
        </div>
      </dialog>
    </>
  );
}
