import type { AstroIntegration } from 'astro';
import { createRenderer as createEcRenderer } from 'astro-expressive-code';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCodeFingerprint } from '../lab/tries-cache';
import { keepBetweenBuilds, type KeptStore } from '../lib/kept-between-builds';

/**
 * Keeps what Expressive Code made of each code block between builds, so a rebuild highlights only
 * the blocks that changed (issue 16). Highlighting (Shiki's grammars, both themes, the frames) was
 * the largest piece of JavaScript in bundling the pages: about 0.6 s of a 200-lesson rebuild.
 *
 * A block's rendering depends on its text, language, meta string and locale, on its place in the
 * document (Astro's Expressive Code adds the stylesheet link to a document's first block) and on the
 * configuration: the stamp hashes astro.config.mjs and any ec.config file (themes, options, plugins),
 * the code fingerprint (every file under src/, where a plugin could live, and package-lock.json:
 * every package's version; src/lab/tries-cache.ts), the site's base and asset paths, and the styles
 * and scripts Expressive Code made from that configuration. Entries with another stamp never apply.
 * Only blocks this build rendered or used are written back, and only when JSON gives them back
 * exactly (src/lib/kept-between-builds.ts). Kept in `<cacheDir>/course-code-blocks.json`;
 * `COURSE_BUILD_CACHE=off` renders every block. Node only.
 */

const FORMAT = 'course-code-blocks/2';

type Hast = { type: string; children?: Hast[] } & Record<string, unknown>;
interface RenderResult {
  renderedGroupAst: Hast;
  styles: Set<string>;
}
interface CodeBlockLike {
  code: string;
  language: string;
  meta: string;
  locale?: string;
  parentDocument?: { sourceFilePath?: string; positionInDocument?: { groupIndex: number; totalGroups?: number } };
}
type Renderer = Awaited<ReturnType<typeof createEcRenderer>>;
type RendererOptions = Parameters<typeof createEcRenderer>[0];
interface Kept {
  ast: Hast;
  styles: string[];
}

/** Everything about one block a rendering depends on, as the cache's key. */
function blockInput(block: CodeBlockLike): string {
  const position = block.parentDocument?.positionInDocument;
  return JSON.stringify([block.code, block.language, block.meta, block.locale ?? null, block.parentDocument?.sourceFilePath ?? null, position ? [position.groupIndex, position.totalGroups ?? null] : null]);
}

/** How the cache file names one block: the SHA-256 of its input (src/lib/kept-between-builds.ts). */
export const blockKey = (block: CodeBlockLike): string => createHash('sha256').update(blockInput(block)).digest('hex');

export interface CodeBlockCache {
  /** For Expressive Code's `customCreateRenderer`: its own renderer, whose `render` looks in the cache first. */
  createRenderer: (options: RendererOptions) => Promise<Renderer>;
  /** Runs first among the integrations: learns where the cache lives and the site's paths. */
  integration: AstroIntegration;
  /** Blocks taken from the cache and blocks rendered, so far in this process. */
  counts: () => { kept: number; rendered: number };
}

/**
 * `root`: the project folder. Put `cache.integration` before Expressive Code's in the integrations
 * and pass `cache.createRenderer` as its `customCreateRenderer`.
 */
export function codeBlockCache(root: URL): CodeBlockCache {
  let file: string | undefined;
  let paths = '';
  let enabled = process.env.COURSE_BUILD_CACHE !== 'off';
  const kept: KeptStore<Kept> = { store: new Map(), used: new Set() };
  let save: (() => void) | undefined;
  let rendered = 0;
  let hits = 0;
  let say: (message: string) => void = () => {};

  const configText = (): string[] =>
    ['astro.config.mjs', 'astro.config.ts', 'ec.config.mjs', 'ec.config.ts', 'ec.config.js'].map((name) => {
      const path = fileURLToPath(new URL(name, root));
      return existsSync(path) ? `${name}\0${readFileSync(path, 'utf8')}` : `${name}\0-`;
    });

  return {
    counts: () => ({ kept: hits, rendered }),
    async createRenderer(options) {
      const renderer = await createEcRenderer(options);
      if (!enabled || file === undefined) return renderer;
      const hash = createHash('sha256').update(FORMAT).update(paths);
      for (const text of configText()) hash.update(text).update('\0');
      hash.update(buildCodeFingerprint(fileURLToPath(root))).update('\0');
      hash.update(renderer.baseStyles).update('\0').update(renderer.themeStyles).update('\0').update(renderer.jsModules.join('\0'));
      const stamp = hash.digest('hex');
      ({ save } = keepBetweenBuilds(file, stamp, { kind: 'a code block cache', without: 'highlighting every code block' }, kept, isKept, say));
      const render = renderer.ec.render.bind(renderer.ec);
      renderer.ec.render = (async (block: CodeBlockLike, ...rest: unknown[]) => {
        // Astro's Markdown and MDX steps render one block at a time; anything else goes straight through.
        if (rest.length > 0 || typeof block !== 'object' || block === null || Array.isArray(block) || typeof block.code !== 'string') return render(block as never, ...(rest as []));
        const key = blockInput(block);
        const found = kept.store.get(key);
        kept.used.add(key);
        if (found) {
          hits++;
          // Each caller gets its own copy: the rehype step splices elements into the group's tree.
          return { renderedGroupAst: structuredClone(found.ast), styles: new Set(found.styles), renderedGroupContents: [] };
        }
        const result = (await render(block as never)) as unknown as RenderResult;
        rendered++;
        kept.store.set(key, { ast: structuredClone(result.renderedGroupAst), styles: [...result.styles] });
        return result;
      }) as typeof renderer.ec.render;
      return renderer;
    },
    integration: {
      name: 'course:code-block-cache',
      hooks: {
        'astro:config:setup': ({ config, command, logger }) => {
          enabled = enabled && command === 'build';
          file = fileURLToPath(new URL('course-code-blocks.json', config.cacheDir));
          paths = JSON.stringify([config.base, config.build.assets, config.build.assetsPrefix ?? null, config.trailingSlash, config.build.format]);
          say = (message) => logger.info(message);
        },
        'astro:build:done': ({ logger }) => {
          if (!enabled || !save) return;
          if (hits > 0) logger.info(`code blocks: ${hits} of ${hits + rendered} highlighted blocks kept from the last build (same text and settings)`);
          save();
        },
      },
    },
  };
}

/** A rendering the file can give back for a block. */
function isKept(_key: string, value: unknown): value is Kept {
  const entry = value as Partial<Kept> | null;
  return typeof entry === 'object' && entry !== null && isHast(entry.ast) && Array.isArray(entry.styles) && entry.styles.every((s) => typeof s === 'string');
}

function isHast(value: unknown): value is Hast {
  // A block group renders to one element (Expressive Code's wrapper) or a root.
  const node = value as Hast;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (node.type === 'element' || node.type === 'root') && Array.isArray(node.children);
}
