import type { Simulator } from '../steps';
import type { SimAdapter } from './adapter';
import { networkAdapter } from './network';
import { sizingAdapter } from './sizing';
import { snapshotAdapter } from './snapshots';
import { builderAdapter } from './builder';

/** Every adapter, for the build, the grading command and tests (the browser loads one: `./load`). */
export const ADAPTERS: Record<Simulator, SimAdapter<unknown, unknown>> = {
  network: networkAdapter as unknown as SimAdapter<unknown, unknown>,
  sizing: sizingAdapter as unknown as SimAdapter<unknown, unknown>,
  snapshots: snapshotAdapter as unknown as SimAdapter<unknown, unknown>,
  builder: builderAdapter as unknown as SimAdapter<unknown, unknown>,
};
