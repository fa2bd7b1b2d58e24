import { isRecord, readSlice, writeSlice, type KeyValueStore, type Slice } from './store';

/**
 * What a student did in the simulators embedded in lessons (not graded labs, which keep their own
 * log in `labs`): per widget on a page, the steps taken since its preset, so a reload or a visit to
 * the glossary and back replays them through the engine and the widget is as it was left. As for
 * labs, the state itself is never stored: steps are, and the engine recomputes the rest.
 * Guided exercises (stories) that were finished are remembered by name with the date.
 */

/** A change in the network lab: an engine action (checked again by the engine on replay). */
export interface NetworkStep {
  action: Record<string, unknown>;
}

/** A step in the snapshot sandbox: a button (its engine action and where its result showed), a console line, or a switch of lab. */
export type SnapshotStep =
  | { kind: 'act'; action: Record<string, unknown>; panel: string; title: string }
  | { kind: 'command'; line: string }
  | { kind: 'switch'; index: number };

export interface WidgetRecord {
  /** Fingerprint of the preset the steps were taken on: a changed lesson preset starts again. */
  preset: string;
  /** ISO date-time of the last step. */
  at: string;
  steps: (NetworkStep | SnapshotStep)[];
  /** View choices worth keeping (the question asked, the machine shown, the story's progress). */
  view: Record<string, unknown>;
}

export interface SimsProgress {
  /** By `<page path>#<widget id>`. */
  widgets: Record<string, WidgetRecord>;
  /** Story name → when it was completed (ISO date-time). */
  stories: Record<string, string>;
}

export const STEPS_KEEP = 500;
const KEY = /^\/[^\s#]{0,300}#[A-Za-z][\w-]{0,99}$/;
const STORY = /^[a-z0-9][a-z0-9-]{0,99}$/;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isDate = (v: unknown): boolean => isText(v, 40) && !Number.isNaN(Date.parse(v));

function isStep(s: unknown): boolean {
  if (!isRecord(s)) return false;
  if (!('kind' in s)) return isRecord(s.action);
  if (s.kind === 'act') return isRecord(s.action) && isText(s.panel, 40) && isText(s.title, 400);
  if (s.kind === 'command') return isText(s.line, 2000);
  if (s.kind === 'switch') return typeof s.index === 'number' && Number.isInteger(s.index) && s.index >= 0 && s.index < 50;
  return false;
}

export const simsSlice: Slice<SimsProgress> = {
  key: 'sims',
  version: 1,
  empty: () => ({ widgets: {}, stories: {} }),
  check: (data) => {
    if (!isRecord(data) || !isRecord(data.widgets) || !isRecord(data.stories)) return 'expected the widgets and the finished stories';
    for (const [key, rec] of Object.entries(data.widgets)) {
      if (!KEY.test(key)) return `"${key.slice(0, 60)}" does not name a widget on a page`;
      if (!isRecord(rec) || !isText(rec.preset, 40) || !isDate(rec.at) || !isRecord(rec.view)) return `the record of ${key} cannot be read`;
      if (!Array.isArray(rec.steps) || rec.steps.length > STEPS_KEEP || !rec.steps.every(isStep)) return `the steps of ${key} cannot be read`;
    }
    for (const [name, at] of Object.entries(data.stories)) {
      if (!STORY.test(name) || !isDate(at)) return `the finished exercise "${name.slice(0, 40)}" cannot be read`;
    }
    return data as unknown as SimsProgress;
  },
};

export const readSims = (store?: KeyValueStore): SimsProgress => readSlice(simsSlice, store);

export const widgetKey = (path: string, id: string): string => `${path}#${id}`;

export function widgetRecord(all: SimsProgress, key: string): WidgetRecord | undefined {
  return Object.prototype.hasOwnProperty.call(all.widgets, key) ? all.widgets[key] : undefined;
}

/** Saves (or, with null, forgets) one widget's record; the rest is read fresh so two widgets on a page do not overwrite each other. */
export function saveWidget(key: string, record: WidgetRecord | null, store?: KeyValueStore): boolean {
  const all = readSims(store);
  const widgets = { ...all.widgets };
  if (record === null) delete widgets[key];
  else widgets[key] = { ...record, steps: record.steps.slice(-STEPS_KEEP) };
  return writeSlice(simsSlice, { ...all, widgets }, store);
}

export function storyCompletedAt(all: SimsProgress, name: string): string | null {
  return Object.prototype.hasOwnProperty.call(all.stories, name) ? all.stories[name]! : null;
}

/** Records a finished story once (the first completion date stays). */
export function recordStoryCompleted(name: string, now: Date = new Date(), store?: KeyValueStore): string {
  const all = readSims(store);
  const earlier = storyCompletedAt(all, name);
  if (earlier !== null) return earlier;
  const at = now.toISOString();
  writeSlice(simsSlice, { ...all, stories: { ...all.stories, [name]: at } }, store);
  return at;
}

/** A short fingerprint of a preset (FNV-1a over its JSON): saved steps belong to the preset they were taken on. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
