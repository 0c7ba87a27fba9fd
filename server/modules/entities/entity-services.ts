import type { CollectionsRepository } from '../../../db/collections.repository.ts';
import type { EntitiesRepository } from '../../../db/entities.repository.ts';
import type { EntityMentionsRepository } from '../../../db/entity-mentions.repository.ts';
import type { UnitOfWork } from '../../../db/unit-of-work.ts';
import { TagPermissions } from './entity-access.ts';
import { EntitiesService } from './entities.service.ts';
import { EntityCurationService, type EntityChanged } from './entity-curation.service.ts';
import { MentionsService } from './mentions.service.ts';

/** The entity services, wired once for the HTTP app and the command line (server/services.ts). */
export function createEntityServices(
  entities: EntitiesRepository,
  mentions: EntityMentionsRepository,
  collections: CollectionsRepository,
  work: UnitOfWork,
  // Told after a person confirms, creates or edits an entity, so that its spellings reach the archive (extraction).
  onEntityChanged: EntityChanged = () => undefined,
) {
  const permissions = new TagPermissions(collections, entities);
  const reads = new EntitiesService(entities, mentions, permissions);
  return {
    entities: reads,
    entityCuration: new EntityCurationService(entities, mentions, reads, permissions, work, onEntityChanged),
    mentions: new MentionsService(entities, mentions, permissions, work, onEntityChanged),
  };
}
