import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useT } from '../../i18n';

const Following = graphql(`
  query MySubscriptions { mySubscriptions { id standardId } }
`);
const Subscribe = graphql(`
  mutation FollowStandard($standardId: ID!) { subscribe(input: { standardId: $standardId }) { subscription { id standardId } } }
`);
const Unsubscribe = graphql(`
  mutation UnfollowStandard($standardId: ID!) { unsubscribe(input: { standardId: $standardId }) }
`);

/** Follow (subscribe) or stop following a standard: its events then reach the reader's notifications. */
export function Follow({ standardId }: { standardId: string }) {
  const t = useT();
  const [result, refetch] = useQuery({ query: Following, requestPolicy: 'cache-and-network' });
  const [following, follow] = useMutation(Subscribe);
  const [leaving, leave] = useMutation(Unsubscribe);
  const follows = result.data?.mySubscriptions.some((s) => s.standardId === standardId) ?? false;
  const busy = following.fetching || leaving.fetching || !result.data;
  const toggle = async () => {
    await (follows ? leave({ standardId }) : follow({ standardId }));
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <button type="button" aria-pressed={follows} disabled={busy} onClick={() => void toggle()} title={t('follow.hint')}>
      {follows ? t('follow.stop') : t('follow.start')}
    </button>
  );
}
