import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { cast, dbNow, draft } from '../../test/helpers/ratification';
import { expectAccessible, shoot, signedIn, stage, tabTo } from './browser';

/**
 * After adjudication (secretariat.e2e-spec.ts), the secretariat opens a
 * ballot, watches the tally move while two delegates vote in browsers of
 * their own (France with the keyboard only), closes it and publishes.
 */
describe('story: the secretariat from ballot to published edition', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let sec: { email: string; token: string };
  let fra: { email: string; token: string };
  let deu: { email: string; token: string };
  let standardId: string;
  let secPage: Page;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    fra = await t.user('Delegate France', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    deu = await t.user('Delegate Germany', [{ role: 'DELEGATE', nationCode: 'DEU' }]);
    ({ standardId } = await draft(t, sec.token, 'STANAG 4711'));
  });
  after(() => close?.());

  it('opens a ballot after its checklist and sees the tally move live as two delegates vote', async () => {
    secPage = await signedIn(browser, base, sec.email);
    // The standard's page leads the secretariat to its desk.
    await secPage.goto(`${base}/app/standards/${standardId}`);
    await secPage.getByRole('link', { name: 'Secretariat desk' }).click();
    await secPage.getByText('Every submitted comment has a disposition.').waitFor();
    await secPage.getByLabel('Threshold (ratifying nations needed)').fill('2');
    await secPage.getByRole('button', { name: 'Open the ballot…' }).click();
    await secPage.getByRole('dialog').getByRole('button', { name: 'Open the ballot' }).click();
    await secPage.waitForURL(/\/app\/ballots\/[0-9a-f-]+$/);
    const ballotUrl = secPage.url();
    const tally = secPage.getByTestId('tally-line');
    await tally.filter({ hasText: 'Needs 2 more ratifications (0 of 2).' }).waitFor();
    await expectAccessible(secPage, 'ballot (secretariat)');

    // France's home lists the ballot its nation has not answered, with the days left; the link leads to it.
    const fraPage = await signedIn(browser, base, fra.email);
    const toAnswer = fraPage.getByRole('table', { name: 'Ballots waiting for your nation' });
    await toAnswer.getByRole('cell', { name: /^\d+ days$/ }).waitFor();
    await expectAccessible(fraPage, 'home (delegate)');
    await toAnswer.getByRole('link', { name: 'STANAG 4711 v1' }).click();
    await fraPage.waitForURL(ballotUrl);
    // The countdown says how long is left.
    await fraPage.getByText(/Closes in \d+/).first().waitFor();
    // Each response says what it means, and the frozen text is one click away.
    await fraPage.getByText('The nation does not accept the standard. Does not count towards the threshold', { exact: false }).waitFor();
    await fraPage.getByText('The text balloted (version 1, frozen)').click();
    await fraPage.getByText('The provider shall deliver tracking data within five minutes of observation.').waitFor();

    // France answers with the keyboard only.
    await fraPage.getByRole('radio', { name: /Ratified, implementing/ }).waitFor();
    await expectAccessible(fraPage, 'ballot (delegate)');
    await shoot(fraPage, 'ballot-delegate');
    await tabTo(fraPage, 'input[type=radio]');
    await fraPage.keyboard.press('Space'); // the first choice: ratifies and implements
    await tabTo(fraPage, 'input:not([type=radio])');
    await fraPage.keyboard.type('FR-MOD-2026-17'); // the national reference
    await fraPage.keyboard.press('Tab');
    await fraPage.keyboard.press('Enter'); // add a reservation
    for (let i = 0; i < 3; i++) await fraPage.keyboard.press('Shift+Tab'); // back to its clause
    await fraPage.keyboard.press('ArrowDown');
    await fraPage.keyboard.press('ArrowDown'); // 2 Requirements
    await fraPage.keyboard.press('Tab');
    await fraPage.keyboard.type('Delivery within ten minutes for legacy sensors.');
    for (let i = 0; i < 3; i++) await fraPage.keyboard.press('Tab'); // remove, add, cast
    await fraPage.keyboard.press('Enter');
    await fraPage.getByText('Saved as revision 1.').waitFor();
    await tally.filter({ hasText: 'Needs 1 more ratification (1 of 2).' }).waitFor();
    await secPage.getByText('1 nation reserves on clause 2').waitFor();

    // Germany first refuses, then changes its mind: the grid says "(was …)".
    const deuPage = await signedIn(browser, base, deu.email);
    await deuPage.goto(ballotUrl);
    await deuPage.getByRole('radio', { name: /Not ratifying/ }).check();
    await deuPage.getByRole('button', { name: 'Cast the response' }).click();
    await deuPage.getByText('Saved as revision 1.').waitFor();
    await secPage.locator('tr[data-nation="DEU"]').getByText('Not ratifying').waitFor();
    await deuPage.getByRole('radio', { name: /Ratified, future implementation/ }).check();
    await deuPage.getByLabel('Implementation date', { exact: true }).fill('2028-01-01');
    await deuPage.getByRole('button', { name: 'Revise the response' }).click();
    await deuPage.getByText('Saved as revision 2.').waitFor();
    await tally.filter({ hasText: 'Threshold met: 2 ratifications, 2 needed.' }).waitFor();
    await secPage.locator('tr[data-nation="DEU"]').getByText('(was not ratifying)', { exact: true }).waitFor();
    // Standing alone, a badge starts with a capital, answered or not.
    expect(await secPage.locator('tr[data-nation="ALB"] .badge.position').textContent()).toBe('No response yet');
    await deuPage.getByRole('table', { name: "Your nation's revisions" }).locator('tbody tr').nth(1).waitFor();
    await shoot(secPage, 'ballot-tally');

    // The secretariat's home lists the ballot as ready to close; France's no longer waits for an answer.
    const home = await secPage.context().newPage();
    await home.goto(`${base}/app/`);
    await home.getByRole('table', { name: 'Ballots ready to close' }).getByText('threshold met; 30 nations have not answered').waitFor();
    await home.close();
    await fraPage.goto(`${base}/app/`);
    await fraPage.getByText('Your nation has answered every open ballot.').waitFor();
    await fraPage.goto(ballotUrl);

    const responses = await t.db.query(`SELECT nation_code, response, revision, reservations FROM ballot_response ORDER BY nation_code`);
    expect(responses.map((r: any) => [r.nation_code, r.response, r.revision])).toEqual([
      ['DEU', 'RATIFIED_FUTURE_IMPLEMENTATION', 2],
      ['FRA', 'RATIFIED_IMPLEMENTING', 1],
    ]);
    expect(responses[1].reservations).toEqual([{ clause: '2', text: 'Delivery within ten minutes for legacy sensors.' }]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ballot_response_revision WHERE nation_code = 'DEU'`))[0].n).toBe(2);

    // The secretariat extends the deadline by a week, after a confirmation that says a deadline only moves later.
    const [{ closes_at: before }] = await t.db.query(`SELECT closes_at FROM ballot WHERE standard_id = $1`, [standardId]);
    await secPage.getByLabel('Why', { exact: true }).fill('Two nations asked for another week.');
    await secPage.getByRole('button', { name: 'Extend…' }).click();
    await secPage.getByRole('dialog').getByText('A deadline moves only later').waitFor();
    await expectAccessible(secPage, 'extend the ballot');
    await shoot(secPage, 'ballot-extend');
    await secPage.getByRole('dialog').getByRole('button', { name: 'Extend the deadline' }).click();
    await secPage.getByRole('dialog').waitFor({ state: 'detached' });
    const [{ closes_at: extended }] = await t.db.query(`SELECT closes_at FROM ballot WHERE standard_id = $1`, [standardId]);
    // A week later, to the minute (the form has no seconds; a daylight-saving change may add or take an hour).
    expect(Math.abs(extended.getTime() - before.getTime() - 7 * 86_400_000)).toBeLessThanOrEqual(3_660_000);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'ballot.extended' AND detail LIKE '%Two nations asked for another week.%'`))[0].n).toBe(1);
    // France's open page moves its deadline and countdown without a reload (ballotExtended).
    await fraPage.locator(`.badge time[datetime="${extended.toISOString()}"]`).waitFor();
    await shoot(fraPage, 'ballot-revised'); // also proves the page fits a phone with a revision and a reservation

    // The secretariat closes the ballot; France's page now offers nothing to submit.
    await secPage.getByRole('button', { name: 'Close the ballot now' }).click();
    await secPage.getByRole('dialog').getByText('the ballot will pass').waitFor();
    await secPage.getByRole('dialog').getByRole('button', { name: 'Close and decide the outcome' }).click();
    await tally.filter({ hasText: 'Passed with 2 ratifications' }).waitFor();
    await fraPage.reload();
    await fraPage.getByText('Responses are no longer accepted.').waitFor();
    expect(await fraPage.getByRole('radio').count()).toBe(0);
    expect(await fraPage.getByRole('button', { name: /response/ }).count()).toBe(0);
  });

  it('previews the edition, ticks the checklist and publishes', async () => {
    await secPage.getByRole('link', { name: 'Preview and publish the edition' }).click();
    await secPage.getByRole('heading', { name: 'Publish STANAG 4711 Edition 1' }).waitFor();
    const publish = secPage.getByRole('button', { name: 'Publish STANAG 4711 Edition 1' });
    expect(await publish.isDisabled()).toBe(true);
    await expectAccessible(secPage, 'publish');
    await secPage.getByLabel('I have read the preview of the edition').check();
    await shoot(secPage, 'publish');
    await publish.click();
    await secPage.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
    await secPage.getByText('STANAG 4711 Edition 1 is published:').waitFor();

    const [edition] = await t.db.query(`SELECT e.label, s.status FROM edition e JOIN standard s ON s.id = e.standard_id WHERE s.id = $1`, [standardId]);
    expect(edition).toEqual({ label: 'STANAG 4711 Edition 1', status: 'PROMULGATED' });
  });

  it('extends, with a reason, a ballot held short at its deadline, and closes another as failed', async () => {
    const hold = async (designation: string) => {
      const { standardId: id, versionId } = await draft(t, sec.token, designation);
      const closesAt = new Date((await dbNow(t)).getTime() + 60_000).toISOString();
      const b = (await t.ok(`mutation($i:OpenBallotInput!){ openBallot(input:$i){ id } }`,
        { i: { standardId: id, versionId, closesAt, threshold: 2, onShortfall: 'AWAIT_DECISION' } }, sec.token)).openBallot;
      await cast(t, fra.token, b.id, 'RATIFIED_IMPLEMENTING');
      return b.id as string;
    };
    const extended = await hold('STANAG 4712');
    const failed = await hold('STANAG 4713');
    t.clock.advance(120);
    try {
      // The secretariat's home lists both as waiting for its decision.
      await secPage.goto(`${base}/app/`);
      const ready = secPage.getByRole('table', { name: 'Ballots ready to close' });
      for (const d of ['STANAG 4712', 'STANAG 4713']) {
        await ready.locator('tr', { hasText: d }).getByText('short of the threshold at its deadline').waitFor();
      }
      await ready.getByRole('link', { name: 'STANAG 4712' }).click();
      await secPage.getByText("awaiting the secretariat's decision").waitFor();
      await secPage.locator('p.muted', { hasText: 'deadline passed' }).waitFor(); // held, not closed
      await secPage.getByLabel('Why', { exact: true }).fill('One ratification short; Germany asked for time.');
      await shoot(secPage, 'ballot-awaiting-decision');
      await secPage.getByRole('button', { name: 'Extend…' }).click();
      await secPage.getByRole('dialog').getByRole('button', { name: 'Extend the deadline' }).click();
      await secPage.getByRole('dialog').waitFor({ state: 'detached' });
      await secPage.locator('.badge', { hasText: 'Closes in' }).waitFor();
      expect((await t.db.query(`SELECT closed_at FROM ballot WHERE id = $1`, [extended]))[0].closed_at).toBeNull();

      await secPage.goto(`${base}/app/ballots/${failed}`);
      await secPage.getByRole('button', { name: 'Close the ballot now' }).click();
      await secPage.getByRole('dialog').getByText('the ballot will fail').waitFor();
      await secPage.getByRole('dialog').getByRole('button', { name: 'Close and decide the outcome' }).click();
      await secPage.getByRole('dialog').waitFor({ state: 'detached' });
      await secPage.getByText('The ballot failed').first().waitFor();
      const [row] = await t.db.query(`SELECT outcome FROM ballot WHERE id = $1`, [failed]);
      expect(row.outcome).toBe('FAILED');
    } finally {
      t.clock.advance(-120);
    }
  });
});
