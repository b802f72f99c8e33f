// A live response's checklist, in plan order; items that join on a level change follow.
import type { Response } from '@contract/plans';
import { useServerNow } from '../../shared/use-server-now';
import { ChecklistRow } from './ChecklistRow';
import { TableHead } from '../TableHead';

export function ChecklistTable({ response, canEdit }: { response: Response; canEdit: boolean }) {
  const now = useServerNow(15_000);
  return (
    <div className="table-scroll checklist-scroll">
      <table className="data-table checklist" data-testid="checklist">
        <TableHead columns={['checklist.level', 'checklist.action', 'checklist.owner', 'checklist.due', 'checklist.status', 'checklist.note', null]} />
        <tbody>
          {response.actions.map((a) => (
            <ChecklistRow key={a.id} responseId={response.id} action={a} now={now} canEdit={canEdit} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
