import type { AstroIntegration } from 'astro';
import { createRenderer as createEcRenderer } from 'astro-expressive-code';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { buildCodeFingerprint } from '../lab/tries-cache';
import { readCacheFile, writeCacheFile } from '../lib/cache-file';

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
 * exactly. Kept in `<cacheDir>/course-code-blocks.json`; `COURSE_BUILD_CACHE=off` renders every
 * block. Node only.
 */

const FORMAT = 'course-code-blocks/1';

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

/** The key of one block: everything about it a rendering depends on. */
export function blockKey(block: CodeBlockLike): string {
  const position = block.parentDocument?.positionInDocument;
  return createHash('sha256')
    .update(JSON.stringify([block.code, block.language, block.meta, block.locale ?? null, block.parentDocument?.sourceFilePath ?? null, position ? [position.groupIndex, position.totalGroups ?? null] : null]))
    .digest('hex');
}

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
  let stamp: string | undefined;
  let kept = new Map<string, Kept>();
  const used = new Map<string, Kept>();
  let existed = false;
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
      stamp = hash.digest('hex');
      const read = readCacheFile(file, 'stamp', stamp, 'a code block cache', 'highlighting every code block (it is rewritten after the build)', say);
      existed = read.existed;
      kept = new Map();
      for (const [key, value] of Object.entries(read.entries ?? {})) {
        const entry = value as Partial<Kept> | null;
        if (!/^[0-9a-f]{64}$/.test(key) || typeof entry !== 'object' || entry === null || !isHast(entry.ast) || !Array.isArray(entry.styles) || !entry.styles.every((s) => typeof s === 'string')) continue;
        kept.set(key, { ast: entry.ast, styles: entry.styles });
      }
      const render = renderer.ec.render.bind(renderer.ec);
      renderer.ec.render = (async (block: CodeBlockLike, ...rest: unknown[]) => {
        // Astro's Markdown and MDX steps render one block at a time; anything else goes straight through.
        if (rest.length > 0 || typeof block !== 'object' || block === null || Array.isArray(block) || typeof block.code !== 'string') return render(block as never, ...(rest as []));
        const key = blockKey(block);
        const found = kept.get(key) ?? used.get(key);
        if (found) {
          hits++;
          used.set(key, found);
          // Each caller gets its own copy: the rehype step splices elements into the group's tree.
          return { renderedGroupAst: structuredClone(found.ast), styles: new Set(found.styles), renderedGroupContents: [] };
        }
        const result = (await render(block as never)) as unknown as RenderResult;
        rendered++;
        const entry = { ast: structuredClone(result.renderedGroupAst), styles: [...result.styles] };
        if (isDeepStrictEqual(JSON.parse(JSON.stringify(entry)), entry)) used.set(key, entry);
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
          if (!enabled || file === undefined || stamp === undefined) return;
          if (hits > 0) logger.info(`code blocks: ${hits} of ${hits + rendered} highlighted blocks kept from the last build (same text and settings)`);
          const unchanged = rendered === 0 && existed && used.size === kept.size && [...used.keys()].every((k) => kept.has(k));
          if (unchanged) return;
          try {
            writeCacheFile(file, 'stamp', stamp, Object.fromEntries(used));
          } catch (error) {
            logger.info(`could not save ${file} (${(error as Error).message}); the next build highlights every code block again`);
          }
        },
      },
    },
  };
}

function isHast(value: unknown): value is Hast {
  // A block group renders to one element (Expressive Code's wrapper) or a root.
  const node = value as Hast;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (node.type === 'element' || node.type === 'root') && Array.isArray(node.children);
}
