import type { AttemptGrade } from '../../quiz/client';
import type { QuizRecord } from '../../progress/quizzes';

/**
 * Where a quiz keeps its record when it is not the site's browser storage: a SCORM package keeps
 * it in the learning platform (src/lms). The quiz then starts from `record`, hands every change to
 * `save`, reports each graded attempt to `onresult`, and offers no "Retry" (a new attempt is the
 * platform's): `afterResult` says so instead.
 */
export interface QuizHost {
  record: QuizRecord;
  /** False when the record could not be kept (the view says so). */
  save(record: QuizRecord): boolean;
  onresult(record: QuizRecord, grade: AttemptGrade): void;
  afterResult: string;
}
