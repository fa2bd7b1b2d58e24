import { NOVA_RELEASES, type NovaOrigin, type NovaRelease, type Ratios } from './types';

/**
 * How a Nova compute node's allocation ratios come about ([nova-sched], [nova-conf], [nova-cn]):
 *
 * - Before Stein (Rocky and older) `*_allocation_ratio` defaulted to 0.0, which meant "unset": the
 *   node record kept 0.0 and Nova used 16.0 / 1.5 / 1.0 when it read the record.
 * - From Stein on, a new node record starts at `initial_*_allocation_ratio` (16.0 / 1.5 / 1.0 until
 *   Zed, 4.0 / 1.0 / 1.0 since 2023.1). A record still at 0.0 or empty is migrated once, to the
 *   configured ratio if one is written, else to the initial one. After that the record keeps its
 *   value: upgrading does not apply a newer release's defaults.
 * - `*_allocation_ratio` written in nova.conf with a value other than 0.0 overrides the record on
 *   every start of nova-compute.
 *
 * Assumed here: nova.conf has said the same since the node was registered, and upgrades went
 * release by release (so a pre-Stein node passed through Stein, where the migration ran).
 */
export type NovaEra = 'pre-stein' | 'stein' | 'antelope';

export function eraOf(release: NovaRelease): NovaEra {
  if (release === 'rocky') return 'pre-stein';
  if (release === 'stein' || release === 'zed') return 'stein';
  return 'antelope';
}

export const RELEASE_LABEL: Record<NovaRelease, string> = {
  rocky: 'Rocky (18) or older',
  stein: 'Stein (19)',
  zed: 'Zed (26)',
  '2023.1': '2023.1 Antelope (27)',
  '2025.1': '2025.1 Epoxy (31)',
};

/** What 0.0 (unset) meant before Stein. */
export const PRE_STEIN_DEFAULTS: Ratios = { cpu: 16.0, ram: 1.5, disk: 1.0 };
/** `initial_*_allocation_ratio` defaults by era. */
export const INITIAL_DEFAULTS: Record<Exclude<NovaEra, 'pre-stein'>, Ratios> = {
  stein: { cpu: 16.0, ram: 1.5, disk: 1.0 },
  antelope: { cpu: 4.0, ram: 1.0, disk: 1.0 },
};

export const releaseIndex = (r: NovaRelease): number => NOVA_RELEASES.indexOf(r);

/** Why one ratio has its value, as data; explain.ts words it. */
export type RatioReason =
  | { code: 'configured'; value: number }
  | { code: 'pre-stein-unset'; value: number }
  | { code: 'initial-at-registration'; value: number; registered: NovaRelease; written: boolean }
  | { code: 'migrated-at-stein'; value: number; written: boolean };

export interface ResolvedRatios {
  ratios: Ratios;
  reasons: Record<keyof Ratios, RatioReason>;
}

const KEYS: readonly (keyof Ratios)[] = ['cpu', 'ram', 'disk'];

/** True when nova.conf sets the option to something Nova treats as a value (not absent, not 0.0). */
const isSet = (v: number | null): v is number => v !== null && v !== 0;

export function resolveRatios(origin: NovaOrigin): ResolvedRatios {
  const ratios = { cpu: 0, ram: 0, disk: 0 };
  const reasons = {} as Record<keyof Ratios, RatioReason>;
  const running = eraOf(origin.running);
  const registered = eraOf(origin.registered);
  for (const k of KEYS) {
    const configured = origin.configured[k];
    const initial = origin.initial[k];
    let reason: RatioReason;
    if (isSet(configured)) reason = { code: 'configured', value: configured };
    else if (running === 'pre-stein') reason = { code: 'pre-stein-unset', value: PRE_STEIN_DEFAULTS[k] };
    else if (registered === 'pre-stein') {
      // The record held 0.0; the migration at Stein used Stein's initial default unless one was written.
      reason = { code: 'migrated-at-stein', value: initial ?? INITIAL_DEFAULTS.stein[k], written: initial !== null };
    } else {
      reason = { code: 'initial-at-registration', value: initial ?? INITIAL_DEFAULTS[registered][k], registered: origin.registered, written: initial !== null };
    }
    ratios[k] = reason.value;
    reasons[k] = reason;
  }
  return { ratios, reasons };
}

/** A node registered under `release` with nothing written in nova.conf: what the presets describe. */
export function defaultOrigin(release: NovaRelease): NovaOrigin {
  const none = { cpu: null, ram: null, disk: null };
  return { registered: release, running: release, configured: { ...none }, initial: { ...none } };
}
