import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordBase, recordedBase } from '../../../src/integrations/preview-base';

const dir = mkdtempSync(join(tmpdir(), 'preview-base-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run preview serves a build under the base it was built with', () => {
  const dist = join(dir, 'dist');
  const distBase = join(dir, 'dist-base');
  mkdirSync(dist);
  mkdirSync(distBase);

  it('each output folder keeps the base of its last build', () => {
    const file = join(dir, 'cache', 'course-build-base.json');
    expect(recordedBase(file, dist)).toBeUndefined();
    recordBase(file, dist, '/virt-course/');
    recordBase(file, distBase, '/virt-course/');
    recordBase(file, dist, '/');
    expect(recordedBase(file, dist)).toBe('/');
    expect(recordedBase(file, distBase)).toBe('/virt-course/');
  });

  it('folders that are gone are forgotten at the next build', () => {
    const file = join(dir, 'cache', 'gone.json');
    const temporary = join(dir, 'tmp-build');
    mkdirSync(temporary);
    recordBase(file, temporary, '/x/');
    rmSync(temporary, { recursive: true });
    recordBase(file, dist, '/');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ [dist]: '/' });
  });

  it('a damaged record is ignored and replaced, never a crash', () => {
    const file = join(dir, 'damaged.json');
    writeFileSync(file, '{ not json');
    expect(recordedBase(file, dist)).toBeUndefined();
    recordBase(file, dist, '/x/');
    expect(recordedBase(file, dist)).toBe('/x/');
    writeFileSync(file, `["${dist}"]`);
    expect(recordedBase(file, dist)).toBeUndefined();
  });
});
