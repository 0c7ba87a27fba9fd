import { Type, type Static } from '@sinclair/typebox';

const Timestamp = Type.Union([Type.String({ description: 'ISO timestamp' }), Type.Null()]);
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

/** One job as the admin page shows it: where it is, how fast it goes, and who started it. */
export const Job = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.String(),
    label: Type.String({ description: 'What the job does, in words' }),
    state: Type.Union([
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('done'),
      Type.Literal('failed'),
      Type.Literal('cancelled'),
    ]),
    cancelRequested: Type.Boolean({ description: 'Asked to stop; it stops after the batch it is working on' }),
    done: Type.Integer(),
    total: Type.Union([Type.Integer(), Type.Null()], { description: 'Null while the work is not counted yet' }),
    unit: Type.String({ description: 'What done and total count: documents, reports, passages, files' }),
    percent: Nullable(Type.Number({ description: 'done of total, 0–100' })),
    ratePerSecond: Nullable(Type.Number({ description: 'Units a second in the current run, from its progress so far' })),
    secondsLeft: Nullable(Type.Number({ description: 'Estimated from the rate; null until there is one' })),
    error: Type.Union([Type.String(), Type.Null()]),
    createdBy: Type.String({ description: 'Who started it, as the audit log names actors' }),
    createdAt: Type.String(),
    startedAt: Timestamp,
    updatedAt: Type.String(),
    finishedAt: Timestamp,
  },
  { $id: 'Job' },
);
export type Job = Static<typeof Job>;

export const JobKindInfo = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  /** False for kinds only the command line runs (imports). */
  startable: Type.Boolean(),
});

export const JobList = Type.Object({ jobs: Type.Array(Job), kinds: Type.Array(JobKindInfo) });
export type JobList = Static<typeof JobList>;

export const StartJobBody = Type.Object(
  { kind: Type.String({ minLength: 1, maxLength: 64, description: 'One of the startable kinds GET /api/admin/jobs lists' }) },
  { additionalProperties: false },
);
export const JobParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
