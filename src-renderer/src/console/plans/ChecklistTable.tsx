// A live response's checklist, in plan order; items that join on a level change follow.
import type { Response } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { ChecklistRow } from './ChecklistRow';

export function ChecklistTable({ response, canEdit }: { response: Response; canEdit: boolean }) {
  const t = useT();
  const now = useServerNow(15_000);
  return (
    <div className="table-scroll checklist-scroll">
      <table className="data-table checklist" data-testid="checklist">
        <thead>
          <tr>
            <th>{t('checklist.level')}</th>
            <th>{t('checklist.action')}</th>
            <th>{t('checklist.owner')}</th>
            <th>{t('checklist.due')}</th>
            <th>{t('checklist.status')}</th>
            <th>{t('checklist.note')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {response.actions.map((a) => (
            <ChecklistRow key={a.id} responseId={response.id} action={a} now={now} canEdit={canEdit} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
