import type { CombinedError } from 'urql';
import { T } from '../i18n';

/** The service's own message for each GraphQL error (they say what to fix), with its code. */
export function ErrorBanner({ error }: { error?: CombinedError | Error | null }) {
  if (!error) return null;
  const gql = 'graphQLErrors' in error ? error.graphQLErrors : [];
  return (
    <div role="alert" className="error-banner">
      {gql.length ? (
        <ul>
          {gql.map((e, i) => (
            <li key={i}>
              {e.message}
              {typeof e.extensions?.code === 'string' && <code className="error-code">{e.extensions.code}</code>}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <T id="error.network" />
        </p>
      )}
    </div>
  );
}

export const errorCode = (error?: CombinedError | null): string | undefined => {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
};
