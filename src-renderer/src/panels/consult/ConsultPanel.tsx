// The consultation on the video wall: this centre's endpoint (the hall's camera and microphone)
// joins the live consultation it is invited to by itself; the console steers it.
import { ConsultStage } from '../../consult/ConsultStage';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { endpointSlice } from '../../state/consult/endpoint-slice';

export function ConsultPanel() {
  const t = useT();
  const problem = useSlice(endpointSlice, (s) => s.problem);
  const view = useSlice(endpointSlice, (s) => s.view);
  const me = useSlice(endpointSlice, (s) => s.me);
  if (view && problem === null) return <ConsultStage view={view} me={me ?? ''} />;
  const shown = problem ?? 'loading';
  return (
    <div className="panel panel-waiting" data-testid="consult-stage" data-phase={shown}>
      {t(`consult.problem.${shown}`)}
    </div>
  );
}
