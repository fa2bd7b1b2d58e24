/**
 * The file format of a lab's `variables` (see ./variables for how they are drawn). Apart from
 * ./variables so that the browser, which draws and substitutes variables of a lab read at build
 * time, never loads zod.
 */
import { z } from 'zod';

export const variableSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('int'), min: z.number().int(), max: z.number().int(), step: z.number().int().positive().default(1), avoid: z.array(z.number().int()).default([]) }).strict(),
  z.object({ kind: z.literal('pick'), from: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  /** One address from a block: `cidr` 192.168.1.0/24 and host numbers from `first` to `last`. */
  z.object({ kind: z.literal('address'), cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'expected a block such as 192.168.1.0/24'), first: z.number().int().min(1), last: z.number().int().min(1) }).strict(),
  /** A name: `prefix` followed by a word from `words` (or a number from 1 to 99). */
  z.object({ kind: z.literal('name'), prefix: z.string().default(''), words: z.array(z.string().min(1)).optional() }).strict(),
]);
export type VariableSpec = z.output<typeof variableSchema>;
