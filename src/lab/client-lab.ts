import type { CompiledLab } from './schema';

/**
 * What a lab hands the browser (its page's island, or a SCORM package): the compiled lab, minus a
 * solution the policy never shows (not sent at all).
 */
export function clientLab(compiled: CompiledLab): CompiledLab {
  const { lab } = compiled;
  return lab.policy.solution === 'never' ? { ...compiled, lab: { ...lab, solution: [] } } : compiled;
}
