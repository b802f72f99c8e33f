// What a lazily loaded panel shows while its code arrives (from disk: a few milliseconds).
import { useT } from '../i18n/use-t';

export function PanelLoading() {
  const t = useT();
  return <div className="panel panel-waiting">{t('app.loading')}</div>;
}
