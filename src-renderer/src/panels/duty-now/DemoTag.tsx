// The 演示数据 mark: demo records are never mistaken for real ones on the wall or in print.
import { useT } from '../../i18n/use-t';
import './demo-tag.css';

export function DemoTag({ inline = false }: { inline?: boolean }) {
  const t = useT();
  return (
    <span className={inline ? 'demo-tag demo-tag-inline' : 'demo-tag'} data-testid="demo-tag" title={t('demo.hint')}>
      {t('demo.label')}
    </span>
  );
}
