// Panel 供电保障: the overall state, the active alarms (acknowledge, mute) and a tile per source.
// Its data is the power slice (state/power), kept live by the capability's events.
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { AlarmList } from './AlarmList';
import { PowerErrorNote } from './PowerErrorNote';
import { PowerStateBanner } from './PowerStateBanner';
import { SourceTile } from './SourceTile';
import { Legend } from '../../shared/Legend';
import { useLabel } from '../../shared/label';
import { STATES } from '../../styles/colour-language';
import { powerLooks } from './legend';

function SourceTiles() {
  const sources = useSlice(powerSlice, (s) => s.sources);
  // Sparklines move every 10 s (the sample period); no need to redraw them every second.
  const now = useServerNow(10_000);
  // The wall says what is so (the state banner says no source is monitored); how to add a source is
  // the console's business (PowerConsole). Saying it twice cost a cell a line.
  if (sources.length === 0) return null;
  return (
    <div className="power-tiles" data-count={sources.length}>
      {sources.map((s) => (
        <SourceTile key={s.id} source={s} now={now} />
      ))}
    </div>
  );
}

/** What the banner's and the tiles' colours and shapes mean, for the looks on screen. */
function PowerLegend() {
  const t = useT();
  const label = useLabel();
  const state = useSlice(powerSlice, (s) => s.state);
  const verdicts = useSlice(powerSlice, (s) => s.sources.map((x) => x.verdict).join(','));
  const looks = powerLooks(state, verdicts ? (verdicts.split(',') as Parameters<typeof powerLooks>[1]) : []);
  const entries = looks.map((l) => ({ id: l, shape: STATES[l].shape, colour: STATES[l].colour, word: label(STATES[l].word) }));
  return <Legend entries={entries} label={t('legend.label')} />;
}

export function PowerPanel() {
  const t = useT();
  const loaded = useSlice(powerSlice, (s) => s.loaded);
  const state = useSlice(powerSlice, (s) => s.state);
  if (!loaded)
    return (
      <div className="panel panel-waiting">
        {t('power.loading')}
        <PowerErrorNote commands={['loadOverview']} />
      </div>
    );
  return (
    <div className="panel power-panel" data-testid="power-panel" data-state={state}>
      <PowerStateBanner />
      <PowerLegend />
      <AlarmList />
      <SourceTiles />
    </div>
  );
}
