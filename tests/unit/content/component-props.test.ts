import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkProps, elementId, oneOf, propIssues } from '../../../src/lib/component-props';
import { ContentError } from '../../../src/lib/content-error';
import { formatIssue } from '../../../src/sim/core';

/** A schema shaped like a widget's: a preset from a list, an id, optional settings with defaults. */
const schema = z.object({
  preset: oneOf(['virtualbox-home-lab', 'cloud-two-tier'], 'network preset', 'content/scenarios/network/'),
  id: elementId('it prefixes element ids', 'net-home'),
  from: z.string().optional(),
  to: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  compact: z.boolean().default(false),
  addFlavor: z.string().optional(),
});
const source = { component: 'NetworkLab', file: 'content/lessons/virtual-networking.mdx' };
const ok = { preset: 'virtualbox-home-lab', id: 'net-home' };

/** The messages `checkProps` fails the build with, or [] when the props are fine. */
function messages(props: Record<string, unknown>): string[] {
  try {
    checkProps(schema, props, source);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return (e as Error).message.split('\n');
  }
}

describe('component props: one checking path for every widget', () => {
  it('valid props come back with the defaults filled in', () => {
    const r = checkProps(schema, { ...ok, from: 'phone', port: 80 }, source);
    expect(r.props).toEqual({ ...ok, from: 'phone', port: 80, compact: false });
    expect(r.where).toBe('content/lessons/virtual-networking.mdx › <NetworkLab id="net-home">');
  });

  it('a misspelt prop name fails with the lesson file, the component, the prop and the closest name', () => {
    expect(messages({ ...ok, form: 'phone' })).toEqual([
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › form: unknown prop. Did you mean "from"?',
    ]);
    expect(messages({ ...ok, addFlavr: 'g4.r8c4' })).toEqual([
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › addFlavr: unknown prop. Did you mean "addFlavor"?',
    ]);
  });

  it('a prop name close to nothing lists the props there are', () => {
    expect(messages({ ...ok, colour: 'red' })).toEqual([
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › colour: unknown prop. Props: preset, id, from, to, port, compact, addFlavor',
    ]);
  });

  it('every problem is reported at once: unknown names first, then wrong values', () => {
    expect(messages({ preset: 'virtualbox-home-lob', id: 'Net Home', form: 'phone', port: 70000 })).toEqual([
      'content/lessons/virtual-networking.mdx › <NetworkLab id="Net Home"> › form: unknown prop. Did you mean "from"?',
      'content/lessons/virtual-networking.mdx › <NetworkLab id="Net Home"> › preset: no network preset "virtualbox-home-lob" in content/scenarios/network/. Did you mean "virtualbox-home-lab"?',
      'content/lessons/virtual-networking.mdx › <NetworkLab id="Net Home"> › id: must be lowercase letters, digits and dashes (it prefixes element ids), e.g. "net-home"',
      'content/lessons/virtual-networking.mdx › <NetworkLab id="Net Home"> › port: must be at most 65535, got 70000',
    ]);
  });

  it('a name far from every preset lists the known ones', () => {
    expect(messages({ ...ok, preset: 'zzz' })).toEqual([
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › preset: no network preset "zzz" in content/scenarios/network/. (known: "virtualbox-home-lab", "cloud-two-tier")',
    ]);
  });

  it('a number or boolean written in quotes says how to write it in MDX', () => {
    expect(messages({ ...ok, port: '80', compact: 'true' })).toEqual([
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › port: expected number, got "80". Write port={80}: in quotes it is text',
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › compact: expected boolean, got "true". Write compact={true}: in quotes it is text',
    ]);
  });

  it('a missing required prop is named', () => {
    expect(messages({ id: 'net-home' })).toEqual([
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › preset: missing required field (expected string)',
    ]);
  });

  it('without a known file (a component outside a lesson) the message starts at the component', () => {
    const r = propIssues(schema, { ...ok, form: 'x' });
    expect(r.ok).toBe(false);
    expect(() => checkProps(schema, { form: 'x', preset: 'virtualbox-home-lab' }, { component: 'NetworkLab' })).toThrow(
      /^<NetworkLab> › form: unknown prop\. Did you mean "from"\?\n<NetworkLab> › id: missing required field/,
    );
  });

  it('fail() reports what only the engine can judge, at the prop, in the same format', () => {
    const { fail } = checkProps(schema, ok, source);
    expect(() => fail([{ path: [2, 'nic'], message: 'no NIC 3 on "web"' }], 'setup')).toThrow(
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › setup[2].nic: no NIC 3 on "web"',
    );
    expect(() => fail([{ path: ['to'], message: 'unknown machine "wbe"', hint: 'Did you mean "web"?' }])).toThrow(
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › to: unknown machine "wbe". Did you mean "web"?',
    );
  });

  it('build errors carry no stack: the build prints the message, not frames in bundled chunks', () => {
    const error = ContentError.of([{ path: ['week'], message: 'bad' }], 'content/lessons/x.mdx');
    expect(error.stack).toBe('');
    expect(error.message).toBe(formatIssue({ path: ['week'], message: 'bad' }, 'content/lessons/x.mdx'));
  });
});
