/** A start time: `watch?v=ID&t=42s`, `youtu.be/ID?t=42`, `embed/ID?start=42`. It does not name another video. */
const VIDEO_START_TIME: ReadonlySet<string> = new Set(['t', 'start']);

/**
 * Query parameters that name nothing on one site only, by host as the key has it (`www.`/`m.` gone, `youtu.be`
 * already `youtube.com`). Elsewhere the same names may name the content (`example.com/a?t=5` keeps `t`).
 * Names are compared lower-case. Vimeo needs no entry: its start time is a fragment (`#t=42s`), never kept.
 */
const HOST_IGNORED_PARAMS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['youtube.com', VIDEO_START_TIME],
  ['music.youtube.com', VIDEO_START_TIME],
  ['youtube-nocookie.com', VIDEO_START_TIME],
]);

/** True when the query parameter `name` (decoded) names nothing on `host`, a normalised host. */
export function isHostIgnoredParam(host: string, name: string): boolean {
  return HOST_IGNORED_PARAMS.get(host)?.has(name.toLowerCase()) ?? false;
}
