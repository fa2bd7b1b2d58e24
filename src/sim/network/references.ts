import type { Issue, PathSegment } from '../core/issues';
import { closest, knownList } from '../core/suggest';

/**
 * `unknown network "dmz". Did you mean "dmz-net"?` — or the list of known names when nothing is
 * close, or how to define one when there is none at all. Shared by scenario validation and
 * action validation so both speak the same way.
 */
export function unknownReference(
  path: PathSegment[],
  what: string,
  value: string,
  known: readonly string[],
  whereDefined?: string,
  /** Narrows the name's scope: `on host "laptop"`. */
  scope?: string,
): Issue {
  const message = `unknown ${what} ${JSON.stringify(value)}${scope ? ` ${scope}` : ''}`;
  if (known.length === 0) {
    return whereDefined
      ? { path, message, hint: `No ${what} is defined; add one under "${whereDefined}"` }
      : { path, message };
  }
  const guess = closest(value, known);
  if (guess !== undefined) return { path, message, hint: `Did you mean ${JSON.stringify(guess)}?` };
  return { path, message: `${message} ${knownList(known)}` };
}
