// Who this centre is and how it is wired: names, level, and each network link as configured.
// The wall shows what is set; what is not set is the console's business (no set-up gaps on the wall).
import type { LinkConfig } from '@contract/schemas';
import { PanelLoading } from '../../shared/PanelLoading';
import { useT } from '../../i18n/use-t';
import { centreSlice } from '../../state/centre/centre-slice';
import { useSlice } from '../../state/context';

function LinkRow({ link }: { link: LinkConfig }) {
  const t = useT();
  return (
    <li className="link-row" data-testid={`centre-link-${link.id}`}>
      <div className="link-name">
        {t('centre.linkName', { id: link.id })} · {link.name}
      </div>
      {link.subnet && (
        <div className="link-fact">
          <span className="fact-label">{t('centre.subnet')}</span> {link.subnet}
        </div>
      )}
      {link.hubUrl && (
        <div className="link-fact">
          <span className="fact-label">{t('centre.hubUrl')}</span> {link.hubUrl}
        </div>
      )}
    </li>
  );
}

export function ThisCentrePanel() {
  const t = useT();
  const centre = useSlice(centreSlice, (s) => s.centre);
  if (!centre) return <PanelLoading />;
  return (
    <div className="panel centre-panel">
      <div className="centre-name wall-main">{centre.name}</div>
      {centre.nameEn && <div className="centre-name-en">{centre.nameEn}</div>}
      <div className="centre-level">
        <span className="fact-label">{t('centre.level')}</span> {t(`level.${centre.level}`)}
      </div>
      <div className="centre-links-title">{t('centre.links')}</div>
      {centre.links.length === 0 ? (
        <div className="unset">{t('centre.noLinks')}</div>
      ) : (
        <ul className="centre-links">
          {centre.links.map((l) => (
            <LinkRow key={l.id} link={l} />
          ))}
        </ul>
      )}
    </div>
  );
}
