import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { MailOutboxWorker } from '../src/notifications/mail-outbox.worker';
import { createTestApp, GqlResult, TestApp } from './helpers/app';
import { draft } from './helpers/ratification';

const REQUEST = `mutation($i:RequestToJoinInput!){ requestToJoin(input:$i){ id status company nationCode } }`;
const APPROVE = `mutation($i:ApproveJoinRequestInput!){ approveJoinRequest(input:$i){ id status foundedOrganization organization { id name publicListing } } }`;
const REJECT = `mutation($id:ID!,$r:String!){ rejectJoinRequest(id:$id, reason:$r){ id status decisionReason } }`;
const INVITE = `mutation($e:String!){ inviteToOrganization(input:{ email:$e }){ id email status expiresAt } }`;
const ACCEPT = `mutation($t:String!){ acceptInvitation(token:$t){ id status } }`;
const PROVIDERS = `query($f:ProviderFilter){ providers(filter:$f){ totalCount edges { node { name publicListing country { code } products { name } standards { designation conformantProducts } } } } }`;
const code = (r: GqlResult) => r.errors?.[0]?.extensions.code ?? 'OK';

const application = (company: string, extra: Record<string, unknown> = {}) => ({
  i: { company, nationCode: 'FRA', website: 'https://orbit.example.com', reason: 'We build space surveillance sensors for the Alliance.', ...extra },
});

/**
 * Vendor onboarding through real HTTP: asking to join and the secretariat's
 * decision (with its mails), invitations (single use, expiry by the database
 * clock, concurrency), and who sees which provider in the directory.
 */
describe('vendor onboarding', () => {
  let t: TestApp;
  let sec: { id: string; token: string };
  let sec2: { id: string; token: string };
  let expert: { id: string; token: string };

  const lastMail = (email: string) => t.lastMail(email);
  const tokenIn = (mail: string) => /token=([\w-]{43})/.exec(mail)![1];

  async function approvedAdmin(name: string, company: string) {
    const person = await t.user(name);
    const req = (await t.ok(REQUEST, application(company), person.token)).requestToJoin;
    const approved = (await t.ok(APPROVE, { i: { id: req.id } }, sec.token)).approveJoinRequest;
    return { ...person, orgId: approved.organization.id as string };
  }

  before(async () => {
    t = await createTestApp();
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    sec2 = await t.user('Simon Secretariat', [{ role: 'SECRETARIAT' }]);
    expert = await t.user('Eva Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
  });
  after(() => t?.close());

  it('files one pending request per person, from an Allied nation only, signed in', async () => {
    const ana = await t.user('Ana Applicant');
    expect(code(await t.gql(REQUEST, application('Orbit One'), undefined))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(REQUEST, application('Orbit One', { nationCode: 'RUS' }), ana.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(REQUEST, application('Orbit One', { website: 'javascript:alert(1)' }), ana.token))).toBe('BAD_USER_INPUT');
    const filed = await t.gql(REQUEST, application('Orbit One'), ana.token);
    expect(filed.data.requestToJoin).toMatchObject({ status: 'PENDING', company: 'Orbit One', nationCode: 'FRA' });
    expect(code(await t.gql(REQUEST, application('Orbit Two'), ana.token))).toBe('CONFLICT');
    // Two filed at once: the unique index lets one through.
    const bea = await t.user('Bea Applicant');
    const both = await Promise.all([t.gql(REQUEST, application('Bea Co'), bea.token), t.gql(REQUEST, application('Bea Co'), bea.token)]);
    expect(both.map(code).sort()).toEqual(['CONFLICT', 'OK']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM join_request WHERE applicant_id = $1 AND status = 'PENDING'`, [bea.id]);
    expect(n).toBe(1);
    // The database refuses a second pending row whoever writes it.
    await expect(t.db.query(`INSERT INTO join_request (applicant_id, company, nation_code, website, reason) VALUES ($1, 'X', 'FRA', 'https://x.example', 'x')`, [ana.id]))
      .rejects.toThrow(/join_request_one_pending/);
    const mine = await t.ok(`{ myJoinRequests { company status } }`, {}, ana.token);
    expect(mine.myJoinRequests).toEqual([{ company: 'Orbit One', status: 'PENDING' }]);
    // "A join request waits": every secretariat member is told once per filed request, in the filing transaction
    // (the refused duplicate left no notification behind); the applicant and others are not.
    const waiting = async (token: string) =>
      (await t.ok(`{ notifications(first:100){ edges { node { kind title link } } } }`, {}, token)).notifications.edges
        .map((e: { node: { kind: string; title: string; link: string } }) => e.node)
        .filter((n: { kind: string; title: string }) => n.kind === 'JOIN_REQUEST_WAITING' && /^(Orbit One|Bea Co) /.test(n.title));
    for (const s of [sec, sec2]) {
      const got = await waiting(s.token);
      expect(got.map((n: { title: string }) => n.title).sort()).toEqual(['Bea Co (FRA) asks to join', 'Orbit One (FRA) asks to join']);
      expect(got[0].link).toBe('/app/join-requests');
    }
    expect(await waiting(expert.token)).toHaveLength(0);
    expect(await waiting(ana.token)).toHaveLength(0);
  });

  it('shows the queue to the secretariat only, filtered by status', async () => {
    const Q = `query($s:JoinRequestStatus){ joinRequests(filter:{ status:$s }){ totalCount edges { node { company applicant { displayName email } country { name } } } } }`;
    const queue = await t.ok(Q, { s: 'PENDING' }, sec.token);
    expect(queue.joinRequests.edges.map((e: any) => e.node.company)).toEqual(expect.arrayContaining(['Orbit One', 'Bea Co']));
    expect(queue.joinRequests.edges[0].node.applicant.email).toMatch(/@test\.example$/);
    expect(queue.joinRequests.edges[0].node.country.name).toBe('France');
    expect((await t.ok(Q, { s: 'APPROVED' }, sec.token)).joinRequests.totalCount).toBe(0);
    // Page by page, one at a time: every request once, oldest first.
    const P = `query($a:String){ joinRequests(first:1, after:$a){ pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const seen: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const page: any = (await t.ok(P, { a: after }, sec.token)).joinRequests;
      seen.push(...page.edges.map((e: any) => e.node.id));
      ({ hasNextPage: more, endCursor: after } = page.pageInfo);
    }
    const all = await t.db.query(`SELECT id FROM join_request ORDER BY date_trunc('milliseconds', created_at), id`);
    expect(seen).toEqual(all.map((r: { id: string }) => r.id));
    expect(code(await t.gql(Q, {}, expert.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(Q, {}, await t.adminToken()))).toBe('FORBIDDEN');
    expect(code(await t.gql(Q, {}))).toBe('UNAUTHENTICATED');
  });

  it('approves in one transaction: organization, VENDOR and VENDOR_ADMIN, audit, then a mail; of two approvals at once exactly one wins', async () => {
    const cleo = await t.user('Cleo Founder');
    const req = (await t.ok(REQUEST, application('Cleo Space'), cleo.token)).requestToJoin;
    expect(code(await t.gql(APPROVE, { i: { id: req.id } }, expert.token))).toBe('FORBIDDEN');
    const answers = await Promise.all([t.gql(APPROVE, { i: { id: req.id } }, sec.token), t.gql(APPROVE, { i: { id: req.id } }, sec2.token)]);
    expect(answers.map(code).sort()).toEqual(['INVALID_STATE', 'OK']);
    const won = answers.find((a) => code(a) === 'OK')!.data.approveJoinRequest;
    expect(won).toMatchObject({ status: 'APPROVED', foundedOrganization: true, organization: { name: 'Cleo Space', publicListing: false } });
    const [{ orgs }] = await t.db.query(`SELECT count(*)::int AS orgs FROM organization WHERE name = 'Cleo Space' AND kind = 'VENDOR' AND nation_code = 'FRA'`);
    expect(orgs).toBe(1);
    const roles = await t.db.query(`SELECT role FROM user_role WHERE user_id = $1 ORDER BY role`, [cleo.id]);
    expect(roles.map((r: { role: string }) => r.role)).toEqual(['VENDOR', 'VENDOR_ADMIN']);
    const me = await t.ok(`{ me { roles organization { name } } }`, {}, cleo.token);
    expect(me.me).toEqual({ roles: ['VENDOR', 'VENDOR_ADMIN'], organization: { name: 'Cleo Space' } });
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id IN ($1, $2, $3) ORDER BY id`, [req.id, cleo.id, won.organization.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['join.requested', 'organization.created', 'join.approved', 'role.granted']),
    );
    // The mail is queued by the deciding transaction: one row for the approval that won, none for the one that lost.
    const queued = await t.db.query(`SELECT kind, status FROM mail_outbox WHERE recipient = 'cleo.founder@test.example' AND kind = 'JOIN_DECISION'`);
    expect(queued).toEqual([{ kind: 'JOIN_DECISION', status: 'PENDING' }]);
    expect(await t.app.get(MailOutboxWorker).drain()).toBeGreaterThanOrEqual(1);
    await t.waitForMail(`cleo.founder@test.example`, 2);
    expect(t.mailCount('cleo.founder@test.example')).toBe(2);
    expect(lastMail('cleo.founder@test.example')).toMatch(/approved[\s\S]*VENDOR of Cleo Space, and its VENDOR_ADMIN/);
    // Decided once: neither a later approval nor a rejection changes it.
    expect(code(await t.gql(REJECT, { id: req.id, r: 'Too late.' }, sec.token))).toBe('INVALID_STATE');
    // Already a VENDOR: no second request.
    expect(code(await t.gql(REQUEST, application('Another'), cleo.token))).toBe('CONFLICT');
  });

  it('joins an applicant to an existing organization chosen by the secretariat, as VENDOR only', async () => {
    const founder = await approvedAdmin('Dora Founder', 'Dora Orbital');
    const dan = await t.user('Dan Joiner');
    const req = (await t.ok(REQUEST, application('Dora Orbital'), dan.token)).requestToJoin;
    // A new organization with the same name would clash: the secretariat must choose the existing one.
    expect(code(await t.gql(APPROVE, { i: { id: req.id } }, sec.token))).toBe('CONFLICT');
    expect(code(await t.gql(APPROVE, { i: { id: req.id, organizationId: sec.id } }, sec.token))).toBe('BAD_USER_INPUT');
    const approved = (await t.ok(APPROVE, { i: { id: req.id, organizationId: founder.orgId } }, sec.token)).approveJoinRequest;
    expect(approved).toMatchObject({ foundedOrganization: false, organization: { id: founder.orgId } });
    const roles = await t.db.query(`SELECT role FROM user_role WHERE user_id = $1`, [dan.id]);
    expect(roles).toEqual([{ role: 'VENDOR' }]);
  });

  it('rejects with a reason that is mailed; the applicant may then ask again, or withdraw', async () => {
    const eli = await t.user('Eli Applicant');
    const req = (await t.ok(REQUEST, application('Eli Ltd'), eli.token)).requestToJoin;
    expect(code(await t.gql(REJECT, { id: req.id, r: '  ' }, sec.token))).toBe('BAD_USER_INPUT');
    // A refused decision queues nothing.
    expect(await t.db.query(`SELECT id FROM mail_outbox WHERE recipient = 'eli.applicant@test.example'`)).toEqual([]);
    const rejected = (await t.ok(REJECT, { id: req.id, r: 'Your website does not name an Allied registration.' }, sec.token)).rejectJoinRequest;
    expect(rejected).toEqual({ id: req.id, status: 'REJECTED', decisionReason: 'Your website does not name an Allied registration.' });
    await t.app.get(MailOutboxWorker).drain();
    await t.waitForMail('eli.applicant@test.example', 2);
    expect(lastMail('eli.applicant@test.example')).toContain('Your website does not name an Allied registration.');
    expect(code(await t.gql(APPROVE, { i: { id: req.id } }, sec.token))).toBe('INVALID_STATE');
    const again = (await t.ok(REQUEST, application('Eli Ltd'), eli.token)).requestToJoin;
    const W = `mutation($id:ID!){ withdrawJoinRequest(id:$id){ status } }`;
    expect(code(await t.gql(W, { id: again.id }, expert.token))).toBe('NOT_FOUND');
    expect((await t.ok(W, { id: again.id }, eli.token)).withdrawJoinRequest.status).toBe('WITHDRAWN');
    expect(code(await t.gql(W, { id: again.id }, eli.token))).toBe('INVALID_STATE');
  });

  describe('invitations', () => {
    let admin: { id: string; email: string; token: string; orgId: string };
    before(async () => {
      admin = await approvedAdmin('Fay Admin', 'Fay Space');
    });

    it('mails a single-use link whose token is stored only as a digest; only the address invited may accept', async () => {
      expect(code(await t.gql(INVITE, { e: 'x@test.example' }, expert.token))).toBe('FORBIDDEN');
      // Registered first: the helper reads the verification code from the newest mail.
      const gus = await t.user('Gus Colleague');
      const invited = (await t.ok(INVITE, { e: 'Gus.Colleague@test.example' }, admin.token)).inviteToOrganization;
      expect(invited).toMatchObject({ email: 'gus.colleague@test.example', status: 'PENDING' });
      const token = tokenIn(lastMail('gus.colleague@test.example'));
      const [row] = await t.db.query(`SELECT token_hash, expires_at - created_at AS ttl FROM organization_invitation WHERE id = $1`, [invited.id]);
      expect(row.token_hash).not.toContain(token);
      expect(row.ttl).toMatchObject({ days: 7 });
      const preview = await t.ok(`query($t:String!){ invitation(token:$t){ organizationName email status } }`, { t: token });
      expect(preview.invitation).toEqual({ organizationName: 'Fay Space', email: 'gus.colleague@test.example', status: 'PENDING' });
      // A plain VENDOR (not the admin) cannot invite; the colleague lists nothing.
      const intruder = await t.user('Ivy Intruder');
      expect(code(await t.gql(ACCEPT, { t: token }, intruder.token))).toBe('FORBIDDEN');
      expect(code(await t.gql(ACCEPT, { t: 'x'.repeat(43) }, intruder.token))).toBe('NOT_FOUND');
      expect(code(await t.gql(ACCEPT, { t: token }))).toBe('UNAUTHENTICATED');
      expect((await t.ok(ACCEPT, { t: token }, gus.token)).acceptInvitation.status).toBe('ACCEPTED');
      const me = await t.ok(`{ me { roles organization { id } } }`, {}, gus.token);
      expect(me.me).toEqual({ roles: ['VENDOR'], organization: { id: admin.orgId } });
      expect(code(await t.gql(INVITE, { e: 'x@test.example' }, gus.token))).toBe('FORBIDDEN');
      // Used once: refused the second time.
      expect(code(await t.gql(ACCEPT, { t: token }, gus.token))).toBe('INVALID_STATE');
      const list = await t.ok(`{ organizationInvitations { email status acceptedAt } }`, {}, admin.token);
      expect(list.organizationInvitations).toEqual([expect.objectContaining({ email: 'gus.colleague@test.example', status: 'ACCEPTED' })]);
    });

    it('expires after seven days by the database clock', async () => {
      const hal = await t.user('Hal Late');
      await t.ok(INVITE, { e: 'hal.late@test.example' }, admin.token);
      const token = tokenIn(lastMail('hal.late@test.example'));
      t.clock.advance(7 * 86_400 + 1);
      try {
        expect(code(await t.gql(ACCEPT, { t: token }, hal.token))).toBe('DEADLINE_PASSED');
        const list = await t.ok(`{ organizationInvitations { email status } }`, {}, admin.token);
        expect(list.organizationInvitations.find((i: any) => i.email === 'hal.late@test.example').status).toBe('EXPIRED');
      } finally {
        t.clock.offsetSeconds = 0;
      }
      // A new invitation replaces the expired one, and works.
      await t.ok(INVITE, { e: 'hal.late@test.example' }, admin.token);
      expect(code(await t.gql(ACCEPT, { t: token }, hal.token))).toBe('INVALID_STATE');
      expect(code(await t.gql(ACCEPT, { t: tokenIn(lastMail('hal.late@test.example')) }, hal.token))).toBe('OK');
    });

    it('is revocable by its own organization only; a member of another organization is refused', async () => {
      const other = await approvedAdmin('Kim Other', 'Kim Orbital');
      const jo = await t.user('Jo Revoked');
      const inv = (await t.ok(INVITE, { e: 'jo.revoked@test.example' }, admin.token)).inviteToOrganization;
      const token = tokenIn(lastMail('jo.revoked@test.example'));
      const R = `mutation($id:ID!){ revokeInvitation(id:$id){ status } }`;
      expect(code(await t.gql(R, { id: inv.id }, other.token))).toBe('NOT_FOUND');
      expect((await t.ok(R, { id: inv.id }, admin.token)).revokeInvitation.status).toBe('REVOKED');
      expect(code(await t.gql(R, { id: inv.id }, admin.token))).toBe('INVALID_STATE');
      expect(code(await t.gql(ACCEPT, { t: token }, jo.token))).toBe('INVALID_STATE');
      // Kim is VENDOR_ADMIN of another organization: an invitation to Fay Space is refused, and stays unused.
      await t.ok(INVITE, { e: other.email }, admin.token);
      const kimToken = tokenIn(lastMail(other.email));
      expect(code(await t.gql(ACCEPT, { t: kimToken }, other.token))).toBe('CONFLICT');
      const [{ accepted }] = await t.db.query(`SELECT count(*)::int AS accepted FROM organization_invitation WHERE email = $1 AND accepted_at IS NOT NULL`, [other.email]);
      expect(accepted).toBe(0);
    });

    it('of two accepts of one link at once, exactly one succeeds', async () => {
      const lou = await t.user('Lou Twice');
      await t.ok(INVITE, { e: 'lou.twice@test.example' }, admin.token);
      const token = tokenIn(lastMail('lou.twice@test.example'));
      const answers = await Promise.all([t.gql(ACCEPT, { t: token }, lou.token), t.gql(ACCEPT, { t: token }, lou.token)]);
      expect(answers.map(code).sort()).toEqual(['INVALID_STATE', 'OK']);
      const roles = await t.db.query(`SELECT role FROM user_role WHERE user_id = $1`, [lou.id]);
      expect(roles).toEqual([{ role: 'VENDOR' }]);
    });
  });

  describe('provider directory', () => {
    let listed: { token: string; orgId: string };
    let unlisted: { token: string; orgId: string };
    let standardId: string;

    before(async () => {
      listed = await approvedAdmin('Max Listed', 'Listed Launch');
      unlisted = await approvedAdmin('Nia Unlisted', 'Unlisted Sensors');
      const d = await draft(t, sec.token, 'STANAG 4800');
      standardId = d.standardId;
      const keys = (await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key } } }`, { id: d.versionId }, sec.token)).standardVersion.requirements;
      for (const who of [listed, unlisted]) {
        const productId = (await t.ok(`mutation{ registerProduct(input:{ name:"Tracker", productVersion:"1.0" }){ id } }`, {}, who.token)).registerProduct.id;
        await t.ok(`mutation($i:SetConformanceInput!){ setConformance(input:$i){ level } }`,
          { i: { productId, standardId, versionId: d.versionId, claims: [{ requirementKey: keys[0].key, level: 'CONFORMANT' }] } }, who.token);
      }
      await t.ok(`mutation{ setPublicListing(listed:true){ publicListing } }`, {}, listed.token);
    });

    it('shows the public only the providers that opted in; the Alliance sees all', async () => {
      const names = (r: any) => r.providers.edges.map((e: any) => e.node.name);
      const anon = await t.ok(PROVIDERS, { f: { text: 'l' } });
      expect(names(anon)).toContain('Listed Launch');
      expect(names(anon)).not.toContain('Unlisted Sensors');
      const all = await t.ok(PROVIDERS, {}, expert.token);
      expect(names(all)).toEqual(expect.arrayContaining(['Listed Launch', 'Unlisted Sensors', 'Cleo Space']));
      const node = all.providers.edges.find((e: any) => e.node.name === 'Listed Launch').node;
      expect(node).toEqual({ name: 'Listed Launch', publicListing: true, country: { code: 'FRA' }, products: [{ name: 'Tracker' }], standards: [{ designation: 'STANAG 4800', conformantProducts: 1 }] });
      // A vendor sees its own organization besides the listed ones, not other unlisted ones.
      const own = await t.ok(PROVIDERS, {}, unlisted.token);
      expect(names(own)).toEqual(expect.arrayContaining(['Listed Launch', 'Unlisted Sensors']));
      expect(names(own)).not.toContain('Cleo Space');
      // Filters: by standard and nation.
      expect(names(await t.ok(PROVIDERS, { f: { standardId } }, expert.token)).sort()).toEqual(['Listed Launch', 'Unlisted Sensors']);
      expect((await t.ok(PROVIDERS, { f: { nationCode: 'DEU' } }, expert.token)).providers.totalCount).toBe(0);
      expect(code(await t.gql(`mutation{ setPublicListing(listed:true){ id } }`, {}, expert.token))).toBe('FORBIDDEN');
    });

    it('lists only opted-in providers on the public page, without script', async () => {
      const res = await t.http.get('/providers');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Listed Launch');
      expect(res.text).toContain('STANAG 4800');
      expect(res.text).not.toContain('Unlisted Sensors');
      expect(res.text).not.toContain('Cleo Space');
      expect(res.text).not.toMatch(/<script/i);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      // Signed in as the Alliance, the page stays the public one.
      expect((await t.http.get('/providers').set('authorization', `Bearer ${expert.token}`)).text).not.toContain('Unlisted Sensors');
      await t.ok(`mutation{ setPublicListing(listed:false){ publicListing } }`, {}, listed.token);
      expect((await t.http.get('/providers')).text).not.toContain('Listed Launch');
      await t.ok(`mutation{ setPublicListing(listed:true){ publicListing } }`, {}, listed.token);
    });

    it('pages the public directory by name, 50 at a time, each provider once', async () => {
      await t.db.query(`INSERT INTO organization (name, kind, nation_code, public_listing)
        SELECT 'Paged Provider ' || lpad(g::text, 3, '0'), 'VENDOR', 'ITA', true FROM generate_series(1, 60) g`);
      const [{ listed: total }] = await t.db.query(`SELECT count(*)::int AS listed FROM organization WHERE public_listing`);
      const seen: string[] = [];
      let path: string | null = '/providers';
      const pagesRead: { providers: number; first: boolean }[] = [];
      while (path) {
        const res = await t.http.get(path);
        expect(res.status).toBe(200);
        const names = [...res.text.matchAll(/<h2 id="p-[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
        seen.push(...names);
        pagesRead.push({ providers: names.length, first: res.text.includes('rel="first"') });
        path = /href="(\/providers\?after=[^"]+)" rel="next"/.exec(res.text)?.[1]?.replace(/&amp;/g, '&') ?? null;
      }
      expect(pagesRead).toEqual([{ providers: 50, first: false }, { providers: total - 50, first: true }]);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen.filter((n) => n.startsWith('Paged Provider'))).toEqual(Array.from({ length: 60 }, (_, i) => `Paged Provider ${String(i + 1).padStart(3, '0')}`));
      // A cursor the directory did not write is a 400 page that says what to do, not a 500.
      const forged = await t.http.get('/providers?after=bm90LWEtY3Vyc29y');
      expect(forged.status).toBe(400);
      expect(forged.text).toContain('Start from the first page');
      expect((await t.http.get('/providers?after=a&after=b')).status).toBe(400);
    });
  });
});
