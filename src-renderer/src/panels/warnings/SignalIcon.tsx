// A Guangdong warning signal drawn as SVG in its official colour: a square badge with the
// signal's pictogram and its name and level. Drawn here, so no image file is needed.
// The pictograms are simple figures in the spirit of the official icons, not copies of them.
import type { ReactNode } from 'react';
import { SIGNAL_COLOURS, SIGNAL_LEVEL_LABELS, SIGNALS, type SignalLevel, type SignalType } from '@contract/warnings';
import { useLanguage } from '../../i18n/use-t';

const INK: Record<SignalLevel, string> = { white: '#10243d', blue: '#ffffff', yellow: '#1a1a1a', orange: '#1a1a1a', red: '#ffffff' };

function Pictogram({ type }: { type: SignalType }): ReactNode {
  switch (type) {
    case 'typhoon':
      return (
        <path d="M50 20 a18 18 0 1 1 -16 10 M50 20 a30 30 0 0 0 -26 18 M50 56 a18 18 0 1 1 16 -10 M50 56 a30 30 0 0 0 26 -18" fill="none" strokeWidth="5" />
      );
    case 'rainstorm':
      return (
        <>
          <path d="M28 36 a12 12 0 0 1 8 -14 a16 16 0 0 1 30 2 a10 10 0 0 1 6 18 h-42 a8 8 0 0 1 -2 -6z" />
          <path d="M34 48 l-5 12 M46 48 l-5 12 M58 48 l-5 12 M70 48 l-5 12" fill="none" strokeWidth="4" />
        </>
      );
    case 'thunderstorm-gale':
      return (
        <>
          <path d="M26 34 a12 12 0 0 1 10 -12 a16 16 0 0 1 30 4 a10 10 0 0 1 4 16 h-40z" />
          <path d="M50 44 l-8 12 h8 l-6 12 l16 -16 h-8 l6 -8z" />
        </>
      );
    case 'gale':
      return <path d="M20 30 h36 a8 8 0 1 0 -8 -8 M20 42 h50 a8 8 0 1 1 -8 8 M20 54 h30" fill="none" strokeWidth="5" strokeLinecap="round" />;
    case 'high-temperature':
      return (
        <>
          <circle cx="50" cy="40" r="12" />
          <path
            d="M50 18 v-6 M50 68 v-6 M28 40 h-6 M78 40 h-6 M34 24 l-4 -4 M70 60 l-4 -4 M66 24 l4 -4 M30 60 l4 -4"
            fill="none"
            strokeWidth="4"
            strokeLinecap="round"
          />
        </>
      );
    case 'cold':
    case 'frost':
    case 'road-icing':
      return <path d="M50 16 v48 M29 28 l42 24 M29 52 l42 -24 M44 20 l6 6 l6 -6 M44 60 l6 -6 l6 6" fill="none" strokeWidth="4" strokeLinecap="round" />;
    case 'fog':
    case 'haze':
      return (
        <path
          d="M20 26 h60 M26 38 h48 M20 50 h60 M30 62 h40"
          fill="none"
          strokeWidth="5"
          strokeLinecap="round"
          strokeDasharray={type === 'haze' ? '6 5' : undefined}
        />
      );
    case 'hail':
      return (
        <>
          <path d="M26 34 a12 12 0 0 1 10 -12 a16 16 0 0 1 30 4 a10 10 0 0 1 4 16 h-40z" />
          <circle cx="36" cy="54" r="5" />
          <circle cx="52" cy="58" r="5" />
          <circle cx="66" cy="52" r="5" />
        </>
      );
    case 'fire-risk':
      return <path d="M50 16 c4 14 18 20 18 34 a18 18 0 0 1 -36 0 c0 -8 6 -12 8 -18 c2 8 6 10 8 12 c2 -10 0 -18 2 -28z" />;
    case 'drought':
      return <path d="M18 60 h64 M30 60 l6 -10 l-4 -8 M52 60 l-4 -12 l6 -8 M70 60 l-6 -8 M50 22 a10 10 0 1 0 0.1 0z" fill="none" strokeWidth="4" />;
    case 'other':
      return <path d="M50 16 l30 50 h-60z M50 34 v16 M50 56 v4" fill="none" strokeWidth="5" strokeLinejoin="round" />;
  }
}

export function SignalIcon({ type, level, size = '3em', testId }: { type: SignalType; level: SignalLevel; size?: string; testId?: string }) {
  const lang = useLanguage();
  const ink = INK[level];
  const name = lang === 'en' ? SIGNALS[type].en : SIGNALS[type].zh;
  const levelName = lang === 'en' ? SIGNAL_LEVEL_LABELS[level].en : SIGNAL_LEVEL_LABELS[level].zh;
  return (
    <svg
      className="signal-icon"
      viewBox="0 0 100 100"
      width={size}
      height={size}
      role="img"
      aria-label={`${name} ${levelName}`}
      data-testid={testId}
      data-type={type}
      data-level={level}
    >
      <rect x="2" y="2" width="96" height="96" rx="10" fill={SIGNAL_COLOURS[level]} stroke={level === 'white' ? '#10243d' : '#00000055'} strokeWidth="3" />
      <g fill={ink} stroke={ink}>
        <Pictogram type={type} />
      </g>
      <text x="50" y="88" textAnchor="middle" fill={ink} fontSize={lang === 'en' ? 13 : 17} fontWeight="700">
        {lang === 'en' ? name.split(' ')[0] : name}
      </text>
    </svg>
  );
}
