// The consultation on the video wall: this centre's endpoint (the hall's camera and microphone)
// joins the live consultation it is invited to by itself; the console steers it.
import { ConsultStage } from '../../consult/ConsultStage';
import { useEndpoint } from '../../consult/use-endpoint';
import { useT } from '../../i18n/use-t';

export function ConsultPanel() {
  const t = useT();
  const handle = useEndpoint();
  if ('endpoint' in handle) return <ConsultStage endpoint={handle.endpoint} />;
  return (
    <div className="panel panel-waiting" data-testid="consult-stage" data-phase={handle.problem}>
      {t(`consult.problem.${handle.problem}`)}
    </div>
  );
}
