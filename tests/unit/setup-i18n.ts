import { join } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// WXT's fake browser has no i18n: give it the English messages, substituted the way browsers do ($1…$9, $$).
const parsed = await parseMessagesFile(join(import.meta.dirname, '../../locales/en.yml'));
const messages = new Map(parsed.flatMap((message) => (message.type === 'simple' ? [[message.key.join('_'), message.message] as const] : [])));

fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) => {
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  if (name === '@@bidi_dir') return 'ltr';
  return (messages.get(name) ?? '').replace(/\$(\$|\d)/g, (match, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
};
fakeBrowser.i18n.getUILanguage = () => 'en';
