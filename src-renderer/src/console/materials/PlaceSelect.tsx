// A choice of materials place (a warehouse or a street's reserve point), with a first option for
// none or all: the stock filter, a request's dispatch warehouse and a threshold's place.
import { useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';

export function PlaceSelect({ value, onChange, empty, testId }: { value: string; onChange(key: string): void; empty: string; testId: string }) {
  const places = useSlice(materialsSlice, (s) => s.places);
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{empty}</option>
      {places.map((p) => (
        <option key={p.key} value={p.key}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
