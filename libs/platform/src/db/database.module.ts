import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database, DatabaseConfig, Migration } from './database.js';
import { migrate } from './migrator.js';
import { PgliteDatabase } from './pglite.database.js';
import { PostgresDatabase } from './postgres.database.js';

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.url ? PostgresDatabase.open(config.url, config.schema) : PgliteDatabase.open(config.dataDir, config.schema);
}

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** Opens the app's database and applies its migrations before the app starts listening. */
@Module({})
export class DatabaseModule {
  static forRoot(config: DatabaseConfig, migrations: readonly Migration[]): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: Database,
          useFactory: async () => {
            const db = await openDatabase(config);
            await migrate(db, migrations);
            return db;
          },
        },
        DatabaseCloser,
      ],
      exports: [Database],
    };
  }
}
