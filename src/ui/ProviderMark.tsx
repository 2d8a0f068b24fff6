import { hashKey } from '../index/hash-key';
import { isWebUrl } from '../url/parse-web-url';

interface ProviderMarkProps {
  name: string;
  domain?: string;
  logoUrl?: string;
  /** Remote images are loaded only when the reader has turned them on. */
  loadRemoteImages: boolean;
}

/** The provider's logo: a generated monogram (no network), or the remote logo if the reader allows it. */
export function ProviderMark({ name, domain, logoUrl, loadRemoteImages }: ProviderMarkProps) {
  if (loadRemoteImages && isWebUrl(logoUrl)) {
    return <img class="provider-mark" src={logoUrl} alt="" width={32} height={32} referrerpolicy="no-referrer" />;
  }
  const [hash] = hashKey((domain ?? name).toLowerCase());
  const letters = monogramLetters(name);
  return (
    <span class="provider-mark monogram" style={{ backgroundColor: `hsl(${hash % 360} 55% 34%)` }} aria-hidden="true">
      {letters}
    </span>
  );
}

/** One or two letters: initials of the first two words, ignoring "The". "South China Morning Post" → "SC". */
export function monogramLetters(name: string): string {
  const words = name
    .replace(/^the\s+/i, '')
    .split(/[\s\-–—.]+/u)
    .filter((word) => /\p{L}|\p{N}/u.test(word));
  const initials = words.slice(0, 2).map((word) => [...word.replace(/^[^\p{L}\p{N}]+/u, '')][0] ?? '');
  return (initials.join('') || '?').toUpperCase();
}
