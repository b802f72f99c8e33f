// The fields only one kind of source has: NUT's UPS name, account and TLS; SNMP's community and
// version; Modbus's unit id and controller model. The password and the community are secrets: the
// server never sends them back, only whether one is stored, so their boxes start blank (blank
// keeps the stored one) and warn before a save that re-points the source drops it.
import type { ControllerModel } from '@contract/power';
import type { z } from 'zod';
import { useLanguage, useT } from '../../i18n/use-t';
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
        <Field label={t('powerConsole.password')} hint={draft.passwordSet ? t('powerConsole.passwordKeep') : undefined}>
          <input
            data-testid="power-source-password"
            type="password"
            value={draft.password}
            maxLength={128}
            autoComplete="new-password"
            disabled={draft.clearPassword}
            onChange={(e) => edit({ password: e.target.value })}
          />
        </Field>
        {draft.passwordSet && (
          <label className="check">
            <input
              type="checkbox"
              data-testid="power-source-clear-password"
              checked={draft.clearPassword}
              onChange={(e) => edit({ clearPassword: e.target.checked })}
            />
            {t('powerConsole.passwordClear')}
          </label>
        )}
      </div>
      <div className="form-row">
        <label className="check" title={t('powerConsole.loginHint')}>
          <input type="checkbox" data-testid="power-source-login" checked={draft.login} onChange={(e) => edit({ login: e.target.checked })} />
          {t('powerConsole.login')}
        </label>
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
            <label className="check">
              <input
                type="checkbox"
                data-testid="power-source-tls-insecure"
                checked={draft.tlsInsecure}
                onChange={(e) => edit({ tlsInsecure: e.target.checked })}
              />
              {t('powerConsole.tlsInsecure')}
            </label>
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
        <Field label={t('powerConsole.community')} hint={draft.communitySet ? t('powerConsole.communityKeep') : t('powerConsole.communityDefault')}>
          <input
            data-testid="power-source-community"
            type="password"
            value={draft.community}
            maxLength={64}
            spellCheck={false}
            autoComplete="new-password"
            disabled={draft.clearCommunity}
            onChange={(e) => edit({ community: e.target.value })}
          />
        </Field>
        {draft.communitySet && (
          <label className="check">
            <input
              type="checkbox"
              data-testid="power-source-clear-community"
              checked={draft.clearCommunity}
              onChange={(e) => edit({ clearCommunity: e.target.checked })}
            />
            {t('powerConsole.communityClear')}
          </label>
        )}
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
