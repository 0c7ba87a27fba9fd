import { AccountsRepository } from './accounts.repository.ts';
import { AuditRepository } from './audit.repository.ts';
import type { Db } from './client.ts';
import { CollectionsRepository } from './collections.repository.ts';
import { EntityCurationRepository } from './entity-curation.repository.ts';
import { EntityMentionsRepository } from './entity-mentions.repository.ts';
import { QuotesRepository } from './quotes.repository.ts';
import { TranslationsRepository } from './translations.repository.ts';

export interface Repositories {
  accounts: AccountsRepository;
  collections: CollectionsRepository;
  quotes: QuotesRepository;
  audit: AuditRepository;
  entities: EntityCurationRepository;
  mentions: EntityMentionsRepository;
  translations: TranslationsRepository;
}

/** Runs a person's change and its audit event in one write transaction: both land, or neither does. */
export class UnitOfWork {
  constructor(private readonly writer: Db) {}

  async run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.writer.transaction().execute(async (trx) =>
      work({
        accounts: new AccountsRepository(trx),
        collections: new CollectionsRepository(trx),
        quotes: new QuotesRepository(trx, trx),
        audit: new AuditRepository(trx),
        entities: new EntityCurationRepository(trx),
        mentions: new EntityMentionsRepository(trx, trx),
        translations: new TranslationsRepository(trx, trx),
      }),
    );
  }
}
