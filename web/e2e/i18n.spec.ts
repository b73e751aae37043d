import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { IntlMessageFormat } from 'intl-messageformat';
import { CHANGE_LABELS, RESPONSE_LABELS } from '../../src/publishing/pages.view';

const SRC = join(__dirname, '..', '..', '..', 'web', 'src');
/** A locale's messages: `<locale>.json` and every `<locale>.<part>.json` beside it. */
const catalogue = (locale: string): Record<string, string> =>
  Object.assign({}, ...readdirSync(join(SRC, 'i18n'))
    .filter((f) => f === `${locale}.json` || (f.startsWith(`${locale}.`) && f.endsWith('.json')))
    .map((f) => JSON.parse(readFileSync(join(SRC, 'i18n', f), 'utf8'))));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'graphql' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Keys the code names literally: t('key'), <T id="key" />, label: 'key'. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  const pattern = /\bt\(\s*'([\w.-]+)'|\bid="([\w.-]+)"|\b(?:label|title|labelId|message): '([\w.-]+)'/g;
  for (const file of sources(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(pattern)) keys.add(m[1] ?? m[2] ?? m[3]);
  }
  return keys;
}

describe('web app catalogues', () => {
  const en = catalogue('en');
  const fr = catalogue('fr');

  it('English and French have the same keys', () => {
    expect(Object.keys(fr).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in fr))).toEqual([]);
  });

  it('every key the screens use is in both languages', () => {
    const used = [...usedKeys()].filter((k) => k.includes('.') && !k.startsWith('main'));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((k) => !(k in en))).toEqual([]);
    expect(used.filter((k) => !(k in fr))).toEqual([]);
  });

  it('no message is left empty or untranslated placeholders differ', () => {
    for (const [key, text] of Object.entries(en)) {
      expect({ key, empty: !text.trim() || !fr[key]?.trim() }).toEqual({ key, empty: false });
      // An argument is {name} or {name, plural|select|…}; "{ratified, implementing}" is the text of a select's case.
      const vars = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\s*(?:\}|,\s*(?:plural|selectordinal|select|number|date|time)\b)/g)].map((m) => m[1]))].sort();
      expect({ key, vars: vars(fr[key] ?? '') }).toEqual({ key, vars: vars(text) });
    }
  });

  it('every message is valid ICU, and counts agree with their noun in both languages', () => {
    for (const [locale, messages] of [['en', en], ['fr', fr]] as const) {
      for (const [key, text] of Object.entries(messages)) expect({ key, parses: (() => { try { new IntlMessageFormat(text, locale); return true; } catch { return false; } })() }).toEqual({ key, parses: true });
    }
    const say = (locale: 'en' | 'fr', key: string, values: Record<string, string | number>) => new IntlMessageFormat((locale === 'en' ? en : fr)[key], locale).format(values);
    expect(say('en', 'import.done', { n: 1 })).toBe('1 comment imported.');
    expect(say('en', 'import.done', { n: 3 })).toBe('3 comments imported.');
    expect(say('fr', 'import.done', { n: 1 })).toBe('1 observation importée.');
    expect(say('en', 'round.submit', { n: 1 })).toBe('Submit 1 comment');
    expect(say('en', 'round.submitExplain', { nation: 'FRA', n: 1 })).toMatch(/^FRA has 1 draft comment\./);
    expect(say('en', 'tally.passed', { ratifying: 1, threshold: 1 })).toBe('Passed with 1 ratification (1 needed).');
    expect(say('en', 'home.thresholdMetPending', { n: 1 })).toBe('threshold met; 1 nation has not answered');
    expect(say('en', 'tally.cannotPass', { needed: 2, pending: 1 })).toBe('Cannot pass any more: needs 2 more ratifications and only 1 nation has yet to answer.');
    expect(say('fr', 'ballot.closeWillFail', { ratifying: 1, threshold: 17, pending: 0 })).toMatch(/^Avec 1 ratification sur .* Toutes les nations ont répondu\.$/);
    // "(was …)" sits inside a sentence: every national response in lower case, in both languages.
    for (const value of Object.keys(RESPONSE_LABELS)) {
      expect(say('en', 'ballot.was', { previous: value })).toBe(`(was ${en[`response.${value}`].toLowerCase()})`);
      expect(say('fr', 'ballot.was', { previous: value })).toBe(`(était : ${fr[`response.${value}`].toLowerCase()})`);
    }
  });

  it('words the national responses and ratification changes as the public pages do (NATO practice)', () => {
    for (const [value, label] of Object.entries(RESPONSE_LABELS)) expect({ value, label: en[`response.${value}`] }).toEqual({ value, label });
    for (const [value, label] of Object.entries(CHANGE_LABELS)) expect({ value, label: en[`ratificationChange.${value}`] }).toEqual({ value, label });
  });
});
