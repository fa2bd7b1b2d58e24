/**
 * The package's side of the SCORM 1.2 run-time: finding the LMS's API (S2), calling it (errors
 * kept, never thrown), what is reported (S3, L-S4) and how a session ends (S4).
 */
import { describe, expect, it, vi } from 'vitest';
import { findApi, LmsLink, type Scorm12Api } from '../../../src/lms/scorm/api';
import { labOutcome, passMark, percent, quizOutcome, sessionTime } from '../../../src/lms/scorm/outcome';
import { committer, finishOnLeave } from '../../../src/lms/player/platform';

/** A fake LMS run-time: records every call, refuses what `refuse` names. */
function fakeApi(refuse: (name: string, element?: string) => boolean = () => false) {
  const calls: string[][] = [];
  const values = new Map<string, string>();
  let last = '0';
  const answer = (name: string, element?: string): string => {
    const no = refuse(name, element);
    last = no ? '405' : '0';
    return no ? 'false' : 'true';
  };
  const api: Scorm12Api = {
    LMSInitialize: () => (calls.push(['LMSInitialize']), answer('LMSInitialize')),
    LMSFinish: () => (calls.push(['LMSFinish']), answer('LMSFinish')),
    LMSGetValue: (e) => (calls.push(['LMSGetValue', e]), values.get(e) ?? ''),
    LMSSetValue: (e, v) => {
      calls.push(['LMSSetValue', e, v]);
      const r = answer('LMSSetValue', e);
      if (r === 'true') values.set(e, v);
      return r;
    },
    LMSCommit: () => (calls.push(['LMSCommit']), answer('LMSCommit')),
    LMSGetLastError: () => last,
    LMSGetErrorString: (code) => (code === '405' ? 'Incorrect Data Type' : 'No error'),
    LMSGetDiagnostic: () => '',
  };
  return { api, calls, values };
}

/** A window chain: `levels` windows above the package, the API on the one named. */
function windows(levels: number, apiAt: number | null, api: Scorm12Api): Window[] {
  const ws: Record<string, unknown>[] = [];
  for (let i = 0; i <= levels; i++) ws.push({});
  ws.forEach((w, i) => {
    w['parent'] = ws[Math.min(i + 1, levels)];
    w['top'] = ws[levels];
    if (i === apiAt) w['API'] = api;
  });
  return ws as unknown as Window[];
}

describe('finding the API (SCORM 1.2 RTE 3.3.6.1)', () => {
  it('S2: on the window itself, on a parent frame, up to 7 levels up, then through the opener', () => {
    const { api } = fakeApi();
    expect(findApi(windows(0, 0, api)[0]!)).toBe(api);
    expect(findApi(windows(3, 3, api)[0]!)).toBe(api);
    expect(findApi(windows(7, 7, api)[0]!)).toBe(api);
    expect(findApi(windows(9, 9, api)[0]!)).toBeNull();
    expect(findApi(windows(2, null, api)[0]!)).toBeNull();
    const opener = windows(1, 1, api)[0]!;
    const popup = windows(0, null, api);
    (popup[0] as unknown as Record<string, unknown>)['opener'] = opener;
    expect(findApi(popup[0]!)).toBe(api);
  });

  it('S2: a frame of another origin (reading it throws) is passed over, and an object that is not the API is not taken for one', () => {
    const { api } = fakeApi();
    const ws = windows(2, 2, api);
    Object.defineProperty(ws[1], 'API', { get: () => { throw new DOMException('cross-origin', 'SecurityError'); } });
    expect(findApi(ws[0]!)).toBe(api);
    const half = windows(1, null, api);
    (half[1] as unknown as Record<string, unknown>)['API'] = { LMSInitialize: () => 'true' };
    expect(findApi(half[0]!)).toBeNull();
  });

  it('S3: a refused call is kept with the LMS\'s own code and text; reading never throws; finish happens once', () => {
    const { api, calls } = fakeApi((name, e) => name === 'LMSSetValue' && e === 'cmi.core.score.raw');
    const link = new LmsLink(api);
    expect(link.set('cmi.core.lesson_status', 'incomplete')).toBe(false);
    expect(link.initialize()).toBe(true);
    expect(link.set('cmi.core.score.raw', 'x')).toBe(false);
    expect(link.errors).toEqual([{ call: 'LMSSetValue(cmi.core.score.raw)', code: '405', text: 'Incorrect Data Type' }]);
    const throwing = { ...api, LMSGetValue: () => { throw new Error('boom'); } };
    const other = new LmsLink(throwing);
    other.initialize();
    expect(other.get('cmi.suspend_data')).toBe('');
    expect(link.finish()).toBe(true);
    expect(link.finish()).toBe(false);
    expect(calls.filter((c) => c[0] === 'LMSFinish')).toHaveLength(1);
  });
});

describe('what is reported', () => {
  it('S3: scores as percentages with at most two decimals, 0 to 100, never NaN', () => {
    expect([percent(0.875), percent(2 / 3), percent(1), percent(0), percent(-1), percent(2), percent(Number.NaN)]).toEqual(['87.5', '66.67', '100', '0', '0', '100', '0']);
  });

  it('S3: a quiz is incomplete until submitted, then passed or failed against the mastery score, or its own pass mark without one', () => {
    expect(passMark('80', 0.6)).toBe(0.8);
    expect(passMark('', 0.6)).toBe(0.6);
    expect(passMark('abc', 0.6)).toBe(0.6);
    expect(passMark('150', 0.6)).toBe(0.6);
    expect(quizOutcome(null, 0.6)).toEqual({ raw: '0', status: 'incomplete' });
    expect(quizOutcome({ score: 0.6 }, 0.6)).toEqual({ raw: '60', status: 'passed' });
    expect(quizOutcome({ score: 0.59 }, 0.6)).toEqual({ raw: '59', status: 'failed' });
  });

  it('L-S4: a lab passes when every goal is met or the mastery score is reached; after Finish below it: failed, or completed without a mastery score', () => {
    const s = (earned: number, complete = false) => ({ earned, possible: 8, complete });
    expect(labOutcome(s(0), false, null)).toEqual({ raw: '0', status: 'incomplete' });
    expect(labOutcome(s(4), true, null)).toEqual({ raw: '50', status: 'completed' });
    expect(labOutcome(s(7.5, true), false, null)).toEqual({ raw: '93.75', status: 'passed' });
    expect(labOutcome(s(6), false, 0.75)).toEqual({ raw: '75', status: 'passed' });
    expect(labOutcome(s(5), false, 0.75)).toEqual({ raw: '62.5', status: 'incomplete' });
    expect(labOutcome(s(5), true, 0.75)).toEqual({ raw: '62.5', status: 'failed' });
    expect(labOutcome({ earned: 0, possible: 0, complete: false }, true, null)).toEqual({ raw: '0', status: 'completed' });
  });

  it('S4: session time as CMITimespan (HHHH:MM:SS.SS)', () => {
    expect(sessionTime(0)).toBe('0000:00:00.00');
    expect(sessionTime(62_500)).toBe('0000:01:02.50');
    expect(sessionTime(3_600_000 * 25 + 59_999)).toBe('0025:01:00.00');
    expect(sessionTime(Number.NaN)).toBe('0000:00:00.00');
    for (const ms of [1, 999, 59_994, 59_995, 3_599_999, 1e9]) expect(sessionTime(ms)).toMatch(/^\d{4}:[0-5]\d:[0-5]\d\.\d\d$/);
  });

  it('S4: when the page goes away: session time, exit "suspend" while incomplete (else ""), commit and finish, once', () => {
    for (const [status, exit] of [['incomplete', 'suspend'], ['passed', '']] as const) {
      const { api, calls } = fakeApi();
      const link = new LmsLink(api);
      link.initialize();
      const handlers: Record<string, () => void> = {};
      const win = { addEventListener: (name: string, f: () => void) => (handlers[name] = f) } as unknown as Window;
      finishOnLeave(win, link, () => status);
      handlers['pagehide']!();
      handlers['beforeunload']!();
      const sent = calls.filter((c) => c[0] !== 'LMSInitialize');
      expect(sent.map((c) => c.slice(0, 2))).toEqual([['LMSSetValue', 'cmi.core.session_time'], ['LMSSetValue', 'cmi.core.exit'], ['LMSCommit'], ['LMSFinish']]);
      expect(sent[1]![2]).toBe(exit);
    }
  });

  it('S3: values go to the LMS at once; LMSCommit waits for 2 s without changes, or comes at once when asked (a submission, Finish)', () => {
    vi.useFakeTimers();
    try {
      const { api, calls } = fakeApi();
      const link = new LmsLink(api);
      link.initialize();
      let shown = 0;
      const c = committer(link, () => shown++);
      const commits = () => calls.filter((x) => x[0] === 'LMSCommit').length;
      for (let i = 0; i < 10; i++) {
        link.set('cmi.suspend_data', `typing ${i}`);
        c.soon();
        vi.advanceTimersByTime(500);
      }
      expect(commits()).toBe(0);
      vi.advanceTimersByTime(1500);
      expect([commits(), shown]).toEqual([1, 1]);
      c.soon();
      expect(c.now()).toBe(true);
      vi.advanceTimersByTime(5000);
      expect([commits(), shown]).toEqual([2, 2]);
    } finally {
      vi.useRealTimers();
    }
  });
});
