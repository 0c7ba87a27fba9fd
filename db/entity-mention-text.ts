// A mention's text is a slice of its document's body, and since migration 0020 a machine suggestion
// stores it only when SQLite cannot cut it back out exactly: `text` null means body.slice(start, end)
// (body_slice() since migration 0022; before it substr(body, start + 1, end - start), the same when no
// character beyond U+FFFF comes before the end, which is why a mention after one still stores its text). A
// mention a person decided on always keeps its text (a trigger writes it out at the decision):
// re-extraction follows that text when the body changes, so it must not change with the body.
import { sql, type RawBuilder } from 'kysely';
import { bodySliceSql } from './document-body.ts';

/** The SQL for the text of mention `m` in document `d` (table aliases). */
export function mentionTextSql(m: string, d: string): string {
  return `coalesce(${m}.text, ${bodySliceSql(d, `${m}.start`, `${m}."end"`)})`;
}

/** mentionTextSql for Kysely queries. */
export function mentionText(m: string, d: string): RawBuilder<string> {
  return sql<string>`${sql.raw(mentionTextSql(m, d))}`;
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * What a machine suggestion in this body stores as its text: null when the body gives it back exactly
 * (see above). The body is searched once, however many mentions it has.
 */
export function mentionTextStorer(body: string): (start: number, end: number, text: string) => string | null {
  const firstAstral = body.search(HIGH_SURROGATE);
  return (start, end, text) => ((firstAstral < 0 || end <= firstAstral) && body.slice(start, end) === text ? null : text);
}
