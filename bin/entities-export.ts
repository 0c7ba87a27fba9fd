import { Option, type Command } from 'commander';
import { OPERATOR } from '../db/access.ts';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../server/config.ts';
import { createServices } from '../server/services.ts';
import type { EntitiesSubcommand } from './entities-commands.ts';

interface ExportFlags {
  format: 'csv' | 'jsonl';
  type?: string;
  q?: string;
}

/** `trove entities export --format csv|jsonl`: every entity, as GET /api/entities.csv gives it (the operator reads everything). */
export const registerExport: EntitiesSubcommand = (entities: Command, program: Command) => {
  entities
    .command('export')
    .description('Print every entity with its aliases, mention count and first and last date, most mentioned first.')
    .addOption(
      new Option('--format <format>', 'csv (name, type, aliases, mentions, first_date, last_date) or jsonl')
        .choices(['csv', 'jsonl'])
        .default('csv'),
    )
    .option('--type <type>', 'only entities of this type')
    .option('--q <words>', 'only entities with a name or spelling that has a word starting so')
    .action(async (flags: ExportFlags) => {
      const db = await openDatabase(loadConfig({ db: program.opts().db }).databasePath, { readers: 0 });
      try {
        const query = { type: flags.type, q: flags.q };
        const { entities: service } = createServices(db);
        process.stdout.write(
          flags.format === 'csv' ? await service.exportCsv(query, OPERATOR) : await service.exportJsonl(query, OPERATOR),
        );
      } finally {
        await db.close();
      }
    });
};
