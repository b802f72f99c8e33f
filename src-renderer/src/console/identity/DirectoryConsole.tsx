// 目录登录 (LDAP, issue 14): an administrator points sign-in at the district's directory. The entry
// of the name typed is found by a DN template, or by a search (base and filter, as a service
// account or anonymously); its attribute names the roster person. The service password is a
// secret: never shown, kept when left empty. The hub checks the form's values (each field named).
import { useEffect, useState } from 'react';
import type { Directory, DirectoryInput } from '@contract/identity';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { directorySlice } from '../../state/identity/directory-slice';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';

interface Draft {
  enabled: boolean;
  url: string;
  startTls: boolean;
  mode: 'template' | 'search';
  bindDnTemplate: string;
  searchBase: string;
  searchFilter: string;
  serviceDn: string;
  servicePassword: string;
  personAttribute: string;
}

function draftOf(d: Directory | null): Draft {
  return {
    enabled: d?.enabled ?? false,
    url: d?.url ?? 'ldap://',
    startTls: d?.startTls ?? false,
    mode: d && d.bindDnTemplate === null && d.searchBase !== null ? 'search' : 'template',
    bindDnTemplate: d?.bindDnTemplate ?? 'uid={name},ou=people,dc=yuexiu,dc=gov',
    searchBase: d?.searchBase ?? '',
    searchFilter: d?.searchFilter ?? '(uid={name})',
    serviceDn: d?.serviceBind?.dn ?? '',
    servicePassword: '',
    personAttribute: d?.personAttribute ?? 'cn',
  };
}

function inputOf(d: Draft): DirectoryInput {
  const search = d.mode === 'search';
  return {
    enabled: d.enabled,
    url: d.url.trim(),
    startTls: d.startTls,
    bindDnTemplate: search ? null : d.bindDnTemplate.trim(),
    searchBase: search ? d.searchBase.trim() : null,
    searchFilter: search ? d.searchFilter.trim() : null,
    serviceBind: search && d.serviceDn.trim() ? { dn: d.serviceDn.trim(), ...(d.servicePassword ? { password: d.servicePassword } : {}) } : null,
    personAttribute: d.personAttribute.trim(),
  };
}

export function DirectoryConsole() {
  const t = useT();
  const saved = useSlice(directorySlice, (s) => s.directory);
  const { saveDirectory } = useCommands(directorySlice);
  const cmd = useCommand();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  useEffect(() => setDraft(draftOf(saved)), [saved]);
  const set = (change: Partial<Draft>): void => setDraft((d) => ({ ...d, ...change }));
  const text = (key: keyof Draft, label: string, testId: string, type = 'text') => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        data-testid={testId}
        type={type}
        maxLength={300}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        value={draft[key] as string}
        onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)}
      />
    </label>
  );
  return (
    <section className="console-section admin-directory" data-testid="directory-console">
      <h2>{t('directory.title')}</h2>
      <p className="field-hint">{t('directory.hint')}</p>
      <form
        className="enrol-form"
        onSubmit={(e) => {
          e.preventDefault();
          void cmd.run(() => saveDirectory(inputOf(draft)));
        }}
      >
        <label className="field checkbox">
          <input type="checkbox" data-testid="directory-enabled" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          <span>{t('directory.enabled')}</span>
        </label>
        {text('url', t('directory.url'), 'directory-url')}
        <label className="field checkbox">
          <input type="checkbox" data-testid="directory-starttls" checked={draft.startTls} onChange={(e) => set({ startTls: e.target.checked })} />
          <span>{t('directory.startTls')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('directory.mode')}</span>
          <select data-testid="directory-mode" value={draft.mode} onChange={(e) => set({ mode: e.target.value as Draft['mode'] })}>
            <option value="template">{t('directory.modeTemplate')}</option>
            <option value="search">{t('directory.modeSearch')}</option>
          </select>
        </label>
        {draft.mode === 'template' ? (
          text('bindDnTemplate', t('directory.template'), 'directory-template')
        ) : (
          <>
            {text('searchBase', t('directory.searchBase'), 'directory-base')}
            {text('searchFilter', t('directory.searchFilter'), 'directory-filter')}
            {text('serviceDn', t('directory.serviceDn'), 'directory-service-dn')}
            {text(
              'servicePassword',
              saved?.serviceBind?.hasPassword ? t('directory.servicePasswordKept') : t('directory.servicePassword'),
              'directory-service-password',
              'password',
            )}
          </>
        )}
        {text('personAttribute', t('directory.personAttribute'), 'directory-attribute')}
        <button type="submit" className="primary" data-testid="directory-save" disabled={cmd.busy}>
          {t('directory.save')}
        </button>
        <CommandStatus cmd={cmd} testId="directory" />
      </form>
    </section>
  );
}
