import type { Command } from 'commander';
import { registerExport } from './entities-export.ts';
import { registerExtract } from './entities-extract.ts';

/**
 * Registers one subcommand of `trove entities`; each feature area keeps its own in its own file
 * (export: bin/entities-export.ts) and lists it in ENTITY_COMMANDS below.
 */
export type EntitiesSubcommand = (entities: Command, program: Command) => void;

const ENTITY_COMMANDS: EntitiesSubcommand[] = [registerExport, registerExtract];

/** `trove entities …`: the entity commands (export, extract). */
export function registerEntitiesCommands(program: Command): void {
  const entities = program.command('entities').description('Named entities: export them, extract them from documents.');
  for (const register of ENTITY_COMMANDS) register(entities, program);
}
