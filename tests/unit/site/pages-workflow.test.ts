import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The ready-made GitHub Pages workflow (.github/workflows/pages.yml): what it must do to publish this
 * site under a sub-path. GitHub runs it; here we check the parts that would silently break the site.
 */
interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push?: { branches?: string[] }; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { needs?: string; steps: Step[]; environment?: { name: string } }>;
}
const workflow = parse(readFileSync('.github/workflows/pages.yml', 'utf8')) as Workflow;
const build = workflow.jobs['build']!.steps;
const deploy = workflow.jobs['deploy']!;
const action = (steps: Step[], name: string) => steps.find((s) => s.uses?.split('@')[0] === name);

describe('GitHub Pages workflow', () => {
  it('runs on pushes to main and by hand, with the permissions Pages deployments need', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('installs with npm ci on the pinned Node version', () => {
    expect(action(build, 'actions/setup-node')?.with?.['node-version-file']).toBe('.nvmrc');
    expect(build.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    expect(build.some((s) => s.run?.startsWith('npm install'))).toBe(false);
  });

  it('restores the build caches after npm ci (which empties node_modules) and before the build', () => {
    const cache = action(build, 'actions/cache');
    const install = build.findIndex((s) => s.run?.startsWith('npm ci'));
    const buildStep = build.findIndex((s) => s.run === 'npm run build');
    expect(cache).toBeDefined();
    expect(build.indexOf(cache!)).toBeGreaterThan(install);
    expect(build.indexOf(cache!)).toBeLessThan(buildStep);
    // Where src/integrations/svelte-compile-cache.ts, src/lab/tries-cache.ts and src/lib/content-check-cache.ts keep their files.
    expect(cache?.with?.['path']?.trim().split('\n')).toEqual(['node_modules/.vite/course-svelte-compile', 'node_modules/.astro']);
    expect(cache?.with?.['key']).toContain('${{ github.sha }}');
    expect(cache?.with?.['key']?.startsWith(cache?.with?.['restore-keys'] ?? '-')).toBe(true);
  });

  it('builds under the base path and origin GitHub Pages reports, which repository variables can override', () => {
    const pages = action(build, 'actions/configure-pages');
    expect(pages?.id).toBe('pages');
    const step = build.find((s) => s.run === 'npm run build');
    expect(step?.env?.['BASE_PATH']).toBe("${{ vars.BASE_PATH || format('{0}/', steps.pages.outputs.base_path) }}");
    expect(step?.env?.['SITE_URL']).toBe('${{ vars.SITE_URL || steps.pages.outputs.origin }}');
    expect(build.indexOf(pages!)).toBeLessThan(build.indexOf(step!));
  });

  it('uploads dist/ and deploys it in a second job', () => {
    expect(action(build, 'actions/upload-pages-artifact')?.with?.['path']).toBe('dist');
    expect(deploy.needs).toBe('build');
    expect(deploy.environment?.name).toBe('github-pages');
    expect(action(deploy.steps, 'actions/deploy-pages')).toBeDefined();
  });

  it('is documented in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('### Publishing on GitHub Pages');
    expect(readme).toContain('.github/workflows/pages.yml');
  });
});
