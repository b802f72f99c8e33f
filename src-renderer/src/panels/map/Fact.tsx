// One labelled fact in a detail card.
import type { ReactNode } from 'react';

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="map-fact" data-testid={testId}>
      <span className="fact-label">{label}</span>
      <span>{children}</span>
    </div>
  );
}
