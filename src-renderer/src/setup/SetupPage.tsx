// The desktop app's first run (no role chosen yet, src-main/shell/machine-role.ts): this machine is
// either the host (the core and the hub for the hall's other machines and the street centres) or
// a client enrolled to a hub with the one-time code the district console shows. On success the
// app restarts in the chosen role. Without the desktop shell (a browser) there is nothing to set up.
// There is no server yet, so the language is this page's own (Chinese first, English on the switch).
import { useMemo, useState, type FormEvent } from 'react';
import type { BridgeSetupReply } from '../client/bridge';
import { DEFAULT_LANGUAGE, translator, type Language } from '../i18n';
import { TextField } from '../console/Field';
import { checkSetup, emptySetupDraft, type SetupDraft, type SetupErrors } from './setup-draft';
import './setup.css';

export function SetupPage() {
  const [lang, setLang] = useState<Language>(DEFAULT_LANGUAGE);
  const t = useMemo(() => translator(lang), [lang]);
  const [draft, setDraft] = useState<SetupDraft>(emptySetupDraft);
  const [errors, setErrors] = useState<SetupErrors>({});
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState<BridgeSetupReply | null>(null);
  const set = (k: keyof SetupDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const err = (k: keyof SetupErrors): string | undefined => (errors[k] ? t(errors[k]) : undefined);
  const bridge = window.commandWall;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkSetup(draft);
    setErrors(checked.errors ?? {});
    if (!checked.choice || !bridge) return;
    setBusy(true);
    setReply(null);
    try {
      setReply(await bridge.setUp(checked.choice));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="setup-page" data-testid="setup-page">
      <header>
        <h1>{t('setup.title')}</h1>
        <button type="button" className="language-toggle" data-testid="language-toggle" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {t('console.switchLanguage')}
        </button>
      </header>
      {!bridge ? (
        <p>{t('setup.noShell')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="setup-roles">
            <legend>{t('setup.role')}</legend>
            {(['client', 'host'] as const).map((role) => (
              <label key={role} className="setup-role">
                <input
                  type="radio"
                  name="role"
                  value={role}
                  checked={draft.role === role}
                  onChange={() => set('role')(role)}
                  data-testid={`setup-role-${role}`}
                />
                <strong>{t(`setup.role.${role}`)}</strong>
                <span>{t(`setup.role.${role}.hint`)}</span>
              </label>
            ))}
          </fieldset>
          {draft.role === 'host' ? (
            <>
              <TextField
                label={t('setup.hosts')}
                hint={t('setup.hosts.hint')}
                error={err('hosts')}
                testId="setup-hosts"
                value={draft.hosts}
                onChange={set('hosts')}
              />
              <TextField label={t('setup.port')} error={err('port')} testId="setup-port" value={draft.port} onChange={set('port')} maxLength={5} />
            </>
          ) : (
            <>
              <TextField
                label={t('setup.hubA')}
                hint={t('setup.hub.hint')}
                error={err('hubA')}
                testId="setup-hub-a"
                value={draft.hubA}
                onChange={set('hubA')}
              />
              <TextField label={t('setup.hubB')} error={err('hubB')} testId="setup-hub-b" value={draft.hubB} onChange={set('hubB')} />
              <TextField
                label={t('setup.code')}
                hint={t('setup.code.hint')}
                error={err('code')}
                testId="setup-code"
                value={draft.code}
                onChange={set('code')}
                maxLength={12}
              />
              <TextField label={t('setup.name')} error={err('name')} testId="setup-name" value={draft.name} onChange={set('name')} maxLength={40} />
            </>
          )}
          <button type="submit" disabled={busy} data-testid="setup-submit">
            {busy ? t('setup.busy') : t('setup.submit')}
          </button>
          {reply && (
            <p role={reply.ok ? 'status' : 'alert'} className={reply.ok ? 'setup-ok' : 'setup-failed'} data-testid="setup-reply">
              {reply.ok ? t('setup.restarting') : `${t(`setup.failed.${reply.reason}`)}${reply.reason === 'refused' ? ` (${reply.message})` : ''}`}
            </p>
          )}
        </form>
      )}
    </main>
  );
}
