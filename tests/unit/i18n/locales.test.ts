import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const LOCALES_DIR = join(ROOT, 'locales');
const LOCALES = readdirSync(LOCALES_DIR).map((file) => file.replace(/\.yml$/, ''));
const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/** Each locale's messages: key → number of `$n` substitutions. */
const messagesOf = async (locale: string) => {
  const parsed = await parseMessagesFile(join(LOCALES_DIR, `${locale}.yml`));
  return new Map(
    parsed.filter((message) => !message.key[0].startsWith('@@')).map((message) => [message.key.join('.'), message.type === 'simple' ? message.message : '']),
  );
};
const substitutions = (message: string) => [...new Set(message.match(/\$\d/g) ?? [])].sort();
const [english, ...others] = await Promise.all(['en', ...LOCALES.filter((locale) => locale !== 'en')].map(messagesOf));
const otherLocales = LOCALES.filter((locale) => locale !== 'en');
/** `count.articles` for `count.articles.one`: plural messages have one key per category the language uses. */
const pluralBase = (key: string) => (PLURAL_CATEGORIES.has(key.split('.').pop()!) ? key.slice(0, key.lastIndexOf('.')) : null);

describe('the translations', () => {
  it('cover English, German, French, Spanish and Simplified Chinese', () => {
    expect(LOCALES.sort()).toEqual(['de', 'en', 'es', 'fr', 'zh_CN']);
  });

  it.each(otherLocales.map((locale, n) => [locale, others[n]] as const))('%s has every key, with the same substitutions', (_locale, messages) => {
    for (const [key, message] of english) {
      const base = pluralBase(key);
      if (base) {
        expect(messages.has(`${base}.other`), `${base}.other`).toBe(true);
        expect(substitutions(messages.get(`${base}.other`)!), key).toEqual(substitutions(message));
        continue;
      }
      expect(messages.has(key), key).toBe(true);
      expect(substitutions(messages.get(key)!), key).toEqual(substitutions(message));
    }
    for (const key of messages.keys()) {
      const base = pluralBase(key);
      expect(base ? english.has(`${base}.other`) : english.has(key), `${key} is not an English key`).toBe(true);
    }
  });

  it("names each plural category a language's rules use", () => {
    for (const [n, locale] of otherLocales.entries()) {
      const categories = new Intl.PluralRules(others[n].get('locale')).resolvedOptions().pluralCategories;
      for (const key of [...english.keys()].filter((item) => item.endsWith('.other'))) {
        const base = key.slice(0, -'.other'.length);
        for (const category of categories) expect(others[n].has(`${base}.${category}`), `${locale}: ${base}.${category}`).toBe(true);
      }
    }
  });

  it('uses every English key in the code, and the code uses no key that is missing', () => {
    const code = ['src', 'entrypoints', 'wxt.config.ts']
      .flatMap((path) => (path.endsWith('.ts') ? [join(ROOT, path)] : listSources(join(ROOT, path))))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // Keys built from a value: band.<id>, band.<id>Meaning, via.<via>, and plural bases.
    const dynamic = (key: string) => key.startsWith('band.') || key.startsWith('via.') || pluralBase(key) !== null || key === 'locale';
    for (const key of english.keys()) {
      if (dynamic(key)) continue;
      expect(code.includes(`'${key}'`) || code.includes(`__MSG_${key.replaceAll('.', '_')}__`), key).toBe(true);
    }
    for (const [, key] of code.matchAll(/\bt\('([\w.]+)'/g)) expect(english.has(key), key).toBe(true);
  });
});

function listSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}
