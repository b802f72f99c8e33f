// A wall display: header plus the grid of the preset active on this display.
import { useT } from '../i18n/use-t';
import { useApp } from '../state/context';
import { WallGrid, WallGridMessage } from './WallGrid';
import { WallHeader } from './WallHeader';
import { activePresetFor } from './wall-layout';

export function WallPage({ display }: { display: number }) {
  const t = useT();
  const wall = useApp((s) => s.wall);
  const loaded = useApp((s) => s.loaded);
  const preset = activePresetFor(wall, display);
  return (
    <div className="wall" data-testid="wall" data-display={display} data-preset={preset?.id ?? ''} data-layout={preset?.layout.kind ?? ''}>
      <WallHeader />
      {preset ? <WallGrid preset={preset} display={display} /> : <WallGridMessage text={loaded ? t('wall.noPresets') : t('app.loading')} />}
    </div>
  );
}
