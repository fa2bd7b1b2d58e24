import { formatIssue, type Issue } from '../sim/core';

/**
 * A mistake in the course's content, found while building the site: the message is the whole story,
 * one line per problem (`content/quizzes/x.yaml › lesson: unknown lesson "…". Did you mean "…"?`).
 *
 * Astro prints an error's stack under "Stack trace:"; for these it would be frames inside the bundled
 * build chunks (`dist/.prerender/chunks/…`), nothing an author can act on, so the stack is left empty
 * and the build output ends with the message. Bugs in our own code stay ordinary errors, stack and all.
 */
export class ContentError extends Error {
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'ContentError';
    this.stack = '';
  }

  /** From issues about one file (or one component in a file), formatted the project's way. */
  static of(issues: readonly Issue[], source: string): ContentError {
    return new ContentError(issues.map((i) => formatIssue(i, source)));
  }
}
