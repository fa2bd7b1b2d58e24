import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultGenerators, loadQuiz, qtiManifest, questionToQti, toQti12, type Question } from '../../../src/quiz';
import { matching, multipleAnswer, numeric, ordering, shortText, singleChoice, trueFalse } from './builders';
import { all, decodeXml, field, first, parseXml, shownText, type XmlNode } from './xml';

const item = (q: Question) => parseXml(questionToQti(q));
/** The response idents that earn the full score, from the SCORE=100 condition. */
function keyCondition(it: XmlNode): XmlNode {
  const set = all(it, 'respcondition').find((r) => all(r, 'setvar').some((s) => s.attrs['action'] === 'Set' && s.text === '100'));
  if (!set) throw new Error('no full-score condition');
  return first(set, 'conditionvar');
}

describe('QTI 1.2 for Canvas', () => {
  it('E11: every question type is well-formed XML with its Canvas question_type and points', () => {
    const cases: Array<[Question, string]> = [
      [singleChoice({ points: 2 }), 'multiple_choice_question'],
      [multipleAnswer('net-correct'), 'multiple_answers_question'],
      [trueFalse(), 'true_false_question'],
      [numeric(), 'numerical_question'],
      [shortText(), 'short_answer_question'],
      [matching(), 'matching_question'],
      [ordering('lcs', 4), 'matching_question'],
    ];
    for (const [q, type] of cases) {
      const it = item(q);
      expect(it.attrs['ident']).toBe(q.id);
      expect(field(it, 'question_type')).toBe(type);
      expect(field(it, 'points_possible')).toBe(String(q.points));
    }
  });

  it('E11: markup and quotes in text are escaped twice (HTML inside XML) and read back unchanged', () => {
    const prompt = 'Is <domain> & "web" a valid\nvirsh argument? It\'s > 1 line.';
    const it = item(singleChoice({ prompt, options: [{ id: 'a', text: 'a < b', correct: true }, { id: 'b', text: 'x & y', correct: false }] }));
    const texts = all(it, 'mattext').map(shownText);
    expect(texts).toEqual([prompt, 'a < b', 'x & y']);
  });

  it("E11: no &apos; anywhere (it is not an HTML 4 entity); `code` becomes <code>; lines and paragraphs are kept", () => {
    const prompt = "It's `virsh start web1`, then\n`virsh list`.\n\nWhat's next?";
    const xml = questionToQti(singleChoice({ prompt, explanation: "Don't guess." }));
    expect(xml).not.toContain('apos');
    const mattext = first(item(singleChoice({ prompt })), 'mattext');
    expect(decodeXml(mattext.text)).toBe("<p>It's <code>virsh start web1</code>, then<br><code>virsh list</code>.</p><p>What's next?</p>");
  });

  it('E12: choice keys: the correct option for single choice; all correct and none of the wrong for multiple answer', () => {
    expect(all(keyCondition(item(singleChoice())), 'varequal').map((v) => v.text)).toEqual(['a']);
    const multi = keyCondition(item(multipleAnswer('net-correct')));
    const and = first(multi, 'and');
    const direct = and.children.filter((c) => c.name === 'varequal').map((v) => v.text);
    const negated = all(and, 'not').map((n) => first(n, 'varequal').text);
    expect(direct).toEqual(['a', 'b', 'c']);
    expect(negated).toEqual(['d', 'e']);
    expect(all(item(trueFalse()), 'response_label').map((l) => l.attrs['ident'])).toEqual(['true', 'false']);
    expect(first(keyCondition(item(trueFalse())), 'varequal').text).toBe('false');
  });

  it('E12: numeric keys accept the exact value or the tolerance interval; short answers list every accepted text', () => {
    const num = keyCondition(item(numeric()));
    expect(first(num, 'varequal').text).toBe('8');
    expect([first(num, 'vargte').text, first(num, 'varlte').text]).toEqual(['7.5', '8.5']);
    const rel = keyCondition(item(numeric({ answer: 2190, tolerance: { kind: 'relative', value: 0.01 } })));
    expect([first(rel, 'vargte').text, first(rel, 'varlte').text]).toEqual(['2168.1', '2211.9']);
  });

  it('E12: each accepted short answer (and its spelling without punctuation) gets its own full-score condition', () => {
    const full = all(item(shortText()), 'respcondition').filter((r) => all(r, 'setvar').some((s) => s.attrs['action'] === 'Set' && s.text === '100'));
    expect(full.map((r) => all(r, 'varequal').map((v) => v.text))).toEqual([['host-only'], ['host only'], ['host only adapter']]);
    expect(full.every((r) => r.attrs['continue'] === 'No')).toBe(true);
  });

  it('E12: numeric known mistakes keep their feedback, around the same margin as the answer', () => {
    const it = item(numeric());
    const shown = all(it, 'respcondition').filter((r) => all(r, 'displayfeedback').some((d) => d.attrs['linkrefid'] === 'wrong1_fb'));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.attrs['continue']).toBe('Yes');
    expect([first(shown[0]!, 'varequal').text, first(shown[0]!, 'vargte').text, first(shown[0]!, 'varlte').text]).toEqual(['4', '3.5', '4.5']);
    const fb = all(it, 'itemfeedback').find((f) => f.attrs['ident'] === 'wrong1_fb')!;
    expect(shownText(first(fb, 'mattext'))).toBe('That is the number of cores.');
  });

  it('E12: matching adds an equal share per right pair, pointing at the right choice; ordering matches items to positions', () => {
    const it = item(matching());
    const labels = new Map(all(first(it, 'response_lid'), 'response_label').map((l) => [l.attrs['ident']!, shownText(first(l, 'mattext'))]));
    const lefts = all(it, 'response_lid').map((r) => shownText(first(r, 'mattext')));
    expect(lefts).toEqual(['NAT', 'Bridged', 'Host-only', 'Internal']);
    const adds = all(it, 'respcondition').filter((r) => all(r, 'setvar').some((s) => s.attrs['action'] === 'Add'));
    expect(adds.map((r) => labels.get(first(r, 'varequal').text))).toEqual(['Outbound only', 'On the physical LAN', 'Host and VMs', 'VMs only']);
    const total = adds.reduce((sum, r) => sum + Number(first(r, 'setvar').text), 0);
    expect(total).toBeCloseTo(100, 3);
    // Without continue="Yes" processing would stop at the first right pair and credit only its share.
    expect(adds.every((r) => r.attrs['continue'] === 'Yes')).toBe(true);
    const ord = item(ordering('lcs', 3));
    const posLabels = new Map(all(first(ord, 'response_lid'), 'response_label').map((l) => [l.attrs['ident']!, shownText(first(l, 'mattext'))]));
    const keyed = all(ord, 'respcondition').filter((r) => all(r, 'setvar').some((s) => s.attrs['action'] === 'Add'));
    expect(keyed.map((r) => posLabels.get(first(r, 'varequal').text))).toEqual(['1', '2', '3']);
  });

  it('E13: a whole quiz exports as one assessment; a parametric question becomes a group that picks one variant', () => {
    const r = loadQuiz(readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8'), 'x.yaml');
    if (!r.ok) throw new Error(r.messages.join('\n'));
    const doc = parseXml(toQti12(r.value, { variants: 3 }));
    expect(doc.name).toBe('questestinterop');
    expect(first(doc, 'assessment').attrs['title']).toBe('Week 1: hypervisors, VMs and consolidation');
    const items = all(doc, 'item');
    expect(items).toHaveLength(7 + 3);
    const group = all(doc, 'section').find((s) => s.attrs['ident'] === 'consolidation-saving')!;
    expect(first(group, 'selection_number').text).toBe('1');
    expect(first(group, 'points_per_item').text).toBe('2');
    expect(all(group, 'item').map((i) => i.attrs['ident'])).toEqual(['consolidation-saving-v1', 'consolidation-saving-v2', 'consolidation-saving-v3']);
    expect(toQti12(r.value, { variants: 3 })).toBe(toQti12(r.value, { variants: 3 }));
    const manifest = parseXml(qtiManifest(r.value));
    expect(first(manifest, 'file').attrs['href']).toBe('week1-example/week1-example.xml');
  });

  it('E11: the variants of every registered generator export as well-formed QTI', () => {
    const r = loadQuiz(readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8'), 'x.yaml');
    if (!r.ok) throw new Error(r.messages.join('\n'));
    const every = {
      ...r.value,
      questions: [...defaultGenerators.keys()].map((id) => ({ type: 'generated' as const, id: `q-${id}`, generator: id, params: {}, points: 1 })),
    };
    const doc = parseXml(toQti12(every, { variants: 2 }));
    expect(all(doc, 'item')).toHaveLength(2 * defaultGenerators.size);
  });
});
