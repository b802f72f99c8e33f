// Turning the centre form into what the server accepts: blank optional fields are left out
// rather than sent as empty strings, and links stay in A, B order.
import { LinkId } from '@contract/centre';
import type { CentreInfo, LinkConfig } from '@contract/schemas';

/** The links in the contract's order (A, B). */
const LINK_IDS: readonly LinkConfig['id'][] = LinkId.options;

export function cleanCentre(c: CentreInfo): CentreInfo {
  const links = [...c.links]
    .sort((a, b) => LINK_IDS.indexOf(a.id) - LINK_IDS.indexOf(b.id))
    .map((l): LinkConfig => {
      const out: LinkConfig = { id: l.id, name: l.name.trim() };
      if (l.subnet?.trim()) out.subnet = l.subnet.trim();
      if (l.hubUrl?.trim()) out.hubUrl = l.hubUrl.trim();
      return out;
    });
  return { name: c.name.trim(), nameEn: c.nameEn.trim(), level: c.level, links };
}

export function missingLinkIds(c: CentreInfo): LinkConfig['id'][] {
  return LINK_IDS.filter((id) => !c.links.some((l) => l.id === id));
}
