import { createServer, Server, ServerResponse } from 'node:http';
import { Pool } from 'pg';

/**
 * The references of the API-under-load case (bench/load.bench.ts): a bare
 * Node HTTP server that answers each of the case's four queries with the
 * same rows the service returns to the SECRETARIAT, read with one
 * hand-written SQL statement through pg, in the same JSON shape. POST
 * /standards, /round {r}, /ballot {b}, /report {p, s}: the body holds the
 * GraphQL query's variables. No framework, no authentication, no GraphQL:
 * what each request costs at the least. Started as its own process:
 * DATABASE_URL, PORT, POOL_SIZE; FRAMEWORK=apollo-express for the floor
 * below.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

const VISIBLE = ['NATIONS', 'INDUSTRY', 'PUBLIC'];
const STATUS = `CASE WHEN x.closed_at IS NOT NULL OR x.closes_at <= now() THEN 'CLOSED' WHEN x.opens_at > now() THEN 'SCHEDULED' ELSE 'OPEN' END`;
const RATIFYING = ['RATIFIED_IMPLEMENTING', 'RATIFIED_FUTURE_IMPLEMENTATION', 'RATIFIED_NOT_IMPLEMENTING'];

type Vars = Record<string, string>;
type Row = Record<string, any>;

const queries: Record<string, { sql: string; params: (v: Vars) => unknown[]; answer: (rows: Row[]) => unknown }> = {
  '/standards': {
    sql: `SELECT s.designation, s.title, s.status, v.number, v.label
            FROM standard s
            LEFT JOIN LATERAL (SELECT number, label FROM standard_version WHERE standard_id = s.id ORDER BY number DESC LIMIT 1) v ON true
           WHERE s.visibility = ANY($1)
           ORDER BY s.designation, s.id
           LIMIT 20`,
    params: () => [VISIBLE],
    answer: (rows) => ({
      standards: {
        edges: rows.map((r) => ({
          node: { designation: r.designation, title: r.title, status: r.status, currentVersion: r.number === null ? null : { number: r.number, label: r.label } },
        })),
      },
    }),
  },
  '/round': {
    sql: `SELECT x.title, ${STATUS} AS status, c.id, c.number, c.clause, c.line_from, c.type, c.body, c.nation_code, n.name AS nation, u.display_name
            FROM comment_round x
            LEFT JOIN LATERAL (SELECT * FROM comment c WHERE c.round_id = x.id AND c.status = 'SUBMITTED'
                                ORDER BY c.clause_key, c.line_key, c.seq LIMIT 100) c ON true
            LEFT JOIN nation n ON n.code = c.nation_code
            LEFT JOIN app_user u ON u.id = c.author_id
           WHERE x.id = $1
           ORDER BY c.clause_key, c.line_key, c.seq`,
    params: (v) => [v.r],
    answer: (rows) => ({
      commentRound: rows.length === 0 ? null : {
        title: rows[0].title,
        status: rows[0].status,
        comments: {
          edges: rows.filter((r) => r.id !== null).map((r) => ({
            node: {
              id: r.id, number: r.number, clause: r.clause, lineFrom: r.line_from, type: r.type, body: r.body,
              nation: { code: r.nation_code, name: r.nation }, author: { displayName: r.display_name },
            },
          })),
        },
      },
    }),
  },
  '/ballot': {
    sql: `SELECT ${STATUS} AS status, x.threshold, x.outcome, x.closes_at,
                 (SELECT count(*)::int FROM nation) AS eligible,
                 (SELECT coalesce(json_agg(code ORDER BY code), '[]') FROM nation
                   WHERE code NOT IN (SELECT nation_code FROM ballot_response WHERE ballot_id = x.id)) AS pending,
                 r.response, r.revision, r.cast_at, r.reservations, r.nation_code, n.name AS nation, u.display_name
            FROM ballot x
            LEFT JOIN ballot_response r ON r.ballot_id = x.id
            LEFT JOIN nation n ON n.code = r.nation_code
            LEFT JOIN app_user u ON u.id = r.cast_by
           WHERE x.id = $1
           ORDER BY r.nation_code`,
    params: (v) => [v.b],
    answer: (rows) => {
      if (!rows.length) return { ballot: null };
      const [b] = rows;
      const responses = rows.filter((r) => r.response !== null);
      const count = (pred: (r: Row) => boolean) => responses.filter(pred).length;
      const ratifying = count((r) => RATIFYING.includes(r.response));
      return {
        ballot: {
          status: b.status,
          threshold: b.threshold,
          outcome: b.outcome,
          closesAt: new Date(b.closes_at).toISOString(),
          tally: {
            eligible: b.eligible,
            responded: responses.length,
            ratifying,
            notRatifying: count((r) => r.response === 'NOT_RATIFYING'),
            notParticipating: count((r) => r.response === 'NOT_PARTICIPATING'),
            withReservations: count((r) => r.reservations.length > 0),
            thresholdMet: ratifying >= b.threshold,
            pending: (b.pending as string[]).map((code) => ({ code })),
          },
          responses: responses.map((r) => ({
            response: r.response, revision: r.revision, castAt: new Date(r.cast_at).toISOString(),
            nation: { code: r.nation_code, name: r.nation }, castBy: { displayName: r.display_name },
          })),
        },
      };
    },
  },
  '/report': {
    // The current version (the bench's standard has no edition); its provisions against the product's claims, with the words each claim was made against.
    sql: `WITH v AS (SELECT id FROM standard_version WHERE standard_id = $2 ORDER BY number DESC LIMIT 1),
               req AS (SELECT q.key, q.clause, q.obligation, q.text, q.status, q.ord FROM requirement q WHERE q.version_id = (SELECT id FROM v)),
               cl AS (SELECT c.requirement_key, c.level, r.text AS claimed
                        FROM conformance_claim c JOIN requirement r ON r.version_id = c.version_id AND r.key = c.requirement_key
                       WHERE c.product_id = $1 AND c.standard_id = $2)
          SELECT coalesce(req.key, cl.requirement_key) AS key, req.clause, req.obligation, req.text, req.status, cl.level, cl.claimed,
                 NOT EXISTS (SELECT 1 FROM edition e WHERE e.version_id = (SELECT id FROM v)) AS draft
            FROM req FULL JOIN cl ON cl.requirement_key = req.key
           ORDER BY req.ord NULLS LAST, cl.requirement_key`,
    params: (v) => [v.p, v.s],
    answer: (rows) => {
      let total = 0;
      const gaps: Row[] = [];
      const staleClaims: Row[] = [];
      for (const r of rows) {
        const stale = r.claimed !== null && r.text !== r.claimed;
        if (stale) staleClaims.push({ requirementKey: r.key, level: r.level });
        if (r.obligation !== 'SHALL') continue;
        total++;
        const met = r.level !== null && !stale && (r.level === 'CONFORMANT' || (r.level === 'NOT_APPLICABLE' && r.status === 'C'));
        if (!met) gaps.push({ key: r.key, clause: r.clause, obligation: r.obligation, text: r.text });
      }
      // The service lists stale claims by requirement key, the provisions in document order.
      staleClaims.sort((a, b) => (a.requirementKey < b.requirementKey ? -1 : a.requirementKey > b.requirementKey ? 1 : 0));
      const mandatoryMet = total - gaps.length;
      return {
        conformanceReport: {
          conformant: gaps.length === 0, coverage: total ? mandatoryMet / total : 1, mandatoryTotal: total, mandatoryMet,
          draft: rows[0]?.draft ?? true, gaps, staleClaims,
        },
      };
    },
  },
};

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * FRAMEWORK=apollo-express: the same four answers through the framework the
 * service is built on (Express 5, Apollo Server 5 by its Express integration,
 * graphql-js), with no application code: no Nest, no authentication, no
 * logging, no limits. Each root field runs the reference's one statement and
 * hands back its answer, which the default resolvers walk; every leaf is a
 * pass-through scalar, so the answer is the reference's byte for byte. What a
 * request costs at the least on this stack: the floor under the service.
 */
const FLOOR_SCHEMA = `
  scalar Raw
  type Query {
    standards(first: Int): StandardConnection
    commentRound(id: ID!): Round
    ballot(id: ID!): Ballot
    conformanceReport(productId: ID!, standardId: ID!): Report
  }
  type StandardConnection { edges: [StandardEdge!]! }
  type StandardEdge { node: Standard! }
  type Standard { designation: Raw title: Raw status: Raw currentVersion: Version }
  type Version { number: Raw label: Raw }
  type Round { title: Raw status: Raw comments(first: Int): CommentConnection }
  type CommentConnection { edges: [CommentEdge!]! }
  type CommentEdge { node: Comment! }
  type Comment { id: Raw number: Raw clause: Raw lineFrom: Raw type: Raw body: Raw nation: Nation author: Person }
  type Nation { code: Raw name: Raw }
  type Person { displayName: Raw }
  type Ballot { status: Raw threshold: Raw outcome: Raw closesAt: Raw tally: Tally responses: [Response!] }
  type Tally { eligible: Raw responded: Raw ratifying: Raw notRatifying: Raw notParticipating: Raw withReservations: Raw thresholdMet: Raw pending: [Nation!] }
  type Response { response: Raw revision: Raw castAt: Raw nation: Nation castBy: Person }
  type Report { conformant: Raw coverage: Raw mandatoryTotal: Raw mandatoryMet: Raw draft: Raw gaps: [Gap!] staleClaims: [Stale!] }
  type Gap { key: Raw clause: Raw obligation: Raw text: Raw }
  type Stale { requirementKey: Raw level: Raw }`;

async function floorServer(): Promise<Server> {
  const { ApolloServer } = await import('@apollo/server');
  const { ApolloServerPluginCacheControlDisabled } = await import('@apollo/server/plugin/disabled');
  const { expressMiddleware } = await import('@as-integrations/express5');
  const { GraphQLScalarType } = await import('graphql');
  const express = (await import('express')).default;
  const root = (path: string, vars: (args: Vars) => Vars, field: string) => async (_: unknown, args: Vars) => {
    const q = queries[path];
    const { rows } = await pool.query(q.sql, q.params(vars(args)));
    return (q.answer(rows) as Record<string, unknown>)[field];
  };
  const apollo = new ApolloServer({
    typeDefs: FLOOR_SCHEMA,
    resolvers: {
      Raw: new GraphQLScalarType({ name: 'Raw', serialize: (v) => v }),
      Query: {
        standards: root('/standards', () => ({}), 'standards'),
        commentRound: root('/round', (a) => ({ r: a.id }), 'commentRound'),
        ballot: root('/ballot', (a) => ({ b: a.id }), 'ballot'),
        conformanceReport: root('/report', (a) => ({ p: a.productId, s: a.standardId }), 'conformanceReport'),
      },
    },
    // As the service: no cache hints, so no cache-control plugin wrapping every field.
    plugins: [ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  return createServer(app);
}

function bareServer(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const query = queries[req.url ?? ''];
      if (!query) return reply(res, 404, '{}');
      let vars: Vars;
      try {
        vars = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      } catch {
        return reply(res, 400, '{}');
      }
      pool.query(query.sql, query.params(vars)).then(
        ({ rows }) => reply(res, 200, JSON.stringify({ data: query.answer(rows) })),
        (err: Error) => reply(res, 500, JSON.stringify({ error: err.message })),
      );
    });
  });
}

void (async () => {
  const server = process.env.FRAMEWORK === 'apollo-express' ? await floorServer() : bareServer();
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
  });
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
})();
