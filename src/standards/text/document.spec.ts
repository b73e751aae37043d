import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parseDocument } from './document';

const md = (lines: string[]): string => lines.join('\n') + '\n';

describe('parseDocument: title and clauses', () => {
  const doc = md([
    '# Space Tracking Data Exchange', // 1
    '', // 2
    '## Scope', // 3
    '', // 4
    '## Terms', // 5
    '### General', // 6
    '### Specific', // 7
    '#### Detail', // 8
    '## 4 Requirements', // 9
    '### Tracking data', // 10
    '## Reporting', // 11
    '### 5.3 Late reports', // 12
    '### Later reports', // 13
    '## Annex A (normative) Formats', // 14
    '### Records', // 15
    '### A.5 Checks', // 16
    '## Annex B (informative) Examples', // 17
  ]);

  it('takes a leading # heading as the title, not a clause', () => {
    const parsed = parseDocument(doc);
    expect(parsed.title).toBe('Space Tracking Data Exchange');
    expect(parsed.clauses.map((c) => c.title)).not.toContain('Space Tracking Data Exchange');
  });

  it('numbers clauses from explicit numbers and from their place in the hierarchy', () => {
    expect(parseDocument(doc).clauses).toEqual([
      { number: '1', title: 'Scope', level: 1, line: 3 },
      { number: '2', title: 'Terms', level: 1, line: 5 },
      { number: '2.1', title: 'General', level: 2, line: 6 },
      { number: '2.2', title: 'Specific', level: 2, line: 7 },
      { number: '2.2.1', title: 'Detail', level: 3, line: 8 },
      { number: '4', title: 'Requirements', level: 1, line: 9 },
      { number: '4.1', title: 'Tracking data', level: 2, line: 10 },
      { number: '5', title: 'Reporting', level: 1, line: 11 },
      { number: '5.3', title: 'Late reports', level: 2, line: 12 },
      { number: '5.4', title: 'Later reports', level: 2, line: 13 },
      { number: 'A', title: 'Formats', level: 1, line: 14 },
      { number: 'A.1', title: 'Records', level: 2, line: 15 },
      { number: 'A.5', title: 'Checks', level: 2, line: 16 },
      { number: 'B', title: 'Examples', level: 1, line: 17 },
    ]);
  });

  it('reads "5.2 Tracking data" and "5.2. Tracking data" alike, with inline markup removed', () => {
    const parsed = parseDocument(md(['# T', '## 5.2 Tracking *data*', '## 5.3. Orbit `TLE`']));
    expect(parsed.clauses.map((c) => [c.number, c.title])).toEqual([
      ['5.2', 'Tracking data'],
      ['5.3', 'Orbit TLE'],
    ]);
  });

  it('does not take a capital word for an annex letter', () => {
    const parsed = parseDocument(md(['# T', '## A note on units', '## B2B interfaces']));
    expect(parsed.clauses.map((c) => [c.number, c.title])).toEqual([
      ['1', 'A note on units'],
      ['2', 'B2B interfaces'],
    ]);
  });

  it('has no title when the document does not start with a # heading', () => {
    const parsed = parseDocument(md(['Preamble text.', '', '## 1 Scope']));
    expect(parsed.title).toBeNull();
    expect(parsed.clauses).toEqual([{ number: '1', title: 'Scope', level: 1, line: 3 }]);
  });

  it('treats # headings as top-level clauses when there is no title', () => {
    const parsed = parseDocument(md(['Intro.', '', '# Scope', '## Detail']));
    expect(parsed.clauses.map((c) => [c.number, c.level])).toEqual([
      ['1', 1],
      ['1.1', 2],
    ]);
  });

  it('ignores headings inside code blocks and quotes', () => {
    const parsed = parseDocument(md(['# T', '```', '## 9 Not a clause', '```', '> ## Quoted', '## Real']));
    expect(parsed.clauses.map((c) => c.title)).toEqual(['Real']);
  });

  it('handles an empty document', () => {
    expect(parseDocument('')).toEqual({ title: null, clauses: [], requirements: [] });
  });
});

describe('parseDocument: requirements', () => {
  const req = (markdown: string) => parseDocument(markdown).requirements;

  it('finds every sentence with shall, should or may, with its clause and 1-based line', () => {
    const doc = md([
      '# T', // 1
      '', // 2
      'Before any clause the operator may read this.', // 3
      '', // 4
      '## 5.2 Tracking data', // 5
      '', // 6
      'Tracking data is exchanged daily. The provider shall send', // 7
      'ephemerides within 0.5 h of a manoeuvre, e.g. by CCSDS 502.0-B. It should', // 8
      'use No. 3 of ISO 13526. Nothing else is said here.', // 9
    ]);
    expect(req(doc)).toEqual([
      { pinnedKey: null, clause: '', obligation: 'MAY', text: 'Before any clause the operator may read this.', line: 3 },
      {
        pinnedKey: null,
        clause: '5.2',
        obligation: 'SHALL',
        text: 'The provider shall send ephemerides within 0.5 h of a manoeuvre, e.g. by CCSDS 502.0-B.',
        line: 7,
      },
      { pinnedKey: null, clause: '5.2', obligation: 'SHOULD', text: 'It should use No. 3 of ISO 13526.', line: 8 },
    ]);
  });

  it('treats "shall not" as SHALL, picks the strongest form, and matches whole words only', () => {
    const found = req(
      md([
        '## 1 Forms',
        'The system shall not emit. It should, and may, log. It may log. Marshall and mayhem are names.',
        'SHALL IN CAPITALS counts.',
      ]),
    );
    expect(found.map((r) => [r.obligation, r.text])).toEqual([
      ['SHALL', 'The system shall not emit.'],
      ['SHOULD', 'It should, and may, log.'],
      ['MAY', 'It may log.'],
      ['SHALL', 'SHALL IN CAPITALS counts.'],
    ]);
  });

  it('does not take the month May for a permission', () => {
    expect(req('Issued on 3 May 2024. Revised in May 2025.\n')).toEqual([]);
  });

  it('splits list items and table cells into sentences, with their own lines', () => {
    const doc = md([
      '## 3 Items', // 1
      '', // 2
      '- The receiver shall acknowledge. It may retry.', // 3
      '- Plain item.', // 4
      '  1. Nested item shall count.', // 5
      '', // 6
      '| Field | Rule |', // 7
      '|-------|------|', // 8
      '| epoch | It shall be UTC. |', // 9
      '| frame | It should be *EME2000*. |', // 10
    ]);
    expect(req(doc).map((r) => [r.line, r.obligation, r.text])).toEqual([
      [3, 'SHALL', 'The receiver shall acknowledge.'],
      [3, 'MAY', 'It may retry.'],
      [5, 'SHALL', 'Nested item shall count.'],
      [9, 'SHALL', 'It shall be UTC.'],
      [10, 'SHOULD', 'It should be EME2000.'],
    ]);
  });

  it('skips code blocks, inline-less headings, and reads block quotes', () => {
    const doc = md([
      '## 1 The tool shall not be a requirement in a heading',
      '```',
      'x shall = 1;',
      '```',
      '',
      '    indented code shall be skipped',
      '',
      '> A quoted note may apply.',
    ]);
    expect(req(doc).map((r) => r.text)).toEqual(['A quoted note may apply.']);
  });

  it('ignores verbal forms inside code spans but keeps the code text', () => {
    expect(req('## 1 X\n\nThe `may` flag is reserved. The `mode` field shall be set.\n').map((r) => r.text)).toEqual([
      'The mode field shall be set.',
    ]);
  });

  it('removes inline Markdown and collapses whitespace', () => {
    const doc = '## 1 X\n\nThe **operator** shall use [the `TLE` format](https://example.org)\n   and   ![an image](x.png) too.\n';
    expect(req(doc).map((r) => r.text)).toEqual(['The operator shall use the TLE format and an image too.']);
  });

  it('reads a pinned key before or after the final period and strips it from the text', () => {
    const doc = md([
      '## 1 Keys',
      'The system shall log events {#LOG-1}. The system shall keep logs. {#LOG.2_a}',
      'A sentence with {#MID} in the middle shall keep it.',
    ]);
    expect(req(doc).map((r) => [r.pinnedKey, r.text])).toEqual([
      ['LOG-1', 'The system shall log events.'],
      ['LOG.2_a', 'The system shall keep logs.'],
      [null, 'A sentence with {#MID} in the middle shall keep it.'],
    ]);
  });

  it('counts lines from 1 including leading blank lines and CRLF line ends', () => {
    const doc = '\r\n\r\n## 1 X\r\n\r\nFirst line.\r\nSecond shall be here.\r\n';
    expect(req(doc)).toEqual([{ pinnedKey: null, clause: '1', obligation: 'SHALL', text: 'Second shall be here.', line: 6 }]);
  });
});
