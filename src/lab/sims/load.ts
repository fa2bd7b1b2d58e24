import type { Simulator } from '../steps';
import type { SimAdapter } from './adapter';

/** The one adapter a lab page needs, loaded on demand so a network lab never loads the snapshot engine. */
export async function loadAdapter(simulator: Simulator): Promise<SimAdapter<unknown, unknown>> {
  switch (simulator) {
    case 'network':
      return (await import('./network')).networkAdapter as unknown as SimAdapter<unknown, unknown>;
    case 'sizing':
      return (await import('./sizing')).sizingAdapter as unknown as SimAdapter<unknown, unknown>;
    case 'snapshots':
      return (await import('./snapshots')).snapshotAdapter as unknown as SimAdapter<unknown, unknown>;
    case 'builder':
      return (await import('./builder')).builderAdapter as unknown as SimAdapter<unknown, unknown>;
  }
}
