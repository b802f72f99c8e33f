// Who is signed in at this console, in its header. Signed out: name, password and 登录 (Enter
// submits), the server's refusal beside the form (a wrong password, the lockout's "请于 … 再试").
// Signed in: "周杰 · 值班员" and 退出. The signed-in person is the console's acting person
// (state/identity/identity-slice.ts); the hub checks every call against their role's rights.
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '@contract/rights';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands, useSlice } from '../../state/context';
import { identitySlice } from '../../state/identity/identity-slice';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';
import './signin.css';

export function SignInBox() {
  const t = useT();
  const label = useLabel();
  const session = useSlice(identitySlice, (s) => s.session);
  const { signIn, signOut } = useCommands(identitySlice);
  const cmd = useCommand();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  if (session) {
    return (
      <div className="signin-box signed-in" data-testid="signin-box" data-person={session.person.id}>
        <span className="signin-who" data-testid="signin-who">
          {t('signin.who', { name: session.person.name, role: label(ROLE_LABELS[session.person.role]) })}
        </span>
        <button
          type="button"
          data-testid="signout"
          onClick={() => {
            cmd.reset();
            void signOut();
          }}
        >
          {t('signin.signOut')}
        </button>
      </div>
    );
  }

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const done = await cmd.run(() => signIn(name.trim(), password));
    // The password never stays in the form, whatever the answer.
    setPassword('');
    if (done) {
      setName('');
      cmd.reset();
    }
  };

  return (
    <div className="signin-box" data-testid="signin-box">
      <form className="signin-form" onSubmit={(e) => void submit(e)}>
        <input
          data-testid="signin-name"
          aria-label={t('signin.name')}
          placeholder={t('signin.name')}
          autoComplete="username"
          maxLength={20}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          data-testid="signin-password"
          type="password"
          aria-label={t('signin.password')}
          placeholder={t('signin.password')}
          autoComplete="current-password"
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="signin-submit" disabled={cmd.busy || !name.trim() || !password}>
          {cmd.busy ? t('signin.busy') : t('signin.submit')}
        </button>
      </form>
      {cmd.error !== null &&
        ((cmd.errorData as { directory?: unknown } | null)?.directory === 'unreachable' ? (
          // The directory is down: said in the page's language (local passwords still work).
          <div className="form-error" role="alert" data-testid="signin-error" title={cmd.error}>
            {t('signin.directoryDown')}
          </div>
        ) : (
          <CommandStatus cmd={cmd} testId="signin" />
        ))}
    </div>
  );
}
