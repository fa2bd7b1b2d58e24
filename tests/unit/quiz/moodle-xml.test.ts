/**
 * Moodle XML export (SPEC E17–E21): checked by a strict XML validator (fast-xml-validator), read
 * with an independent XML parser (fast-xml-parser) and compared with the structure Moodle's importer reads (question/format/xml/format.php and the
 * question types' import_from_xml): every question has name, questiontext, generalfeedback,
 * defaultgrade, penalty, hidden and idnumber, and the elements of its type.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { defaultGenerators, grade, loadQuiz, questionToMoodleXml, toMoodleXml, type MatchingQuestion, type Question, type Quiz } from '../../../src/quiz';
import { matching, multipleAnswer, numeric, ordering, shortText, singleChoice, trueFalse } from './builders';
import { STRICT_XML } from './xml';

type Node = Record<string, unknown>;
const REPEATED = new Set(['question', 'answer', 'subquestion', 'unit', 'tag']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => REPEATED.has(name), parseTagValue: false, trimValues: false });

/** Strict well-formedness, then the tree. */
function parse(xml: string): Node {
  SyntaxValidator.validate(xml, STRICT_XML);
  return parser.parse(xml) as Node;
}

/** The `<question>` elements of a document or of one question's XML (wrapped in <quiz>). */
function questions(xml: string): Node[] {
  const doc = parse(xml.startsWith('<?xml') ? xml : `<quiz>${xml}</quiz>`);
  return ((doc['quiz'] as Node)['question'] as Node[]) ?? [];
}
const one = (q: Question) => questions(questionToMoodleXml(q))[0]!;
const text = (n: unknown): string => {
  const t = (n as Node)['text'];
  return typeof t === 'string' ? t : '';
};
const answers = (q: Node) => (q['answer'] as Node[]) ?? [];

/** Length of the longest common subsequence (an independent dynamic programme). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** What Moodle's importer needs in every question, and per type (the qtype's own elements). */
const COMMON = ['name', 'questiontext', 'generalfeedback', 'defaultgrade', 'penalty', 'hidden', 'idnumber'];
const BY_TYPE: Record<string, string[]> = {
  multichoice: ['single', 'shuffleanswers', 'answernumbering', 'answer'],
  truefalse: ['answer'],
  numerical: ['answer'],
  shortanswer: ['usecase', 'answer'],
  matching: ['shuffleanswers', 'subquestion'],
  ordering: ['layouttype', 'selecttype', 'selectcount', 'gradingtype', 'showgrading', 'answer'],
};

function checkStructure(q: Node): void {
  const type = q['@type'] as string;
  if (type === 'category') {
    expect(text(q['category'])).toMatch(/^\$course\$\/top\//);
    return;
  }
  expect(Object.keys(BY_TYPE)).toContain(type);
  for (const el of [...COMMON, ...BY_TYPE[type]!]) expect(q, `${type} needs <${el}>`).toHaveProperty(el);
  expect((q['questiontext'] as Node)['@format']).toBe('html');
  expect(Number(q['defaultgrade'])).toBeGreaterThan(0);
  for (const a of answers(q)) {
    expect(a).toHaveProperty('@fraction');
    expect(Number.isFinite(Number(a['@fraction']))).toBe(true);
  }
}

describe('Moodle XML', () => {
  it('E17: every question type is well-formed and has the elements Moodle reads, with its weight as defaultgrade', () => {
    const cases: Array<[Question, string]> = [
      [singleChoice({ points: 2 }), 'multichoice'],
      [multipleAnswer('net-correct'), 'multichoice'],
      [trueFalse(), 'truefalse'],
      [numeric({ points: 3 }), 'numerical'],
      [shortText(), 'shortanswer'],
      [matching(), 'matching'],
      [ordering('lcs', 4), 'ordering'],
    ];
    for (const [q, type] of cases) {
      const node = one(q);
      checkStructure(node);
      expect(node['@type']).toBe(type);
      expect(text(node['name'])).toBe(q.id);
      expect(node['idnumber']).toBe(q.id);
      expect(node['defaultgrade']).toBe(String(q.points));
    }
  });

  it('E18: question text is HTML that keeps lines and paragraphs, with `code` as <code> and markup escaped', () => {
    const prompt = 'Run these, in order:\n`VBoxManage startvm web01`\n`ssh -p 2222 <user>@127.0.0.1`\n\nWhat does the second print? ]]> & "it\'s"';
    const node = one(singleChoice({ prompt }));
    expect(text(node['questiontext'])).toBe(
      '<p>Run these, in order:<br><code>VBoxManage startvm web01</code><br><code>ssh -p 2222 &lt;user&gt;@127.0.0.1</code></p><p>What does the second print? ]]&gt; &amp; &quot;it\'s&quot;</p>',
    );
    const a = one(singleChoice({ options: [{ id: 'a', text: 'two\nlines & `x`', correct: true }, { id: 'b', text: 'b', correct: false }] }));
    expect(text(answers(a)[0])).toBe('two<br>lines &amp; <code>x</code>');
  });

  it('E19: choice weights: 100/0 for single choice; ±100/c for multiple answer, which Moodle turns into net-correct scores', () => {
    expect(answers(one(singleChoice())).map((a) => a['@fraction'])).toEqual(['100', '0', '0']);
    const mq = multipleAnswer('net-correct');
    const weights = answers(one(mq)).map((a) => Number(a['@fraction']));
    expect(weights).toEqual([33.33333, 33.33333, 33.33333, -33.33333, -33.33333]);
    for (let mask = 0; mask < 32; mask++) {
      const picks = mq.options.filter((_, i) => (mask & (1 << i)) !== 0);
      const moodle = Math.min(1, Math.max(0, picks.reduce((s, o) => s + weights[mq.options.indexOf(o)]! / 100, 0)));
      expect(moodle).toBeCloseTo(grade(mq, picks.map((o) => o.id)).score, 5);
    }
    const tf = answers(one(trueFalse()));
    expect(tf.map((a) => [text(a), a['@fraction'], text(a['feedback'])])).toEqual([
      ['true', '0', '<p>Snapshots live on the same storage.</p>'],
      ['false', '100', '<p>Right: keep backups elsewhere.</p>'],
    ]);
  });

  it('E19: numeric answers keep value and margin, known mistakes at 0 % with feedback, and units (optional, every spelling)', () => {
    const node = one(numeric({ tolerance: { kind: 'relative', value: 0.1 } }));
    expect(answers(node).map((a) => [text(a), a['@fraction'], a['tolerance'], text(a['feedback'])])).toEqual([
      ['8', '100', '0.8', ''],
      ['4', '0', '0.8', '<p>That is the number of cores.</p>'],
    ]);
    const units = ((node['units'] as Node)['unit'] as Node[]).map((u) => [u['unit_name'], u['multiplier']]);
    expect(units).toEqual([['GB', '1'], ['gb', '1'], ['GiB', '1'], ['gib', '1'], ['GIB', '1']]);
    expect([node['unitgradingtype'], node['showunits'], node['unitsleft']]).toEqual(['0', '0', '0']);
    expect(text(node['questiontext'])).toContain('(Answer in GB.)');
    expect(one(numeric({ unit: undefined, unitAliases: [] }))).not.toHaveProperty('units');
  });

  it('E19: short answers list each accepted spelling (also without punctuation), wrong ones at 0 %, case sensitivity and literal *', () => {
    const node = one(shortText());
    expect(answers(node).map((a) => [text(a), a['@fraction']])).toEqual([
      ['host-only', '100'],
      ['host only', '100'],
      ['host only adapter', '100'],
      ['internal', '0'],
    ]);
    expect(node['usecase']).toBe('0');
    expect(one(shortText({ caseSensitive: true }))['usecase']).toBe('1');
    expect(text(answers(one(shortText({ answers: ['a*b'], wrongAnswers: [] })))[0])).toBe('a\\*b');
  });

  it('E20: matching keeps every pair, distractors as choices without a question, and folds pair feedback into the general feedback', () => {
    const node = one(matching({ explanation: 'Who reaches whom.' }));
    const subs = (node['subquestion'] as Node[]).map((s) => [text(s), text((s['answer'] as Node[])[0])]);
    expect(subs).toEqual([
      ['NAT', 'Outbound only'],
      ['Bridged', 'On the physical LAN'],
      ['Host-only', 'Host and VMs'],
      ['Internal', 'VMs only'],
      ['', 'GPU passthrough'],
    ]);
    expect(text(node['generalfeedback'])).toBe('<p>Who reaches whom.</p><p>NAT → Outbound only: NAT hides the VM behind the host.</p>');
    const noFeedback: MatchingQuestion = matching({ pairs: matching().pairs.map(({ feedback: _f, ...p }) => p) });
    expect(text(one(noFeedback)['generalfeedback'])).toBe('');
  });

  it("E20: ordering is Moodle's ordering type, items in the right order, graded by the nearest of its grading types", () => {
    const node = one(ordering('lcs', 4));
    expect(answers(node).map((a) => [text(a), a['@fraction']])).toEqual([
      ['step a', '1'],
      ['step b', '2'],
      ['step c', '3'],
      ['step d', '4'],
    ]);
    expect([node['layouttype'], node['selecttype'], node['selectcount'], node['showgrading']]).toEqual(['VERTICAL', 'ALL', '0', 'SHOW']);
    expect(node['gradingtype']).toBe('LONGEST_ORDERED_SUBSET');
    expect(one(ordering('adjacent-pairs', 4))['gradingtype']).toBe('RELATIVE_NEXT_EXCLUDE_LAST');
    expect(one(ordering('all-or-nothing', 4))['gradingtype']).toBe('ALL_OR_NOTHING');
  });

  it('E20: Moodle\'s grading types give the site\'s scores for adjacent pairs and all-or-nothing; for lcs they give L/n (the caveat\'s figures)', () => {
    // Moodle qtype_ordering: RELATIVE_NEXT_EXCLUDE_LAST counts the items (but the last) followed by
    // their correct successor, over n − 1; LONGEST_ORDERED_SUBSET counts the longest subsequence in
    // order (single items do not count), over n.
    const key = ['a', 'b', 'c', 'd', 'e'];
    const moodleNext = (r: string[]) => r.slice(0, -1).filter((x, i) => key[key.indexOf(x) + 1] === r[i + 1]).length / (key.length - 1);
    const moodleSubset = (r: string[]) => {
      const l = lcsLength(r, key);
      return l > 1 ? l / key.length : 0;
    };
    const perms = (xs: string[]): string[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    const adjacent = { ...ordering('adjacent-pairs', 5) };
    const lcs = { ...ordering('lcs', 5) };
    for (const r of perms(key)) {
      expect(moodleNext(r)).toBeCloseTo(grade(adjacent, r).score, 9);
      const l = lcsLength(r, key);
      expect(grade(lcs, r).score).toBeCloseTo(Math.max(0, (2 * l - 5) / 5), 9);
    }
    const oneOut = ['a', 'c', 'd', 'e', 'b'];
    expect([moodleSubset(oneOut), grade(lcs, oneOut).score]).toEqual([0.8, 0.6]);
  });

  it('E21: a whole quiz: categories, weights of parametric questions, variants with distinct answers, deterministic', () => {
    const r = loadQuiz(readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8'), 'x.yaml');
    if (!r.ok) throw new Error(r.messages.join('\n'));
    const quiz: Quiz = r.value;
    const xml = toMoodleXml(quiz, { variants: 4 });
    expect(xml).toBe(toMoodleXml(quiz, { variants: 4 }));
    const all = questions(xml);
    all.forEach(checkStructure);
    expect(all.filter((q) => q['@type'] === 'category').map((q) => text(q['category']))).toEqual([
      '$course$/top/week1-example',
      '$course$/top/week1-example/consolidation-saving',
    ]);
    const variants = all.filter((q) => String(q['idnumber']).startsWith('consolidation-saving-v'));
    expect(variants.map((q) => q['idnumber'])).toEqual(['consolidation-saving-v1', 'consolidation-saving-v2', 'consolidation-saving-v3', 'consolidation-saving-v4']);
    expect(variants.every((q) => q['defaultgrade'] === '2')).toBe(true);
    expect(new Set(variants.map((q) => text(answers(q)[0]))).size).toBe(4);
  });

  it('E21: the variants of every registered generator export with the structure Moodle reads', () => {
    const r = loadQuiz(readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8'), 'x.yaml');
    if (!r.ok) throw new Error(r.messages.join('\n'));
    const every: Quiz = {
      ...r.value,
      questions: [...defaultGenerators.keys()].map((id) => ({ type: 'generated', id: `q-${id}`, generator: id, params: {}, points: 2 })),
    };
    const all = questions(toMoodleXml(every, { variants: 3 }));
    all.forEach(checkStructure);
    expect(all.filter((q) => q['@type'] !== 'category')).toHaveLength(3 * defaultGenerators.size);
  });
});

describe('per-question checking in Moodle XML', () => {
  const quizWith = (header: string): Quiz => {
    const r = loadQuiz(`id: t\ntitle: T\nlesson: l\npassingScore: 0.5\n${header}questions:\n  - { id: a, type: true-false, prompt: P, answer: true }\n`, 't.yaml');
    if (!r.ok) throw new Error(r.messages.join('\n'));
    return r.value;
  };

  const real = (xml: string) => questions(xml).find((n) => n['@type'] !== 'category')!;

  it('E22: tries become tries − 1 hints and the second try\'s credit the penalty; at the end stays as before', async () => {
    const { quizCaveats } = await import('../../../src/quiz');
    const q = real(toMoodleXml(quizWith('tries: 3\ncredit: [1, 0.5, 0.25]\n')));
    expect(q['penalty']).toBe('0.5000000');
    expect(([] as Node[]).concat(q['hint'] as Node[]).map(text)).toEqual(['Not yet: 2 more tries.', 'Not yet: one more try.']);
    const atEnd = real(toMoodleXml(quizWith('feedback: at-end\n')));
    expect(atEnd['penalty']).toBe('0.3333333');
    expect(atEnd['hint']).toBeUndefined();
    const fullCredit = real(toMoodleXml(quizWith('tries: 2\n')));
    expect(fullCredit['penalty']).toBe('0.0000000');
    // Unequal steps: the caveat gives Moodle's figures beside the site's.
    const caveats = quizCaveats(quizWith('tries: 3\ncredit: [1, 0.5, 0.25]\nreveal: after-pass\n'), 'moodle-xml', { generators: defaultGenerators }).map((c) => c.text);
    expect(caveats.join('\n')).toContain('its tries earn at most 1, 0.5, 0 where the site gives 1, 0.5, 0.25');
    expect(caveats.join('\n')).toContain('The site shows the correct answers once the student has passed');
    const gift = quizCaveats(quizWith('tries: 2\n'), 'gift', { generators: defaultGenerators }).map((c) => c.text).join('\n');
    expect(gift).toContain('GIFT carries no tries');
    expect(quizCaveats(quizWith('feedback: at-end\n'), 'gift', { generators: defaultGenerators })).toEqual([]);
  });
});
