import { z } from 'zod';
import { closest, fail, knownList, ok, parseScenario, type Issue, type Result } from '../sim/core';
import { EVENT_CODES } from '../sim/snapshots/explain/events';
import { REFUSAL_CODES } from '../sim/snapshots/explain/refusals';
import type { PowerState, ServiceStatus } from '../sim/snapshots/model/types';
import type { Story, StoryCheck } from '../widgets/snapshots/stories';

/**
 * Guided exercises for the snapshot sandbox, `content/stories/<name>.yaml` (the shape the widget
 * receives is in src/widgets/snapshots/stories.ts). Strict: a misspelt field or check is an error
 * with the closest name, never a step that silently cannot be ticked off.
 */

const text = z.string().trim().min(1);

const POWER_STATES = ['running', 'paused', 'saved', 'poweroff'] as const satisfies readonly PowerState[];
const SERVICE_STATUSES = ['active', 'failed', 'inactive'] as const satisfies readonly ServiceStatus[];

/** A reason code the engine reports (`NOT_PAUSED`, `SNAPSHOT_RESTORED`); a typo gets the closest code. */
const codeOf = <C extends string>(codes: readonly C[], what: string) =>
  z.string().transform((value, ctx): C => {
    if ((codes as readonly string[]).includes(value)) return value as C;
    const guess = closest(value, codes);
    ctx.addIssue({ code: 'custom', message: `unknown ${what} code "${value}"${guess ? `. Did you mean "${guess}"?` : ` ${knownList(codes, 6)}`}` });
    return z.NEVER;
  });

/** One schema per kind of check; an item of `done` is exactly one of them. */
const CHECKS = {
  /** The VM in focus has at least this many snapshots. */
  snapshots: z.strictObject({ snapshots: z.number().int().min(1) }),
  /** A service in the guest has this status. */
  service: z.strictObject({ service: text, status: z.enum(SERVICE_STATUSES) }),
  /** The VM in focus is in this power state. */
  power: z.strictObject({ power: z.enum(POWER_STATES) }),
  /** The step just taken was refused with this reason. */
  refused: z.strictObject({ refused: codeOf(REFUSAL_CODES, 'refusal') }),
  /** The step just taken produced this event. */
  event: z.strictObject({ event: codeOf(EVENT_CODES, 'event') }),
  /** Some snapshot of the VM in focus has two or more child snapshots. */
  branches: z.strictObject({ branches: z.literal(true) }),
  /** The student is looking at this preset (stories written for two). */
  lab: z.strictObject({ lab: text }),
} satisfies Record<string, z.ZodType<StoryCheck, unknown>>;

export const CHECK_KINDS = Object.keys(CHECKS) as (keyof typeof CHECKS)[];

const checkSchema = z.record(z.string(), z.unknown()).transform((raw, ctx): StoryCheck => {
  const kinds = CHECK_KINDS.filter((k) => k in raw);
  if (kinds.length !== 1) {
    const unknown = Object.keys(raw).filter((k) => !(CHECK_KINDS as string[]).includes(k));
    const guess = unknown.length > 0 ? closest(unknown[0]!, CHECK_KINDS) : undefined;
    ctx.addIssue({
      code: 'custom',
      message:
        kinds.length > 1
          ? `one check per item, found ${kinds.map((k) => `"${k}"`).join(' and ')}: give each its own item in done`
          : unknown.length > 0
            ? `unknown check "${unknown[0]}"${guess ? `. Did you mean "${guess}"?` : ` ${knownList(CHECK_KINDS)}`}`
            : `an empty check ${knownList(CHECK_KINDS)}`,
    });
    return z.NEVER;
  }
  const parsed = CHECKS[kinds[0]!].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: describeCheckIssue(issue) });
    return z.NEVER;
  }
  return parsed.data;
});

function describeCheckIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} in this check`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return issue.message;
}

export const storySchema = z.strictObject({
  /** Shown as the widget's title unless the lesson gives one. */
  title: text.max(120),
  /** Presets (content/scenarios/snapshots/) the story is written for; the first one opens. */
  presets: z.array(text).min(1),
  /** Guest actions offered as buttons, each run through the console; without them the sandbox offers generic ones. */
  guestButtons: z.array(z.strictObject({ label: text, command: text })).min(1).optional(),
  steps: z
    .array(
      z.strictObject({
        /** What to do, in one or two sentences. */
        text,
        /** A command that does it, offered as "put in the console". */
        command: text.optional(),
        /** The preset this step happens in, when the story spans two. */
        lab: text.optional(),
        /** Skipped (not failed) when the student goes straight on to the next step. */
        optional: z.boolean().optional(),
        /** The checks that tick the step off, all at once, right after a step the student took. */
        done: z.array(checkSchema).min(1),
      }),
    )
    .min(1),
});

/** Rules between fields and files: the presets exist, and `lab` names one of the story's presets. */
function storyIssues(story: Story, knownPresets: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  story.presets.forEach((p, i) => {
    if (!knownPresets.includes(p)) {
      const guess = closest(p, knownPresets);
      issues.push({ path: ['presets', i], message: `no snapshot preset "${p}" in content/scenarios/snapshots/`, hint: guess ? `Did you mean "${guess}"?` : knownList(knownPresets) });
    } else if (story.presets.indexOf(p) !== i) {
      issues.push({ path: ['presets', i], message: `"${p}" is listed twice` });
    }
  });
  const inStory = (lab: string, path: (string | number)[]) => {
    if (story.presets.includes(lab)) return;
    const guess = closest(lab, story.presets);
    issues.push({ path, message: `"${lab}" is not one of this story's presets`, hint: guess ? `Did you mean "${guess}"?` : `Add it to presets ${knownList(story.presets)}` });
  };
  story.steps.forEach((step, i) => {
    if (step.lab !== undefined) inStory(step.lab, ['steps', i, 'lab']);
    step.done.forEach((check, j) => {
      if ('lab' in check) inStory(check.lab, ['steps', i, 'done', j, 'lab']);
    });
  });
  const last = story.steps.length - 1;
  if (story.steps[last]?.optional) issues.push({ path: ['steps', last, 'optional'], message: 'the last step cannot be optional', hint: 'An optional step is skipped when the student does the step after it' });
  return issues;
}

/** A story file's text → the story the widget receives, or every problem with its path. */
export function parseStory(source: string, knownPresets: readonly string[]): Result<Story> {
  const parsed = parseScenario(source, storySchema);
  if (!parsed.ok) return parsed;
  const story = parsed.value as Story;
  const issues = storyIssues(story, knownPresets);
  return issues.length > 0 ? fail(...issues) : ok(story);
}
