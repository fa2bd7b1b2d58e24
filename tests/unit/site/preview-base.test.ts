import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordBase, recordedBase } from '../../../src/integrations/preview-base';

const dir = mkdtempSync(join(tmpdir(), 'preview-base-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run preview serves a build under the base it was built with', () => {
  it('each output folder keeps the base of its last build', () => {
    const file = join(dir, 'cache', 'course-build-base.json');
    expect(recordedBase(file, '/p/dist/')).toBeUndefined();
    recordBase(file, '/p/dist/', '/virt-course/');
    recordBase(file, '/p/dist-base/', '/virt-course/');
    recordBase(file, '/p/dist/', '/');
    expect(recordedBase(file, '/p/dist/')).toBe('/');
    expect(recordedBase(file, '/p/dist-base/')).toBe('/virt-course/');
  });

  it('a damaged record is ignored and replaced, never a crash', () => {
    const file = join(dir, 'damaged.json');
    writeFileSync(file, '{ not json');
    expect(recordedBase(file, '/p/dist/')).toBeUndefined();
    recordBase(file, '/p/dist/', '/x/');
    expect(recordedBase(file, '/p/dist/')).toBe('/x/');
    writeFileSync(file, '["/p/dist/"]');
    expect(recordedBase(file, '/p/dist/')).toBeUndefined();
  });
});
