import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One hash of every file a build wrote into `dir` (names and bytes), leaving out the folders named in
 * `skip` at the top (the search index, which is made from the rest). Two builds with the same
 * fingerprint wrote the same site, so what is worked out from the site alone (the internal link
 * check, the search index) is the same too. Node only.
 */
export function siteFingerprint(dir: string, skip: string[] = ['pagefind']): string {
  const hash = createHash('sha256').update('course-site/1\0');
  const walk = (sub: string) => {
    const entries = readdirSync(join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (sub === '' && skip.includes(e.name)) continue;
        hash.update(`d ${rel}\0`);
        walk(rel);
      } else if (e.isFile()) {
        const bytes = readFileSync(join(dir, rel));
        hash.update(`f ${rel}\0${bytes.length}\0`).update(bytes);
      }
    }
  };
  walk('');
  return hash.digest('hex');
}
