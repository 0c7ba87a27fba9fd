import { Type, type Static } from '@sinclair/typebox';
import { DocumentPageInfo } from '../pages/pages.schemas.ts';
import { DocumentFilterQuery, DocumentSummary } from '../schemas.ts';

export const ListDocumentsQuery = Type.Object({
  ...DocumentFilterQuery,
  sort: Type.Optional(Type.Union([Type.Literal('date'), Type.Literal('-date'), Type.Literal('ref')], { default: '-date' })),
});
export type ListDocumentsQuery = Static<typeof ListDocumentsQuery>;

export const DocumentList = Type.Object({
  total: Type.Integer({
    description: 'How many documents the list holds; an estimate when totalApproximate is true',
  }),
  totalApproximate: Type.Boolean({
    description:
      'True when other filters than collection narrow a large archive: the total is then estimated from a sample of the documents, not counted',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  documents: Type.Array(DocumentSummary),
});
export type DocumentList = Static<typeof DocumentList>;

const RelatedDocument = Type.Object({
  id: Type.Integer(),
  ref: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  sourceFile: Type.Union([Type.String(), Type.Null()]),
});

const TranslationSide = Type.Intersect([RelatedDocument, Type.Object({ language: Type.Union([Type.String(), Type.Null()]) })]);

export const DocumentDetail = Type.Object({
  document: Type.Intersect([
    DocumentSummary,
    Type.Object({
      author: Type.Union([Type.String(), Type.Null()]),
      classification: Type.Union([Type.String(), Type.Null()]),
      sourceFile: Type.Union([Type.String(), Type.Null()]),
      sha256: Type.String(),
      metadata: Type.Record(Type.String(), Type.Unknown()),
      body: Type.String(),
      parent: Type.Union([RelatedDocument, Type.Null()], {
        description: 'The document that carried this one, such as the e-mail of an attachment',
      }),
      attachments: Type.Array(RelatedDocument, { description: 'Documents this one carried, such as the attachments of an e-mail' }),
      original: Type.Union([TranslationSide, Type.Null()], { description: 'The document this one translates' }),
      translations: Type.Array(TranslationSide, { description: 'Translations of this document' }),
      originalFile: Type.Union(
        [Type.Object({ fileName: Type.String(), mediaType: Type.String(), size: Type.Integer({ minimum: 0 }) }), Type.Null()],
        { description: 'The file this document was imported from, downloadable at /api/documents/{id}/original; null for older imports' },
      ),
    }),
  ]),
  passages: Type.Array(
    Type.Object({
      id: Type.Integer(),
      ordinal: Type.Integer(),
      start: Type.Integer({ description: 'body.slice(start, end) === text' }),
      end: Type.Integer(),
      text: Type.String(),
      page: Type.Optional(
        Type.Union([Type.Integer(), Type.Null()], {
          description: 'The page holding the passage start; null when the document has no pages (always sent by the server)',
        }),
      ),
    }),
  ),
  pages: Type.Array(DocumentPageInfo, { description: 'Pages of a PDF or scan in order; empty for documents without pages' }),
});
export type DocumentDetail = Static<typeof DocumentDetail>;

export const CollectionList = Type.Object({
  collections: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      visibility: Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('restricted')], {
        description: 'public: anyone; internal: anyone signed in; restricted: members only',
      }),
      documentCount: Type.Integer({ description: 'Documents in the collection, kept as they are written: exact' }),
    }),
  ),
});
export type CollectionList = Static<typeof CollectionList>;
