import { closest } from '../../core/suggest';
import type { Action } from './actions';
import { refusal, type Refusal } from './reasons';

/**
 * The shape of every action, checked before any handler runs (SPEC E6): whatever a widget, a lab log
 * or a test hands in (a number for a VM name, `after: "x"`, NaN), the engine refuses it with a reason
 * and never throws or stores a value JSON cannot hold. Extra fields are ignored, as before. Written
 * by hand rather than with zod so the sandbox in the browser stays small.
 */

/** A field's check: null when fine, else what is wrong (`expected text, got 5`). */
type Rule = (value: unknown) => string | null;
/** Rules of an object's fields; each field's problem is reported under its name. */
type Shape = Record<string, Rule>;

const shown = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'a value that is not a number' : 'an infinite number';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v;
};

const text: Rule = (v) => (typeof v === 'string' ? null : `expected text, got ${shown(v)}`);
const bool: Rule = (v) => (typeof v === 'boolean' ? null : `expected true or false, got ${shown(v)}`);
const number: Rule = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : `expected a number, got ${shown(v)}`);
const int =
  (min: number, max?: number): Rule =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && (max === undefined || v <= max)
      ? null
      : `expected a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}, got ${shown(v)}`;
const oneOf =
  (...values: string[]): Rule =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${shown(v)}`;
const optional =
  (rule: Rule): Rule =>
  (v) =>
    v === undefined ? null : rule(v);
const list =
  (rule: Rule): Rule =>
  (v) => {
    if (!Array.isArray(v)) return `expected a list, got ${shown(v)}`;
    for (const [i, item] of v.entries()) {
      const problem = rule(item);
      if (problem) return `[${i}]${problem.startsWith('.') ? '' : ': '}${problem}`;
    }
    return null;
  };
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** The first problem in an object's own fields, as `field: problem`. */
function shapeProblem(shape: Shape, v: unknown): string | null {
  if (!isRecord(v)) return `expected a mapping, got ${shown(v)}`;
  for (const [field, rule] of Object.entries(shape)) {
    const problem = rule(Object.hasOwn(v, field) ? v[field] : undefined);
    if (problem) return `${field}${problem.startsWith('[') || problem.startsWith('.') ? '' : ': '}${problem}`;
  }
  return null;
}
const object =
  (shape: Shape): Rule =>
  (v) => {
    const problem = shapeProblem(shape, v);
    return problem && isRecord(v) ? `.${problem}` : problem;
  };

const location = optional(oneOf('internal', 'external'));
const GUEST: Record<string, Shape> = {
  write: { path: text, content: text, size: optional(int(0)), append: optional(bool) },
  replace: { path: text, search: text, replacement: text, all: bool },
  remove: { path: text, recursive: bool, force: bool, noPreserveRoot: bool },
  install: { packages: list(text) },
  uninstall: { packages: list(text), purge: bool },
  upgrade: { packages: list(text) },
  service: { service: text, command: oneOf('start', 'stop', 'restart', 'reload', 'enable', 'disable') },
};
const guestOp: Rule = (v) => {
  if (!isRecord(v)) return `expected a mapping, got ${shown(v)}`;
  const op = Object.hasOwn(v, 'op') ? v['op'] : undefined;
  if (typeof op !== 'string' || !Object.hasOwn(GUEST, op)) return `.op: expected one of ${Object.keys(GUEST).map((x) => JSON.stringify(x)).join(', ')}, got ${shown(op)}`;
  const problem = shapeProblem(GUEST[op]!, v);
  return problem ? `.${problem}` : null;
};

const SHAPES: Record<Action['type'], Shape> = {
  take: {
    vm: text,
    name: optional(text),
    description: optional(text),
    memory: optional(bool),
    live: optional(bool),
    halt: optional(bool),
    uniqueName: optional(object({ number: optional(bool), timestamp: optional(bool), space: optional(bool), force: optional(bool) })),
    location,
    disks: optional(list(object({ disk: int(0), location, file: optional(text) }))),
    memoryFile: optional(text),
  },
  restore: { vm: text, snapshot: text, after: optional(oneOf('running', 'paused')) },
  deleteSnapshot: { vm: text, snapshot: text, scope: optional(oneOf('self', 'withChildren', 'childrenOnly')) },
  editSnapshot: { vm: text, snapshot: text, name: optional(text), description: optional(text) },
  setCurrent: { vm: text, snapshot: text },
  clone: { vm: text, name: text, mode: oneOf('full', 'linked'), snapshot: optional(text), vmid: optional(int(1, 999_999_999)) },
  template: { vm: text },
  power: { vm: text, op: oneOf('start', 'shutdown', 'poweroff', 'pause', 'resume', 'save', 'discardState', 'reboot', 'reset') },
  configure: { vm: text, memoryMb: optional(number), cpus: optional(number) },
  guest: { vm: text, guest: guestOp },
  loseBaseDisk: { vm: text },
  setDiskMode: { vm: text, disk: int(0), mode: oneOf('normal', 'writethrough', 'immutable', 'shareable', 'multiattach') },
  focus: { vm: text },
};

export const ACTION_TYPES = Object.keys(SHAPES) as Action['type'][];

/** null when `input` has the shape of an action; otherwise the refusal that names the wrong field. */
export function actionShapeRefusal(input: unknown): Refusal | null {
  if (!isRecord(input)) return refusal('INVALID_ACTION', { problem: `expected an action (a mapping with a "type"), got ${shown(input)}` });
  const type = Object.hasOwn(input, 'type') ? input['type'] : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(SHAPES, type)) {
    const guess = closest(type, ACTION_TYPES);
    return refusal('INVALID_ACTION', { problem: `type: unknown action ${shown(type)}${guess ? ` (did you mean "${guess}"?)` : ''}; the actions are ${ACTION_TYPES.join(', ')}` });
  }
  const problem = shapeProblem(SHAPES[type as Action['type']], input);
  return problem ? refusal('INVALID_ACTION', { type, problem }) : null;
}
