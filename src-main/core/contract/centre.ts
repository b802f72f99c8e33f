// This centre (name, level, links) and the operator settings.
import { z } from 'zod';
import { event, method } from './define';
import { DisplayIndex } from './wall';

// ---- this centre -------------------------------------------------------------------
export const LinkId = z.enum(['A', 'B']);
export const LinkConfig = z.object({
  id: LinkId,
  /** e.g. 政务外网 (government extranet) or 专网 (private network). */
  name: z.string().min(1).max(40),
  /** Local subnet in CIDR form, used to keep each link's traffic on that link. */
  subnet: z.string().max(64).optional(),
  /** The hub's URL as reached over this link. */
  hubUrl: z.string().max(200).optional(),
});
export type LinkConfig = z.infer<typeof LinkConfig>;

export const CentreInfo = z.object({
  name: z.string().min(1).max(60),
  nameEn: z.string().max(80),
  level: z.enum(['district', 'street']),
  links: z.array(LinkConfig).max(2),
});
export type CentreInfo = z.infer<typeof CentreInfo>;

// ---- settings ----------------------------------------------------------------------
export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({
  /** Display indexes (screen.getAllDisplays() order) that get a fullscreen wall window. */
  wallDisplays: z.array(DisplayIndex).max(16),
  /** Open the separate console window. */
  consoleWindow: z.boolean(),
  language: Language,
});
export type Settings = z.infer<typeof Settings>;

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const centreMethods = {
  'centre.get': method({
    right: 'read',
    summary: 'This centre: name, level (district or street) and its network links.',
    params: z.strictObject({}),
    result: CentreInfo,
  }),
  'centre.save': method({
    right: 'settings.admin',
    summary: 'Change this centre’s name, level or links.',
    params: z.strictObject({ centre: CentreInfo }),
    result: CentreInfo,
  }),
  'settings.get': method({
    right: 'read',
    summary: 'Operator settings: wall displays, console window, language.',
    params: z.strictObject({}),
    result: Settings,
  }),
  'settings.save': method({
    right: 'settings.admin',
    summary: 'Change some operator settings; the others keep their values.',
    params: z.strictObject({ patch: Settings.partial() }),
    result: Settings,
  }),
} as const;

export const centreEvents = {
  'centre.changed': event({ right: 'read', summary: 'This centre’s configuration changed.', payload: CentreInfo }),
  'settings.changed': event({ right: 'read', summary: 'Operator settings changed.', payload: Settings }),
} as const;
