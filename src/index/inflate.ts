/** gzip'd index files inflated with the platform's DecompressionStream (browsers, their workers and Node alike). */

/** Inflates gzip'd JSON. */
export async function gunzipJson<T>(bytes: ArrayBuffer): Promise<T> {
  return JSON.parse(await inflated(bytes).text()) as T;
}

/** The bytes of a gzip'd file, inflated. */
export function gunzipBytes(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  return inflated(bytes).arrayBuffer();
}

/**
 * The whole file is written to the inflater at once: fed from a Blob's stream in 64 kB chunks, a 2.7 MB search
 * segment inflated ~1.5 × slower in Chromium (one promise round a chunk). A damaged file rejects the Response's
 * read; the writer's own promises reject with it and are not what reports it.
 */
function inflated(bytes: ArrayBuffer): Response {
  const inflater = new DecompressionStream('gzip');
  const writer = inflater.writable.getWriter();
  writer.write(new Uint8Array(bytes)).catch(() => {});
  writer.close().catch(() => {});
  return new Response(inflater.readable);
}
