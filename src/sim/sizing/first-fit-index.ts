/**
 * A tournament tree over hosts for first-fit search. Each node keeps, per resource, the most room
 * left and the largest per-VM limit among the hosts below it. A subtree whose best host still has
 * too little of some resource cannot hold the VM, so the search skips it; the hosts it does reach
 * are tested exactly. The answer is the same as scanning hosts in order, found without visiting
 * every full host (packing 10,000 VMs would otherwise walk the same full hosts over and over).
 */
export interface FitIndex {
  /** Number of leaves: a power of two ≥ the number of hosts. */
  size: number;
  hosts: number;
  resources: number;
  room: Float64Array;
  unit: Float64Array;
}

export function buildFitIndex(hosts: number, resources: number, room: (h: number, r: number) => number, unit: (h: number, r: number) => number): FitIndex {
  let size = 1;
  while (size < hosts) size *= 2;
  const index: FitIndex = { size, hosts, resources, room: new Float64Array(2 * size * resources).fill(-Infinity), unit: new Float64Array(2 * size * resources).fill(-Infinity) };
  for (let h = 0; h < hosts; h++) {
    for (let r = 0; r < resources; r++) {
      index.room[(size + h) * resources + r] = room(h, r);
      index.unit[(size + h) * resources + r] = unit(h, r);
    }
  }
  for (let k = size - 1; k >= 1; k--) pull(index, k);
  return index;
}

function pull(index: FitIndex, k: number): void {
  const R = index.resources;
  for (let r = 0; r < R; r++) {
    index.room[k * R + r] = Math.max(index.room[2 * k * R + r]!, index.room[(2 * k + 1) * R + r]!);
    index.unit[k * R + r] = Math.max(index.unit[2 * k * R + r]!, index.unit[(2 * k + 1) * R + r]!);
  }
}

/** Record a host's new room for one resource and refresh the maxima above it. */
export function setRoom(index: FitIndex, h: number, r: number, value: number): void {
  let k = index.size + h;
  index.room[k * index.resources + r] = value;
  for (k = Math.floor(k / 2); k >= 1; k = Math.floor(k / 2)) pull(index, k);
}

/** The first host (lowest index) for which `fits` holds, among hosts not ruled out by the maxima; -1 if none. */
export function firstFit(index: FitIndex, want: readonly number[], fits: (h: number) => boolean): number {
  const R = index.resources;
  const stack = [1];
  while (stack.length > 0) {
    const k = stack.pop()!;
    let possible = true;
    for (let r = 0; r < R && possible; r++) {
      const amount = want[r]!;
      if (amount > 0 && (index.unit[k * R + r]! < amount || index.room[k * R + r]! < amount)) possible = false;
    }
    if (!possible) continue;
    if (k >= index.size) {
      const h = k - index.size;
      if (h < index.hosts && fits(h)) return h;
      continue;
    }
    // Right child first onto the stack, so the left (lower host indexes) is searched first.
    stack.push(2 * k + 1, 2 * k);
  }
  return -1;
}
