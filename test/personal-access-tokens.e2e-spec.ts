import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import pino from 'pino';
import { rootLogger } from '../src/common/logger';
import { createTestApp, GqlResult, TestApp } from './helpers/app';
import { draft } from './helpers/ratification';

const CREATE = `mutation($i:CreatePersonalAccessTokenInput!){ createPersonalAccessToken(input:$i){
  token personalAccessToken { id name scopes prefix expiresAt lastUsedAt revokedAt } } }`;
const REPORT = `query($p:ID!,$s:ID!){ conformanceReport(productId:$p,standardId:$s){ conformant mandatoryTotal } }`;
const SET = `mutation($i:SetConformanceInput!){ setConformance(input:$i){ level } }`;
const code = (r: GqlResult) => r.errors?.[0]?.extensions.code ?? 'OK';

/**
 * Personal access tokens through real HTTP: what a token may do, when it
 * stops, and that its secret is shown once and then never stored nor logged.
 */
describe('personal access tokens', () => {
  let t: TestApp;
  let admin: string;
  let orgId: string;
  let vendor: { id: string; token: string };
  let productId: string;
  let standardId: string;
  let versionId: string;
  let requirementKey: string;
  const logged: string[] = [];
  const streamSym = pino.symbols.streamSym as unknown as keyof typeof rootLogger;
  let stream: unknown;

  const create = (session: string, scopes: string[], extra: Record<string, unknown> = {}) =>
    t.gql(CREATE, { i: { name: `CI ${scopes.join(' ')}`, scopes, ...extra } }, session);
  const token = async (session: string, scopes: string[]) => (await create(session, scopes)).data.createPersonalAccessToken.token as string;
  const report = (bearer: string) => t.gql(REPORT, { p: productId, s: standardId }, bearer);

  before(async () => {
    // Every request is logged at info level into `logged`, so the test can look for the secret there.
    stream = rootLogger[streamSym];
    (rootLogger as unknown as Record<symbol, unknown>)[streamSym as unknown as symbol] = { write: (line: string) => logged.push(line) };
    t = await createTestApp({ LOG_LEVEL: 'info', PAT_RATE_LIMIT_PER_MINUTE: '8' });
    admin = await t.adminToken();
    orgId = (await t.ok(`mutation{ createOrganization(input:{ name:"Orbit Relay", kind:VENDOR }){ id } }`, {}, admin)).createOrganization.id;
    vendor = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: orgId }]);
    const sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    ({ standardId, versionId } = await draft(t, sec.token, 'STANAG 4791'));
    const v = await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key } } }`, { id: versionId }, sec.token);
    requirementKey = v.standardVersion.requirements[0].key;
    productId = (await t.ok(`mutation{ registerProduct(input:{ name:"Orbit Relay", productVersion:"2.0" }){ id } }`, {}, vendor.token)).registerProduct.id;
  });
  after(async () => {
    await t?.close();
    (rootLogger as unknown as Record<symbol, unknown>)[streamSym as unknown as symbol] = stream;
  });

  it('shows the secret once, with the ssw_pat_ prefix, and keeps only a digest', async () => {
    const res = await create(vendor.token, ['conformance:read']);
    expect(code(res)).toBe('OK');
    const { token: secret, personalAccessToken: pat } = res.data.createPersonalAccessToken;
    expect(secret).toMatch(/^ssw_pat_[\w-]{43}$/);
    expect(pat).toMatchObject({ scopes: ['conformance:read'], prefix: secret.slice(0, 14), lastUsedAt: null, revokedAt: null });
    const listed = await t.ok(`{ personalAccessTokens { id prefix } }`, {}, vendor.token);
    expect(listed.personalAccessTokens).toEqual([{ id: pat.id, prefix: pat.prefix }]);
    const rows = await t.db.query(`SELECT row_to_json(p)::text AS row FROM personal_access_token p`);
    expect(rows.map((r: { row: string }) => r.row).join()).not.toContain(secret.slice(14));
  });

  it('with conformance:read reads a report but cannot write a claim, nor manage tokens', async () => {
    const bearer = await token(vendor.token, ['conformance:read']);
    expect(code(await report(bearer))).toBe('OK');
    const write = await t.gql(SET, { i: { productId, standardId, versionId, claims: [{ requirementKey, level: 'CONFORMANT' }] } }, bearer);
    expect(code(write)).toBe('FORBIDDEN');
    expect(write.errors?.[0].message).toMatch(/scope/);
    expect(code(await t.gql(`{ standards(first:1){ totalCount } }`, {}, bearer))).toBe('FORBIDDEN');
    expect(code(await create(bearer, ['conformance:read']))).toBe('FORBIDDEN');
    const [{ last_used_at }] = await t.db.query(`SELECT last_used_at FROM personal_access_token WHERE token_hash IS NOT NULL ORDER BY created_at DESC LIMIT 1`);
    expect(last_used_at).not.toBeNull();
  });

  it('with conformance:write writes a claim', async () => {
    const bearer = await token(vendor.token, ['conformance:write']);
    const write = await t.gql(SET, { i: { productId, standardId, versionId, claims: [{ requirementKey, level: 'CONFORMANT' }] } }, bearer);
    expect(code(write)).toBe('OK');
  });

  it('stops working when revoked, and the revocation is audited', async () => {
    const res = await create(vendor.token, ['conformance:read']);
    const { token: bearer, personalAccessToken: pat } = res.data.createPersonalAccessToken;
    expect(code(await report(bearer))).toBe('OK');
    expect(await t.ok(`mutation($id:ID!){ revokePersonalAccessToken(id:$id) }`, { id: pat.id }, vendor.token)).toEqual({ revokePersonalAccessToken: true });
    const after = await report(bearer);
    expect(code(after)).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0].message).toMatch(/revoked/);
    // Another person cannot revoke it (nor learn that it exists).
    const other = await t.user('Otto Other', []);
    expect(code(await t.gql(`mutation($id:ID!){ revokePersonalAccessToken(id:$id) }`, { id: pat.id }, other.token))).toBe('NOT_FOUND');
    const audit = await t.ok(`query($id:ID){ auditEvents(entityId:$id, action:"token.", first:50){ edges { node { action detail } } } }`, { id: vendor.id }, admin);
    const actions = audit.auditEvents.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(actions).toEqual(expect.arrayContaining(['token.created', 'token.revoked']));
    expect(JSON.stringify(audit)).toContain(pat.prefix);
  });

  it("stops at once when the owner's role is revoked, and when the owner is deactivated", async () => {
    const owner = await t.user('Vlad Vendor', [{ role: 'VENDOR', organizationId: orgId }]);
    const bearer = await token(owner.token, ['conformance:read']);
    expect(code(await t.gql(`{ products { id } }`, {}, bearer))).toBe('OK');
    await t.ok(`mutation($u:ID!){ revokeRole(userId:$u, role:VENDOR){ id } }`, { u: owner.id }, admin);
    expect(code(await t.gql(`{ products { id } }`, {}, bearer))).toBe('FORBIDDEN');
    await t.ok(`mutation($u:ID!){ deactivateUser(userId:$u){ id } }`, { u: owner.id }, admin);
    expect(code(await t.gql(`{ products { id } }`, {}, bearer))).toBe('UNAUTHENTICATED');
  });

  it("an organization's token: made by its VENDOR_ADMIN, acts as the organization's VENDOR, outlives its creator, stops when revoked", async () => {
    const ORG_CREATE = `mutation($i:CreatePersonalAccessTokenInput!){ createOrganizationAccessToken(input:$i){ token personalAccessToken { id prefix } } }`;
    const REVOKE = `mutation($id:ID!){ revokeOrganizationAccessToken(id:$id) }`;
    const LIST = `{ organizationAccessTokens { id } }`;
    // VENDOR_ADMIN is granted to a VENDOR only, and takes its organization from VENDOR.
    const lone = await t.user('Lone Admin', []);
    expect(code(await t.gql(`mutation($u:ID!){ grantRole(input:{ userId:$u, role:VENDOR_ADMIN }){ id } }`, { u: lone.id }, admin))).toBe('CONFLICT');
    const boss = await t.user('Vanya Vendoradmin', [{ role: 'VENDOR', organizationId: orgId }, { role: 'VENDOR_ADMIN' }]);
    const res = await t.gql(ORG_CREATE, { i: { name: 'Orbit Relay CI', scopes: ['conformance:read'] } }, boss.token);
    expect(code(res)).toBe('OK');
    const { token: bearer, personalAccessToken: pat } = res.data.createOrganizationAccessToken;
    expect(await t.ok(LIST, {}, boss.token)).toEqual({ organizationAccessTokens: [{ id: pat.id }] });
    expect((await t.db.query(`SELECT user_id, organization_id FROM personal_access_token WHERE id = $1`, [pat.id]))[0]).toEqual({ user_id: null, organization_id: orgId });
    // Not the creator's personal token.
    expect((await t.ok(`{ personalAccessTokens { id } }`, {}, boss.token)).personalAccessTokens).not.toContainEqual({ id: pat.id });
    expect(code(await report(bearer))).toBe('OK');
    // It is no person: me is null.
    expect(await t.ok(`{ me { id } }`, {}, bearer)).toEqual({ me: null });
    // A plain VENDOR of the organization does not manage its tokens.
    expect(code(await t.gql(ORG_CREATE, { i: { name: 'Sneaky', scopes: ['conformance:read'] } }, vendor.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(REVOKE, { id: pat.id }, vendor.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(LIST, {}, vendor.token))).toBe('FORBIDDEN');
    // Another organization's VENDOR_ADMIN neither sees nor revokes it.
    const otherOrg = (await t.ok(`mutation{ createOrganization(input:{ name:"Deep Sky Ltd", kind:VENDOR }){ id } }`, {}, admin)).createOrganization.id;
    const rival = await t.user('Rita Rival', [{ role: 'VENDOR', organizationId: otherOrg }, { role: 'VENDOR_ADMIN' }]);
    expect(await t.ok(LIST, {}, rival.token)).toEqual({ organizationAccessTokens: [] });
    expect(code(await t.gql(REVOKE, { id: pat.id }, rival.token))).toBe('NOT_FOUND');
    // VENDOR goes only after VENDOR_ADMIN; the token survives its creator losing both and being deactivated.
    expect(code(await t.gql(`mutation($u:ID!){ revokeRole(userId:$u, role:VENDOR){ id } }`, { u: boss.id }, admin))).toBe('CONFLICT');
    await t.ok(`mutation($u:ID!){ revokeRole(userId:$u, role:VENDOR_ADMIN){ id } }`, { u: boss.id }, admin);
    await t.ok(`mutation($u:ID!){ revokeRole(userId:$u, role:VENDOR){ id } }`, { u: boss.id }, admin);
    await t.ok(`mutation($u:ID!){ deactivateUser(userId:$u){ id } }`, { u: boss.id }, admin);
    expect(code(await report(bearer))).toBe('OK');
    // Its scopes still narrow it: no write.
    expect(code(await t.gql(SET, { i: { productId, standardId, versionId, claims: [{ requirementKey, level: 'CONFORMANT' }] } }, bearer))).toBe('FORBIDDEN');
    // Another VENDOR_ADMIN of the organization revokes it; then it is refused, and both acts are audited.
    const heir = await t.user('Hana Heir', [{ role: 'VENDOR', organizationId: orgId }, { role: 'VENDOR_ADMIN' }]);
    expect(await t.ok(REVOKE, { id: pat.id }, heir.token)).toEqual({ revokeOrganizationAccessToken: true });
    expect(code(await report(bearer))).toBe('UNAUTHENTICATED');
    const audit = await t.ok(`query{ auditEvents(action:"token.", first:50){ edges { node { action detail } } } }`, {}, admin);
    const details = audit.auditEvents.edges.map((e: { node: { detail: string } }) => e.node.detail).filter((d: string) => d.includes(pat.prefix));
    expect(details).toEqual([expect.stringMatching(/revoked/), expect.stringMatching(/created/)]);
    // The database holds a token to exactly one owner.
    await expect(t.db.query(`UPDATE personal_access_token SET user_id = $1 WHERE id = $2`, [heir.id, pat.id])).rejects.toThrow();
    await expect(t.db.query(`INSERT INTO personal_access_token (name, scopes, prefix, token_hash, created_at, expires_at)
      VALUES ('x', '{conformance:read}', 'p', 'h', now(), now() + interval '1 day')`)).rejects.toThrow(/one_owner/);
  });

  it('expires within a year at most, and is refused once expired', async () => {
    const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    expect(code(await create(vendor.token, ['conformance:read'], { expiresAt: later(367) }))).toBe('BAD_USER_INPUT');
    expect(code(await create(vendor.token, ['conformance:read'], { expiresAt: later(-1) }))).toBe('BAD_USER_INPUT');
    expect(code(await create(vendor.token, ['conformance:admin']))).toBe('BAD_USER_INPUT');
    const res = await create(vendor.token, ['conformance:read'], { expiresAt: later(2) });
    const bearer = res.data.createPersonalAccessToken.token;
    expect(code(await report(bearer))).toBe('OK');
    t.clock.advance(3 * 86_400);
    try {
      const expired = await report(bearer);
      expect(code(expired)).toBe('UNAUTHENTICATED');
      expect(expired.errors?.[0].message).toMatch(/expired/);
    } finally {
      t.clock.advance(-3 * 86_400);
    }
  });

  it('is rate-limited per token', async () => {
    const bearer = await token(vendor.token, ['conformance:read']);
    const codes: string[] = [];
    for (let i = 0; i < 9; i++) codes.push(code(await t.gql(`{ products { id } }`, {}, bearer)));
    expect(codes.slice(0, 8).every((c) => c === 'OK')).toBe(true);
    expect(codes[8]).toBe('RATE_LIMITED');
    // Another token of the same person is counted apart.
    expect(code(await t.gql(`{ products { id } }`, {}, await token(vendor.token, ['conformance:read'])))).toBe('OK');
  });

  it('is never logged', async () => {
    const bearer = await token(vendor.token, ['conformance:read']);
    await report(bearer);
    await t.http.get('/graphql/schema.graphql').set('authorization', `Bearer ${bearer}`);
    await t.gql(`{ nope }`, { token: bearer }, bearer);
    // Requests were logged (so the check below means something), but no secret of any token made here.
    expect(logged.filter((l) => l.includes('"req"')).length).toBeGreaterThan(5);
    const secrets = (await t.db.query(`SELECT count(*)::int AS n FROM personal_access_token`))[0].n;
    expect(secrets).toBeGreaterThan(5);
    expect(logged.join('\n')).not.toContain(bearer.slice(8));
    expect(logged.join('\n')).not.toMatch(/ssw_pat_[\w-]{20,}/);
  });
});
