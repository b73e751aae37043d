import { useMutation, useQuery } from 'urql';
import { graphql } from '../graphql';
import type { MissionArea } from '../graphql/graphql';
import { useT } from '../i18n';

/** What the signed-in person follows: standards, needs and mission areas. */
export const MySubscriptions = graphql(`
  query MySubscriptions { mySubscriptions { id standardId needId missionArea } }
`);
const Subscribe = graphql(`
  mutation FollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {
    subscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea }) { subscription { id standardId needId missionArea } }
  }
`);
const Unsubscribe = graphql(`
  mutation UnfollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {
    unsubscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea })
  }
`);

/** A standard or a need, which has a page of its own with a Follow button. */
export type Followable = { standardId: string } | { needId: string };
/** One thing a person may follow: exactly one of a standard, a need or a mission area. */
export type Topic = Followable | { missionArea: MissionArea };

type Sub = { standardId: string | null; needId: string | null; missionArea: MissionArea | null };
const matches = (s: Sub, topic: Topic) =>
  ('standardId' in topic && s.standardId === topic.standardId) ||
  ('needId' in topic && s.needId === topic.needId) ||
  ('missionArea' in topic && s.missionArea === topic.missionArea);

/** The caller's subscriptions, whether one topic is among them, and a toggle that follows or stops following it. */
export function useFollowing() {
  const [result, refetch] = useQuery({ query: MySubscriptions, requestPolicy: 'cache-and-network' });
  const [following, follow] = useMutation(Subscribe);
  const [leaving, leave] = useMutation(Unsubscribe);
  const subscriptions = result.data?.mySubscriptions ?? [];
  const follows = (topic: Topic) => subscriptions.some((s) => matches(s, topic));
  const toggle = async (topic: Topic) => {
    await (follows(topic) ? leave(topic) : follow(topic));
    refetch({ requestPolicy: 'network-only' });
  };
  return {
    subscriptions,
    follows,
    toggle,
    busy: following.fetching || leaving.fetching || !result.data,
    error: result.error ?? following.error ?? leaving.error,
  };
}

/** Follow (subscribe) or stop following a standard or a need: its events then reach the reader's notifications. */
export function Follow({ topic }: { topic: Followable }) {
  const t = useT();
  const { follows, toggle, busy } = useFollowing();
  const on = follows(topic);
  const standard = 'standardId' in topic;
  return (
    <button type="button" aria-pressed={on} disabled={busy} onClick={() => void toggle(topic)} title={t(standard ? 'follow.hint' : 'follow.needHint')}>
      {on ? t(standard ? 'follow.stop' : 'follow.needStop') : t('follow.start')}
    </button>
  );
}
