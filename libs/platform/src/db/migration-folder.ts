import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Migration } from './database.js';

const FILE = /^(\d{4})-[a-z0-9-]+\.(ts|js)$/;

/**
 * Reads a migrations folder (files `0001-name.ts`, each exporting `migration`) in file-name order, with the
 * version its file name carries. Apps list their migrations statically; their specs compare that list with
 * this reading of the folder, so a file left out of the list, or numbered unlike its version, fails a test.
 */
export async function readMigrationFolder(dir: string): Promise<{ file: string; fileVersion: number; migration: Migration }[]> {
  const files = (await readdir(dir)).filter((name) => FILE.test(name) && !name.includes('.spec.')).sort();
  return Promise.all(
    files.map(async (file) => {
      const loaded = (await import(pathToFileURL(path.join(dir, file)).href)) as { migration: Migration };
      return { file, fileVersion: Number(FILE.exec(file)![1]), migration: loaded.migration };
    }),
  );
}
