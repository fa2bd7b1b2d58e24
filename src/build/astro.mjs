#!/usr/bin/env node
// `npm run build` / `dev` / `preview`: Astro's own command line, started after the allocator
// settings in ./env.mjs are in place (they must be before Vite, and with it Rolldown, is loaded)
// and with Node's compile cache on.
// Arguments pass through unchanged: `node src/build/astro.mjs build --outDir dist-base`.
import { createRequire, enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALLOCATOR_ENV, shareCompileCache, withAllocatorEnv } from './env.mjs';

const settings = withAllocatorEnv(process.env);
for (const name of Object.keys(ALLOCATOR_ENV)) process.env[name] = settings[name];
// Node's compile cache (./env.mjs): from here on, every module loaded is compiled once per version,
// in this thread and in the worker threads and processes the build starts.
if (typeof enableCompileCache === 'function') shareCompileCache(process.cwd(), process.env, enableCompileCache);

const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
// Astro's bin script reads process.argv (command at index 2), as when it is run directly.
await import(pathToFileURL(join(dirname(astroPackage), 'bin', 'astro.mjs')).href);
