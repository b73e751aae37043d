import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { PDFParse } from 'pdf-parse';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../src/common/chromium';
import { createTestApp, TestApp } from '../helpers/app';
import { binary } from '../helpers/files';
import { cast, draft, openBallot, people, People } from '../helpers/ratification';

/** Whitespace carries no meaning between a page and its PDF (line breaks, justification), so texts are compared without it. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('the edition PDF', () => {
  let t: TestApp;
  let p: People;
  let url: string;

  before(async () => {
    t = await createTestApp();
    p = await people(t, ['FRA', 'DEU']);
    const { standardId, versionId } = await draft(t, p.secretariat, 'ASpP-44');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', { reservations: [{ clause: '2.1', text: 'Delivery within ten minutes.' }] });
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: b.id }, p.secretariat);
    url = (await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ url } }`, { id: b.id }, p.secretariat)).publishEdition.url;
  });
  after(() => t.close());

  it('serves the edition page printed to PDF at the edition URL plus .pdf, with the same text and numbered pages', async () => {
    const res = await t.http.get(`${url}.pdf`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const parsed = await new PDFParse({ data: new Uint8Array(res.body) }).getText();
    const pages = parsed.total;
    expect(pages).toBeGreaterThanOrEqual(2);

    // The page as print media shows it (site navigation hidden), read by the same Chromium.
    const page = await t.http.get(url);
    const browser = await chromium.launch({ executablePath: await requireChromium(), args: CHROMIUM_ARGS });
    let printed: string;
    try {
      const tab = await browser.newPage({ javaScriptEnabled: false });
      await tab.setContent(page.text);
      await tab.emulateMedia({ media: 'print' });
      printed = await tab.innerText('body');
    } finally {
      await browser.close();
    }
    expect(printed).toContain('NATO Letter of Promulgation');
    // Every page's footer: the label and "Page n of N"; the rest is the page's text, in order.
    const footer = /ASpP-44 Edition A Version 1\s*Page \d+ of \d+/g;
    expect(parsed.text.match(footer)).toHaveLength(pages);
    const body = parsed.text.replace(footer, '').replace(/-- \d+ of \d+ --/g, '');
    expect(squeeze(body)).toBe(squeeze(printed));
  });

  it('is a 404 where the page is', async () => {
    expect((await t.http.get(url.replace(/\/\d+$/, '/9.pdf'))).status).toBe(404);
  });
});
