import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { createTestApp, TestApp } from './helpers/app';
import { draftingStandard } from './helpers/standards';

/**
 * The number of SQL statements a GraphQL request sends must not grow with
 * the length of the lists it returns: lists are read with one statement per
 * level (DataLoaders), never one per row. Each main list query is counted for
 * 10 and for 100 items and the counts must be equal.
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
  let roundId: string;

  before(async () => {
    t = await createTestApp();
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
    countStatements();
  });

  after(async () => {
    Client.prototype.query = realQuery;
    await t?.close();
  });

  /** Statements sent while answering the query (least of three tries, so a background poll cannot add one). */
  async function count(query: string, variables: Record<string, unknown>, expectLength: (data: any) => number, n: number): Promise<number> {
    // DRAFT comments are visible to their own nation only: the expert reads them.
    const as = 'r' in variables ? expertToken : token;
    let least = Infinity;
    for (let k = 0; k < 3; k++) {
      statements = 0;
      const data = await t.ok(query, variables, as);
      least = Math.min(least, statements);
      expect(expectLength(data)).toBe(n);
    }
    return least;
  }

  const cases: [string, string, (n: number) => Record<string, unknown>, (data: any) => number][] = [
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
  ];

  for (const [name, query, variables, length] of cases) {
    it(name, async () => {
      const ten = await count(query, variables(10), length, 10);
      const hundred = await count(query, variables(100), length, 100);
      expect({ hundred }).toEqual({ hundred: ten });
    });
  }
});
