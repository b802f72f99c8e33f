// Who is signed in at this console, in its header. Signed out: name, password and 登录 (Enter
// submits), the server's refusal beside the form (a wrong password, the lockout's "请于 … 再试").
// Signed in: "周杰 · 值班员" and 退出. The signed-in person is the console's acting person
// (state/identity/identity-slice.ts); the hub checks every call against their role's rights.
// 首次登录 (first sign-in): a person without a password yet (a data folder from before sign-in
// existed) gives their name, the one-time code an administrator issued them (系统管理 → 首次登录码)
// and a new password twice; the page sets it and signs them in. Nobody signs in without one.
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
  const { signIn, signOut, setFirstPassword } = useCommands(identitySlice);
  const cmd = useCommand();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [first, setFirst] = useState(false);
  const [code, setCode] = useState('');
  const [again, setAgain] = useState('');

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

  if (first) {
    const mismatch = again !== '' && again !== password;
    const short = password !== '' && password.length < 8;
    const submitFirst = async (e: FormEvent): Promise<void> => {
      e.preventDefault();
      const done = await cmd.run(() => setFirstPassword(name.trim(), code.trim(), password));
      // Neither the code nor the password stays in the form, whatever the answer.
      setPassword('');
      setAgain('');
      setCode('');
      if (done) {
        setName('');
        setFirst(false);
        cmd.reset();
      }
    };
    return (
      <div className="signin-box first" data-testid="signin-box" data-step="first">
        <form className="signin-form" onSubmit={(e) => void submitFirst(e)}>
          <Field testId="first-name" label={t('signin.name')} autoComplete="username" maxLength={20} value={name} onChange={setName} />
          <Field testId="first-code" label={t('firstSignIn.code')} autoComplete="one-time-code" maxLength={20} value={code} onChange={setCode} />
          <Field
            testId="first-password"
            password
            label={t('firstSignIn.newPassword')}
            autoComplete="new-password"
            maxLength={200}
            value={password}
            onChange={setPassword}
          />
          <Field testId="first-again" password label={t('firstSignIn.again')} autoComplete="new-password" maxLength={200} value={again} onChange={setAgain} />
          <button
            type="submit"
            className="primary"
            data-testid="first-submit"
            disabled={cmd.busy || !name.trim() || !code.trim() || password.length < 8 || again !== password}
          >
            {t('firstSignIn.submit')}
          </button>
          <button
            type="button"
            data-testid="first-back"
            onClick={() => {
              cmd.reset();
              setFirst(false);
            }}
          >
            {t('firstSignIn.back')}
          </button>
        </form>
        <div className="signin-hint" data-testid="first-hint">
          {short ? t('firstSignIn.tooShort') : mismatch ? t('firstSignIn.mismatch') : t('firstSignIn.hint')}
        </div>
        {cmd.error !== null && <CommandStatus cmd={cmd} testId="first" />}
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
        <Field testId="signin-name" label={t('signin.name')} autoComplete="username" maxLength={20} value={name} onChange={setName} />
        <Field
          testId="signin-password"
          password
          label={t('signin.password')}
          autoComplete="current-password"
          maxLength={200}
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="primary" data-testid="signin-submit" disabled={cmd.busy || !name.trim() || !password}>
          {cmd.busy ? t('signin.busy') : t('signin.submit')}
        </button>
        <button
          type="button"
          className="link"
          data-testid="signin-first"
          onClick={() => {
            cmd.reset();
            setPassword('');
            setFirst(true);
          }}
        >
          {t('firstSignIn.open')}
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

/** One field of the sign-in forms: labelled by its placeholder, a password field when told. */
function Field(p: {
  testId: string;
  label: string;
  autoComplete: string;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
  password?: boolean;
}) {
  return (
    <input
      data-testid={p.testId}
      type={p.password ? 'password' : undefined}
      aria-label={p.label}
      placeholder={p.label}
      autoComplete={p.autoComplete}
      maxLength={p.maxLength}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}
