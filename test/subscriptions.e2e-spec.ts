import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { AddressInfo } from 'node:net';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestApp, TestApp } from './helpers/app';

const TEXT = '# Live\n\n## 1 Scope\n\nThe provider shall publish events.\n';
const SUBSCRIBE = `subscription($r:ID!){ commentAdded(roundId:$r){ id body status nation { code } author { displayName } } }`;

/** A graphql-ws subscription collecting its events, or its error. */
function watch(app: TestApp, token: string, roundId: string) {
  const port = (app.app.getHttpServer().address() as AddressInfo).port;
  const client: Client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const events: any[] = [];
  const errors: any[] = [];
  const dispose = client.subscribe(
    { query: SUBSCRIBE, variables: { r: roundId } },
    { next: (v) => (v.errors ? errors.push(...v.errors) : events.push(v.data!.commentAdded)), error: (e) => errors.push(e), complete: () => undefined },
  );
  return {
    events,
    errors,
    async close() {
      dispose();
      await client.dispose();
    },
  };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
};

describe('commentAdded over graphql-ws, across two application instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    a = await createTestApp();
    // A second replica: same database, same signing secret, its own process state.
    b = await createTestApp({ JWT_SECRET: a.config.JWT_SECRET! }, { databaseUrl: a.config.DATABASE_URL! });
    await a.app.listen(0, '127.0.0.1');
    await b.app.listen(0, '127.0.0.1');
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  it('delivers on one instance what was written through the other, only to those allowed to see it', async () => {
    const sec = await a.user('Sam Secretariat', [{ role: 'SECRETARIAT' }]);
    const fr = await a.user('Francoise Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    const frDelegate = await a.user('Francois Delegate', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    const de = await a.user('Dieter Expert', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    const org = await a.ok(`mutation{ createOrganization(input:{name:"Orbit Vendor Ltd", kind:VENDOR}){ id } }`, {}, await a.adminToken());
    const vendor = await a.user('Vera Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }]);
    const p = await a.ok(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`, {
      i: { designation: 'ASpP-LIVE', title: 'Live events', scope: 'Events', visibility: 'INDUSTRY', overlapJustification: 'A test fixture for live events.' },
    }, sec.token);
    const standardId = p.proposeStandard.id;
    await a.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, sec.token);
    const v1 = (await a.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, text: TEXT } }, sec.token)).createVersion.id;
    const roundId = (await a.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId, versionId: v1, title: 'Live round', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, sec.token)).openCommentRound.id;

    // Subscribers on instance b; writes go through instance a.
    const frWatch = watch(b, frDelegate.token, roundId);
    const deWatch = watch(b, de.token, roundId);
    const vendorWatch = watch(b, vendor.token, roundId);
    await new Promise((r) => setTimeout(r, 500));

    const add = (token: string, body: string) =>
      a.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, type: 'GENERAL', body } }, token);
    const frId = (await add(fr.token, 'French draft')).addComment.id;
    const deId = (await add(de.token, 'German draft')).addComment.id;
    await waitFor(() => frWatch.events.length >= 1 && deWatch.events.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    try {
      expect(frWatch.events).toEqual([{ id: frId, body: 'French draft', status: 'DRAFT', nation: { code: 'FRA' }, author: { displayName: 'Francoise Expert' } }]);
      expect(deWatch.events.map((e) => e.id)).toEqual([deId]);
      expect(frWatch.errors).toEqual([]);
      expect(vendorWatch.events).toEqual([]);
      expect(vendorWatch.errors.map((e: any) => e.extensions?.code ?? e[0]?.extensions?.code)).toContain('FORBIDDEN');
    } finally {
      await Promise.all([frWatch.close(), deWatch.close(), vendorWatch.close()]);
    }
  });

  it('refuses a websocket connection whose token does not verify', async () => {
    const w = watch(b, 'not-a-token', '00000000-0000-4000-8000-000000000000');
    await waitFor(() => w.errors.length > 0);
    // The socket is closed at connection (4403), not merely an error from the operation (a random round would give one too).
    expect(w.errors.map((e: any) => e.code)).toEqual([4403]);
    await w.close();
  });
});
