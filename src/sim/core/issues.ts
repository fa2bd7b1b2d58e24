/**
 * Problems found in input (a scenario file, a typed command, a URL) are data: a path into the
 * input, what is wrong, and how to fix it. Text for people is rendered from them by `formatIssue`.
 */
export type PathSegment = string | number;

export interface Issue {
  /** Where in the input, e.g. `["nodes", 2, "nics", 0, "network"]`. Empty for the whole input. */
  path: PathSegment[];
  /** What is wrong, in one sentence without a trailing period. */
  message: string;
  /** How to fix it, when there is something better to say than the message itself. */
  hint?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...issues: Issue[]): Result<T> => ({ ok: false, issues });

/** `nodes[2].nics[0].network` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** `labs/expose-web.yaml › nodes[2].nics[0].network: unknown network "dmz" (known: "lan")` */
export function formatIssue(issue: Issue, source?: string): string {
  const where = [source, formatPath(issue.path)].filter((s) => s && s.length > 0).join(' › ');
  const text = issue.hint ? `${issue.message}. ${issue.hint}` : issue.message;
  return where ? `${where}: ${text}` : text;
}

/** Thrown only at boundaries (build-time loading); engine functions return `Result` instead. */
export class InputError extends Error {
  readonly issues: Issue[];
  readonly source?: string;
  constructor(issues: Issue[], source?: string) {
    super(issues.map((i) => formatIssue(i, source)).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
    this.source = source;
  }
}
