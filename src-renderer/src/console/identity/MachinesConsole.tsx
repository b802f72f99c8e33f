// 终端管理 (issue 14): issue a one-time enrolment code for a machine of a kind (a street centre's
// names its street), shown as text and as a QR code of the hub's /enrol address; the enrolled
// machines with where they were last seen, each revocable; rotating the hub's bootstrap token.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { MACHINE_KIND_LABELS, MachineKind, type EnrolCodeIssued, type Machine } from '@contract/identity';
import { YUEXIU_STREETS, type StreetName } from '@contract/yuexiu';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTime } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { useCommands, useSlice } from '../../state/context';
import { machinesSlice } from '../../state/identity/machines-slice';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';
import { TableHead } from '../TableHead';

/** What the QR code says: the hub's /enrol form with the code, where the page has the hub's address; else the code alone. */
export function enrolAddress(issued: Pick<EnrolCodeIssued, 'code'>, loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return loc.protocol === 'http:' || loc.protocol === 'https:' ? `${loc.protocol}//${loc.host}/enrol?code=${encodeURIComponent(issued.code)}` : issued.code;
}

function IssuedCode({ issued }: { issued: EnrolCodeIssued }) {
  const t = useT();
  const label = useLabel();
  const [qr, setQr] = useState<string | null>(null);
  const address = enrolAddress(issued);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(address, { margin: 1, width: 200, errorCorrectionLevel: 'M' }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [address]);
  return (
    <div className="enrol-code" data-testid="enrol-code">
      <div>
        <div className="enrol-code-text" data-testid="enrol-code-text">
          {issued.code}
        </div>
        <p>
          {label(MACHINE_KIND_LABELS[issued.kind])}
          {issued.street ? ` · ${issued.street}` : ''}
        </p>
        <p>{t('machines.validUntil', { time: formatTime(issued.expiresAt) })}</p>
        <p className="enrol-code-address">{address}</p>
      </div>
      {qr && <img className="enrol-code-qr" data-testid="enrol-code-qr" src={qr} alt={t('machines.qrAlt', { code: issued.code })} width={200} height={200} />}
    </div>
  );
}

function MachineRow({ m }: { m: Machine }) {
  const t = useT();
  const label = useLabel();
  const { revokeMachine } = useCommands(machinesSlice);
  const cmd = useCommand();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`machine-${m.id}`} className={m.revokedAt ? 'revoked' : undefined}>
      <td>{label(MACHINE_KIND_LABELS[m.kind])}</td>
      <td>{m.street ?? '—'}</td>
      <td>{m.name}</td>
      <td>{formatTime(m.enrolledAt)}</td>
      <td>{formatTime(m.lastSeenAt)}</td>
      <td>{m.lastAddress ?? '—'}</td>
      <td>
        {m.revokedAt ? (
          <span className="machine-revoked">{t('machines.revokedAt', { time: formatTime(m.revokedAt) })}</span>
        ) : confirming ? (
          <>
            <button type="button" className="danger" data-testid="machine-revoke-confirm" onClick={() => void cmd.run(() => revokeMachine(m.id))}>
              {t('machines.revokeConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('machines.cancel')}
            </button>
          </>
        ) : (
          <button type="button" data-testid="machine-revoke" onClick={() => setConfirming(true)}>
            {t('machines.revoke')}
          </button>
        )}
        {cmd.error !== null && <CommandStatus cmd={cmd} testId="machine-revoke" />}
      </td>
    </tr>
  );
}

export function MachinesConsole() {
  const t = useT();
  const lang = useLanguage();
  const label = useLabel();
  const machines = useSlice(machinesSlice, (s) => s.machines);
  const issued = useSlice(machinesSlice, (s) => s.issued);
  const { issueEnrolCode, rotateBootstrapToken } = useCommands(machinesSlice);
  const issue = useCommand();
  const rotate = useCommand();
  const [kind, setKind] = useState<MachineKind>('street');
  const [street, setStreet] = useState<StreetName | ''>('');
  const [token, setToken] = useState<string | null>(null);

  return (
    <section className="console-section admin-machines" data-testid="machines-console">
      <h2>{t('machines.title')}</h2>
      <form
        className="enrol-form"
        onSubmit={(e) => {
          e.preventDefault();
          void issue.run(() => issueEnrolCode(kind, kind === 'street' && street ? street : undefined));
        }}
      >
        <label className="field">
          <span className="field-label">{t('machines.kind')}</span>
          <select data-testid="enrol-kind" value={kind} onChange={(e) => setKind(e.target.value as MachineKind)}>
            {MachineKind.options.map((k) => (
              <option key={k} value={k}>
                {label(MACHINE_KIND_LABELS[k])}
              </option>
            ))}
          </select>
        </label>
        {kind === 'street' && (
          <label className="field">
            <span className="field-label">{t('machines.street')}</span>
            <select data-testid="enrol-street" value={street} onChange={(e) => setStreet(e.target.value as StreetName | '')}>
              <option value="">{t('machines.chooseStreet')}</option>
              {YUEXIU_STREETS.map((s) => (
                <option key={s.name} value={s.name}>
                  {lang === 'en' ? `${s.nameEn} ${s.name}` : s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="primary" data-testid="enrol-issue" disabled={issue.busy || (kind === 'street' && !street)}>
          {t('machines.issue')}
        </button>
        {issue.error !== null && <CommandStatus cmd={issue} testId="enrol-issue" />}
      </form>
      {issued && <IssuedCode issued={issued} />}

      <table className="machines-table" data-testid="machines-table">
        <TableHead columns={['machines.kind', 'machines.street', 'machines.name', 'machines.enrolledAt', 'machines.lastSeen', 'machines.lastAddress', null]} />
        <tbody>
          {machines.map((m) => (
            <MachineRow key={m.id} m={m} />
          ))}
          {machines.length === 0 && (
            <tr>
              <td colSpan={7}>{t('machines.none')}</td>
            </tr>
          )}
        </tbody>
      </table>

      <div className="rotate-token">
        <button
          type="button"
          data-testid="rotate-token"
          disabled={rotate.busy}
          onClick={() => void rotate.run(rotateBootstrapToken).then((r) => r && setToken(r.token))}
        >
          {t('machines.rotateToken')}
        </button>
        <span className="field-hint">{t('machines.rotateHint')}</span>
        {rotate.error !== null && <CommandStatus cmd={rotate} testId="rotate-token" />}
        {token && (
          <p className="new-token" data-testid="new-token">
            {t('machines.newToken')} <code>{token}</code>
          </p>
        )}
      </div>
    </section>
  );
}
