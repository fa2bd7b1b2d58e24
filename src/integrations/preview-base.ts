import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run preview` serves a build at the base path it was built with. BASE_PATH is read when the
 * config loads, so after `BASE_PATH=/virt-course/ npm run build` a plain `npm run preview` used to
 * serve that build at `/`, where every link (all under /virt-course/) was broken. Each build now
 * records its base per output folder in Astro's cache folder, and preview serves the folder there.
 * BASE_PATH given to preview itself still wins.
 */

/** Output folder (absolute path) → the base path its last build used. */
type Record = { [outDir: string]: string };

function read(file: string): Record {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record) : {};
  } catch {
    return {};
  }
}

/** The base path the last build into `outDir` used, if one was recorded in `file`. */
export function recordedBase(file: string, outDir: string): string | undefined {
  const base = read(file)[outDir];
  return typeof base === 'string' ? base : undefined;
}

/** Remembers in `file` that `outDir` was built for `base`, forgetting folders that are gone (temporary builds). */
export function recordBase(file: string, outDir: string, base: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const kept = Object.entries(read(file)).filter(([dir]) => existsSync(dir));
  writeFileSync(file, `${JSON.stringify({ ...Object.fromEntries(kept), [outDir]: base }, null, 2)}\n`);
}

export function previewBase(): AstroIntegration {
  let file = '';
  let outDir = '';
  let base = '/';
  return {
    name: 'course:preview-base',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        file = fileURLToPath(new URL('course-build-base.json', config.cacheDir));
        outDir = fileURLToPath(config.outDir);
        if (command !== 'preview' || process.env['BASE_PATH'] !== undefined) return;
        const built = recordedBase(file, outDir);
        if (built !== undefined && built !== config.base) {
          logger.info(`${outDir} was built with BASE_PATH=${built}: serving it under ${built}`);
          updateConfig({ base: built });
        }
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': () => recordBase(file, outDir, base),
    },
  };
}
