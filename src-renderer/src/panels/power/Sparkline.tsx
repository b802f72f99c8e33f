// A 30-minute sparkline as inline SVG: the line, a faint 50 % rule, and the live value beside it.
import type { PowerSample } from '@contract/power';
import { SPARK_SPAN_MS } from '../../state/power/power-merge';
import { num } from './format';
import { lastValue, SPARK_H, SPARK_W, sparkRuns, type SparkKey } from './spark-geometry';

interface Props {
  samples: readonly PowerSample[];
  field: SparkKey;
  label: string;
  /** The live reading, shown beside the line (samples are every 10 s; the tile's figures are live). */
  value: number | null;
  /** The right edge: the server's now, so an outage shows as a line that stops short. */
  now: number;
  testId: string;
}

export function Sparkline({ samples, field, label, value, now, testId }: Props) {
  const runs = sparkRuns(samples, field, now, SPARK_SPAN_MS);
  return (
    <div className={`power-spark spark-${field}`} data-testid={testId} data-points={samples.filter((s) => s[field] !== null).length}>
      <span className="spark-label">{label}</span>
      <svg viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <line className="spark-rule" x1="0" x2={SPARK_W} y1={SPARK_H / 2} y2={SPARK_H / 2} />
        {runs.map((points, i) => (
          <polyline key={i} className="spark-line" points={points} />
        ))}
      </svg>
      <span className="spark-value tabular">{num(value ?? lastValue(samples, field))}%</span>
    </div>
  );
}
