import { cacheExchange, createClient, fetchExchange, subscriptionExchange, type AnyVariables, type Client, type TypedDocumentNode } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { currentToken } from './auth';

const httpUrl = '/graphql';
const wsUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

function headers(): Record<string, string> {
  const token = currentToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** One client per session: signing in or out starts with an empty cache and a new socket. */
export function makeClient(): Client {
  const ws = createWsClient({
    url: wsUrl(),
    lazy: true,
    connectionParams: () => headers(),
    retryAttempts: 5,
  });
  return createClient({
    url: httpUrl,
    // POST with a JSON body always: the service's CSRF protection refuses simple GETs.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: headers(), credentials: 'same-origin' }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}

/** A one-off request outside React (sign-in, session restore). */
export async function rawRequest<R, V extends AnyVariables>(doc: TypedDocumentNode<R, V>, variables: V) {
  return makeOneOff().query(doc, variables, { requestPolicy: 'network-only' }).toPromise();
}

export async function rawMutation<R, V extends AnyVariables>(doc: TypedDocumentNode<R, V>, variables: V) {
  return makeOneOff().mutation(doc, variables).toPromise();
}

function makeOneOff(): Client {
  return createClient({ url: httpUrl, preferGetMethod: false, fetchOptions: () => ({ headers: headers(), credentials: 'same-origin' }), exchanges: [fetchExchange] });
}
