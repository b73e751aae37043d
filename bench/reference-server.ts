import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The reference of the API-under-load case (bench/load.bench.ts): a bare
 * Node HTTP server that answers POST / with the same rows the service's
 * `standards(first:20)` query returns to the SECRETARIAT, read with one SQL
 * statement through pg, in the same JSON shape. No framework, no
 * authentication, no GraphQL: what the request costs at the least.
 * Started as its own process: DATABASE_URL, PORT, POOL_SIZE.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

const SQL = `
  SELECT s.designation, s.title, s.status, v.number, v.label
    FROM standard s
    LEFT JOIN LATERAL (SELECT number, label FROM standard_version WHERE standard_id = s.id ORDER BY number DESC LIMIT 1) v ON true
   WHERE s.visibility = ANY($1)
   ORDER BY s.designation, s.id
   LIMIT 20`;
const VISIBLE = ['NATIONS', 'INDUSTRY', 'PUBLIC'];

interface Row { designation: string; title: string; status: string; number: number | null; label: string | null }

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    pool.query<Row>(SQL, [VISIBLE]).then(
      ({ rows }) => {
        const edges = rows.map((r) => ({
          node: { designation: r.designation, title: r.title, status: r.status, currentVersion: r.number === null ? null : { number: r.number, label: r.label } },
        }));
        const body = JSON.stringify({ data: { standards: { edges } } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (err: Error) => {
        res.writeHead(500);
        res.end(err.message);
      },
    );
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
