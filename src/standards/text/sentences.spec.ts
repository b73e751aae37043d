import { describe, it } from 'node:test';
import { expect } from 'expect';
import { detectObligation, splitSentences, stripPin } from './sentences';
import type { Obligation } from './sentences';

const sentences = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('splitSentences', () => {
  it('splits at . ! ? followed by space and a capital, digit or symbol', () => {
    expect(sentences('One. Two! Three? "Four." (Five.) 6 is six.')).toEqual(['One.', 'Two!', 'Three?', '"Four."', '(Five.)', '6 is six.']);
  });

  it('does not split after abbreviations, decimals, or before lowercase words', () => {
    expect(sentences('Use e.g. ISO 13526, i.e. No. 5 of Fig. 3 at 0.5 m. See cl. 5.2.1 approx. twice. Done.')).toEqual([
      'Use e.g. ISO 13526, i.e. No. 5 of Fig. 3 at 0.5 m.',
      'See cl. 5.2.1 approx. twice.',
      'Done.',
    ]);
  });

  it('ends a sentence at "etc."', () => {
    expect(sentences('Files, logs etc. Then more.')).toEqual(['Files, logs etc.', 'Then more.']);
  });

  it('keeps a pin written after the period with its sentence', () => {
    expect(sentences('It shall. {#K-1} Next one.')).toEqual(['It shall. {#K-1}', 'Next one.']);
  });

  it('returns the trailing fragment and nothing for blank text', () => {
    expect(sentences('  no full stop  ')).toEqual(['no full stop']);
    expect(sentences(' \n ')).toEqual([]);
  });
});

describe('stripPin', () => {
  const cases: [string, string, string | null][] = [
    ['It shall {#A-1}.', 'It shall.', 'A-1'],
    ['It shall. {#A.1_b}', 'It shall.', 'A.1_b'],
    ['It shall {#A}', 'It shall', 'A'],
    ['It shall {#bad key}.', 'It shall {#bad key}.', null],
    ['{#X} starts it.', '{#X} starts it.', null],
  ];
  for (const [sentence, text, key] of cases) it(JSON.stringify(sentence), () => {
    expect(stripPin(sentence)).toEqual({ text, key });
  });
});

describe('detectObligation', () => {
  const cases: [string, Obligation | null][] = [
    ['The system shall not fail.', 'SHALL'],
    ['It should, and it may.', 'SHOULD'],
    ['It may, but it shall.', 'SHALL'],
    ['It MAY be.', 'MAY'],
    ['It may not be.', 'MAY'],
    ['Marshalling, mayhem, shallow.', null],
    ['Published 1 May 2024.', null],
    ['May 5 is the date.', null],
    ['May the operator stop?', 'MAY'],
  ];
  for (const [sentence, obligation] of cases) it(JSON.stringify(sentence), () => {
    expect(detectObligation(sentence)).toBe(obligation);
  });
});
