// @ts-check
// The content check's second half in a worker thread (src/lib/content-check-rest.ts): loads the
// TypeScript the way astro.config.mjs does (src/integrations/native-config.mjs), runs the check with
// the request it was given and posts the outcome back.
import { parentPort, workerData } from 'node:worker_threads';
import { resolveExtensionlessTypeScript } from '../integrations/native-config.mjs';

resolveExtensionlessTypeScript(new URL('../', import.meta.url));
const { checkOtherFilesHere } = await import('./content-check-rest.ts');
parentPort?.postMessage(await checkOtherFilesHere(workerData));
