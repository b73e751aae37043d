import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parseDocument } from './document';

/** The sample corpus as loaded into an empty database: its normative Annex A status table is a PICS proforma. */
describe('the sample corpus: Annex A as PICS items', () => {
  it('reads each row of the satcom service interface\'s normative Annex A as a provision with status M or O, and none from the informative Annex B', () => {
    const text = readFileSync(join(process.cwd(), 'standards', 'commercial-satcom-service-interface', 'v3.md'), 'utf8');
    const annexA = parseDocument(text).requirements.filter((r) => r.clause === 'A');
    expect(annexA.map((r) => [r.identifier, r.status, r.obligation, r.text.split(' — ')[0]])).toEqual([
      ['Aa', 'M', 'SHALL', 'orderId'], ['Ab', 'M', 'SHALL', 'agreementId'], ['Ac', 'M', 'SHALL', 'authority'],
      ['Ad', 'M', 'SHALL', 'serviceClass'], ['Ae', 'M', 'SHALL', 'start, end'], ['Af', 'M', 'SHALL', 'coverage'],
      ['Ag', 'M', 'SHALL', 'cirForward, cirReturn'], ['Ah', 'M', 'SHALL', 'sites'],
      ['Ai', 'O', 'MAY', 'trafficProfile'], ['Aj', 'O', 'MAY', 'confidentialityLabel'],
    ]);
    expect(parseDocument(text).requirements.filter((r) => r.clause.startsWith('B'))).toEqual([]);
  });
});
