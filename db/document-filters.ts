import { sql, type RawBuilder } from 'kysely';

export interface DocumentFilters {
  kind?: string[];
  origin?: string[];
  language?: string[];
  collection?: string[];
  classification?: string[];
  author?: string[];
  ref?: string[];
  year?: string[];
  /** ISO date prefixes (YYYY, YYYY-MM or YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
}

const EXACT_FIELDS = {
  kind: 'd.kind',
  origin: 'd.origin',
  language: 'd.language',
  collection: 'c.name',
  classification: 'd.classification',
} as const;
const CONTAINS_FIELDS = { author: 'd.author', ref: 'd.ref' } as const;

/** The WHERE clause over `document d join collection c` for the filters; values are always bound. */
export function filterClause(f: DocumentFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  for (const [field, column] of Object.entries(EXACT_FIELDS)) {
    const values = f[field as keyof typeof EXACT_FIELDS];
    if (values?.length) parts.push(sql`${sql.raw(column)} collate nocase in (${sql.join(values)})`);
  }
  for (const [field, column] of Object.entries(CONTAINS_FIELDS)) {
    const values = f[field as keyof typeof CONTAINS_FIELDS];
    if (values?.length)
      parts.push(
        sql`(${sql.join(
          values.map((v) => sql`instr(lower(${sql.raw(column)}), lower(${v})) > 0`),
          sql` or `,
        )})`,
      );
  }
  if (f.year?.length) parts.push(sql`substr(d.date, 1, 4) in (${sql.join(f.year)})`);
  if (f.from) parts.push(sql`substr(d.date, 1, ${f.from.length}) >= ${f.from}`);
  if (f.to) parts.push(sql`substr(d.date, 1, ${f.to.length}) <= ${f.to}`);
  return sql.join(parts, sql` and `);
}
