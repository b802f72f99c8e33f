// The current 三防 (flood, drought, wind and freeze) emergency response level: the most severe
// active 三防 response of the plan library, or "none started".
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { warningsSlice } from '../../state/warnings/warnings-slice';
import { LEVEL_NUMERALS } from './quiet-line';

export function SanfangBadge({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const s = useSlice(warningsSlice, (d) => d.sanfang);
  return (
    <span
      className={s ? `sanfang-badge sanfang-${s.level}` : 'sanfang-badge sanfang-none'}
      data-testid="sanfang-level"
      data-level={s?.level ?? ''}
      title={s?.planTitle}
    >
      {s
        ? t(compact ? 'warnings.sanfangShort' : 'warnings.sanfangLevel', { level: LEVEL_NUMERALS[s.level] })
        : t(compact ? 'warnings.sanfangNoneShort' : 'warnings.sanfangNone')}
    </span>
  );
}
