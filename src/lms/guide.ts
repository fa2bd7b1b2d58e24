/**
 * How to bring each export into a learning platform, and what a lab package cannot do: written
 * once, shown on the site's instructors page and in the `exports/index.html` that `npm run
 * export` writes next to the files. Text may use **bold** for names on screen and `code` for file
 * names; `richText` escapes everything else.
 */
import type { CompiledLab } from '../lab/schema';
import type { LmsFormat } from '../quiz/export/caveats';
import { escapeHtml } from '../quiz/export/html-text';

export interface FormatGuide {
  format: LmsFormat;
  heading: string;
  /** For which platforms, in a few words. */
  platforms: string;
  /** Where the files are, relative to the export folder (`<id>` stands for the quiz or lab id). */
  files: string;
  steps: string[];
}

export const FORMAT_GUIDES: FormatGuide[] = [
  {
    format: 'moodle-xml',
    heading: 'Moodle XML',
    platforms: 'Moodle (recommended there: it keeps question weights, units, ordering questions and lines of text)',
    files: 'moodle-xml/<id>.xml',
    steps: [
      'In the course, open the **Question bank** and choose **Import**.',
      'Choose the file format **Moodle XML format**. Under **General**, tick **Get category from file** and set **Match grades** to **Nearest grade if not listed** (a multiple-answer question with 7 correct options weighs each 1/7, which is not in Moodle\'s list).',
      'Upload `moodle-xml/<id>.xml` and press **Import**. The questions land in a category named after the quiz; each parametric question gets its own sub-category holding its variants.',
      'In the Moodle quiz, add the fixed questions from the bank and, for each parametric question, **a random question** from its sub-category, so every student draws a variant. The questions keep their marks (a parametric question is worth 2).',
    ],
  },
  {
    format: 'gift',
    heading: 'GIFT',
    platforms: 'Moodle, when Moodle XML cannot be used',
    files: 'gift/<id>.gift',
    steps: [
      'In the course, open the **Question bank** and choose **Import**.',
      'Choose the file format **GIFT format** and set **Match grades** to **Nearest grade if not listed**.',
      'Upload `gift/<id>.gift` and press **Import**. Categories and sub-categories are made as for Moodle XML.',
      'In the quiz, add the fixed questions and one **random question** per parametric question, from its sub-category; then set the marks (GIFT has no question weights).',
    ],
  },
  {
    format: 'qti',
    heading: 'QTI 1.2',
    platforms: 'Canvas (classic quizzes) and other platforms that import IMS QTI 1.2',
    files: 'qti/<id>-qti.zip',
    steps: [
      'In the Canvas course, open **Settings** and choose **Import Course Content**.',
      'Choose the content type **QTI .zip file** and upload `qti/<id>-qti.zip` as it is (do not unzip it).',
      'Press **Import**. Canvas makes a quiz and a question bank; each parametric question becomes a question group that gives every student one of its variants.',
    ],
  },
  {
    format: 'scorm',
    heading: 'SCORM 1.2 packages',
    platforms: 'Moodle, Canvas, Blackboard, Brightspace and any platform that plays SCORM 1.2: the quiz or lab itself, reporting its score',
    files: 'scorm/quizzes/<id>.zip, scorm/labs/<id>.zip',
    steps: [
      'In Moodle, add an activity **SCORM package** and upload the zip as it is. Under **Grade**, a **Grading method** of **Highest grade** records the score the package sends (0–100); set the number of **Attempts** you allow.',
      'In Canvas (with its SCORM tool enabled), Blackboard or Brightspace, add the zip where the platform takes a SCORM package.',
      'Students open the activity in the platform: it shows the quiz or the lab as on the site, sends the score (0–100) and the status, and continues where they left off when they come back.',
    ],
  },
];

/** What every lab package cannot do (SPEC L-S6). */
export const LAB_CAVEATS: readonly string[] = [
  'The score is recomputed by the simulator in the student\'s browser after every step and sent as a percentage (0–100) with the status: passed once every goal is met, or once the mastery score is reached if you set one in the platform; completed (or failed, below a mastery score) after **Finish the lab**; incomplete before.',
  'The platform says who the student is, so the lab asks for no student ID and gives each student the variant of their platform ID. Lab reports cannot be downloaded in the package: for evidence that is replayed and checked for edited scores and copied logs, use the lab page on the site with `npm run grade`.',
  'Work is kept in the platform\'s `cmi.suspend_data`, which holds 4,096 characters: a long session is kept as a compressed checkpoint of the simulator state; if even that does not fit, the lab starts over with a notice when the student comes back.',
];

/** What a lab package cannot do, as it concerns this lab: the common caveats and its own. */
export function labCaveats(compiled: CompiledLab): string[] {
  const out = [...LAB_CAVEATS];
  if (compiled.lab.policy.solution !== 'never' && compiled.lab.solution.length > 0) {
    out.push(`The package holds the worked solution (policy \`solution: ${compiled.lab.policy.solution}\`): a student who opens the browser's developer tools can read it. Set \`solution: never\` to leave it out.`);
  }
  return out;
}

/** Escaped text with **bold** as <strong> and `code` as <code>. */
export function richText(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}
