// The console's 预案 tab: who is acting, live responses with their checklists, the plan library
// (and starting a response from a plan), and drills. Its sections hold the plans slice while open.
import { useEffect, useState } from 'react';
import { ActorPicker } from '../duty/ActorPicker';
import { responseInAddress } from '../duty/console-tab';
import { FirstRunChoice } from '../duty/FirstRunChoice';
import { DrillsSection } from './DrillsSection';
import { PlanLibrary } from './PlanLibrary';

/** Takes ?response= out of the address once the tab has opened it. */
function openedFrom(location: Location): void {
  const q = new URLSearchParams(location.search);
  q.delete('response');
  const s = q.toString();
  window.history.replaceState(null, '', location.pathname + (s ? `?${s}` : '') + location.hash);
}
import { ResponsesSection } from './ResponsesSection';
import './plans-console.css';

export function PlansConsole() {
  // Opened by an escalation (openInConsole) or a shared link: that response, with focus on it.
  const [opened] = useState(() => responseInAddress(window.location.search));
  const [responseId, setResponseId] = useState<string | null>(opened);
  // Opened once: coming back to the tab later does not take the keyboard again.
  useEffect(() => {
    if (opened) openedFrom(window.location);
  }, [opened]);
  return (
    <>
      <FirstRunChoice />
      <section className="console-section tab-section tab-toolbar">
        <ActorPicker />
      </section>
      <ResponsesSection selectedId={responseId} onSelect={setResponseId} focusSelected={opened !== null && responseId === opened} />
      <PlanLibrary onActivated={setResponseId} />
      <DrillsSection />
    </>
  );
}
