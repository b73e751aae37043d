import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { buildSchema, type GraphQLSchema } from 'graphql';
import 'graphiql/style.css';

/**
 * The API explorer at /graphiql (served by src/explorer). It is a separate
 * entry of the web build so nothing comes from a CDN, and it takes the schema
 * from GET /graphql/schema.graphql, so introspection can stay off in
 * production. It uses the signed-in person's session: the httpOnly refresh
 * cookie buys an access token, held in memory only, as the app does.
 */
interface Session {
  accessToken: string;
  expiresAt: string;
}

let session: Session | null = null;

async function post(body: unknown, token: string | null): Promise<Response> {
  return fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** The current access token, renewed from the refresh cookie a minute before it expires; null when signed out. */
async function token(): Promise<string | null> {
  if (session && new Date(session.expiresAt).getTime() - Date.now() > 60_000) return session.accessToken;
  const r = await post({ query: 'mutation ExplorerSession { refreshSession { accessToken expiresAt } }' }, null);
  const json = (await r.json()) as { data?: { refreshSession?: Session | null } };
  session = json.data?.refreshSession ?? null;
  return session?.accessToken ?? null;
}

async function fetcher(params: unknown) {
  const r = await post(params, await token());
  return r.json();
}

async function loadSchema(): Promise<GraphQLSchema | string> {
  const bearer = await token();
  const r = await fetch('/graphql/schema.graphql', { headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, credentials: 'same-origin' });
  if (!r.ok) return r.status === 401 ? 'Sign in to the workbench (/app) to use the API explorer.' : `The schema could not be loaded (HTTP ${r.status}).`;
  return buildSchema(await r.text());
}

const root = createRoot(document.getElementById('explorer')!);
const params = new URLSearchParams(location.search);

void loadSchema().then((schema) => {
  if (typeof schema === 'string') {
    root.render(<p role="alert" style={{ padding: '2rem', fontFamily: 'system-ui' }}>{schema} <a href="/app">Open the workbench</a></p>);
    return;
  }
  root.render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        schema={schema}
        defaultQuery={'# Write a query, or open an example from the README.\n{ me { id displayName roles } }\n'}
        query={params.get('query') ?? undefined}
        variables={params.get('variables') ?? undefined}
      />
    </StrictMode>,
  );
});
