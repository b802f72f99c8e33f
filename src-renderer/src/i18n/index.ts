// Every user-visible string goes through here. Pure: the current language is passed in,
// or read by useT() from the app store, so every open page follows settings.language live.
import type { Language } from '@contract/schemas';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey } from './zh-CN';
export type { Language } from '@contract/schemas';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const dictionaries: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** Looks a key up and fills {name} placeholders; an unfilled placeholder stays visible. */
export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang]?.[key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(lang: Language): Translate {
  return (key, params) => translate(lang, key, params);
}

/** BCP 47 tag for Intl formatting and <html lang>. */
export function localeOf(lang: Language): string {
  return lang === 'en' ? 'en-GB' : 'zh-CN';
}
