/**
 * The package's side of the learning platform: find the SCORM 1.2 API and start the session, or
 * run as a preview when there is none (the package opened from a file). Also the end of the
 * session when the page goes away: session time, exit mode, commit, finish (SCORM 1.2 RTE 3.4).
 */
import { findApi, LmsLink } from '../scorm/api';
import { sessionTime, type LessonStatus } from '../scorm/outcome';

export interface Platform {
  /** Null in a preview: nothing is recorded. */
  link: LmsLink | null;
  /** Read once at launch. */
  suspendData: string;
  studentId: string;
  studentName: string;
  masteryScore: string;
}

export function connect(win: Window): Platform {
  const api = findApi(win);
  const link = api ? new LmsLink(api) : null;
  if (link && !link.initialize()) return { link: null, suspendData: '', studentId: '', studentName: '', masteryScore: '' };
  return {
    link,
    suspendData: link?.get('cmi.suspend_data') ?? '',
    studentId: link?.get('cmi.core.student_id') ?? '',
    studentName: link?.get('cmi.core.student_name') ?? '',
    masteryScore: link?.get('cmi.student_data.mastery_score') ?? '',
  };
}

/**
 * Ends the session once, on `pagehide` (which also fires when an LMS closes its frame): time spent,
 * `cmi.core.exit` "suspend" while the activity is incomplete (so the next launch resumes) and ""
 * once it is done, then commit and finish.
 */
export function finishOnLeave(win: Window, link: LmsLink, status: () => LessonStatus): void {
  const started = Date.now();
  let done = false;
  const end = () => {
    if (done) return;
    done = true;
    link.set('cmi.core.session_time', sessionTime(Date.now() - started));
    link.set('cmi.core.exit', status() === 'incomplete' ? 'suspend' : '');
    link.commit();
    link.finish();
  };
  win.addEventListener('pagehide', end);
  win.addEventListener('beforeunload', end);
}

/** "LMSSetValue(cmi.core.score.raw) 405: Incorrect data type" for the status line. */
export const errorText = (link: LmsLink | null): string | null => {
  const e = link?.errors.at(-1);
  return e ? `The course platform refused ${e.call}${e.code ? ` (error ${e.code}${e.text ? `: ${e.text}` : ''})` : ''}.` : null;
};

/**
 * LMSCommit once the student pauses (`soon`), or at once (`now`: a submitted quiz, a finished lab):
 * some platforms send every commit to their server straight away, and a quiz saves on every
 * keystroke. Values are set at once either way; the end of the session commits what is pending.
 */
export function committer(link: LmsLink, after: () => void, delayMs = 2000): { soon: () => void; now: () => boolean } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const now = (): boolean => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const done = link.commit();
    after();
    return done;
  };
  return {
    soon: () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(now, delayMs);
    },
    now,
  };
}
