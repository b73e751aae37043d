import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import type { NotificationChannel, NotificationKind } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { useFollowing, type Followable } from '../../ui/Follow';
import { Page } from '../../ui/Page';
import { MISSION_AREAS } from '../need/labels';

const Preferences = graphql(`
  query NotificationPreferences { notificationPreferences { kind channel isDefault } }
`);
const Update = graphql(`
  mutation UpdateNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {
    updateNotificationPreferences(preferences: $preferences) { kind channel isDefault }
  }
`);

const StandardName = graphql(`query FollowedStandard($id: ID!) { standard(id: $id) { id designation title } }`);
const NeedName = graphql(`query FollowedNeed($id: ID!) { interoperabilityNeed(id: $id) { id reference title } }`);

/** A followed standard or need, by its name, with a link to its page and an Unfollow button. */
function Followed({ topic, onUnfollow, busy }: { topic: Followable; onUnfollow: () => void; busy: boolean }) {
  const t = useT();
  const standard = 'standardId' in topic;
  const [s] = useQuery({ query: StandardName, variables: { id: standard ? topic.standardId : '' }, pause: !standard });
  const [n] = useQuery({ query: NeedName, variables: { id: standard ? '' : topic.needId }, pause: standard });
  const st = s.data?.standard;
  const need = n.data?.interoperabilityNeed;
  const name = st ? `${st.designation} · ${st.title}` : need ? `${need.reference} · ${need.title}` : '…';
  const to = standard ? `/standards/${topic.standardId}` : `/needs/${topic.needId}`;
  return (
    <li>
      <Link to={to}>{name}</Link>{' '}
      <button type="button" className="link" onClick={onUnfollow} disabled={busy} aria-label={t('preferences.unfollow', { name })}>{t('preferences.unfollowButton')}</button>
    </li>
  );
}

/** The mission areas the person follows, a checkbox each, and the standards and needs they follow, each with Unfollow. */
function Following() {
  const t = useT();
  const { subscriptions, follows, toggle, busy, error } = useFollowing();
  const topics = subscriptions.flatMap((s): Followable[] => (s.standardId ? [{ standardId: s.standardId }] : s.needId ? [{ needId: s.needId }] : []));
  return (
    <>
      <ErrorBanner error={error} />
      <fieldset className="need-choice">
        <legend>{t('preferences.missionAreas')}</legend>
        <p className="hint">{t('preferences.missionAreasHint')}</p>
        {MISSION_AREAS.map((a) => (
          <label className="checkbox" key={a}>
            <input type="checkbox" checked={follows({ missionArea: a })} disabled={busy} onChange={() => void toggle({ missionArea: a })} />
            {t(`mission.${a}`)}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby="following-heading">
        <h2 id="following-heading">{t('preferences.following')}</h2>
        {topics.length ? (
          <ul className="plain following">
            {topics.map((topic) => <Followed key={'standardId' in topic ? topic.standardId : topic.needId} topic={topic} busy={busy} onUnfollow={() => void toggle(topic)} />)}
          </ul>
        ) : <p className="muted">{t('preferences.followingNone')}</p>}
      </section>
    </>
  );
}

const CHANNELS: NotificationChannel[] = ['IN_APP', 'EMAIL', 'DIGEST', 'OFF'];

/** One row per kind of event, a radio group per row: in the app, by e-mail, in the weekly digest, or not at all. */
export default function NotificationPreferences() {
  const t = useT();
  const [result] = useQuery({ query: Preferences, requestPolicy: 'cache-and-network' });
  const [saving, save] = useMutation(Update);
  const [chosen, setChosen] = useState<Partial<Record<NotificationKind, NotificationChannel>>>({});
  const [saved, setSaved] = useState(false);
  const prefs = result.data?.notificationPreferences ?? [];
  useEffect(() => {
    setChosen(Object.fromEntries(prefs.map((p) => [p.kind, p.channel])));
  }, [result.data]);
  const changed = prefs.filter((p) => chosen[p.kind] && chosen[p.kind] !== p.channel);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!changed.length) return;
    const r = await save({ preferences: changed.map((p) => ({ kind: p.kind, channel: chosen[p.kind]! })) });
    setSaved(!r.error);
  };

  return (
    <Page title={t('preferences.title')} actions={<Link className="button" to="/notifications"><T id="notifications.title" /></Link>}>
      <p>{t('preferences.intro')}</p>
      <ErrorBanner error={result.error ?? saving.error} />
      <form onSubmit={submit}>
        <div className="table-scroll">
          <table className="data preferences">
            <caption className="sr-only">{t('preferences.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preferences.event')}</th>
                {CHANNELS.map((c) => <th scope="col" key={c}>{t(`channel.${c}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {prefs.map((p) => (
                <tr key={p.kind}>
                  <th scope="row" id={`kind-${p.kind}`}>{t(`notificationKind.${p.kind}`)}</th>
                  {CHANNELS.map((c) => (
                    <td key={c}>
                      <input
                        type="radio"
                        name={p.kind}
                        value={c}
                        checked={chosen[p.kind] === c}
                        aria-label={`${t(`notificationKind.${p.kind}`)}: ${t(`channel.${c}`)}`}
                        onChange={() => { setChosen({ ...chosen, [p.kind]: c }); setSaved(false); }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={!changed.length || saving.fetching}>{t('preferences.save')}</button>
          {saved && <span role="status">{t('preferences.saved')}</span>}
        </div>
      </form>
      <Following />
    </Page>
  );
}
