import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLab } from '../../../src/lab/compile';
import { labSources } from '../../../src/lab/grade/load-labs';
import { CHECK_KINDS } from '../../../src/lab/goals/checks';

/** The README's "Writing a lab" section is what instructors copy: it must stay a lab that builds. */
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Writing a lab'), readme.indexOf('## Grading lab reports'));
const sources = labSources('.');

describe('README lab example', () => {
  it('compiles, and its solution reaches every goal', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toBeDefined();
    const r = compileLab('labs/expose-web-nat.yaml', yaml!, sources);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('lists every goal kind of every simulator', () => {
    for (const [simulator, kinds] of Object.entries(CHECK_KINDS)) {
      for (const kind of kinds) expect(section, `${simulator} ${kind}`).toMatch(new RegExp(`\\| ${simulator} \\| [^\\n]*\`${kind}\``));
    }
  });
});
