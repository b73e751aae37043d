import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { MissionArea, NeedPriority, NeedVisibility } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, SubmitRow, TextArea, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { MISSION_AREAS, PRIORITIES } from '../need/labels';

const Nations = graphql(`query RaiseNeedNations { nations { code name } }`);
const Raise = graphql(`
  mutation RaiseNeed($input: RaiseNeedInput!) {
    raiseNeed(input: $input) { id reference }
  }
`);

/** Raise a need: an expert or delegate for their nation (which supports it at once), or the secretariat. */
export default function RaiseNeedScreen() {
  const t = useT();
  const auth = useAuth();
  const navigate = useNavigate();
  const [nations] = useQuery({ query: Nations });
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');
  const [missionArea, setMissionArea] = useState<MissionArea>('SPACE_DOMAIN_AWARENESS');
  const [priority, setPriority] = useState<NeedPriority>('MEDIUM');
  const [visibility, setVisibility] = useState<NeedVisibility>('NATIONS');
  const [sharing, setSharing] = useState<string[]>([]);
  const [result, raise] = useMutation(Raise);
  const mine = auth.me?.nation?.code;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await raise({ input: { title, statement, missionArea, priority, visibility, sharingNationCodes: sharing } });
    if (r.data) navigate(`/needs/${r.data.raiseNeed.id}`);
  }

  return (
    <Page title={t('raise.title')}>
      <form onSubmit={submit} className="form-narrow wide-form">
        <p className="muted">{mine ? t('raise.forNation', { nation: auth.me?.nation?.name ?? mine }) : t('raise.forSecretariat')}</p>
        <TextField label={t('need.titleField')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        <TextArea label={t('need.statement')} hint={t('raise.statementHint')} value={statement} onChange={(e) => setStatement(e.target.value)} required rows={6} maxLength={10000} />
        <Select label={t('need.missionArea')} value={missionArea} onChange={(e) => setMissionArea(e.target.value as MissionArea)}>
          {MISSION_AREAS.map((a) => <option key={a} value={a}>{t(`mission.${a}`)}</option>)}
        </Select>
        <Select label={t('need.priority')} value={priority} onChange={(e) => setPriority(e.target.value as NeedPriority)}>
          {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
        </Select>
        <Select label={t('standard.visibility')} hint={t('raise.visibilityHint')} value={visibility} onChange={(e) => setVisibility(e.target.value as NeedVisibility)}>
          {(['NATIONS', 'INDUSTRY', 'PUBLIC'] as const).map((v) => <option key={v} value={v}>{t(`needVisibility.${v}`)}</option>)}
        </Select>
        <Select
          label={t('need.sharing')}
          hint={t('raise.sharingHint')}
          multiple
          size={6}
          value={sharing}
          onChange={(e) => setSharing([...e.target.selectedOptions].map((o) => o.value))}
        >
          {(nations.data?.nations ?? []).filter((n) => n.code !== mine).map((n) => <option key={n.code} value={n.code}>{n.name}</option>)}
        </Select>
        <ErrorBanner error={result.error} />
        <SubmitRow label={<T id="raise.submit" />} busy={result.fetching} />
      </form>
    </Page>
  );
}
