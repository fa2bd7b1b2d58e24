/**
 * Parameter schemas of every generator, apart from their logic: quiz files are validated against
 * them at build time (registry.ts), and the browser, which gets params already validated and filled
 * in, never loads them (nor zod). Each schema's output type is what its generator's logic receives.
 */
import { z } from 'zod';
import { POLICY_PRESETS } from '../../sim/sizing/types';
import { resolveFlavor } from '../../sim/sizing/flavors';

// Consolidation (week 1 arithmetic).
const range = (min: number, max: number, floor = 1) =>
  z
    .strictObject({ min: z.number().int().min(floor), max: z.number().int().min(floor) })
    .refine((r) => r.min <= r.max, { error: 'min must not be greater than max' })
    .default({ min, max });

const watts = (defaults: number[]) => z.array(z.number().int().positive()).min(1).default(defaults);

const scenarioParams = z
  .strictObject({
    /** How many physical servers run before consolidation. */
    servers: range(12, 40),
    /** Average draw of one old server, watts; one is picked per variant. */
    serverWatts: watts([150, 200, 250, 300]),
    /** Average draw of one virtualization host, watts. */
    hostWatts: watts([350, 400, 500, 600]),
    /** Servers (now VMs) per host. */
    ratio: range(4, 10),
  })
  .refine(
    (p) =>
      p.servers.max * Math.max(...p.serverWatts) >
      Math.ceil(p.servers.max / p.ratio.max) * Math.min(...p.hostWatts),
    { error: 'these ranges never give a saving: the hosts draw more than the servers they replace' },
  );
export const consolidationParams = scenarioParams;
export type ConsolidationParams = z.output<typeof scenarioParams>;
export const consolidationRatioParams = z.strictObject({ hosts: range(2, 8, 2), ratio: range(3, 12, 3) });
export type ConsolidationRatioParams = z.output<typeof consolidationRatioParams>;

// Sizing.
const flavorNames = (defaults: string[]) =>
  z
    .array(z.string())
    .min(1)
    .default(defaults)
    .superRefine((names, ctx) => {
      names.forEach((name, i) => {
        const r = resolveFlavor(name);
        if (!r.ok) ctx.addIssue({ code: 'custom', path: [i], message: r.issues[0]!.message + (r.issues[0]!.hint ? `. ${r.issues[0]!.hint}` : '') });
      });
    });
const choices = (defaults: number[]) => z.array(z.number().int().positive()).min(1).default(defaults);

const hostParams = {
  sockets: choices([1, 2]),
  coresPerSocket: choices([4, 6, 8, 12, 16]),
  threadsPerCore: z.array(z.union([z.literal(1), z.literal(2)])).min(1).default([1, 2]),
  ramGb: choices([32, 48, 64, 96, 128]),
  diskGb: choices([500, 1000]),
};
export const howManyFitParams = z.strictObject({
  policy: z.enum(POLICY_PRESETS).default('course'),
  flavors: flavorNames(['g4.r2c1', 'g4.r4c2', 'g4.r8c2', 'g4.r8c4', 'g4.r16c4']),
  ...hostParams,
});
export type HowManyFitParams = z.output<typeof howManyFitParams>;
export const limitingResourceParams = z.strictObject({
  policy: z.enum(['nova-2023.1', 'nova-pre-2023.1']).default('nova-2023.1'),
  flavors: flavorNames(['m1.small', 'm1.medium', 'm1.large', 'm1.xlarge']),
  ...hostParams,
  diskGb: choices([200, 300, 500, 800]),
});
export type LimitingResourceParams = z.output<typeof limitingResourceParams>;

// Network.
export const cloudReachParams = z.strictObject({
  vms: z.number().int().min(3).max(6).default(4),
  scoring: z.enum(['all-or-nothing', 'net-correct', 'per-answer']).default('net-correct'),
});
export type CloudReachParams = z.output<typeof cloudReachParams>;
export const lanReachParams = z.strictObject({ vms: z.number().int().min(3).max(5).default(4) });
export type LanReachParams = z.output<typeof lanReachParams>;

// Snapshots.
const SNAPSHOT_PLATFORMS = ['virtualbox', 'libvirt', 'proxmox'] as const;
export const sessionParams = z.strictObject({
  platforms: z.array(z.enum(SNAPSHOT_PLATFORMS)).min(1).default([...SNAPSHOT_PLATFORMS]),
  steps: z.number().int().min(3).max(12).default(6),
});
export type SessionParams = z.output<typeof sessionParams>;
