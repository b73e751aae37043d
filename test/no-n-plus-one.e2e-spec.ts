import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { createTestApp, TestApp } from './helpers/app';
import { CREATE_VERSION, draftingStandard } from './helpers/standards';

/**
 * The number of SQL statements a GraphQL request sends must not grow with
 * the length of the lists it returns: lists are read with one statement per
 * level (DataLoaders), never one per row. Each main list query is counted for
 * a short and a long list (10 and 100 items; 5 and 50 where the cost limit
 * or the data set up says so) and the counts must be equal: standards, a
 * round's comments, the ballots to answer with tallies and responses,
 * products with their claims, and a conformance report of 10 and of 100
 * provisions.
 */

let statements = 0;
const realQuery = Client.prototype.query;

function countStatements(): void {
  // Every statement TypeORM sends goes through a pooled pg Client.
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    statements++;
    return (realQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
}

describe('no N+1: SQL statements per request do not grow with list length', () => {
  let t: TestApp;
  let token: string;
  let expertToken: string;
  let delegateToken: string;
  let roundId: string;
  /** The vendor's product and, by requirement count, standards it claims against (for the conformance report). */
  let productId: string;
  const reported: Record<number, string> = {};

  before(async () => {
    // The webhook worker's poll would be counted with a request that a loaded machine makes slow.
    t = await createTestApp({ WEBHOOK_POLL_MS: '0' });
    const sec = await t.user('Counting Secretariat', [{ role: 'SECRETARIAT' }]);
    const expert = await t.user('Counting Expert', [{ role: 'EXPERT', nationCode: 'NLD' }]);
    token = sec.token;
    expertToken = expert.token;
    const template = await draftingStandard(t, expert.token, { designation: 'NP 0' });
    // 100 more standards like the first, each with its version, editor and requirements (set up in SQL: the subject is reading).
    await t.db.query(
      `WITH s AS (
         INSERT INTO standard (designation, title, scope, status, visibility, proposer_id, requirement_seq, text_search)
         SELECT 'NP ' || g, title || ' ' || g, scope, status, visibility, proposer_id, requirement_seq, text_search
           FROM standard, generate_series(1, 100) g WHERE id = $1 RETURNING id),
       e AS (INSERT INTO standard_editor (standard_id, user_id) SELECT s.id, ed.user_id FROM s, standard_editor ed WHERE ed.standard_id = $1),
       v AS (
         INSERT INTO standard_version (standard_id, number, label, author_id, content_hash, blocks, byte_length)
         SELECT s.id, 1, 'WD 1', v.author_id, v.content_hash, v.blocks, v.byte_length FROM s, standard_version v WHERE v.id = $2
         RETURNING id)
       INSERT INTO requirement (version_id, key, clause, obligation, text, line, change, ord, identifier, status, condition)
       SELECT v.id, r.key, r.clause, r.obligation, r.text, r.line, r.change, r.ord, r.identifier, r.status, r.condition
         FROM v, requirement r WHERE r.version_id = $2`,
      [template.id, template.v1],
    );
    const round = await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId: template.id, versionId: template.v1, title: 'Counted', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, sec.token);
    roundId = round.openCommentRound.id;
    const header = 'MB/NC,Line number,Clause/Subclause,Paragraph/Figure/Table,Type of comment,Comments,Proposed change,Observations of the secretariat\n';
    const rows = Array.from({ length: 100 }, (_, i) => `NLD,${5 + (i % 3)},2,,te,Comment number ${i}.,Change ${i}.,\n`).join('');
    const imported = await t.ok(`mutation($r:ID!,$c:String!){ importComments(roundId:$r,csv:$c){ imported errors } }`, { r: roundId, c: header + rows }, expert.token);
    expect(imported.importComments).toEqual({ imported: 100, errors: [] });
    await ballotWithResponses(sec.token, template.id);
    delegateToken = (await t.user('Counting Delegate NLD', [{ role: 'DELEGATE', nationCode: 'NLD' }])).token;
    await productsWithClaims(expert.token);
    countStatements();
  });

  /** A ballot with responses from three nations, opened through the API, and the standards it may be copied onto. */
  let ballotCopy: { ballotId: string; except: string[] };

  async function ballotWithResponses(secretariat: string, templateId: string): Promise<void> {
    const subject = await draftingStandard(t, expertToken, { designation: 'NP B' });
    const closesAt = new Date(Date.now() + 3600_000).toISOString();
    const opened = await t.ok(`mutation($i:OpenBallotInput!){ openBallot(input:$i){ id } }`, {
      i: { standardId: subject.id, versionId: subject.v1, closesAt, threshold: 2 },
    }, secretariat);
    const ballotId = opened.openBallot.id;
    for (const [code, response] of [['FRA', 'RATIFIED_IMPLEMENTING'], ['DEU', 'NOT_RATIFYING'], ['ITA', 'RATIFIED_IMPLEMENTING']]) {
      const delegate = await t.user(`Counting Delegate ${code}`, [{ role: 'DELEGATE', nationCode: code }]);
      await t.ok(`mutation($i:CastResponseInput!){ castResponse(input:$i){ revision } }`, { i: { ballotId, response } }, delegate.token);
    }
    ballotCopy = { ballotId, except: [templateId, subject.id] };
  }

  /** Copies the ballot and its responses (in SQL) onto copies of the template that have none, until `total` ballots are open. */
  async function openBallots(total: number): Promise<void> {
    await t.db.query(
      `WITH b AS (
         INSERT INTO ballot (standard_id, version_id, opens_at, closes_at, threshold, outcome, opened_by, on_shortfall)
         SELECT s.id, v.id, o.opens_at, o.closes_at, o.threshold, o.outcome, o.opened_by, o.on_shortfall
           FROM standard s JOIN standard_version v ON v.standard_id = s.id, ballot o
          WHERE s.designation LIKE 'NP %' AND NOT s.id = ANY($1::uuid[]) AND o.id = $2
            AND NOT EXISTS (SELECT 1 FROM ballot x WHERE x.standard_id = s.id)
          ORDER BY s.designation LIMIT $3 - (SELECT count(*) FROM ballot)
         RETURNING id)
       INSERT INTO ballot_response (ballot_id, nation_code, response, reservations, implementation_date, national_reference, cast_by, cast_at, revision)
       SELECT b.id, r.nation_code, r.response, r.reservations, r.implementation_date, r.national_reference, r.cast_by, r.cast_at, r.revision
         FROM b, ballot_response r WHERE r.ballot_id = $2`,
      [ballotCopy.except, ballotCopy.ballotId, total],
    );
  }

  /**
   * Standards of 10 and of 100 provisions, each with a second version that rewords every other provision; a
   * vendor's product claims them all against the first version (so half its claims are stale), and 100 more
   * products copy its claims on the standard of 10 (set up in SQL).
   */
  async function productsWithClaims(editor: string): Promise<void> {
    const org = await t.ok(`mutation($i:CreateOrganizationInput!){ createOrganization(input:$i){ id } }`, { i: { name: 'Counting Vendor Ltd', kind: 'VENDOR' } }, await t.adminToken());
    const vendor = await t.user('Counting Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }]);
    const registered = await t.ok(`mutation($i:RegisterProductInput!){ registerProduct(input:$i){ id } }`, { i: { name: 'Counted 000', productVersion: '1.0' } }, vendor.token);
    productId = registered.registerProduct.id;
    const text = (n: number, edited: boolean) => `# Counted terminal\n\n## 1 Scope\n\nThis standard covers counted terminals.\n\n## 2 Requirements\n\n`
      + Array.from({ length: n }, (_, i) => `The terminal shall handle case ${i}${edited && i % 2 === 0 ? ' promptly' : ''}. {#K${i}}\n\n`).join('');
    for (const n of [10, 100]) {
      const s = await draftingStandard(t, editor, { designation: `NP R${n}`, visibility: 'PUBLIC', text: text(n, false) });
      await t.ok(CREATE_VERSION, { i: { standardId: s.id, text: text(n, true), label: 'WD 2', baseVersionId: s.v1 } }, editor);
      const claims = Array.from({ length: n }, (_, i) => ({ requirementKey: `K${i}`, level: i % 3 ? 'CONFORMANT' : 'NON_CONFORMANT', evidence: `Test ${i}` }));
      await t.ok(`mutation($i:SetConformanceInput!){ setConformance(input:$i){ id } }`, { i: { productId, standardId: s.id, versionId: s.v1, claims } }, vendor.token);
      reported[n] = s.id;
    }
    await t.db.query(
      `WITH p AS (
         INSERT INTO product (organization_id, name, product_version, description)
         SELECT organization_id, 'Counted ' || lpad(g::text, 3, '0'), product_version, description FROM product, generate_series(1, 100) g WHERE id = $1
         RETURNING id)
       INSERT INTO conformance_claim (product_id, standard_id, requirement_key, version_id, level, evidence, values_supported)
       SELECT p.id, c.standard_id, c.requirement_key, c.version_id, c.level, c.evidence, c.values_supported
         FROM p, conformance_claim c WHERE c.product_id = $1 AND c.standard_id = $2`,
      [productId, reported[10]],
    );
  }

  after(async () => {
    Client.prototype.query = realQuery;
    await t?.close();
  });

  /** Statements sent while answering the query (least of three tries, so a background poll cannot add one). */
  async function count(query: string, variables: Record<string, unknown>, expectLength: (data: any) => number, n: number, as = 'r' in variables ? expertToken : token): Promise<number> {
    // DRAFT comments are visible to their own nation only: the expert reads them.
    let least = Infinity;
    for (let k = 0; k < 3; k++) {
      statements = 0;
      const data = await t.ok(query, variables, as);
      least = Math.min(least, statements);
      expect(expectLength(data)).toBe(n);
    }
    return least;
  }

  /** Name, query, its variables for n items, the number of items in the answer, and the two sizes compared (10 and 100 unless said). */
  const cases: [string, string, (n: number) => Record<string, unknown>, (data: any) => number, [number, number]?][] = [
    [
      // Within the cost limit for 100 standards; each nested list is one more DataLoader.
      'standards with their current version and its author, editors and versions',
      `query($n:Int!){ standards(first:$n){ edges { node { designation title status editors { displayName }
         currentVersion { number label author { displayName } } versions { number } } } } }`,
      (n) => ({ n }),
      (d) => d.standards.edges.length,
    ],
    [
      'a round with its comments, nation, author and round',
      `query($r:ID!,$n:Int!){ commentRound(id:$r){ title comments(first:$n){ edges { node { body type status
         nation { code name } author { displayName } round { id title } resolvedInVersion { number } } } } } }`,
      (n) => ({ r: roundId, n }),
      (d) => d.commentRound.comments.edges.length,
    ],
    [
      'products with their organization and claims (stale, standard, version, product)',
      `query($n:Int!){ products(first:$n){ name organization { name } claims { requirementKey level support stale
         standard { designation } version { number } } } }`,
      (n) => ({ n }),
      (d) => d.products.filter((p: any) => p.claims.length >= 10).length,
      // Within the cost limit: each product stands for a page of claims.
      [5, 50],
    ],
  ];

  // Unpaged: the list is as long as the ballots open, 5 and then 50.
  it('the ballots a delegate has to answer, each with its tally and national responses (nation, author, history)', async () => {
    const query = `{ myWork { ballotsToAnswer { daysLeft allAnswered thresholdMet ballot { status threshold standard { designation } version { number }
      tally { eligible responded ratifying notRatifying pending { code } thresholdMet }
      responses { response revision nation { code name } castBy { displayName } history { revision } } } } } }`;
    const length = (d: any) => d.myWork.ballotsToAnswer.filter((w: any) => w.ballot.responses.length === 3 && w.ballot.tally.responded === 3).length;
    await openBallots(5);
    const five = await count(query, {}, length, 5, delegateToken);
    await openBallots(50);
    const fifty = await count(query, {}, length, 50, delegateToken);
    expect({ fifty }).toEqual({ fifty: five });
  });

  // The report's lists (gaps, stale claims) grow with the standard's provisions: 10 against 100.
  it('a conformance report with its gaps and stale claims', async () => {
    const report = `query($p:ID!,$s:ID!){ conformanceReport(productId:$p,standardId:$s){ conformant coverage mandatoryTotal mandatoryMet draft
      product { name organization { name } } standard { designation } version { number }
      gaps { key text clause obligation } staleClaims { requirementKey level stale version { number } standard { designation } product { name } } } }`;
    const ten = await count(report, { p: productId, s: reported[10] }, (d) => d.conformanceReport.mandatoryTotal, 10);
    const hundred = await count(report, { p: productId, s: reported[100] }, (d) => d.conformanceReport.mandatoryTotal, 100);
    expect({ hundred }).toEqual({ hundred: ten });
  });

  // The four queries of the API-under-load benchmark (bench/load.bench.ts): each reads what it shows, and the authorization
  // look-ups it needs, in as few statements as the bare node + pg reference, the round's page of comments aside.
  it('the load case\'s queries: standards 1 statement, a round with 100 comments 2, a ballot with its tally and responses 1, a report 1', async () => {
    const sent = {
      standards: await count(`{ standards(first:20){ edges { node { designation title status currentVersion { number label } } } } }`, {}, (d) => d.standards.edges.length, 20),
      round: await count(`query($r:ID!){ commentRound(id:$r){ title status comments(first:100){ edges { node { id number clause lineFrom type body
        nation { code name } author { displayName } } } } } }`, { r: roundId }, (d) => d.commentRound.comments.edges.length, 100),
      ballot: await count(`query($b:ID!){ ballot(id:$b){ status threshold outcome closesAt tally { eligible responded ratifying notRatifying notParticipating
        withReservations thresholdMet pending { code } } responses { response revision castAt nation { code name } castBy { displayName } } } }`,
      { b: ballotCopy.ballotId }, (d) => d.ballot.responses.length, 3),
      report: await count(`query($p:ID!,$s:ID!){ conformanceReport(productId:$p,standardId:$s){ conformant coverage mandatoryTotal mandatoryMet draft
        gaps { key clause obligation text } staleClaims { requirementKey level } } }`, { p: productId, s: reported[100] }, (d) => d.conformanceReport.mandatoryTotal, 100),
    };
    expect(sent).toEqual({ standards: 1, round: 2, ballot: 1, report: 1 });
  });

  for (const [name, query, variables, length, [small, large] = [10, 100]] of cases) {
    it(name, async () => {
      const few = await count(query, variables(small), length, small);
      const many = await count(query, variables(large), length, large);
      expect({ many }).toEqual({ many: few });
    });
  }
});
