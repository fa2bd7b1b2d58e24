/**
 * The SCORM 1.2 run-time API as a package sees it (SCORM 1.2 RTE, section 3): the LMS puts an
 * object named `API` on a window above the package's own (a parent frame, or the opener of a
 * pop-up), with eight functions that take and return strings. `findApi` follows the RTE's search
 * (3.3.6.1, ADL's `findAPI`): up the parent chain, at most 7 levels, then the opener's chain.
 * `LmsLink` wraps the calls: every value is a string, every failure is kept with the LMS's own
 * error code and text, and nothing here throws.
 */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string | boolean;
  LMSFinish(arg: ''): string | boolean;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string | boolean;
  LMSCommit(arg: ''): string | boolean;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

const FUNCTIONS = ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString'] as const;

/** The window's `API`, when it is one; a window of another origin cannot be read (that is not an error). */
function apiOf(win: Window): Scorm12Api | null {
  try {
    const candidate = (win as unknown as { API?: unknown }).API;
    if (candidate && typeof candidate === 'object' && FUNCTIONS.every((f) => typeof (candidate as Record<string, unknown>)[f] === 'function')) {
      return candidate as Scorm12Api;
    }
  } catch {
    /* cross-origin frame */
  }
  return null;
}

/** ADL's limit: an LMS nests the package at most this many frames deep. */
const MAX_LEVELS = 7;

function searchUp(start: Window): Scorm12Api | null {
  let win = start;
  for (let level = 0; level <= MAX_LEVELS; level++) {
    const api = apiOf(win);
    if (api) return api;
    let parent: Window | null = null;
    try {
      parent = win.parent;
    } catch {
      return null;
    }
    if (!parent || parent === win) return null;
    win = parent;
  }
  return null;
}

export function findApi(win: Window): Scorm12Api | null {
  const found = searchUp(win);
  if (found) return found;
  let opener: Window | null = null;
  try {
    opener = (win.top ?? win).opener as Window | null;
  } catch {
    opener = null;
  }
  return opener ? searchUp(opener) : null;
}

/** SCORM 1.2 returns "true"/"false" as strings; some run-times return booleans. */
const ok = (r: string | boolean): boolean => r === true || r === 'true';

export interface LmsError {
  call: string;
  code: string;
  text: string;
}

/** The calls a package makes, each recorded when the LMS refuses it. */
export class LmsLink {
  readonly errors: LmsError[] = [];
  private started = false;
  private ended = false;

  private readonly api: Scorm12Api;

  constructor(api: Scorm12Api) {
    this.api = api;
  }

  private fail(call: string): false {
    let code = '';
    let text = '';
    try {
      code = String(this.api.LMSGetLastError());
      text = this.api.LMSGetErrorString(code);
    } catch {
      text = 'the platform did not answer';
    }
    this.errors.push({ call, code, text });
    return false;
  }

  private call(name: string, run: () => string | boolean): boolean {
    try {
      return ok(run()) || this.fail(name);
    } catch {
      return this.fail(name);
    }
  }

  initialize(): boolean {
    if (this.started) return true;
    this.started = this.call('LMSInitialize', () => this.api.LMSInitialize(''));
    return this.started;
  }

  get connected(): boolean {
    return this.started && !this.ended;
  }

  /**
   * The element's value, or '' when the LMS has none. A refused read is not an error worth showing:
   * an LMS may not implement an optional element (mastery score), and '' is then the right answer.
   */
  get(element: string): string {
    if (!this.connected) return '';
    try {
      const value = this.api.LMSGetValue(element);
      return typeof value === 'string' ? value : String(value ?? '');
    } catch {
      return '';
    }
  }

  set(element: string, value: string): boolean {
    return this.connected && this.call(`LMSSetValue(${element})`, () => this.api.LMSSetValue(element, value));
  }

  commit(): boolean {
    return this.connected && this.call('LMSCommit', () => this.api.LMSCommit(''));
  }

  finish(): boolean {
    if (!this.connected) return false;
    const done = this.call('LMSFinish', () => this.api.LMSFinish(''));
    this.ended = true;
    return done;
  }
}
