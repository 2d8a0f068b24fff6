import { buildContentIndex, type ContentFile } from '../../../src/index/build-content-index';

/** A content file whose frontmatter is `fields` (JSON is valid YAML, so this is a real frontmatter block). */
export function contentFile(file: string, fields: Record<string, unknown>): ContentFile {
  return { file, bytes: new TextEncoder().encode(`---\n${JSON.stringify(fields, null, 2)}\n---\n`) };
}

/** Builds a real index from in-memory articles. */
export function buildIndexOf(articles: Record<string, Record<string, unknown>>) {
  return buildContentIndex(Object.entries(articles).map(([file, fields]) => contentFile(file, fields)));
}

/** The shipped index files of a built index, read from memory the way the extension reads its package. */
export function memoryIndexFiles(built: ReturnType<typeof buildContentIndex>): import('../../../src/index/content-index').IndexFiles {
  const get = (name: string) => {
    const contents = built.files.get(name);
    if (contents === undefined) throw new Error(`no index file ${name}`);
    return contents;
  };
  return {
    readBytes: async (name) => {
      const bytes = get(name);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}
