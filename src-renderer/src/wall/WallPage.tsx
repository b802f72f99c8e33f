// A wall display: header plus the grid of the preset active on this display.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t';
import { useSlice } from '../state/context';
import { wallSlice } from '../state/wall/wall-slice';
import { rememberedPreset, rememberPreset } from './remembered-preset';
import { WallGrid, WallGridMessage } from './WallGrid';
import { WallHeader } from './WallHeader';
import { activePresetFor } from './wall-layout';

export function WallPage({ display }: { display: number }) {
  const t = useT();
  const wall = useSlice(wallSlice, (s) => s.wall);
  const loaded = useSlice(wallSlice, (s) => s.loaded);
  // Read once: until the hub's wall state arrives, the display shows what it showed last.
  const [remembered] = useState(() => rememberedPreset(display));
  const live = activePresetFor(wall, display);
  const preset = wall ? live : remembered;
  useEffect(() => {
    if (wall) rememberPreset(display, live);
  }, [wall, live, display]);
  return (
    <div
      className="wall"
      data-testid="wall"
      data-display={display}
      data-preset={preset?.id ?? ''}
      data-layout={preset?.layout.kind ?? ''}
      data-live={wall ? '1' : '0'}
    >
      <WallHeader />
      {preset ? <WallGrid preset={preset} display={display} /> : <WallGridMessage text={loaded ? t('wall.noPresets') : t('app.loading')} />}
    </div>
  );
}
