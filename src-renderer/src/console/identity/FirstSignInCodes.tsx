// 首次登录码 (issue 14): the people who cannot sign in yet (no password: a data folder from before
// sign-in existed, or someone new), each with a button that issues a one-time code for them to set
// their own password at the sign-in box's 首次登录. The code is shown once, with its end; a code
// waiting is marked. People with a password are counted, not listed (a forgotten password: issue
// a code from the same list, shown with 显示全部).
import { useState } from 'react';
import { ROLE_LABELS } from '@contract/rights';
import { useT } from '../../i18n/use-t';
import { formatTime } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { useCommands, useSlice } from '../../state/context';
import { accountsSlice } from '../../state/identity/accounts-slice';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';
import { TableHead } from '../TableHead';

export function FirstSignInCodes() {
  const t = useT();
  const label = useLabel();
  const accounts = useSlice(accountsSlice, (s) => s.accounts);
  const issued = useSlice(accountsSlice, (s) => s.issued);
  const { issuePasswordCode } = useCommands(accountsSlice);
  const cmd = useCommand();
  const [all, setAll] = useState(false);
  const shown = all ? accounts : accounts.filter((a) => !a.hasPassword);
  const withPassword = accounts.filter((a) => a.hasPassword).length;
  return (
    <section className="console-section first-signin-codes" data-testid="first-signin-codes">
      <h2>{t('firstSignIn.codesTitle')}</h2>
      <p className="field-hint">{t('firstSignIn.codesHint', { n: accounts.length - withPassword, m: withPassword })}</p>
      {issued && (
        <div className="enrol-code" data-testid="password-code">
          <div>
            <div className="enrol-code-text" data-testid="password-code-text">
              {issued.code}
            </div>
            <p>{issued.name}</p>
            <p>{t('firstSignIn.validUntil', { time: formatTime(issued.expiresAt) })}</p>
          </div>
        </div>
      )}
      <label>
        <input type="checkbox" data-testid="first-signin-all" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('firstSignIn.showAll')}
      </label>
      <table className="machines-table">
        <TableHead columns={['signin.name', 'firstSignIn.role', 'firstSignIn.unit', 'firstSignIn.state', null]} />
        <tbody>
          {shown.map((a) => (
            <tr key={a.personId} data-testid={`account-${a.personId}`} data-name={a.name}>
              <td>{a.name}</td>
              <td>{label(ROLE_LABELS[a.role])}</td>
              <td>{a.unit}</td>
              <td>
                {a.hasPassword
                  ? t('firstSignIn.hasPassword')
                  : a.codeExpiresAt !== null
                    ? t('firstSignIn.codeWaiting', { time: formatTime(a.codeExpiresAt) })
                    : t('firstSignIn.noPassword')}
              </td>
              <td>
                <button
                  type="button"
                  data-testid={`account-issue-${a.personId}`}
                  disabled={cmd.busy}
                  onClick={() => void cmd.run(() => issuePasswordCode(a.personId))}
                >
                  {t('firstSignIn.issue')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p data-testid="first-signin-none">{t('firstSignIn.none')}</p>}
      <CommandStatus cmd={cmd} testId="password-code" />
    </section>
  );
}
