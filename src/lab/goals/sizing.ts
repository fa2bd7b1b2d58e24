/** Sizing goals, answered from the sizing engine's `summarize` (SPEC G-S rules). */
import { formatIssue } from '../../sim/core/issues';
import { explainFinding, explainHeadroom, explainVerdict, formatRatio, RESOURCE_LABEL } from '../../sim/sizing/explain';
import { headroomForFlavor } from '../../sim/sizing/queries';
import { presetOf } from '../../sim/sizing/policy';
import { summarize, type SizingSummary } from '../../sim/sizing/summary';
import type { SizingState } from '../../sim/sizing/types';
import { evaluateCombined, type Evaluated } from './evaluate';
import type { Check, SizingCheck } from './checks';

/** One summary per state object: a lab's checklist asks several goals of the same state. */
const summaries = new WeakMap<SizingState, SizingSummary>();
function summaryOf(s: SizingState): SizingSummary {
  let v = summaries.get(s);
  if (!v) summaries.set(s, (v = summarize(s)));
  return v;
}

const capitalize = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
const FINDING_WORD = 'warning or note';

function leaf(c: SizingCheck, s: SizingState): Evaluated {
  const view = summaryOf(s);
  switch (c.kind) {
    case 'all-placed': {
      const refused = view.verdicts.filter((v) => !v.fits);
      if (view.verdicts.length === 0) return { met: false, detail: 'There are no VMs on the host yet.' };
      return refused.length === 0
        ? { met: true, detail: `All ${view.verdicts.length} VMs fit under this policy.` }
        : { met: false, detail: explainVerdict(refused[0]!) };
    }
    case 'placed': {
      const v = view.verdicts.find((x) => x.name === c.vm);
      if (!v) return { met: false, detail: `There is no VM named "${c.vm}" on the host.` };
      return { met: v.fits, detail: explainVerdict(v) };
    }
    case 'vm-count': {
      const n = view.verdicts.length;
      const met = (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
      return { met, detail: `The host has ${n} VM${n === 1 ? '' : 's'}.` };
    }
    case 'policy': {
      const preset = presetOf(s.policy);
      return { met: preset === c.preset, detail: `The calculator uses the ${preset} policy.` };
    }
    case 'no-warning': {
      const hit = view.findings.find((f) => f.severity === 'warning' && (c.code === undefined || f.code === c.code));
      return hit ? { met: false, detail: explainFinding(hit) } : { met: true, detail: c.code ? `No "${c.code}" warning.` : 'No warnings.' };
    }
    case 'no-finding': {
      const hit = view.findings.find((f) => f.code === c.code);
      return hit ? { met: false, detail: explainFinding(hit) } : { met: true, detail: `No "${c.code}" ${FINDING_WORD}.` };
    }
    case 'ratio-at-most': {
      const line = view.resources.find((r) => r.resource === c.resource)!;
      return {
        met: line.ratio <= c.value + 1e-9,
        detail: `${RESOURCE_LABEL[c.resource]} allocated ÷ available is ${formatRatio(line.ratio)} (at most ${formatRatio(c.value)} wanted).`,
      };
    }
    case 'headroom': {
      const r = headroomForFlavor(s, c.flavor);
      if (!r.ok) return { error: r.issues.map((i) => formatIssue(i)).join('; ') };
      const h = r.value.headroom;
      const met = (c.min === undefined || h.count >= c.min) && (c.max === undefined || h.count <= c.max);
      return { met, detail: `${capitalize(explainHeadroom(h, `${r.value.flavor.name} VMs`, { empty: s.vms.length === 0 }))}.` };
    }
  }
}

export const evaluateSizing = (check: Check<SizingCheck>, s: SizingState): Evaluated => evaluateCombined(check, s, leaf);
