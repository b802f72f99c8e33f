// Warnings on the console: import a CAP 1.2 file, set the intranet feed the hub polls, and end
// an active warning by hand (with a reason) when its lifting alert never came.
import { useRef, useState } from 'react';
import { jsonUtf8Length } from '@contract/limits';
import { MAX_CAP_BYTES, SIGNAL_LEVEL_LABELS, SIGNALS, type CapOutcome } from '@contract/warnings';
import { useLanguage, useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands, useSlice } from '../../state/context';
import { warningsSlice } from '../../state/warnings/warnings-slice';
import { Field } from '../Field';
import { CommandStatus } from '../CommandStatus';
import { ConfirmButton } from '../ConfirmButton';
import { useCommand } from '../use-command';

function CapImport() {
  const t = useT();
  const label = useLabel();
  const file = useRef<HTMLInputElement>(null);
  const [outcomes, setOutcomes] = useState<CapOutcome[]>([]);
  const [chosen, setChosen] = useState(false);
  const cmd = useCommand();
  const { importCap } = useCommands(warningsSlice);
  const run = async (): Promise<void> => {
    setOutcomes([]);
    const f = file.current?.files?.[0];
    if (!f) return;
    const xml = await f.text();
    if (jsonUtf8Length(xml) > MAX_CAP_BYTES) return void cmd.run(() => Promise.reject(new Error(t('capForm.tooBig'))));
    const r = await cmd.run(
      () => importCap(xml, f.name.slice(0, 120)),
      () => t('capForm.applied'),
    );
    if (r) setOutcomes(r.outcomes);
  };
  return (
    <div data-testid="cap-import">
      <div className="form-row">
        <Field label={t('capForm.file')}>
          <input
            ref={file}
            type="file"
            accept=".xml,.cap"
            data-testid="cap-file"
            onChange={(e) => {
              cmd.reset();
              setChosen((e.target.files?.length ?? 0) > 0);
            }}
          />
        </Field>
        <div className="form-actions">
          <button type="button" className="primary" disabled={cmd.busy || !chosen} data-testid="cap-import-run" onClick={() => void run()}>
            {t('capForm.import')}
          </button>
          {!chosen && <span className="field-hint">{t('capForm.chooseFirst')}</span>}
        </div>
      </div>
      <CommandStatus cmd={cmd} testId="cap-import" />
      {outcomes.length > 0 && (
        <ul data-testid="cap-outcomes">
          {outcomes.map((o) => (
            <li key={o.identifier} data-outcome={o.outcome}>
              {o.identifier}: {label(SIGNALS[o.type])}
              {o.level && ` ${label(SIGNAL_LEVEL_LABELS[o.level])}`} · {t(`capForm.outcome.${o.outcome}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FeedForm() {
  const t = useT();
  const feed = useSlice(warningsSlice, (d) => d.state?.feed);
  const [url, setUrl] = useState<string | null>(null);
  const [interval, setIntervalS] = useState<string | null>(null);
  const cmd = useCommand();
  const { setFeed, pollNow } = useCommands(warningsSlice);
  const shownUrl = url ?? feed?.config?.url ?? '';
  const shownInterval = interval ?? String(feed?.config?.intervalSeconds ?? 60);
  const save = (enabled: boolean): void => void cmd.run(() => setFeed(shownUrl ? { url: shownUrl, intervalSeconds: Number(shownInterval), enabled } : null));
  return (
    <div data-testid="cap-feed">
      <div className="form-row">
        <Field label={t('capForm.feedUrl')} hint={t('capForm.feedHint')}>
          <input size={50} data-testid="cap-feed-url" value={shownUrl} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field label={t('capForm.interval')}>
          <input size={6} value={shownInterval} onChange={(e) => setIntervalS(e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => save(true)} data-testid="cap-feed-save">
          {t('capForm.feedSave')}
        </button>
        <button type="button" onClick={() => save(false)}>
          {t('capForm.feedPause')}
        </button>
        <button type="button" disabled={!feed?.config} onClick={() => void cmd.run(() => pollNow())}>
          {t('capForm.pollNow')}
        </button>
        {feed?.lastPollAt && <span className="situation-note">{feed.lastOk ? t('capForm.feedOk') : feed.lastError}</span>}
      </div>
      <CommandStatus cmd={cmd} testId="cap-feed" />
    </div>
  );
}

const NONE: readonly never[] = [];

function ActiveList() {
  const t = useT();
  const lang = useLanguage();
  const label = useLabel();
  // Select the stored array itself: a fresh [] from a selector would re-render forever.
  const active = useSlice(warningsSlice, (d) => d.state?.active) ?? NONE;
  const [reason, setReason] = useState('');
  const cmd = useCommand();
  const { cancel } = useCommands(warningsSlice);
  // The server asks for a reason of at least 2 characters (contract/warnings.ts 'warnings.cancel').
  const reasonOk = reason.trim().length >= 2;
  if (active.length === 0) return <p className="situation-note">{t('warnings.noneActive')}</p>;
  return (
    <div>
      <Field label={t('capForm.cancelReason')} hint={reasonOk ? undefined : t('confirm.cancelWarningNeedsReason')}>
        <input data-testid="warning-cancel-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ul>
        {active.map((w) => {
          const name = [label(SIGNALS[w.type]), label(SIGNAL_LEVEL_LABELS[w.level])].join(lang === 'zh-CN' ? '' : ' ');
          return (
            <li key={w.id} data-testid="warning-active" data-id={w.id}>
              {label(SIGNALS[w.type])} {label(SIGNAL_LEVEL_LABELS[w.level])} · {w.headline}{' '}
              <ConfirmButton
                className="danger"
                testId={`warning-cancel-${w.id}`}
                disabled={cmd.busy || !reasonOk}
                label={t('capForm.cancel')}
                title={t('confirm.cancelWarningTitle', { name })}
                consequence={<p>{t('confirm.cancelWarningBody', { reason: reason.trim() })}</p>}
                onConfirm={() => void cmd.run(() => cancel(w.id, reason)).then((done) => done && setReason(''))}
              />
            </li>
          );
        })}
      </ul>
      <CommandStatus cmd={cmd} testId="warning-cancel" />
    </div>
  );
}

// Same JSX shape as CamerasConsole (console/cameras/CamerasConsole.tsx): a titled tab of forms, nothing shared.
export function WarningsConsole() {
  const t = useT();
  return (
    <div data-testid="warnings-console">
      <h2>{t('capForm.title')}</h2>
      <CapImport />
      <FeedForm />
      <ActiveList />
    </div>
  );
}
