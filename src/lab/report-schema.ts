/**
 * The shape a handed-in lab report must have (./report describes the format). Read by the grading
 * command, which checks every file it is given; apart from ./report so the lab page, which only
 * writes reports, loads no zod.
 */
import { z } from 'zod';
import { REPORT_FORMAT, REPORT_VERSION } from './report';

const json = z.record(z.string(), z.unknown());
const simStep = z.union([
  z.object({ kind: z.enum(['network', 'sizing']), action: json }).strict(),
  z.object({ kind: z.literal('snapshot'), action: json, at: z.number().finite() }).strict(),
  z.object({ kind: z.literal('command'), line: z.string().max(2000), at: z.number().finite() }).strict(),
]);
const logEntry = z.union([
  z.object({ t: z.number().finite().min(0), step: simStep, ok: z.boolean() }).strict(),
  z.object({ t: z.number().finite().min(0), reset: z.literal(true) }).strict(),
  z.object({ t: z.number().finite().min(0), hint: z.string().max(100) }).strict(),
]);

export const reportSchema = z
  .object({
    format: z.literal(REPORT_FORMAT, { message: `not a lab report (expected "format": "${REPORT_FORMAT}")` }),
    version: z.literal(REPORT_VERSION, { message: `report version ${REPORT_VERSION} expected` }),
    engine: z.string().max(20),
    lab: z.object({ id: z.string().max(100), title: z.string().max(300), hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha-256 hash') }).strict(),
    student: z.object({ id: z.string().trim().min(1, 'the student id is empty').max(100), name: z.string().max(200) }).strict(),
    seed: z.string().regex(/^[0-9a-f]{8}$/, 'expected 8 hex digits'),
    startedAt: z.string().max(40),
    savedAt: z.string().max(40),
    log: z.array(logEntry).max(20000),
    claimed: z.object({ earned: z.number().finite(), possible: z.number().finite(), met: z.array(z.string().max(100)).max(200) }).strict(),
  })
  .strict();
