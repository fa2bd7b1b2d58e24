import { fail, ok, type PathSegment, type Result } from '../core/issues';
import { closest, knownList } from '../core/suggest';
import { LIMITS } from './limits';
import type { Flavor, VmSpec } from './types';

const EXPECTED = 'expected g<generation>.r<RAM GB>c<vCPUs>, e.g. g4.r8c4';
const COURSE_NAME = /^g(\d+)\.r(\d+)c(\d+)$/;
const SWAPPED_NAME = /^g(\d+)\.c(\d+)r(\d+)$/;
const MAX_RAM_GB = LIMITS.vmRamMb.max / 1024;

function courseFlavor(generation: number, ramGb: number, vcpus: number): Flavor {
  return { name: `g${generation}.r${ramGb}c${vcpus}`, vcpus, ramMb: ramGb * 1024, rootDiskGb: 0, ephemeralGb: 0, swapMb: 0, family: 'course' };
}

function openstackFlavor(name: string, vcpus: number, ramMb: number, rootDiskGb: number): Flavor {
  return { name, vcpus, ramMb, rootDiskGb, ephemeralGb: 0, swapMb: 0, family: 'openstack' };
}

/**
 * The catalogue the calculator offers. The g4 sizes follow from their names; they carry no local
 * disk because on the course cloud the disk is a separate volume. The m1 set is Nova's classic
 * default flavors with their real sizes.
 */
export const FLAVOR_CATALOGUE: readonly Flavor[] = [
  courseFlavor(4, 2, 1),
  courseFlavor(4, 4, 1),
  courseFlavor(4, 4, 2),
  courseFlavor(4, 8, 2),
  courseFlavor(4, 8, 4),
  courseFlavor(4, 16, 4),
  courseFlavor(4, 16, 8),
  courseFlavor(4, 32, 8),
  courseFlavor(4, 32, 16),
  courseFlavor(4, 64, 16),
  openstackFlavor('m1.tiny', 1, 512, 1),
  openstackFlavor('m1.small', 1, 2048, 20),
  openstackFlavor('m1.medium', 2, 4096, 40),
  openstackFlavor('m1.large', 4, 8192, 80),
  openstackFlavor('m1.xlarge', 8, 16384, 160),
];

/** Parse a course flavor name (`g4.r8c4` = generation 4, 8 GB RAM, 4 vCPUs). Case does not matter. */
export function parseFlavorName(input: string, path: PathSegment[] = []): Result<Flavor> {
  const text = input.trim().toLowerCase();
  const shown = JSON.stringify(input.trim());
  if (text === '') return fail({ path, message: `the flavor name is empty: ${EXPECTED}` });
  const match = COURSE_NAME.exec(text);
  if (!match) {
    const swapped = SWAPPED_NAME.exec(text);
    const hint = swapped ? `RAM comes before vCPUs: g${swapped[1]}.r${swapped[3]}c${swapped[2]}` : undefined;
    return fail({ path, message: `${shown} is not a flavor name: ${EXPECTED}`, ...(hint ? { hint } : {}) });
  }
  const [generation, ramGb, vcpus] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (generation < 1) return fail({ path, message: `${shown} has generation 0: generations start at 1, e.g. g4.r8c4` });
  if (ramGb < 1) return fail({ path, message: `${shown} asks for 0 GB of RAM: a flavor needs at least 1 GB` });
  if (vcpus < 1) return fail({ path, message: `${shown} asks for 0 vCPUs: a flavor needs at least 1 vCPU` });
  if (ramGb > MAX_RAM_GB) return fail({ path, message: `${shown} asks for ${ramGb} GB of RAM: at most ${MAX_RAM_GB} GB is allowed` });
  if (vcpus > LIMITS.vcpus.max) return fail({ path, message: `${shown} asks for ${vcpus} vCPUs: at most ${LIMITS.vcpus.max} are allowed` });
  return ok(courseFlavor(generation, ramGb, vcpus));
}

/** A catalogue name (any case) or any well-formed course name; unknown names get a suggestion. */
export function resolveFlavor(input: string, path: PathSegment[] = []): Result<Flavor> {
  const text = input.trim().toLowerCase();
  const known = FLAVOR_CATALOGUE.find((f) => f.name === text);
  if (known) return ok(known);
  if (/^g\d/.test(text)) return parseFlavorName(input, path);
  const names = FLAVOR_CATALOGUE.map((f) => f.name);
  const guess = closest(text, names);
  return fail({
    path,
    message: `unknown flavor ${JSON.stringify(input.trim())}`,
    hint: guess ? `Did you mean ${JSON.stringify(guess)}?` : `Use a catalogue name ${knownList(names, 5)} or a course name such as g4.r8c4`,
  });
}

/** The sizes a VM gets when created from a flavor. */
export function specFromFlavor(flavor: Flavor, provisioning: VmSpec['provisioning'] = 'thin', bootFromVolume = false, cpuPolicy: VmSpec['cpuPolicy'] = 'shared'): VmSpec {
  return {
    cpuPolicy,
    vcpus: flavor.vcpus,
    ramMb: flavor.ramMb,
    rootDiskGb: flavor.rootDiskGb,
    ephemeralGb: flavor.ephemeralGb,
    swapMb: flavor.swapMb,
    bootFromVolume,
    provisioning,
  };
}

/** True when the VM still has exactly the flavor's sizes, so it may keep the flavor's name. */
export function matchesFlavor(spec: Pick<VmSpec, 'vcpus' | 'ramMb' | 'rootDiskGb' | 'ephemeralGb' | 'swapMb'>, flavor: Flavor): boolean {
  return (
    spec.vcpus === flavor.vcpus &&
    spec.ramMb === flavor.ramMb &&
    spec.rootDiskGb === flavor.rootDiskGb &&
    spec.ephemeralGb === flavor.ephemeralGb &&
    spec.swapMb === flavor.swapMb
  );
}
