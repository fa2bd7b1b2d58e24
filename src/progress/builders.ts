import { isRecord, readSlice, writeSlice, type KeyValueStore, type Slice } from './store';

/**
 * The VM builders' command logs, per builder id on the page (`vbox-build`…). The lab state is
 * never stored: a reload replays the lines through the console from the builder's preset, as a
 * lab replays its action log, so what is kept is only what the student typed.
 */
export interface BuilderLog {
  /** The preset the lines were typed against; another preset starts afresh. */
  preset: string;
  lines: string[];
}

export type BuildersProgress = Record<string, BuilderLog>;

/**
 * Lines kept per builder and the longest line kept. A replay needs every line from the first, so
 * a longer log is not cut: it is not saved at all (the widget says so and offers "Start again").
 */
export const BUILDER_LINES_KEEP = 1000;
export const BUILDER_LINE_MAX = 2000;
const ID = /^[a-z][a-z0-9-]{0,99}$/;

export const buildersSlice: Slice<BuildersProgress> = {
  key: 'builders',
  version: 1,
  empty: () => ({}),
  check: (data) => {
    if (!isRecord(data)) return 'expected a mapping of builder ids';
    for (const [id, log] of Object.entries(data)) {
      if (!ID.test(id)) return `"${id.slice(0, 40)}" is not a builder id`;
      if (!isRecord(log) || typeof log.preset !== 'string' || !ID.test(log.preset)) return `the log of builder "${id}" names no preset`;
      if (!Array.isArray(log.lines) || log.lines.length > BUILDER_LINES_KEEP || !log.lines.every((l) => typeof l === 'string' && l.length <= BUILDER_LINE_MAX)) {
        return `the command log of builder "${id}" cannot be read`;
      }
    }
    return data as BuildersProgress;
  },
};

export const readBuilders = (store?: KeyValueStore): BuildersProgress => readSlice(buildersSlice, store);

/** The saved lines of one builder for its preset; none when nothing was saved or the preset changed. */
export function builderLines(all: BuildersProgress, id: string, preset: string): string[] {
  const log = Object.hasOwn(all, id) ? all[id]! : undefined;
  return log && log.preset === preset ? log.lines : [];
}

/**
 * Saves one builder's lines; an empty list removes its entry. Returns false when they cannot be
 * kept whole (too many, a line too long) or storage refused.
 */
export function saveBuilderLines(id: string, preset: string, lines: readonly string[], store?: KeyValueStore): boolean {
  if (lines.length > BUILDER_LINES_KEEP || lines.some((l) => l.length > BUILDER_LINE_MAX)) return false;
  const all = { ...readBuilders(store) };
  if (lines.length === 0) delete all[id];
  else all[id] = { preset, lines: [...lines] };
  return writeSlice(buildersSlice, all, store);
}
