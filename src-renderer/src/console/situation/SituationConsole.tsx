// The console's 态势 tab: the one map (the map itself, with its controls), its objects, imports and
// tile sources, the cameras and the statistics' indicators. Warnings have their own tab (预警).
import './situation.css';
import { ConsoleMap } from '../../panels/map/ConsoleMap';
import { CamerasConsole } from '../cameras/CamerasConsole';
import { MapImport } from '../map/MapImport';
import { MapObjectEditor } from '../map/MapObjectEditor';
import { TileSourceEditor } from '../map/TileSourceEditor';
import { IndicatorEditor } from '../stats/IndicatorEditor';

export function SituationConsole() {
  return (
    <>
      {/* The map with its controls (search, street filter, layers, zoom): the wall's has none. */}
      <section className="console-section console-map" data-testid="console-map">
        <ConsoleMap />
      </section>
      <section className="console-section">
        <MapObjectEditor />
      </section>
      <section className="console-section">
        <MapImport />
      </section>
      <section className="console-section">
        <TileSourceEditor />
      </section>
      <section className="console-section">
        <CamerasConsole />
      </section>
      <section className="console-section">
        <IndicatorEditor />
      </section>
    </>
  );
}
