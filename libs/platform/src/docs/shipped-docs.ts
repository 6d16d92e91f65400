import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../errors/app-error.js';

const GUIDE_FILE = /^[a-z0-9][a-z0-9-]*\.md$/;
const read = new Map<string, Promise<string>>();

/**
 * A guide of the repository's docs/ folder (e.g. `webhooks.md`), for an app to serve: read once from
 * the working directory, where `npm start` runs. A deployment that does not ship docs/ answers 404
 * `DOCS.NOT_FOUND` (and is asked again next time, in case the folder is mounted later).
 */
export async function readShippedDoc(file: string): Promise<string> {
  // callers pass names they list themselves; this only keeps a slip from reading outside docs/
  if (!GUIDE_FILE.test(file)) throw new NotFoundError('DOCS.NOT_FOUND', `No guide ${file}.`);
  const text = read.get(file) ?? readFile(path.resolve('docs', file), 'utf8');
  read.set(file, text);
  try {
    return await text;
  } catch {
    read.delete(file);
    throw new NotFoundError('DOCS.NOT_FOUND', `${file} is not shipped with this deployment.`);
  }
}
