import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { WebhookDeliveryWorker } from '../src/webhooks/webhook-delivery.worker';
import { createTestApp, GqlResult, TestApp } from './helpers/app';
import { cast, draft, openBallot, TEXT } from './helpers/ratification';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const REGISTER = `mutation($i:RegisterWebhookInput!){ registerWebhook(input:$i){ secret webhook { id url events disabledAt } } }`;
const LOG = `query($id:ID!){ webhookDeliveries(webhookId:$id){ id event status attempts responseStatus lastError payload } }`;
const code = (r: GqlResult) => r.errors?.[0]?.extensions.code ?? 'OK';

/**
 * A receiver written here, as an integrator would: it checks the Standard
 * Webhooks signature with its own HMAC, refuses old timestamps, and handles
 * each delivery id once. The worker is driven by hand (WEBHOOK_POLL_MS=0).
 */
describe('webhooks', () => {
  let t: TestApp;
  let worker: WebhookDeliveryWorker;
  let server: Server;
  let base: string;
  const received: Record<string, Received[]> = {};
  const processed: Record<string, Set<string>> = {};
  /** Statuses the receiver answers next, per path; 200 when empty. */
  const answers: Record<string, number[]> = {};
  let admin: string;
  let sec: string;
  let vendor: { id: string; email: string; token: string };
  let nationalOrg: string;
  let vendorOrg: string;
  let national: { secret: string; id: string };
  let vendorHook: { secret: string; id: string };

  const verified = (secret: string, r: Received) => {
    const id = String(r.headers['webhook-id']);
    const ts = Number(r.headers['webhook-timestamp']);
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = `v1,${createHmac('sha256', key).update(`${id}.${ts}.${r.body}`).digest('base64')}`;
    return Math.abs(Date.now() / 1000 - ts) < 300 && String(r.headers['webhook-signature']).split(' ').includes(expected);
  };
  const events = (path: string) => (received[path] ?? []).map((r) => JSON.parse(r.body).type);
  const log = async (id: string, token = admin) => (await t.ok(LOG, { id }, token)).webhookDeliveries;
  const register = async (token: string, organizationId: string, path: string, evs: string[]) => {
    const r = (await t.ok(REGISTER, { i: { organizationId, url: `${base}${path}`, events: evs } }, token)).registerWebhook;
    return { secret: r.secret as string, id: r.webhook.id as string };
  };

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const path = req.url ?? '';
        (received[path] ??= []).push({ headers: req.headers, body });
        const status = answers[path]?.shift() ?? 200;
        if (status === 200) (processed[path] ??= new Set()).add(String(req.headers['webhook-id']));
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp({
      WEBHOOK_POLL_MS: '0', WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1', WEBHOOK_RETRY_BASE_SECONDS: '30',
      WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_DISABLE_AFTER_FAILURES: '3', WEBHOOK_LEASE_SECONDS: '60',
    });
    worker = t.app.get(WebhookDeliveryWorker);
    admin = await t.adminToken();
    sec = (await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }])).token;
    nationalOrg = (await t.ok(`mutation{ createOrganization(input:{ name:"Bureau de normalisation", kind:NATIONAL_BODY, nationCode:"FRA" }){ id } }`, {}, admin)).createOrganization.id;
    vendorOrg = (await t.ok(`mutation{ createOrganization(input:{ name:"Orbit Relay", kind:VENDOR }){ id } }`, {}, admin)).createOrganization.id;
    vendor = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: vendorOrg }]);
    national = await register(admin, nationalOrg, '/national', ['round.opened', 'ballot.closed', 'edition.published']);
    vendorHook = await register(vendor.token, vendorOrg, '/vendor', ['edition.published', 'claim.stale', 'round.opened']);
  });
  after(async () => {
    await t?.close();
    server?.close();
  });

  it('refuses to register for another organization, a URL that is not http(s), or an unknown event', async () => {
    expect(code(await t.gql(REGISTER, { i: { organizationId: nationalOrg, url: `${base}/x`, events: ['round.opened'] } }, vendor.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(REGISTER, { i: { organizationId: vendorOrg, url: 'ftp://example.com/x', events: ['claim.stale'] } }, vendor.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(REGISTER, { i: { organizationId: vendorOrg, url: `${base}/x`, events: ['standard.deleted'] } }, vendor.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(`query($o:ID!){ webhooks(organizationId:$o){ id } }`, { o: nationalOrg }, vendor.token))).toBe('FORBIDDEN');
    const own = await t.ok(`query($o:ID!){ webhooks(organizationId:$o){ id events } }`, { o: vendorOrg }, vendor.token);
    expect(own.webhooks).toEqual([{ id: vendorHook.id, events: ['edition.published', 'claim.stale', 'round.opened'] }]);
  });

  it('delivers round.opened to the national body (not the vendor), signed, with a delivery id; retries after a 500', async () => {
    const { standardId, versionId } = await draft(t, sec, 'STANAG 4801');
    answers['/national'] = [500];
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, { i: { standardId, versionId, title: 'First round', closesAt } }, sec);
    // Written with the round, in its transaction: the outbox holds it before anything is sent.
    const [pending] = await log(national.id);
    expect(pending).toMatchObject({ event: 'round.opened', status: 'PENDING', attempts: 0 });
    expect(await log(vendorHook.id)).toEqual([]);

    expect(await worker.runOnce()).toBe(1);
    expect((await log(national.id))[0]).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: 500, lastError: 'the receiver answered HTTP 500' });
    // Not due again before the backoff has passed.
    expect(await worker.runOnce()).toBe(0);
    t.clock.advance(31);
    expect(await worker.runOnce()).toBe(1);
    expect((await log(national.id))[0]).toMatchObject({ status: 'DELIVERED', attempts: 2, responseStatus: 200 });

    const [first, second] = received['/national'];
    expect(first.headers['webhook-id']).toBe(pending.id);
    expect(second.headers['webhook-id']).toBe(pending.id);
    expect(verified(national.secret, second)).toBe(true);
    expect(verified(vendorHook.secret, second)).toBe(false);
    expect(verified(national.secret, { ...second, body: second.body.replace('First round', 'Other round') })).toBe(false);
    expect(JSON.parse(second.body)).toMatchObject({ id: pending.id, type: 'round.opened', data: { standardId, versionId, title: 'First round', designation: 'STANAG 4801' } });
    expect(events('/vendor')).toEqual([]);
  });

  it('delivers ballot.closed to the national body and edition.published to both, and claim.stale to the vendor only', async () => {
    const { standardId, versionId } = await draft(t, sec, 'STANAG 4802');
    const product = (await t.ok(`mutation{ registerProduct(input:{ name:"Relay", productVersion:"1" }){ id } }`, {}, vendor.token)).registerProduct.id;
    const keys = (await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key text } } }`, { id: versionId }, sec)).standardVersion.requirements;
    const tracking = keys.find((r: { text: string }) => r.text.includes('tracking')).key;
    await t.ok(`mutation($i:SetConformanceInput!){ setConformance(input:$i){ id } }`, { i: { productId: product, standardId, versionId, claims: [{ requirementKey: tracking, level: 'CONFORMANT' }] } }, vendor.token);
    // Version 2 rewords the tracking requirement: the vendor's claim on it goes stale.
    await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, baseVersionId: versionId, text: TEXT.replace('within five minutes', 'within two minutes') } }, sec);
    const stale = (await log(vendorHook.id)).find((d: { event: string }) => d.event === 'claim.stale');
    expect(JSON.parse(stale.payload)).toMatchObject({ standardId, claims: [{ productId: product, requirementKey: tracking, productName: 'Relay' }] });

    const current = (await t.ok(`query($id:ID!){ standard(id:$id){ currentVersion { id } } }`, { id: standardId }, sec)).standard.currentVersion.id;
    const delegate = (await t.user('Delegate FRA', [{ role: 'DELEGATE', nationCode: 'FRA' }])).token;
    const ballot = (await openBallot(t, sec, standardId, current, 1)).data.openBallot;
    await cast(t, delegate, ballot.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: ballot.id }, sec);
    await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: ballot.id }, sec);
    while ((await worker.runOnce()) > 0);
    expect(events('/national')).toEqual(expect.arrayContaining(['ballot.closed', 'edition.published']));
    expect(events('/vendor')).toEqual(['claim.stale', 'edition.published']);
    for (const r of received['/vendor']) expect(verified(vendorHook.secret, r)).toBe(true);
  });

  it('neither loses nor duplicates a delivery when a worker dies mid-delivery: it is re-sent with the same id after the lease', async () => {
    const hook = await register(admin, nationalOrg, '/crash', ['round.opened']);
    const { standardId, versionId } = await draft(t, sec, 'STANAG 4803');
    await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, { i: { standardId, versionId, title: 'Crash round', closesAt: new Date(Date.now() + 86_400_000).toISOString() } }, sec);
    // The worker claims the rows and sends the /crash one, then dies before recording the answer.
    const claimed = await worker.claim();
    const mine = claimed.find((d) => d.webhookId === hook.id)!;
    const { body, headers } = worker.message(mine);
    await fetch(mine.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    expect(processed['/crash'].size).toBe(1);
    // Until the lease ends, no other worker takes it.
    for (const d of claimed.filter((c) => c !== mine)) await worker.deliver(d);
    expect(await worker.runOnce()).toBe(0);
    t.clock.advance(61);
    expect(await worker.runOnce()).toBe(1);
    const rows = await log(hook.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: mine.id, status: 'DELIVERED', attempts: 2 });
    // Sent twice with one id: the receiver handled it once.
    expect(received['/crash'].map((r) => r.headers['webhook-id'])).toEqual([mine.id, mine.id]);
    expect([...processed['/crash']]).toEqual([mine.id]);
  });

  it('checks the address at delivery time: a host that resolves to a private address is refused without a connection', async () => {
    const hook = (await t.ok(REGISTER, { i: { organizationId: nationalOrg, url: 'http://receiver.invalid/hook', events: ['round.opened'] } }, admin)).registerWebhook.webhook;
    worker.resolver = async () => [{ address: '169.254.169.254', family: 4 }];
    try {
      const { standardId, versionId } = await draft(t, sec, 'STANAG 4804');
      await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, { i: { standardId, versionId, title: 'SSRF round', closesAt: new Date(Date.now() + 86_400_000).toISOString() } }, sec);
      while ((await worker.runOnce()) > 0);
      const [row] = await log(hook.id);
      expect(row).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: null });
      expect(row.lastError).toMatch(/refused: receiver\.invalid resolves to 169\.254\.169\.254 is a linkLocal address/);
    } finally {
      worker.resolver = undefined;
      await t.ok(`mutation($id:ID!){ setWebhookEnabled(id:$id, enabled:false){ disabledAt } }`, { id: hook.id }, admin);
    }
  });

  it('disables a webhook after repeated failures and tells its registrant; the log can be read and a delivery re-sent', async () => {
    const hook = await register(vendor.token, vendorOrg, '/down', ['claim.stale']);
    answers['/down'] = [500, 500, 500];
    const mails = t.mailCount(vendor.email);
    const { standardId, versionId } = await draft(t, sec, 'STANAG 4805');
    const product = (await t.ok(`mutation{ registerProduct(input:{ name:"Down", productVersion:"1" }){ id } }`, {}, vendor.token)).registerProduct.id;
    const reqs = (await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key text } } }`, { id: versionId }, sec)).standardVersion.requirements;
    await t.ok(`mutation($i:SetConformanceInput!){ setConformance(input:$i){ id } }`, { i: { productId: product, standardId, versionId, claims: reqs.map((r: { key: string }) => ({ requirementKey: r.key, level: 'CONFORMANT' })) } }, vendor.token);
    await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, baseVersionId: versionId, text: TEXT.replace('daily', 'hourly') } }, sec);
    // Three attempts, 30 s then 60 s apart, all failing: the delivery is given up, and the third failure in a row disables the webhook.
    for (let i = 0; i < 3; i++) {
      await worker.runOnce();
      t.clock.advance(61);
    }
    const state = await t.ok(`query($o:ID!){ webhooks(organizationId:$o){ id disabledAt disabledReason consecutiveFailures } }`, { o: vendorOrg }, vendor.token);
    const down = state.webhooks.find((w: { id: string }) => w.id === hook.id);
    expect(down).toMatchObject({ consecutiveFailures: 3, disabledReason: 'disabled after 3 failed attempts in a row' });
    expect(down.disabledAt).not.toBeNull();
    await t.waitForMail(vendor.email, mails + 1);
    expect(await worker.runOnce()).toBe(0);

    const rows = await log(hook.id, vendor.token);
    expect(rows).toEqual([expect.objectContaining({ event: 'claim.stale', status: 'FAILED', attempts: 3, responseStatus: 500 })]);
    await t.ok(`mutation($id:ID!){ setWebhookEnabled(id:$id, enabled:true){ disabledAt } }`, { id: hook.id }, vendor.token);
    const [failed] = rows;
    const resent = await t.ok(`mutation($id:ID!){ resendWebhookDelivery(id:$id){ id status attempts } }`, { id: failed.id }, vendor.token);
    expect(resent.resendWebhookDelivery).toEqual({ id: failed.id, status: 'PENDING', attempts: 0 });
    while ((await worker.runOnce()) > 0);
    expect((await log(hook.id, vendor.token)).every((r: { status: string }) => r.status === 'DELIVERED')).toBe(true);
    expect([...processed['/down']].sort()).toEqual(rows.map((r: { id: string }) => r.id).sort());
  });
});
