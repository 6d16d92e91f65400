import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFolder, type Migration } from '@platform';

/**
 * The checks every app's migration list gets: it names every file of its `migrations/` folder (beside
 * the spec at `specUrl`) in order, each file numbered as its version, and the versions run 1, 2, 3 …
 * with no repeat and no gap but the `skipped` ones.
 */
export function describeMigrationFolder(app: string, specUrl: string, migrations: readonly Migration[], skipped: readonly number[] = []): void {
  const folder = path.join(path.dirname(fileURLToPath(specUrl)), 'migrations');
  describe(`${app} migrations`, () => {
    it('lists every file of the folder, in order, each numbered as its version', async () => {
      const files = await readMigrationFolder(folder);
      expect(files.map((f) => f.migration)).toEqual(migrations);
      for (const { file, fileVersion, migration } of files) expect([file, migration.version]).toEqual([file, fileVersion]);
    });

    it('numbers them 1, 2, 3 … without repeats or gaps other than the skipped versions', () => {
      const versions = migrations.map((m) => m.version);
      const expected = Array.from({ length: versions.length + skipped.length }, (_, i) => i + 1).filter((v) => !skipped.includes(v));
      expect(versions).toEqual(expected);
    });
  });
}
