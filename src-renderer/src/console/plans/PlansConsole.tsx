// The console's 预案 tab: who is acting, live responses with their checklists, the plan library
// (and starting a response from a plan), and drills. Its sections hold the plans slice while open.
import { useState } from 'react';
import { ActorPicker } from '../duty/ActorPicker';
import { FirstRunChoice } from '../duty/FirstRunChoice';
import { DrillsSection } from './DrillsSection';
import { PlanLibrary } from './PlanLibrary';
import { ResponsesSection } from './ResponsesSection';
import './plans-console.css';

export function PlansConsole() {
  const [responseId, setResponseId] = useState<string | null>(null);
  return (
    <>
      <FirstRunChoice />
      <section className="console-section tab-section tab-toolbar">
        <ActorPicker />
      </section>
      <ResponsesSection selectedId={responseId} onSelect={setResponseId} />
      <PlanLibrary onActivated={setResponseId} />
      <DrillsSection />
    </>
  );
}
