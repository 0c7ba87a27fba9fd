import type { CounterpartLinkRow, CounterpartPassageRow, SearchRepository } from '../../../db/search.repository.ts';
import type { AlignmentPair } from '../../../db/translations.repository.ts';
import { buildSnippet } from '../../pipeline/highlight.ts';
import type { CounterpartPassage, SearchResponse } from './search.schemas.ts';

type Result = SearchResponse['results'][number];

// The other side is shown beside the hit, not read there: an excerpt of a snippet's length.
const COUNTERPART_LENGTH = 240;

/**
 * Which side of a translation a search hit is on, and the paragraph on the other side that the
 * pairing puts beside it. Counterparts the reader may not read are never looked at.
 */
export class SearchCounterparts {
  constructor(private readonly search: Pick<SearchRepository, 'passagesById'>) {}

  /**
   * `byDocument` holds each result document's links, as the result page's query found them for this scope; only
   * when there are any are the paired passages read (one more query).
   */
  async attach(results: readonly Omit<Result, 'side'>[], byDocument: ReadonlyMap<number, CounterpartLinkRow[]>): Promise<Result[]> {
    if (![...byDocument.values()].some((links) => links.length > 0))
      return results.map((r) => ({ ...r, side: null, passages: r.passages.map((p) => ({ ...p, counterparts: [] })) }));
    const wanted = new Map<CounterpartLinkRow, Map<number, number[]>>();
    for (const result of results) {
      for (const link of byDocument.get(result.document.id) ?? []) {
        const pairs = JSON.parse(link.alignment) as AlignmentPair[];
        const mine = link.role === 'original' ? 'translation' : 'original';
        const theirs = link.role;
        const covered = new Map<number, number[]>();
        for (const passage of result.passages) {
          const pair = pairs.find((p) => p[mine].includes(passage.id));
          if (pair && pair[theirs].length > 0) covered.set(passage.id, pair[theirs]);
        }
        wanted.set(link, covered);
      }
    }
    const ids = [...wanted.values()].flatMap((covered) => [...covered.values()].flat());
    const passages = new Map((await this.search.passagesById([...new Set(ids)])).map((p) => [p.id, p]));
    return results.map((result) => {
      const mine = byDocument.get(result.document.id) ?? [];
      return {
        ...result,
        side: sideOf(mine),
        passages: result.passages.map((passage) => ({
          ...passage,
          counterparts: mine.flatMap((link) => {
            const found = counterpartOf(link, wanted.get(link)?.get(passage.id) ?? [], passages);
            return found ? [found] : [];
          }),
        })),
      };
    });
  }
}

function counterpartOf(
  link: CounterpartLinkRow,
  ids: readonly number[],
  passages: ReadonlyMap<number, CounterpartPassageRow>,
): CounterpartPassage | null {
  // The pairing is stored apart from the passages; a passage re-imported away since is skipped.
  const covered = ids
    .map((id) => passages.get(id))
    .filter((p) => p !== undefined && p.documentId === link.id)
    .sort((a, b) => a!.ordinal - b!.ordinal) as CounterpartPassageRow[];
  if (covered.length === 0) return null;
  const text = covered.map((p) => p.text).join('\n\n');
  return {
    document: { id: link.id, ref: link.ref, title: link.title, language: link.language },
    role: link.role,
    passageIds: covered.map((p) => p.id),
    ordinal: covered[0]!.ordinal,
    start: covered[0]!.start,
    end: covered.at(-1)!.end,
    excerpt: buildSnippet(text, [], COUNTERPART_LENGTH),
  };
}

/** A document with an original is a translation; one with only translations is an original. */
function sideOf(links: readonly CounterpartLinkRow[]): Result['side'] {
  if (links.length === 0) return null;
  return links.some((link) => link.role === 'original') ? 'translation' : 'original';
}
