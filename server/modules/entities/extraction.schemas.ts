import { Type, type Static } from '@sinclair/typebox';

const Timestamp = Type.Union([Type.String({ description: 'ISO timestamp' }), Type.Null()]);

/** A background job: an extraction run or a training run. */
export const JobState = Type.Object(
  {
    state: Type.Union([Type.Literal('idle'), Type.Literal('running')]),
    done: Type.Integer({ description: 'Documents (extraction) or language models (training) finished in this run' }),
    total: Type.Integer(),
    startedAt: Timestamp,
    finishedAt: Timestamp,
    error: Type.Union([Type.String(), Type.Null()], { description: 'What went wrong in the last run, if anything' }),
  },
  { $id: 'JobState' },
);
export type JobStateResponse = Static<typeof JobState>;

export const ExtractionStartBody = Type.Object(
  {
    all: Type.Optional(
      Type.Boolean({
        description:
          'Every document again, with the gazetteer of confirmed entities as it is now (how corrections spread); else only documents never scanned or changed since',
      }),
    ),
  },
  { additionalProperties: false },
);
