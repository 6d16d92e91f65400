import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, openDatabase, type Migration } from '@platform';

/**
 * A PGlite data folder for an app, copied from a template that was created and migrated once per
 * set of migrations: PGlite's initdb and the migrations take seconds, a copy a fraction of that,
 * and every end-to-end suite starts two of them. The template lives in the OS temp folder, keyed
 * by the migrations' SQL and the schema, so a changed migration makes a new one.
 */
export async function pgliteFromTemplate(dataDir: string, schema: string, migrations: readonly Migration[]): Promise<void> {
  const key = createHash('sha256')
    .update(schema)
    .update(JSON.stringify(migrations.map((m) => [m.version, m.sql])))
    .digest('hex')
    .slice(0, 16);
  const template = path.join(tmpdir(), `gateway-e2e-pglite-${key}`);
  if (!existsSync(template)) {
    // built aside and renamed into place, so a concurrent run never copies a half-made template
    const building = `${template}.${randomBytes(4).toString('hex')}`;
    const db = await openDatabase({ dataDir: building, schema });
    await migrate(db, migrations);
    await db.close();
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another run made it first
    }
  }
  cpSync(template, dataDir, { recursive: true });
}
