import { en, type Dictionary, type MessageKey } from './en.js';
import { nl } from './nl.js';

export type { MessageKey } from './en.js';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const dictionaries: Record<Language, Dictionary> = { nl, en };

/** The `{name}` placeholders of an English message, as a union of names. */
type PlaceholderNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderNames<Rest>
  : never;

/** The keys of messages without placeholders: the ones a page can pass around as plain labels. */
export type PlainKey = {
  [K in MessageKey]: [PlaceholderNames<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];

export type MessageParams = Record<string, string | number>;

/** A message's parameters: none for a plain message, every placeholder for one that has them. */
export type ParamsOf<K extends MessageKey> = [PlaceholderNames<(typeof en)[K]>] extends [never]
  ? []
  : [params: Record<PlaceholderNames<(typeof en)[K]>, string | number>];

/** A message to show later, once its language is known: a key with its parameters. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

/** Builds a `Message` with its placeholders type-checked. */
export function msg<K extends MessageKey>(key: K, ...params: ParamsOf<K>): Message {
  return { key, params: params[0] };
}

let current: Language = 'en';
const listeners = new Set<(language: Language) => void>();

export function currentLanguage(): Language {
  return current;
}

/** Switches the language; every listener (live text, the `lang` attribute, the title) follows. */
export function setLanguage(language: Language): void {
  if (language === current) {
    return;
  }
  current = language;
  for (const listener of listeners) {
    listener(language);
  }
}

export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's preferred languages that Kring speaks; English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) {
      return base;
    }
  }
  return 'en';
}

export function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The text of a message in the current language. */
export function t<K extends MessageKey>(key: K, ...params: ParamsOf<K>): string {
  return interpolate(dictionaries[current][key], params[0]);
}

export function translate(message: Message): string {
  return interpolate(dictionaries[current][message.key], message.params);
}
