// The console's 物资 tab: who is acting, the stock of a place (or every place) against its
// thresholds, recording a movement, importing stock from .xlsx, the thresholds (the district's), the requests (a street's machine: its own, and the form to ask),
// and the ledger.
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { ActorPicker } from '../duty/ActorPicker';
import { LedgerSection } from './LedgerSection';
import { MovementForm } from './MovementForm';
import { RequestForm } from './RequestForm';
import { RequestsSection } from './RequestsSection';
import { StockImport } from './StockImport';
import { StockSection } from './StockSection';
import { ThresholdForm } from './ThresholdForm';
import { ReserveTargetForm } from './ReserveTargetForm';
import './materials-console.css';

export function MaterialsConsole() {
  const t = useT();
  const loaded = useSlice(materialsSlice, (s) => s.loaded);
  const street = useSlice(materialsSlice, (s) => s.street);
  const [place, setPlace] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  if (!loaded) return <section className="console-section">{t('app.loading')}</section>;
  return (
    <>
      <section className="console-section tab-section tab-toolbar">
        <ActorPicker />
      </section>
      <StockSection place={place} onPlace={setPlace} />
      <MovementForm key={place} place={place} />
      <StockImport />
      {street === null && <ThresholdForm />}
      {street === null && <ReserveTargetForm />}
      {street !== null && <RequestForm onSent={setSelectedId} />}
      <RequestsSection selectedId={selectedId} onSelect={setSelectedId} />
      <LedgerSection place={place} />
    </>
  );
}
