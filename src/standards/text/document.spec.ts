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
      { number: '1', title: 'Scope', level: 1, line: 3, informative: true },
      { number: '2', title: 'Terms', level: 1, line: 5, informative: false },
      { number: '2.1', title: 'General', level: 2, line: 6, informative: false },
      { number: '2.2', title: 'Specific', level: 2, line: 7, informative: false },
      { number: '2.2.1', title: 'Detail', level: 3, line: 8, informative: false },
      { number: '4', title: 'Requirements', level: 1, line: 9, informative: false },
      { number: '4.1', title: 'Tracking data', level: 2, line: 10, informative: false },
      { number: '5', title: 'Reporting', level: 1, line: 11, informative: false },
      { number: '5.3', title: 'Late reports', level: 2, line: 12, informative: false },
      { number: '5.4', title: 'Later reports', level: 2, line: 13, informative: false },
      { number: 'A', title: 'Formats', level: 1, line: 14, informative: false },
      { number: 'A.1', title: 'Records', level: 2, line: 15, informative: false },
      { number: 'A.5', title: 'Checks', level: 2, line: 16, informative: false },
      { number: 'B', title: 'Examples', level: 1, line: 17, informative: true },
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
    expect(parsed.clauses).toEqual([{ number: '1', title: 'Scope', level: 1, line: 3, informative: true }]);
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
    expect(parseDocument('')).toEqual({ title: null, clauses: [], requirements: [], warnings: [] });
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
    const extra = { status: 'O', condition: null };
    expect(req(doc)).toEqual([
      { pinnedKey: null, clause: '', obligation: 'MAY', text: 'Before any clause the operator may read this.', line: 3, identifier: 'a', ...extra },
      {
        pinnedKey: null,
        clause: '5.2',
        obligation: 'SHALL',
        text: 'The provider shall send ephemerides within 0.5 h of a manoeuvre, e.g. by CCSDS 502.0-B.',
        line: 7,
        identifier: '5.2a',
        status: 'M',
        condition: null,
      },
      { pinnedKey: null, clause: '5.2', obligation: 'SHOULD', text: 'It should use No. 3 of ISO 13526.', line: 8, identifier: '5.2b', ...extra },
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
    expect(req(doc)).toMatchObject([{ pinnedKey: null, clause: '1', obligation: 'SHALL', text: 'Second shall be here.', line: 6 }]);
  });
});

describe('parseDocument: provisions as the ISO/IEC Directives define them', () => {
  const provisions = (lines: string[]) => parseDocument(md(['# T', ...lines])).requirements.map((r) => [r.obligation, r.text]);

  it('recognises the equivalent expressions of each verbal form, and "can" as a possibility', () => {
    expect(
      provisions([
        '## 4 Forms',
        'The label is to be applied. Each node is required to log. It has to be signed. It is necessary to sign.',
        'It is not permitted to skip.',
        'It is recommended that logs be kept. Logs ought to be kept.',
        'A copy is permitted. Retries are allowed. The header need not be signed.',
        'The tool can verify it. It cannot verify that. The user is able to stop it.',
        'A request states what is to be collected. The purpose is to exchange data. A CAN bus is used.',
      ]),
    ).toEqual([
      ['SHALL', 'The label is to be applied.'],
      ['SHALL', 'Each node is required to log.'],
      ['SHALL', 'It has to be signed.'],
      ['SHALL', 'It is necessary to sign.'],
      ['SHALL', 'It is not permitted to skip.'],
      ['SHOULD', 'It is recommended that logs be kept.'],
      ['SHOULD', 'Logs ought to be kept.'],
      ['MAY', 'A copy is permitted.'],
      ['MAY', 'Retries are allowed.'],
      ['MAY', 'The header need not be signed.'],
      ['CAN', 'The tool can verify it.'],
      ['CAN', 'It cannot verify that.'],
      ['CAN', 'The user is able to stop it.'],
    ]);
  });

  it('flags "must" and "may not" as drafting warnings without refusing them', () => {
    const parsed = parseDocument(md(['# T', '## 4 Forms', 'The node must log.', '', 'The node may not retry.']));
    expect(parsed.warnings.map((w) => [w.code, w.clause, w.line])).toEqual([
      ['MUST', '4', 3],
      ['MAY_NOT', '4', 5],
    ]);
    expect(parsed.requirements.map((r) => r.text)).toEqual(['The node may not retry.']);
  });

  it('takes no provisions from the foreword, introduction, scope, notes, examples or informative annexes', () => {
    const parsed = parseDocument(
      md([
        '# T',
        '## Foreword',
        'Nations shall ratify it.',
        '## Introduction',
        'Users should read it.',
        '## 1 Scope',
        'This document may be applied widely.',
        '## 2 Terms and definitions',
        '### 2.1 product',
        'data a provider can deliver',
        '## 4 Rules',
        'The provider shall log.',
        '',
        'NOTE The provider should keep logs long.',
        '',
        'NOTE 2 Logs can be large.',
        '',
        'EXAMPLE 1 A provider shall log like this.',
        '## 5 Background (informative)',
        '### 5.1 History',
        'Earlier systems should not be used.',
        '## Annex A (normative) Records',
        'Each record shall carry a time.',
        '## Annex B (informative) Examples',
        'An example shall be shown.',
      ]),
    );
    expect(parsed.requirements.map((r) => [r.identifier, r.text])).toEqual([
      ['4a', 'The provider shall log.'],
      ['Aa', 'Each record shall carry a time.'],
    ]);
    expect(parsed.clauses.map((c) => [c.number, c.title, c.informative])).toEqual([
      ['', 'Foreword', true],
      ['', 'Introduction', true],
      ['1', 'Scope', true],
      ['2', 'Terms and definitions', true],
      ['2.1', 'product', true],
      ['4', 'Rules', false],
      ['5', 'Background', true],
      ['5.1', 'History', true],
      ['A', 'Records', false],
      ['B', 'Examples', true],
    ]);
    expect(parsed.warnings.filter((w) => w.code === 'PROVISION_IN_INFORMATIVE').map((w) => w.line)).toEqual([3, 5, 7, 14, 18, 21, 25]);
  });

  it('gives ECSS-style identifiers per clause, and PICS status M, O or C with the condition', () => {
    const parsed = parseDocument(
      md([
        '# T',
        '## 5.2.1 Orders',
        'The provider shall confirm. The provider should reply fast.',
        'When the provider declines an order, the provider shall state the reason.',
        'The user can cancel.',
      ]),
    );
    expect(parsed.requirements.map((r) => [r.identifier, r.status, r.condition])).toEqual([
      ['5.2.1a', 'M', null],
      ['5.2.1b', 'O', null],
      ['5.2.1c', 'C', 'the provider declines an order'],
      ['5.2.1d', null, null],
    ]);
  });

  it('reads each row of a status table as one provision with its status', () => {
    const parsed = parseDocument(
      md([
        '# T',
        '## Annex A (normative) Elements',
        '| Element | Status | Content |',
        '|---|---|---|',
        '| orderId | M | unique identifier, which shall be unique |',
        '| label | O | confidentiality label |',
        '| beam | C: if coverage is a beam | beam identifier |',
        '| legacyId | X | the old identifier |',
      ]),
    );
    expect(parsed.requirements.map((r) => [r.identifier, r.obligation, r.status, r.condition, r.text, r.line])).toEqual([
      ['Aa', 'SHALL', 'M', null, 'orderId — unique identifier, which shall be unique', 5],
      ['Ab', 'MAY', 'O', null, 'label — confidentiality label', 6],
      ['Ac', 'SHALL', 'C', 'if coverage is a beam', 'beam — beam identifier', 7],
      ['Ad', 'SHALL', 'X', null, 'legacyId — the old identifier', 8],
    ]);
  });
});
