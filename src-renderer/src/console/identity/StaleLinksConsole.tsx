// 待重新注册的街道链接 (issue 14, migration): the streets whose machines still reached the hub with
// the district's bootstrap token in their link URLs and were refused (from the audit trail), with
// where from, how often and when last; each with a button issuing that street's enrolment code
// (shown by 终端管理 above, as text and QR code). A street leaves the list once it enrols.
import { useT } from '../../i18n/use-t';
import { formatTime } from '../../shared/format';
import { useCommands, useSlice } from '../../state/context';
import { machinesSlice } from '../../state/identity/machines-slice';
import { staleLinksSlice } from '../../state/identity/stale-links-slice';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';
import { TableHead } from '../TableHead';

export function StaleLinksConsole() {
  const t = useT();
  const links = useSlice(staleLinksSlice, (s) => s.links);
  const { issueEnrolCode } = useCommands(machinesSlice);
  const cmd = useCommand();
  return (
    <section className="console-section stale-links" data-testid="stale-links">
      <h2>{t('staleLinks.title')}</h2>
      <p className="field-hint">{t('staleLinks.hint')}</p>
      {links.length === 0 ? (
        <p data-testid="stale-links-none">{t('staleLinks.none')}</p>
      ) : (
        <table className="machines-table">
          <TableHead columns={['staleLinks.street', 'staleLinks.address', 'staleLinks.count', 'staleLinks.lastAt', null]} />
          <tbody>
            {links.map((l) => (
              <tr key={l.street} data-testid={`stale-link-${l.street}`}>
                <td>{l.street}</td>
                <td>{l.addresses.join('、')}</td>
                <td>{l.attempts}</td>
                <td>{formatTime(l.lastAt)}</td>
                <td>
                  <button
                    type="button"
                    data-testid={`stale-link-issue-${l.street}`}
                    disabled={cmd.busy}
                    onClick={() => void cmd.run(() => issueEnrolCode('street', l.street))}
                  >
                    {t('staleLinks.issue')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CommandStatus cmd={cmd} testId="stale-link-issue" />
    </section>
  );
}
