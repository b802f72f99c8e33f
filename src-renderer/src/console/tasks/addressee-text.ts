// A task's addressee in the page's language: a street by its name, else its kind and name.
import { ADDRESSEE_KIND_LABELS, type Task } from '@contract/tasks';
import type { Label } from '../../shared/label';

export function addresseeText(label: (l: Label) => string, a: Task['addressee']): string {
  return a.kind === 'street' ? a.name : `${label(ADDRESSEE_KIND_LABELS[a.kind])} · ${a.name}`;
}
