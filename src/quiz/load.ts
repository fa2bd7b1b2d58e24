/**
 * `loadQuiz(text, file)`: YAML → schema → cross-checks → a Quiz ready for `drawAttempt`.
 * Collects every problem in one pass and never throws. Issues carry the question id so messages
 * read `content/quizzes/week1.yaml › questions[3] (id "hv-types"): …` (see `formatQuizIssue`).
 */
import { z } from 'zod';
import { loadedQuizzes, loadedQuizzesUsed } from './loaded-store';
import { InputError, issuesFromZod, knownList, parseScenario, type Issue, type Json, type PathSegment } from '../sim/core';
import {
  generatedQuestionSchema,
  questionSchemas,
  quizHeaderSchema,
  type AuthoredQuestion,
} from '../schemas/quiz';
import type { RegisteredGenerator } from './generators/generator';
import { defaultGenerators, type GeneratorRegistry } from './generators/registry';
import { normalizeQuestion, optional, resolveLessonLink } from './normalize';
import { questionIssues } from './question-checks';
import { formatQuizIssue, type QuizIssue } from './quiz-issue';
import { unknownName, unknownType } from './type-names';
import { QUESTION_TYPES, type CheckSettings, type GeneratedEntry, type QuestionType, type Quiz, type QuizEntry, type Tolerance } from './types';
import type { AuthoredQuizHeader } from '../schemas/quiz';

export { formatQuizIssue, type QuizIssue };

export type QuizLoadResult =
  | { ok: true; value: Quiz }
  | { ok: false; issues: QuizIssue[]; /** The issues formatted with the file name, one line each. */ messages: string[] };

export interface LoadQuizOptions {
  generators?: GeneratorRegistry;
  /** When given, lesson ids in the quiz must be among these (with a did-you-mean otherwise). */
  knownLessons?: readonly string[];
}

const within = (prefix: PathSegment[], issues: readonly Issue[], questionId?: string): QuizIssue[] =>
  issues.map((i) => ({ ...i, path: [...prefix, ...i.path], ...optional('questionId', questionId) }));

function validateWith<S extends z.ZodType>(schema: S, data: unknown): { ok: true; value: z.output<S> } | { ok: false; issues: Issue[] } {
  const r = schema.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issuesFromZod(r.error, data) };
}

/** Checks that need the raw authored shape (before normalisation fills in defaults). */
function authoredIssues(a: AuthoredQuestion): { issues: Issue[]; tolerance?: Tolerance } {
  if (a.type === 'numeric') {
    const t = a.tolerance;
    if (t === undefined || (t.absolute === undefined && t.relative === undefined)) {
      return {
        issues: [
          {
            path: [],
            message: 'numeric question has no tolerance',
            hint: 'Add tolerance: { absolute: 0.5 } or tolerance: { relative: 0.05 }; use { absolute: 0 } for an exact answer',
          },
        ],
      };
    }
    if (t.absolute !== undefined && t.relative !== undefined) {
      return { issues: [{ path: ['tolerance'], message: 'give either absolute or relative, not both' }] };
    }
    return {
      issues: [],
      tolerance: t.absolute !== undefined ? { kind: 'absolute', value: t.absolute } : { kind: 'relative', value: t.relative! },
    };
  }
  if (a.type === 'matching') {
    const rights = new Set(a.pairs.map((p) => p.right));
    const issues: Issue[] = [];
    a.distractors.forEach((d, i) => {
      if (rights.has(d)) issues.push({ path: ['distractors', i], message: `distractor ${JSON.stringify(d)} is also the right side of a pair` });
    });
    return { issues };
  }
  return { issues: [] };
}

function loadGenerated(
  raw: unknown,
  quizLesson: string,
  generators: GeneratorRegistry,
): { entry?: GeneratedEntry; issues: Issue[] } {
  const parsed = validateWith(generatedQuestionSchema, raw);
  if (!parsed.ok) return { issues: parsed.issues };
  const g = parsed.value;
  const gen: RegisteredGenerator | undefined = generators.get(g.generator);
  if (!gen) {
    return { issues: [{ ...unknownName('generator', g.generator, [...generators.keys()]), path: ['generator'] }] };
  }
  if (!gen.params) throw new Error(`generator "${gen.id}" has no parameter schema: load quizzes with the full registry (registry.ts)`);
  const params = validateWith(gen.params, g.params);
  if (!params.ok) return { issues: params.issues.map((i) => ({ ...i, path: ['params', ...i.path] })) };
  // Generate one sample so that params which produce an ungradable question fail at build time.
  try {
    const sample = gen.generate('loadQuiz-check', params.value);
    const problems = questionIssues({ ...sample, id: g.id, points: g.points } as Parameters<typeof questionIssues>[0]);
    if (problems.length > 0) {
      return {
        issues: problems.map((p) => ({
          path: ['params'],
          message: `generator ${JSON.stringify(gen.id)} made an invalid question with these params: ${p.message}`,
        })),
      };
    }
  } catch (e) {
    return {
      issues: [{ path: ['params'], message: `generator ${JSON.stringify(gen.id)} failed: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  return {
    issues: [],
    entry: {
      type: 'generated',
      id: g.id,
      generator: gen.id,
      params: params.value as Json,
      points: g.points,
      lesson: resolveLessonLink(g.lesson, quizLesson),
      ...optional('explanation', g.explanation),
    },
  };
}

function loadQuestion(
  raw: unknown,
  quizLesson: string,
  generators: GeneratorRegistry,
): { entry?: QuizEntry; issues: Issue[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { issues: [{ path: [], message: 'expected a question (a mapping with id, type, prompt…)' }] };
  }
  const record = raw as Record<string, unknown>;
  if ('generator' in record) return loadGenerated(raw, quizLesson, generators);
  const type = record['type'];
  if (type === undefined) {
    return {
      issues: [
        {
          path: ['type'],
          message: `missing question type ${knownList(QUESTION_TYPES)}`,
          hint: 'Or give generator: … for a parametric question',
        },
      ],
    };
  }
  if (typeof type !== 'string' || !(QUESTION_TYPES as readonly string[]).includes(type)) {
    return { issues: [{ ...unknownType(String(type)), path: ['type'] }] };
  }
  const parsed = validateWith(questionSchemas[type as QuestionType] as z.ZodType, raw);
  if (!parsed.ok) return { issues: parsed.issues };
  const authored = parsed.value as AuthoredQuestion;
  const pre = authoredIssues(authored);
  if (pre.issues.length > 0) return { issues: pre.issues };
  const question = normalizeQuestion(authored, quizLesson, pre.tolerance);
  const problems = questionIssues(question);
  return problems.length > 0 ? { issues: problems } : { entry: question, issues: [] };
}

/** The question names a lesson of its own (`other#anchor`, `other`) rather than taking the quiz's. */
function namesLesson(raw: unknown): boolean {
  const link = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['lesson'] : undefined;
  return typeof link === 'string' && link !== '' && !link.startsWith('#');
}

/**
 * Unknown lesson ids in question links (A13). A question that takes the quiz's lesson is left to the
 * message on the quiz's own `lesson` field: one mistake, one message.
 */
function lessonIssues(
  entries: readonly QuizEntry[],
  indexOf: ReadonlyMap<string, number>,
  raws: readonly unknown[],
  known: readonly string[],
): QuizIssue[] {
  const issues: QuizIssue[] = [];
  for (const e of entries) {
    const lesson = e.lesson?.lesson;
    if (lesson !== undefined && !known.includes(lesson) && namesLesson(raws[indexOf.get(e.id)!])) {
      issues.push({ ...unknownName('lesson', lesson, known), path: ['questions', indexOf.get(e.id)!, 'lesson'], questionId: e.id });
    }
  }
  return issues;
}

/** Default number of tries per question in per-question mode. */
export const DEFAULT_TRIES = 3;

/** The header's feedback, tries, credit and reveal fields as settings, or what is wrong with them (SPEC A14). */
function checkSettings(h: AuthoredQuizHeader): { settings?: CheckSettings; issues: Issue[] } {
  const feedback = h.feedback ?? (h.lmsOnly ? 'at-end' : 'per-question');
  const issues: Issue[] = [];
  if (feedback === 'at-end') {
    for (const field of ['tries', 'credit'] as const) {
      if (h[field] !== undefined) {
        issues.push({
          path: [field],
          message: `${field} applies to per-question feedback, but this quiz has feedback: at-end${h.feedback === undefined ? ' (the default for lmsOnly quizzes)' : ''}`,
          hint: `Remove ${field}, or set feedback: per-question`,
        });
      }
    }
  }
  const tries = feedback === 'at-end' ? 1 : (h.tries ?? h.credit?.length ?? DEFAULT_TRIES);
  let credit = Array.from({ length: tries }, () => 1);
  if (feedback === 'per-question' && h.credit !== undefined) {
    if (h.credit.length !== tries) {
      issues.push({
        path: ['credit'],
        message: `credit has ${h.credit.length} ${h.credit.length === 1 ? 'entry' : 'entries'} but tries is ${tries}`,
        hint: `Give one fraction per try, e.g. tries: ${tries} with credit: [${Array.from({ length: tries }, (_, i) => plainCredit(1 / 2 ** i)).join(', ')}]`,
      });
    }
    h.credit.forEach((c, i) => {
      if (i > 0 && c > h.credit![i - 1]!) {
        issues.push({ path: ['credit', i], message: `try ${i + 1} earns more (${c}) than try ${i} (${h.credit![i - 1]})`, hint: 'A later try can earn the same or less, never more' });
      }
    });
    credit = h.credit;
  }
  const r = h.reveal ?? 'always';
  const reveal: CheckSettings['reveal'] = typeof r === 'string' ? { when: r } : { when: 'after-attempts', attempts: r['after-attempts'] };
  return issues.length > 0 ? { issues } : { settings: { feedback, tries, credit, reveal }, issues };
}

const plainCredit = (x: number) => String(Number(x.toFixed(3)));

/** Fields other tools use for what this quiz format calls something else. */
const HEADER_RENAMES: Record<string, string> = {
  penalty: 'Write the most each try can earn instead, e.g. tries: 3 and credit: [1, 0.5, 0.25]',
  attempts: 'Tries per question are tries: 3; a new attempt at the whole quiz is always allowed',
};

/**
 * A build reads every quiz file twice in one process: the content check before Astro starts, and the
 * pages. With the course's own generators and the same lessons known, the outcome depends only on the
 * file, so it is worked out once (drawing samples of every generated question is most of the work).
 * The store lives on globalThis because the two callers are different module instances; each caller
 * gets its own copy.
 */
export function loadQuiz(text: string, file: string, options: LoadQuizOptions = {}): QuizLoadResult {
  if (options.generators && options.generators !== defaultGenerators) return loadQuizOnce(text, file, options);
  const store = loadedQuizzes();
  const key = JSON.stringify([file, text, options.knownLessons ? [...options.knownLessons].sort() : null]);
  let result = store.get(key);
  if (!result) store.set(key, (result = loadQuizOnce(text, file, options)));
  loadedQuizzesUsed().add(key);
  return structuredClone(result);
}

function loadQuizOnce(text: string, file: string, options: LoadQuizOptions): QuizLoadResult {
  const failed = (issues: QuizIssue[]): QuizLoadResult => ({
    ok: false,
    issues,
    messages: issues.map((i) => formatQuizIssue(i, file)),
  });
  const generators = options.generators ?? defaultGenerators;
  const doc = parseScenario(text, z.unknown());
  if (!doc.ok) return failed(doc.issues);
  const renamed = renamedFields(doc.value);
  const header = validateWith(quizHeaderSchema, doc.value);
  if (!header.ok || renamed.length > 0) {
    // Report header problems, and still check the questions if they are a list.
    const raw = doc.value as Record<string, unknown> | null;
    const questions = raw && typeof raw === 'object' && Array.isArray(raw['questions']) ? (raw['questions'] as unknown[]) : [];
    const lesson = raw && typeof raw['lesson'] === 'string' ? raw['lesson'] : 'lesson';
    const more = questions.flatMap((q, i) => within(['questions', i], loadQuestion(q, lesson, generators).issues, idOf(q)));
    // zod reports the renamed fields as unknown keys of the header; the hints above replace that line.
    const renamedKeys = renamed.map((r) => String(r.path[0]));
    const isRenamed = (i: Issue) => i.path.length === 0 && /^unknown fields? /.test(i.message) && renamedKeys.every((k) => i.message.includes(`"${k}"`));
    const headerIssues = header.ok ? [] : header.issues.filter((i) => !isRenamed(i));
    return failed([...renamed, ...headerIssues, ...more]);
  }
  const h = header.value;
  const settings = checkSettings(h);
  const issues: QuizIssue[] = [...settings.issues];
  const entries: QuizEntry[] = [];
  const firstIndex = new Map<string, number>();
  h.questions.forEach((raw, i) => {
    const id = idOf(raw);
    const r = loadQuestion(raw, h.lesson, generators);
    issues.push(...within(['questions', i], r.issues, id));
    if (id !== undefined) {
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, i);
      else {
        issues.push({
          path: ['questions', i, 'id'],
          message: `duplicate question id ${JSON.stringify(id)} (also used by questions[${first}])`,
          questionId: id,
        });
      }
    }
    if (r.entry) entries.push(r.entry);
  });
  if (options.knownLessons) {
    if (!options.knownLessons.includes(h.lesson)) issues.push({ ...unknownName('lesson', h.lesson, options.knownLessons), path: ['lesson'] });
    issues.push(...lessonIssues(entries, firstIndex, h.questions, options.knownLessons));
  }
  if (issues.length > 0) return failed(issues);
  return {
    ok: true,
    value: {
      id: h.id,
      title: h.title,
      lesson: h.lesson,
      mode: h.mode,
      passingScore: h.passingScore,
      ...optional('description', h.description),
      ...(h.lmsOnly ? { lmsOnly: true } : {}),
      checks: settings.settings!,
      questions: entries,
    },
  };
}

function renamedFields(raw: unknown): Issue[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.keys(raw)
    .filter((k) => Object.hasOwn(HEADER_RENAMES, k))
    .map((k) => ({ path: [k], message: `unknown field "${k}"`, hint: HEADER_RENAMES[k]! }));
}

function idOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as Record<string, unknown>)['id'];
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** For build-time loaders: the quiz, or an InputError whose message lists every problem. */
export function loadQuizOrThrow(text: string, file: string, options: LoadQuizOptions = {}): Quiz {
  const r = loadQuiz(text, file, options);
  if (r.ok) return r.value;
  const error = new InputError(r.issues, file);
  error.message = r.messages.join('\n');
  throw error;
}
