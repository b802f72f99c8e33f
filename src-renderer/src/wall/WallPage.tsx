// A wall display: header, the alert strip (warnings and the response in force), and the grid of
// the preset active on this display. The wall's root carries its type scale (type-scale.ts) as
// CSS custom properties, from the room in the wall's settings and the window's width.
import { useEffect, useState, type CSSProperties } from 'react';
import { DEFAULT_WALL_SETTINGS } from '@contract/wall';
import { useT } from '../i18n/use-t';
import { useSlice } from '../state/context';
import { wallSlice } from '../state/wall/wall-slice';
import { wallReplaySlice } from '../state/replay/wall-replay-slice';
import { AlertStrip } from './AlertStrip';
import { rememberedPreset, rememberPreset } from './remembered-preset';
import { typeScale, typeScaleVars } from './type-scale';
import { WallGrid, WallGridMessage } from './WallGrid';
import { WallHeader } from './WallHeader';
import { activePresetFor } from './wall-layout';

function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = (): void => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

export function WallPage({ display }: { display: number }) {
  const t = useT();
  const wall = useSlice(wallSlice, (s) => s.wall);
  const loaded = useSlice(wallSlice, (s) => s.loaded);
  const room = useSlice(wallSlice, (s) => s.wall?.settings) ?? DEFAULT_WALL_SETTINGS;
  const inReplay = useSlice(wallReplaySlice, (s) => s.replay !== null);
  const width = useWindowWidth();
  const scale = typeScale(room, width);
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
      data-replay={inReplay ? '1' : '0'}
      data-min-px={scale.minPx}
      data-main-px={scale.mainPx}
      style={typeScaleVars(scale) as CSSProperties}
    >
      <WallHeader />
      <AlertStrip />
      {preset ? <WallGrid preset={preset} display={display} /> : <WallGridMessage text={loaded ? t('wall.noPresets') : t('app.loading')} />}
    </div>
  );
}
