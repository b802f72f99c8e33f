import { reportingSlice } from '../../state/reporting/reporting-slice';
import { definePanel } from '../registry';
import { ReportClockPanel } from './ReportClockPanel';

export const reportClockPanel = definePanel({
  id: 'report-clock',
  slices: [reportingSlice],
  title: 'panel.reportClock',
  component: ReportClockPanel,
  essential: false,
});
