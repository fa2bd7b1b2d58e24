/**
 * The lab file format (`labs/<id>.yaml`). Validated at build time; a mistake fails the build with
 * the file, the field and a suggestion. The start state is a simulator scenario in that engine's
 * own format (by preset name or inline), validated by the same engine code.
 */
import { z } from 'zod';
import { builderCheckSchema, combinable, networkCheckSchema, sizingCheckSchema, snapshotCheckSchema } from './goals/checks';
import { variableSchema } from './variable-schema';
import { VARIABLE_NAME } from './variables';
import type { PreparedLab } from './prepare';

const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lowercase letters, digits and dashes, starting with a letter');
const text = z.string().trim().min(1);

export const hintSchema = z
  .object({
    text,
    /** Points taken off this goal's points when the hint is shown (0 = free). */
    cost: z.number().min(0).default(0),
  })
  .strict();

const feedback = z.object({ met: text.optional(), notMet: text.optional() }).strict();

function goalSchema<C extends z.ZodType>(check: C) {
  return z
    .object({
      id: slug,
      points: z.number().positive().default(1),
      /** What the student sees in the checklist. */
      text,
      check,
      feedback: feedback.default({}),
      hints: z.array(hintSchema).default([]),
      /** Set when the start state already meets this goal on purpose ("keep the database private"). */
      metAtStart: z.boolean().default(false),
      /**
       * Goals this one waits for: it counts only once they are met too ("nginx runs" after "restored"),
       * so a state that was right from the start earns nothing before the work is done.
       */
      after: z.array(slug).default([]),
    })
    .strict();
}

/** A solution step: an engine action (`do`) or, for the snapshot sandbox, a console command. */
const solutionStep = z.union([z.object({ do: z.record(z.string(), z.unknown()) }).strict(), z.object({ command: text }).strict()]);

export const policySchema = z
  .object({
    fixes: z.boolean().default(false),
    /** The network lab's "Hint:" line under a blocked answer, which names the change to make. */
    engineHints: z.boolean().default(false),
    warnings: z.boolean().default(true),
    advisors: z.boolean().default(false),
    /** When the worked solution may be shown: never, once every goal is met, or always (practice labs). */
    solution: z.enum(['never', 'after-complete', 'always']).default('after-complete'),
    /** Snapshot labs: show the target tree beside the current one. */
    goalPicture: z.boolean().default(true),
  })
  .strict();

const start = z
  .object({
    preset: slug.optional(),
    scenario: z.record(z.string(), z.unknown()).optional(),
    /** Steps applied to the scenario before the student starts (network and sizing actions). */
    setup: z.array(z.record(z.string(), z.unknown())).default([]),
    /** Network labs: the question the lab opens with, and the machine whose settings are open. */
    question: z.object({ from: text, to: text, port: z.union([z.number().int(), z.string()]), protocol: z.enum(['tcp', 'udp']).default('tcp') }).strict().optional(),
    focus: text.optional(),
  })
  .strict()
  .refine((s) => (s.preset === undefined) !== (s.scenario === undefined), { message: 'give either "preset" (a file in content/scenarios/<simulator>/) or "scenario" (inline), not both or neither' });

const common = {
  id: slug,
  title: text,
  week: z.number().int().min(1).max(52),
  lesson: slug.optional(),
  summary: text,
  /** Markdown; `{{variable}}` placeholders are filled in per student. */
  brief: text,
  minutes: z.number().int().min(1).max(600),
  start,
  variables: z
    .record(z.string().regex(VARIABLE_NAME, 'a variable name starts with a lowercase letter and has only letters, digits and _'), variableSchema)
    .default({}),
  policy: policySchema.default({ fixes: false, engineHints: false, warnings: true, advisors: false, solution: 'after-complete', goalPicture: true }),
  solution: z.array(solutionStep).min(1),
  draft: z.boolean().default(false),
};

/**
 * In the file a check may hold `{{variable}}` placeholders where numbers go, so the file is checked
 * for shape here and each check against its simulator's schema once variables are filled in
 * (`goalsSchemaFor`, run by the build on sample seeds and by every variant).
 */
const anyCheck = z.object({ kind: z.string() }).catchall(z.unknown());

export const labFileSchema = z
  .object({
    simulator: z.enum(['network', 'sizing', 'snapshots', 'builder']),
    ...common,
    goals: z.array(goalSchema(anyCheck)).min(1),
  })
  .strict();

const CHECKS = {
  network: combinable(networkCheckSchema),
  sizing: combinable(sizingCheckSchema),
  snapshots: combinable(snapshotCheckSchema),
  builder: combinable(builderCheckSchema),
};
export const goalsSchemaFor = (simulator: keyof typeof CHECKS) => z.array(goalSchema(CHECKS[simulator]));

export type LabFile = z.output<typeof labFileSchema>;
export type LabGoal = Omit<LabFile['goals'][number], 'check'> & { check: { kind: string } };
export type LabPolicy = z.output<typeof policySchema>;
export type SolutionStep = z.output<typeof solutionStep>;

/**
 * A lab as the site and the grading command use it: the file validated, its preset resolved to
 * plain JSON (so the browser needs no YAML parser), the brief rendered to HTML, and the version
 * hash of everything the start state and goals came from.
 */
export interface CompiledLab {
  /** sha-256 of the lab file and its preset file: a report for another version is flagged. */
  hash: string;
  /** Where it came from, for messages: `labs/expose-web.yaml`. */
  source: string;
  lab: LabFile;
  /** The scenario object before variables (preset or inline). */
  scenario: Record<string, unknown>;
  /** The brief as HTML, with `{{variable}}` placeholders still in it. */
  briefHtml: string;
  /** The scenario and goals as their schemas read them, placeholders kept: what the browser builds from (src/lab/prepare.ts). */
  prepared: PreparedLab;
}

/** A compiled lab before its browser data is prepared: all that the schemas' path (build, grading) reads. */
export type ReadLab = Omit<CompiledLab, 'prepared'>;
