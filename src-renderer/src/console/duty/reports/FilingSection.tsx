// 信息报送 of one report: its clock (what is due and when, red once overdue), every version kept
// (首报, 续报, 终报) with its figures and the written report as .docx or PDF, and the form for the
// next version. Re-read whenever the reporting slice hears of a change.
import { useEffect, useMemo, useState } from 'react';
import {
  EVENT_CLASS_LABELS,
  EVENT_LEVEL_LABELS,
  EventClass,
  EventLevel,
  FIGURE_KEYS,
  FIGURE_LABELS,
  FILING_KIND_LABELS,
  FilingInput,
  type Filing,
  type FigureKey,
  type ReportClock,
  type ReportFilings,
} from '@contract/reporting';
import { useT } from '../../../i18n/use-t';
import { useLabel } from '../../../shared/label';
import { useServerNow } from '../../../shared/use-server-now';
import { useCommands, useSlice } from '../../../state/context';
import { dateTime } from '../../../state/duty/format';
import { countdown, isOverdue } from '../../../state/reporting/reporting';
import { reportingSlice } from '../../../state/reporting/reporting-slice';
import { ConfirmButton } from '../../ConfirmButton';
import { Field, TextArea, TextField } from '../../Field';
import { StillToFix } from '../../StillToFix';
import { draftField } from '../../draft-field';
import { useDraftCheck } from '../../use-draft-check';
import { useActor } from '../ActorPicker';
import { saveDownload } from '../file-io';
import { draftAfter, filingInputFrom, nextKinds, type FilingDraft } from './filing-draft';

export function FilingSection({ reportId }: { reportId: string }) {
  const t = useT();
  const version = useSlice(reportingSlice, (s) => s.version);
  const { readFilings } = useCommands(reportingSlice);
  const [filings, setFilings] = useState<ReportFilings | null>(null);
  useEffect(() => {
    let live = true;
    void readFilings(reportId).then((r) => live && r && setFilings(r));
    return () => {
      live = false;
    };
  }, [reportId, version, readFilings]);
  if (!filings || filings.reportId !== reportId) return null;
  return (
    <section className="filing-section" data-testid="filing-section">
      <h4>{t('filing.title')}</h4>
      {filings.clock && <FilingClock clock={filings.clock} />}
      <FilingVersions reportId={reportId} versions={filings.versions} />
      <FilingForm key={`${reportId}:${filings.versions.length}`} reportId={reportId} versions={filings.versions} onSaved={setFilings} />
    </section>
  );
}

function FilingClock({ clock }: { clock: ReportClock }) {
  const t = useT();
  const label = useLabel();
  const now = useServerNow(1000);
  const overdue = isOverdue(clock, now);
  return (
    <p className={overdue ? 'filing-clock overdue' : 'filing-clock'} data-testid="filing-clock" data-stage={clock.stage} data-overdue={overdue || undefined}>
      <span>
        {label(EVENT_CLASS_LABELS[clock.eventClass])} · {label(EVENT_LEVEL_LABELS[clock.level])}
      </span>{' '}
      {clock.dueAt === null || clock.dueKind === null ? (
        <span>{t('filing.allIn')}</span>
      ) : (
        <span className="tabular">
          {t(overdue ? 'filing.overdueBy' : 'filing.dueIn', {
            kind: label(FILING_KIND_LABELS[clock.dueKind]),
            left: countdown(clock.dueAt, now).replace('+', ''),
          })}{' '}
          ({dateTime(clock.dueAt)})
        </span>
      )}
      {clock.stage === 'first' && <span className="field-hint"> {t('filing.phoneBy', { time: dateTime(clock.phoneDueAt) })}</span>}
    </p>
  );
}

export function FilingVersions({ reportId, versions }: { reportId: string; versions: Filing[] }) {
  const t = useT();
  const label = useLabel();
  const { exportFilingDocx, exportFilingPdf } = useCommands(reportingSlice);
  const download = async (get: typeof exportFilingDocx, seq: number): Promise<void> => {
    const file = await get(reportId, seq);
    if (file) saveDownload(file);
  };
  if (versions.length === 0) return <p className="unset">{t('filing.none')}</p>;
  return (
    <table className="filing-versions" data-testid="filing-versions">
      <thead>
        <tr>
          <th>{t('filing.version')}</th>
          <th>{t('filing.submitted')}</th>
          {FIGURE_KEYS.map((k) => (
            <th key={k}>{label(FIGURE_LABELS[k])}</th>
          ))}
          <th>{t('filing.documents')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.seq} data-testid="filing-version" data-kind={v.kind} data-seq={v.seq}>
            <td>
              {label(FILING_KIND_LABELS[v.kind])}
              {v.kind === 'followup' ? ` ${v.followUpNo}` : ''}
            </td>
            <td className="tabular">
              {dateTime(v.submittedAt)} · {v.by.name}
            </td>
            {FIGURE_KEYS.map((k) => (
              <td key={k} className="tabular" data-figure={k}>
                {v.figures[k]}
              </td>
            ))}
            <td>
              <button type="button" data-testid="filing-docx" onClick={() => void download(exportFilingDocx, v.seq)}>
                .docx
              </button>{' '}
              <button type="button" data-testid="filing-pdf" onClick={() => void download(exportFilingPdf, v.seq)}>
                PDF
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FilingForm({ reportId, versions, onSaved }: { reportId: string; versions: Filing[]; onSaved(f: ReportFilings): void }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const { submitFiling } = useCommands(reportingSlice);
  const kinds = nextKinds(versions);
  const [d, setD] = useState<FilingDraft>(() => draftAfter(versions));
  const [busy, setBusy] = useState(false);
  const sent = useMemo(() => filingInputFrom(d), [d]);
  const check = useDraftCheck(FilingInput, sent);
  if (kinds.length === 0) return <p className="unset">{t('filing.closed')}</p>;
  const edit = (p: Partial<FilingDraft>): void => {
    setD({ ...d, ...p });
    check.touch(...Object.keys(p));
  };
  const setFigure = (k: FigureKey, v: string): void => edit({ figures: { ...d.figures, [k]: v } });
  const submit = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    setBusy(true);
    const saved = await submitFiling(reportId, sent);
    setBusy(false);
    if (saved) onSaved(saved);
  };
  const labels: Record<string, string> = {
    figures: t('filing.figures'),
    cause: t('filing.cause'),
    measures: t('filing.measures'),
    text: t('filing.text'),
    unit: t('filing.unit'),
    signer: t('filing.signer'),
  };
  const field = draftField(d, edit, check, labels);
  const disabled = !actor || busy || !check.valid;
  return (
    <form
      className="filing-form"
      data-testid="filing-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (d.kind !== 'final') void submit();
      }}
    >
      <div className="form-row">
        <Field label={t('filing.kind')}>
          <select data-testid="filing-kind" value={d.kind} onChange={(e) => edit({ kind: e.target.value as FilingDraft['kind'] })}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {label(FILING_KIND_LABELS[k])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('filing.eventClass')}>
          <select data-testid="filing-class" value={d.eventClass} onChange={(e) => edit({ eventClass: e.target.value as FilingDraft['eventClass'] })}>
            <option value="">{t('filing.asBefore')}</option>
            {EventClass.options.map((c) => (
              <option key={c} value={c}>
                {label(EVENT_CLASS_LABELS[c])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('filing.level')}>
          <select data-testid="filing-level" value={d.level} onChange={(e) => edit({ level: e.target.value as FilingDraft['level'] })}>
            <option value="">{t('filing.asBefore')}</option>
            {EventLevel.options.map((l) => (
              <option key={l} value={l}>
                {label(EVENT_LEVEL_LABELS[l])}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-row filing-figures">
        {FIGURE_KEYS.map((k) => (
          <TextField
            key={k}
            type="number"
            inputMode={k === 'lossWan' ? 'decimal' : 'numeric'}
            label={`${label(FIGURE_LABELS[k])}（${label(FIGURE_LABELS[k].unit)}）`}
            testId={`filing-figure-${k}`}
            value={d.figures[k]}
            error={check.shown(`figures.${k}`)}
            onChange={(v) => setFigure(k, v)}
          />
        ))}
      </div>
      <TextArea {...field('text')} testId="filing-text" maxLength={4000} />
      <TextArea {...field('cause')} testId="filing-cause" maxLength={2000} />
      <TextArea {...field('measures')} testId="filing-measures" maxLength={4000} />
      <div className="form-row">
        <TextField {...field('unit')} testId="filing-unit" maxLength={60} />
        <TextField {...field('signer')} testId="filing-signer" maxLength={20} />
      </div>
      <div className="form-actions">
        {d.kind === 'final' ? (
          <ConfirmButton
            testId="filing-submit"
            label={t('filing.submitFinal')}
            title={t('filing.confirmFinalTitle')}
            consequence={t('filing.confirmFinalBody')}
            disabled={disabled}
            onConfirm={() => void submit()}
          />
        ) : (
          <button type="submit" className="primary" data-testid="filing-submit" disabled={disabled}>
            {t('filing.submit', { kind: label(FILING_KIND_LABELS[d.kind]) })}
          </button>
        )}
        <StillToFix errors={check.errors} labels={labels} />
      </div>
    </form>
  );
}
