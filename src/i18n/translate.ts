import { browser } from '#imports';
import { type GeneratedI18nStructure, i18n } from '#i18n';
import { formatDate, formatRelativeTime } from '../format/format-date';

/**
 * Every string a reader sees comes from `locales/<lang>.yml` (built into `_locales/` by @wxt-dev/i18n) through
 * the browser's own i18n: the browser picks the reader's language, and English fills any gap.
 */
export type MessageKey = keyof GeneratedI18nStructure;

/** A message, typed by key (and by its number of `$n` substitutions). */
export const t = i18n.t;

/** The language the messages are in: dates and numbers are written in it too, so a page never mixes two. */
function textLocale(): string {
  return t('locale');
}

/** The base of a plural message: `count.articles` for `count.articles.one` / `count.articles.other`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

/**
 * A count in words, in the text's language: the message for the count's CLDR plural category (Intl.PluralRules:
 * French says "0 article", English "0 articles"), with the number formatted for that language. A category a
 * language's file does not list falls back to its `other`.
 */
export function plural(key: PluralKey, count: number): string {
  const locale = textLocale();
  const number = count.toLocaleString(locale);
  const category = new Intl.PluralRules(locale).select(count);
  const name = (suffix: string) => `${key}.${suffix}`.replaceAll('.', '_');
  return rawMessage(name(category), [number]) || rawMessage(name('other'), [number]);
}

/** The browser's own lookup, by built name: '' for a missing message, where `t` would log a warning. */
function rawMessage(name: string, substitutions?: string[]): string {
  return (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(name, substitutions);
}

/** A number in the text's language (`1,234` / `1.234` / `1 234`). */
export function formatNumber(value: number): string {
  return value.toLocaleString(textLocale());
}

/** Sets the page's `lang` and `dir` to the messages' language, as each extension page does at start. */
export function localizeDocument(doc: Document, title?: MessageKey): void {
  doc.documentElement.lang = textLocale();
  doc.documentElement.dir = rawMessage('@@bidi_dir') || 'ltr';
  if (title) doc.title = t(title as 'extName');
}

/** A date in the text's language: "27 Aug 2021", "27.08.2021", "2021年8月27日". */
export function dateText(iso: string): string {
  return formatDate(iso, textLocale());
}

/** How long ago, in the text's language: "3 years ago", "vor 3 Jahren". */
export function relativeTimeText(iso: string, now: Date): string {
  return formatRelativeTime(iso, now, textLocale());
}

/** Names as a list in the text's language: "A, B and C", "A, B und C", "A、B和C". */
export function listText(names: readonly string[]): string {
  return new Intl.ListFormat(textLocale(), { type: 'conjunction' }).format(names);
}
