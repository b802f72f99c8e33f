// One report: its details, the status moves it allows, escalation into a plan response, and
// its history (every change, time-stamped and attributed). Re-read whenever it changes.
import { useEffect, useRef, useState } from 'react';
import { REPORT_CATEGORY_LABELS, REPORT_SOURCE_LABELS, REPORT_STATUS_LABELS, SEVERITY_LABELS, type ReportDetail as Detail } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { DemoTag } from '../../../panels/duty-now/DemoTag';
import { dateTime } from '../../../state/duty/format';
import { useLabel } from '../../../shared/label';
import { useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { reportingSlice } from '../../../state/reporting/reporting-slice';
import { useDutyRead } from '../../../state/duty/use-duty-read';
import { EscalateForm } from './EscalateForm';
import { ResponseLinks } from './ResponseLinks';
import { FilingSection } from './FilingSection';
import { ReportHistory } from './ReportHistory';
import { StatusControls } from './StatusControls';

/** `focus`: take the keyboard when it opens (just recorded, or picked from the list), so work continues here. */
export function ReportDetail({ id, focus = false }: { id: string; focus?: boolean }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const label = useLabel();
  const read = useDutyRead();
  const stamp = useSlice(dutySlice, (d) => d.reports.find((r) => r.id === id)?.updatedAt ?? 0);
  // A version submitted (信息报送) adds to the history without a duty log push: re-read on the reporting slice's changes too.
  const filed = useSlice(reportingSlice, (s) => s.version);
  const [detail, setDetail] = useState<Detail | null>(null);
  useEffect(() => {
    let live = true;
    void read('duty.getReport', { id }).then((r) => live && r && setDetail(r));
    return () => {
      live = false;
    };
  }, [id, stamp, filed, read]);
  const shownId = detail?.id;
  useEffect(() => {
    if (focus && shownId === id) heading.current?.focus();
  }, [focus, shownId, id]);
  if (!detail || detail.id !== id) return <p className="unset">{t('app.loading')}</p>;
  const facts: [string, string][] = [
    [t('reportList.received'), dateTime(detail.receivedAt)],
    [t('reportForm.source'), label(REPORT_SOURCE_LABELS[detail.source])],
    [t('reportForm.category'), label(REPORT_CATEGORY_LABELS[detail.category])],
    [t('reportForm.severity'), label(SEVERITY_LABELS[detail.severity])],
    [t('reportForm.street'), detail.street],
    [t('reportForm.location'), detail.location],
    [t('reportDetail.coordinates'), detail.coordinates ? `${detail.coordinates.lat}, ${detail.coordinates.lng}` : t('reportDetail.noCoordinates')],
    [t('reportForm.caller'), detail.caller || '—'],
    [t('reportDetail.recordedBy'), `${detail.recordedBy.name} · ${dateTime(detail.recordedAt)}`],
  ];
  return (
    <div className="report-detail" data-testid="report-detail" data-id={detail.id} data-status={detail.status}>
      <h3 ref={heading} tabIndex={-1}>
        <span className={`status-chip rs-${detail.status}`} data-testid="report-detail-status">
          {label(REPORT_STATUS_LABELS[detail.status])}
        </span>{' '}
        {detail.summary}
        {detail.demo && <DemoTag inline />}
      </h3>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {/* Responses by what they are (plan and level), each opening in 预案; never by id. */}
      {detail.responseIds.length > 0 && <ResponseLinks ids={detail.responseIds} history={detail.history} testId="report-responses" />}
      <StatusControls report={detail} />
      {detail.status !== 'closed' && <EscalateForm report={detail} />}
      <FilingSection reportId={detail.id} />
      <ReportHistory history={detail.history} />
    </div>
  );
}
