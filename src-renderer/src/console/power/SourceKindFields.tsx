// The fields only one kind of source has: NUT's UPS name, account and TLS; SNMP's community and
// version; Modbus's unit id and controller model. The password and the community are secrets: the
// server never sends them back, only whether one is stored, so their boxes start blank (blank
// keeps the stored one) and warn before a save that re-points the source drops it.
import type { ControllerModel } from '@contract/power';
import type { z } from 'zod';
import { useLanguage, useT } from '../../i18n/use-t';
import { Check } from '../Check';
import { Field } from '../Field';
import { secretDropped, type SourceDraft } from './source-draft';

interface Props {
  draft: SourceDraft;
  models: z.infer<typeof ControllerModel>[];
  edit(patch: Partial<SourceDraft>): void;
}

/** Shown while saving would drop the stored secret: the operator learns it before, not after. */
function DroppedSecretNote({ draft }: { draft: SourceDraft }) {
  const t = useT();
  const dropped = secretDropped(draft);
  if (!dropped) return null;
  return (
    <p className="power-secret-dropped" role="status" data-testid="power-source-secret-dropped">
      {t(dropped === 'password' ? 'powerConsole.passwordWillClear' : 'powerConsole.communityWillClear')}
    </p>
  );
}

interface SecretFieldProps {
  testId: string;
  clearTestId: string;
  label: string;
  hint: string | undefined;
  clearLabel: string;
  value: string;
  maxLength: number;
  spellCheck?: boolean;
  /** A secret is stored on the server: offer to clear it. */
  stored: boolean;
  /** Clearing it is ticked: the box is disabled. */
  clear: boolean;
  onValue(value: string): void;
  onClear(clear: boolean): void;
}

/** A secret's box (NUT password, SNMP community) and, when one is stored, the tick that clears it. */
function SecretField({ testId, clearTestId, label, hint, clearLabel, value, maxLength, spellCheck, stored, clear, onValue, onClear }: SecretFieldProps) {
  return (
    <>
      <Field label={label} hint={hint}>
        <input
          data-testid={testId}
          type="password"
          value={value}
          maxLength={maxLength}
          spellCheck={spellCheck}
          autoComplete="new-password"
          disabled={clear}
          onChange={(e) => onValue(e.target.value)}
        />
      </Field>
      {stored && <Check label={clearLabel} testId={clearTestId} checked={clear} onChange={onClear} />}
    </>
  );
}

function NutFields({ draft, edit }: Omit<Props, 'models'>) {
  const t = useT();
  return (
    <>
      <div className="form-row">
        <Field label={t('powerConsole.ups')} hint={t('powerConsole.upsHint')}>
          <input data-testid="power-source-ups" value={draft.ups} maxLength={64} spellCheck={false} onChange={(e) => edit({ ups: e.target.value })} />
        </Field>
        <Field label={t('powerConsole.username')}>
          <input
            data-testid="power-source-username"
            value={draft.username}
            maxLength={64}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => edit({ username: e.target.value })}
          />
        </Field>
        <SecretField
          testId="power-source-password"
          clearTestId="power-source-clear-password"
          label={t('powerConsole.password')}
          hint={draft.passwordSet ? t('powerConsole.passwordKeep') : undefined}
          clearLabel={t('powerConsole.passwordClear')}
          value={draft.password}
          maxLength={128}
          stored={draft.passwordSet}
          clear={draft.clearPassword}
          onValue={(password) => edit({ password })}
          onClear={(clearPassword) => edit({ clearPassword })}
        />
      </div>
      <div className="form-row">
        <Check
          label={t('powerConsole.login')}
          title={t('powerConsole.loginHint')}
          testId="power-source-login"
          checked={draft.login}
          onChange={(login) => edit({ login })}
        />
        <Field label={t('powerConsole.tls')}>
          <select data-testid="power-source-tls" value={draft.tls} onChange={(e) => edit({ tls: e.target.value as SourceDraft['tls'] })}>
            <option value="none">{t('powerConsole.tlsNone')}</option>
            <option value="starttls">{t('powerConsole.tlsStarttls')}</option>
          </select>
        </Field>
        {draft.tls === 'starttls' && (
          <>
            <Field label={t('powerConsole.tlsCa')}>
              <textarea data-testid="power-source-tls-ca" rows={3} value={draft.tlsCa} spellCheck={false} onChange={(e) => edit({ tlsCa: e.target.value })} />
            </Field>
            <Check
              label={t('powerConsole.tlsInsecure')}
              testId="power-source-tls-insecure"
              checked={draft.tlsInsecure}
              onChange={(tlsInsecure) => edit({ tlsInsecure })}
            />
          </>
        )}
      </div>
      <DroppedSecretNote draft={draft} />
    </>
  );
}

function SnmpFields({ draft, edit }: Omit<Props, 'models'>) {
  const t = useT();
  return (
    <>
      <div className="form-row">
        <SecretField
          testId="power-source-community"
          clearTestId="power-source-clear-community"
          label={t('powerConsole.community')}
          hint={draft.communitySet ? t('powerConsole.communityKeep') : t('powerConsole.communityDefault')}
          clearLabel={t('powerConsole.communityClear')}
          value={draft.community}
          maxLength={64}
          spellCheck={false}
          stored={draft.communitySet}
          clear={draft.clearCommunity}
          onValue={(community) => edit({ community })}
          onClear={(clearCommunity) => edit({ clearCommunity })}
        />
        <Field label={t('powerConsole.version')}>
          <select data-testid="power-source-version" value={draft.version} onChange={(e) => edit({ version: e.target.value as SourceDraft['version'] })}>
            <option value="2c">v2c</option>
            <option value="1">v1</option>
          </select>
        </Field>
      </div>
      <DroppedSecretNote draft={draft} />
    </>
  );
}

export function SourceKindFields({ draft, models, edit }: Props) {
  const t = useT();
  const lang = useLanguage();
  if (draft.kind === 'nut') return <NutFields draft={draft} edit={edit} />;
  if (draft.kind === 'snmp') return <SnmpFields draft={draft} edit={edit} />;
  return (
    <div className="form-row">
      <Field label={t('powerConsole.unitId')}>
        <input data-testid="power-source-unit-id" type="number" min={0} max={255} value={draft.unitId} onChange={(e) => edit({ unitId: e.target.value })} />
      </Field>
      <Field label={t('powerConsole.model')}>
        <select data-testid="power-source-model" value={draft.model} onChange={(e) => edit({ model: e.target.value })}>
          {/* A model the server no longer ships still shows, so the form does not silently change it. */}
          {!models.some((m) => m.id === draft.model) && <option value={draft.model}>{draft.model}</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {lang === 'en' ? m.name.en : m.name.zh}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
