import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStory } from '../../../src/schemas/story';
import { formatIssue, type Result } from '../../../src/sim/core';
import { loadScenario as loadNetwork } from '../../../src/sim/network';
import { loadScenario as loadSizing } from '../../../src/sim/sizing/scenario';
import { labFromText } from '../../../src/sim/snapshots';

/** What the README shows authors must work when copied: every example loads as it stands. */
const readme = readFileSync('README.md', 'utf8');
const section = (heading: string): string => {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const next = /\n#{2,3} /.exec(readme.slice(start + heading.length + 2));
  return readme.slice(start, next ? start + heading.length + 2 + next.index : undefined);
};
const blocks = (text: string, lang: string): string[] => [...text.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
const problems = (r: Result<unknown>): string[] => (r.ok ? [] : r.issues.map((i) => formatIssue(i, 'README.md')));

describe('README: authoring examples', () => {
  it('the preset examples load in their simulators: network, sizing, snapshots', () => {
    const [network, sizing, snapshots, ...rest] = blocks(section('### Simulator presets'), 'yaml');
    expect(rest).toEqual([]);
    expect(problems(loadNetwork(network!))).toEqual([]);
    expect(problems(loadSizing(sizing!))).toEqual([]);
    expect(problems(labFromText(snapshots!, { now: 0 }))).toEqual([]);
  });

  it('the guided exercise example is a valid story', () => {
    const [story] = blocks(section('### Guided exercises'), 'yaml');
    const presets = readdirSync('content/scenarios/snapshots').map((f) => f.replace(/\.yaml$/, ''));
    expect(problems(parseStory(story!, presets))).toEqual([]);
  });

  it('the figure example imports through the ~ alias, which tsconfig maps to src/', () => {
    const tsconfig = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    expect(tsconfig.compilerOptions.paths['~/*']).toEqual(['./src/*']);
    const [mdx] = blocks(section('## Writing a lesson'), 'mdx');
    const path = /from '~\/(.+?)'/.exec(mdx!)?.[1];
    expect(path && existsSync(`src/${path}`), path).toBe(true);
  });
});
