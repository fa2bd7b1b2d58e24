import { describe, expect, it } from 'vitest';
import { grade, normalizeAnswer } from '../../../src/quiz';
import { shortText } from './builders';

const loose = { caseSensitive: false, keepPunctuation: false };

describe('normalising typed text', () => {
  it('Q11: folds case, whitespace, punctuation and Unicode compatibility forms', () => {
    expect(normalizeAnswer('  Host-Only  ', loose)).toBe('host only');
    expect(normalizeAnswer('host\u00a0\u00a0only', loose)).toBe('host only');
    expect(normalizeAnswer('ＨＯＳＴ only', loose)).toBe('host only');
    expect(normalizeAnswer('ho\u200bst only.', loose)).toBe('host only');
    expect(normalizeAnswer('“host only”!', loose)).toBe('host only');
    expect(normalizeAnswer('ﬁle', loose)).toBe('file');
  });

  it('Q11: punctuation becomes a space, so dotted numbers never merge', () => {
    expect(normalizeAnswer('10.0.2.2', loose)).toBe('10 0 2 2');
    expect(normalizeAnswer('10.0.2.2', loose)).not.toBe(normalizeAnswer('10.0.22', loose));
  });

  it('Q11: caseSensitive and keepPunctuation switch those folds off', () => {
    expect(normalizeAnswer(' Host-Only ', { caseSensitive: true, keepPunctuation: true })).toBe('Host-Only');
  });
});

describe('short text grading', () => {
  it('Q11: any accepted answer matches after normalisation, with unicode and extra spaces', () => {
    const q = shortText();
    for (const r of ['host-only', 'Host only', '  HOST   ONLY ', 'host\u00a0only', 'ｈｏｓｔ－ｏｎｌｙ', 'Host only adapter.']) {
      expect(grade(q, r).score, r).toBe(1);
    }
    expect(grade(q, 'Host only adapter').parts[0]).toMatchObject({ matched: { by: 'answer', index: 1 }, modelAnswer: 'host-only' });
    expect(grade(q, 'hostonly').score).toBe(0);
  });

  it('Q11: case-sensitive questions compare case', () => {
    const q = shortText({ answers: ['VBoxManage'], caseSensitive: true, wrongAnswers: [] });
    expect(grade(q, 'VBoxManage').score).toBe(1);
    expect(grade(q, 'vboxmanage').score).toBe(0);
  });

  it('Q12: a pattern must match the whole answer, ignoring case unless case-sensitive', () => {
    const q = shortText({ answers: ['type 1'], pattern: 'type[ -]?(1|one|i)', wrongAnswers: [] });
    expect(grade(q, 'Type-I').parts[0]).toMatchObject({ verdict: 'right', matched: { by: 'pattern' } });
    expect(grade(q, 'TYPE ONE').score).toBe(1);
    expect(grade(q, 'not type 1 at all').score).toBe(0);
    const strict = shortText({ answers: ['Type 1'], pattern: 'Type[ -]?1', caseSensitive: true, wrongAnswers: [] });
    expect(grade(strict, 'type-1').score).toBe(0);
    expect(grade(strict, 'Type-1').score).toBe(1);
  });

  it('Q12: a pattern that does not compile never throws, it simply does not match', () => {
    const q = shortText({ answers: ['x'], pattern: '(', wrongAnswers: [] });
    expect(grade(q, 'anything')).toMatchObject({ score: 0, reasons: [{ code: 'no-accepted-match' }] });
  });

  it('Q13: a known wrong answer gets its feedback', () => {
    const g = grade(shortText(), 'Internal');
    expect(g).toMatchObject({
      score: 0,
      reasons: [{ code: 'known-wrong-answer' }],
      parts: [{ matched: { by: 'wrong-answer', index: 0 }, feedback: 'Internal networks do not include the host.' }],
    });
  });

  it('Q20: empty text is unanswered; a number is the wrong type', () => {
    expect(grade(shortText(), ' \n ')).toMatchObject({ status: 'unanswered', score: 0 });
    expect(grade(shortText(), 1)).toMatchObject({
      status: 'invalid',
      reasons: [{ code: 'wrong-response-type', expected: 'text', got: 'number' }],
    });
  });
});
