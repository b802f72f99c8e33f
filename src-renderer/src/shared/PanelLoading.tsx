// What a panel shows while its code or its first data arrives. `data-loading` tells a loading
// panel from an empty one (both are `.panel-waiting`): the wall bench waits for none to be left.
// With an error (the first load failed), the error is shown instead, and it is no longer loading.
import { useT } from '../i18n/use-t';

export function PanelLoading({ error }: { error?: string | null } = {}) {
  const t = useT();
  return (
    <div className="panel panel-waiting" data-loading={error ? undefined : 'true'}>
      {error ?? t('app.loading')}
    </div>
  );
}
