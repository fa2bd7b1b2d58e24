import type { Checkpoint } from '../../lab/run';
import type { LabRecord } from '../../progress/labs';
import type { LabSession } from './session';

/**
 * Where a lab keeps its work when it is not the site's browser storage: a SCORM package keeps it in
 * the learning platform (src/lms), which also says who the student is. The lab then asks for no
 * student ID, continues from `resume`, and hands every change to `save` (which reports the score).
 */
export interface LabHost {
  student: { id: string; name: string };
  resume: { record: LabRecord | null; base: Checkpoint | null; notice: string | null } | null;
  /** False when the work could not be kept (the view says so). */
  save(session: LabSession): boolean;
}
