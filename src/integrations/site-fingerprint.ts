import { createHash } from 'node:crypto';
import { join, sep } from 'node:path';
import { filesUnder, hashFiles } from '../lib/file-hash';

/**
 * One hash of every file a build wrote into `dir` (names and bytes), leaving out the folders named in
 * `skip` at the top (the search index, which is made from the rest). Two builds with the same
 * fingerprint wrote the same site, so what is worked out from the site alone (the internal link
 * check, the search index) is the same too. Node only.
 */
export function siteFingerprint(dir: string, skip: string[] = ['pagefind']): string {
  const skipped = skip.map((name) => join(dir, name) + sep);
  const files = filesUnder(dir).filter((file) => !skipped.some((prefix) => file.startsWith(prefix)));
  return hashFiles(createHash('sha256').update('course-site/2\0'), dir, files).digest('hex');
}
