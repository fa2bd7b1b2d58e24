import { parseStory } from '../schemas/story';
import type { Story } from '../widgets/snapshots/stories';
import { ContentError } from './content-error';
import { presetNames } from './presets';

/** Every guided exercise, `content/stories/<name>.yaml`, as text, at build time. */
const files = import.meta.glob<string>('/content/stories/*.yaml', { query: '?raw', import: 'default', eager: true });

let cache: Record<string, Story> | undefined;

/**
 * The snapshot sandbox's stories by name (the file name), validated: a mistake fails the build
 * naming the file, the field and a fix (src/schemas/story.ts).
 */
export function loadStories(): Record<string, Story> {
  cache ??= Object.fromEntries(
    Object.entries(files).map(([path, text]) => {
      const file = path.slice(1);
      const r = parseStory(text, presetNames('snapshots'));
      if (!r.ok) throw ContentError.of(r.issues, file);
      return [file.slice('content/stories/'.length, -'.yaml'.length), r.value];
    }),
  );
  return cache;
}
