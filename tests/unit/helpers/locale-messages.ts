import { join } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * WXT's fake browser has no i18n: this gives it one language's messages (`locales/<locale>.yml`), substituted the
 * way browsers do ($1…$9, $$). The unit tests run in English (setup-i18n.ts); a test of another language calls this
 * with its locale and puts English back afterwards.
 */
export async function switchLocale(locale: string): Promise<void> {
  const parsed = await parseMessagesFile(join(import.meta.dirname, `../../../locales/${locale}.yml`));
  const messages = new Map(parsed.flatMap((message) => (message.type === 'simple' ? [[message.key.join('_'), message.message] as const] : [])));
  fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) => {
    const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    if (name === '@@bidi_dir') return 'ltr';
    return (messages.get(name) ?? '').replace(/\$(\$|\d)/g, (match, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
  };
  fakeBrowser.i18n.getUILanguage = () => locale.replace('_', '-');
}
