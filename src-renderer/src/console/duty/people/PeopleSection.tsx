// 值班人员: everyone in the duty room, by role, with phone and unit; add or change a person.
import { useState } from 'react';
import { DUTY_ROLE_LABELS, type Person } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { ROLE_ORDER } from '../../../panels/duty-now/on-duty';
import { useLabel } from '../../../shared/label';
import { useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { PersonForm } from './PersonForm';

export function PeopleSection() {
  const t = useT();
  const label = useLabel();
  const people = useSlice(dutySlice, (d) => d.people);
  const [editing, setEditing] = useState<Person | null>(null);
  const sorted = [...people].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, 'zh'));
  return (
    <section className="console-section tab-section" data-testid="people-section">
      <h2>{t('people.title', { n: people.length })}</h2>
      <PersonForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
      <details>
        <summary>{t('people.list')}</summary>
        <table className="data-table">
          <tbody>
            {sorted.map((p) => (
              <tr key={p.id} className={p.active ? 'clickable' : 'clickable inactive'} data-testid="person-row" onClick={() => setEditing(p)}>
                <td>{label(DUTY_ROLE_LABELS[p.role])}</td>
                <td>
                  <b>{p.name}</b>
                </td>
                <td className="tabular">{p.phone}</td>
                <td>{p.unit}</td>
                <td>{p.active ? '' : t('people.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
