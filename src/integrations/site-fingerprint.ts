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

/** A fingerprint one end-of-build hook worked out for the next one in the same build (see siteFingerprintToShare). */
const SHARED = Symbol.for('course:shared-site-fingerprint');
const shared = () => globalThis as { [SHARED]?: { dir: string; fingerprint: string } };

/**
 * The site's fingerprint (search index left out), also left for the next `sharedSiteFingerprint(dir)`
 * of this build: the search index works it out first among the end-of-build hooks and the link check
 * takes it, instead of reading and hashing every file again (about 45 ms of a 200-lesson rebuild).
 * Nothing between the two writes into the site but Pagefind, into the folder left out.
 */
export function siteFingerprintToShare(dir: string): string {
  const fingerprint = siteFingerprint(dir);
  shared()[SHARED] = { dir, fingerprint };
  return fingerprint;
}

/** The fingerprint left for this folder by siteFingerprintToShare, taken so that it serves once; worked out now when there is none. */
export function sharedSiteFingerprint(dir: string): string {
  const left = shared()[SHARED];
  shared()[SHARED] = undefined;
  return left?.dir === dir ? left.fingerprint : siteFingerprint(dir);
}

/** Drops a fingerprint left and not taken (the search index's last hook does, so none outlives its build). */
export function dropSharedSiteFingerprint() {
  shared()[SHARED] = undefined;
}
