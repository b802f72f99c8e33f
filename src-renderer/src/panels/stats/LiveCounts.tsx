// Duty-log reports of the last 14 days, by day, by category or by street; the view turns every
// 15 seconds on the wall and can be picked by hand (then it stays 15 s from the pick).
import { useEffect, useMemo, useState } from 'react';
import { useLanguage, useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { statsSlice } from '../../state/stats/stats-slice';
import { countsOption, type CountsView } from './chart-options';
import { EChart } from './EChart';

const VIEWS: CountsView[] = ['day', 'category', 'street'];
const TURN_MS = 15_000;

export function LiveCounts() {
  const t = useT();
  const en = useLanguage() === 'en';
  const counts = useSlice(statsSlice, (s) => s.counts);
  const [view, setView] = useState<CountsView>('day');
  // A view picked by hand stays its full 15 s before the turning goes on.
  const [picked, setPicked] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setView((v) => VIEWS[(VIEWS.indexOf(v) + 1) % VIEWS.length]), TURN_MS);
    return () => clearInterval(timer);
  }, [picked]);
  const option = useMemo(() => (counts ? countsOption(counts, view, en, t('stats.reports')) : null), [counts, view, en, t]);
  return (
    <section className="stats-block" data-testid="stats-live" data-view={view}>
      <div className="stats-block-title">
        {t('stats.liveTitle', { n: counts?.total ?? 0 })}
        <span className="stats-views">
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              className={v === view ? 'on' : ''}
              data-testid={`stats-view-${v}`}
              onClick={() => {
                setView(v);
                setPicked((n) => n + 1);
              }}
            >
              {t(`stats.by.${v}`)}
            </button>
          ))}
        </span>
      </div>
      {option ? <EChart option={option} testId="stats-chart-live" /> : <div className="unset">{t('app.loading')}</div>}
    </section>
  );
}
