// The options of a select of map object kinds (the import's default kind, the editor's filter and
// its new object): first the choice of none (value ''), then every kind by its layer name.
import { MAP_OBJECT_KINDS } from '@contract/map';
import { useT } from '../../i18n/use-t';

export function KindOptions({ none }: { none: string }) {
  const t = useT();
  return (
    <>
      <option value="">{none}</option>
      {MAP_OBJECT_KINDS.map((k) => (
        <option key={k} value={k}>
          {t(`map.layer.${k}`)}
        </option>
      ))}
    </>
  );
}
