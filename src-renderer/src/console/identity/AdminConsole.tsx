// The console's administration area for people and machines (issue 14): 终端管理 (machines), 审计日志
// (the audit trail), 首次登录码 (one-time codes for people without a password) and signing a person
// out everywhere. Each part shows only where the person
// signed in here (or this machine) holds its right; the hub refuses the calls regardless.
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { machinesSlice } from '../../state/identity/machines-slice';
import { useMayCall } from '../../state/identity/use-rights';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';
import { AuditConsole } from './AuditConsole';
import { DirectoryConsole } from './DirectoryConsole';
import { FirstSignInCodes } from './FirstSignInCodes';
import { MachinesConsole } from './MachinesConsole';
import { StaleLinksConsole } from './StaleLinksConsole';
import './admin.css';

function SignOutPerson() {
  const t = useT();
  const people = useSlice(dutySlice, (s) => s.people);
  const { signOutPerson } = useCommands(machinesSlice);
  const cmd = useCommand();
  const [personId, setPersonId] = useState('');
  return (
    <section className="console-section admin-signout" data-testid="signout-person">
      <h2>{t('admin.signOutPerson')}</h2>
      <form
        className="enrol-form"
        onSubmit={(e) => {
          e.preventDefault();
          void cmd.run(
            () => signOutPerson(personId),
            (r) => t('admin.signedOut', { n: r.ended }),
          );
        }}
      >
        <select data-testid="signout-person-select" aria-label={t('audit.person')} value={personId} onChange={(e) => setPersonId(e.target.value)}>
          <option value="">{t('admin.choosePerson')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="signout-person-submit" disabled={!personId || cmd.busy}>
          {t('admin.signOutEverywhere')}
        </button>
        <CommandStatus cmd={cmd} testId="signout-person" />
      </form>
    </section>
  );
}

export function AdminConsole() {
  const [admin, auditRead] = useMayCall('settings.admin', 'audit.read');
  if (!admin && !auditRead) return null;
  return (
    <div className="admin-console" data-testid="admin-console">
      {admin && <MachinesConsole />}
      {admin && auditRead && <StaleLinksConsole />}
      {admin && auditRead && <FirstSignInCodes />}
      {admin && <SignOutPerson />}
      {admin && <DirectoryConsole />}
      {auditRead && <AuditConsole />}
    </div>
  );
}
