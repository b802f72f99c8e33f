// 接报: record an incoming report in the duty log. Time received (blank = now), source,
// category, street, location and optional WGS84 coordinates, summary, severity, caller.
import { useMemo, useState } from 'react';
import { REPORT_CATEGORY_LABELS, REPORT_SOURCE_LABELS, ReportCategory, ReportInput, ReportSource, Severity, SEVERITY_LABELS } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { appSlice } from '../../../state/app/app-slice';
import { useCommands, useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { Field, TextArea, TextField } from '../../Field';
import { draftField } from '../../draft-field';
import { useDraftCheck } from '../../use-draft-check';
import type { Issue } from '../../../shared/error-text';
import { StillToFix } from '../../StillToFix';
import { useActor } from '../ActorPicker';
import { EnumSelect } from '../EnumSelect';
import { StreetSelect } from '../StreetSelect';
import { emptyReportDraft, isDraftProblem, reportInputFrom, type ReportDraft } from './report-draft';
import { DraftForm } from '../../DraftForm';

const NO_ISSUES: readonly Issue[] = [];
const BAD_TIME: readonly Issue[] = [{ path: ['receivedAt'], code: 'invalid_format', input: 'x' }];

export function ReportForm({ onRecorded }: { onRecorded(id: string): void }) {
  const t = useT();
  const actor = useActor();
  const offset = useSlice(appSlice, (s) => s.serverOffsetMs);
  const { recordReport } = useCommands(dutySlice);
  const [d, setD] = useState<ReportDraft>(emptyReportDraft);
  const [busy, setBusy] = useState(false);
  // What would be sent (a bad time is this form's own check; the rest is the contract's).
  const { sent, timeIssues } = useMemo(() => {
    const input = reportInputFrom(d, Date.now() + (offset ?? 0));
    if (!isDraftProblem(input)) return { sent: input, timeIssues: NO_ISSUES };
    return { sent: reportInputFrom({ ...d, receivedAt: '' }, 0), timeIssues: BAD_TIME };
  }, [d, offset]);
  const check = useDraftCheck(ReportInput, sent, timeIssues);
  const edit = (p: Partial<ReportDraft>): void => {
    setD({ ...d, ...p });
    check.touch(...Object.keys(p).map((k) => (k === 'lat' || k === 'lng' ? 'coordinates' : k)));
  };

  const submit = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    const input = reportInputFrom(d, Date.now() + (offset ?? 0));
    if (isDraftProblem(input)) return check.attempt();
    setBusy(true);
    const saved = await recordReport(input);
    setBusy(false);
    if (!saved) return;
    setD({ ...emptyReportDraft(), source: d.source, category: d.category });
    check.reset();
    onRecorded(saved.id);
  };
  const labels: Record<string, string> = {
    receivedAt: t('reportForm.receivedAt'),
    street: t('reportForm.street'),
    location: t('reportForm.location'),
    coordinates: t('reportForm.lat'),
    summary: t('reportForm.summary'),
    caller: t('reportForm.caller'),
  };
  const field = draftField(d, edit, check, labels);

  return (
    <DraftForm className="report-form" testId="report-form" busy={busy} onSubmit={() => void submit()}>
      <h2>{t('reportForm.title')}</h2>
      <div className="form-row">
        <Field
          label={t('reportForm.receivedAt')}
          hint={t('reportForm.receivedAtHint')}
          error={check.shown('receivedAt') && (timeIssues === BAD_TIME ? t('reportForm.badTime') : check.shown('receivedAt'))}
        >
          <input type="datetime-local" data-testid="report-received" value={d.receivedAt} onChange={(e) => edit({ receivedAt: e.target.value })} />
        </Field>
        <EnumSelect
          label={t('reportForm.source')}
          testId="report-source"
          value={d.source}
          options={ReportSource.options}
          labels={REPORT_SOURCE_LABELS}
          onChange={(source) => edit({ source })}
        />
        <EnumSelect
          label={t('reportForm.category')}
          testId="report-category"
          value={d.category}
          options={ReportCategory.options}
          labels={REPORT_CATEGORY_LABELS}
          onChange={(category) => edit({ category })}
        />
        <EnumSelect
          label={t('reportForm.severity')}
          testId="report-severity"
          value={d.severity}
          options={Severity.options}
          labels={SEVERITY_LABELS}
          onChange={(severity) => edit({ severity })}
        />
      </div>
      <div className="form-row">
        <StreetSelect testId="report-street" value={d.street} error={check.shown('street')} onChange={(street) => edit({ street })} />
        <TextField {...field('location')} testId="report-location" className="wide" maxLength={200} />
        <TextField
          label={t('reportForm.lat')}
          hint={t('reportForm.coordsHint')}
          error={check.shown('coordinates.lat') ?? check.shown('coordinates')}
          testId="report-lat"
          value={d.lat}
          className="narrow"
          inputMode="decimal"
          onChange={(lat) => edit({ lat })}
        />
        <TextField
          label={t('reportForm.lng')}
          error={check.shown('coordinates.lng')}
          testId="report-lng"
          value={d.lng}
          className="narrow"
          inputMode="decimal"
          onChange={(lng) => edit({ lng })}
        />
      </div>
      <div className="form-row">
        <TextArea {...field('summary')} testId="report-summary" className="wide" rows={3} maxLength={2000} />
        <TextField {...field('caller')} testId="report-caller" maxLength={100} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="record-report" disabled={!actor || busy || !check.valid}>
          {t('reportForm.record')}
        </button>
        {check.valid ? <span className="field-hint">{t('reportForm.startsNew')}</span> : <StillToFix errors={check.errors} labels={labels} />}
      </div>
    </DraftForm>
  );
}
