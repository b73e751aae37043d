import './amend.css';
import { diffWords } from 'diff';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { MissionArea, NeedField, NeedPriority } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner, errorCode } from '../../ui/ErrorBanner';
import { Select, TextArea, TextField } from '../../ui/Field';
import { When } from '../../ui/time';
import { MISSION_AREAS, PRIORITIES } from './labels';

/** The need's text and revisions: one query, shared (same document and variables) by the Amend button and the history. */
const NeedRevisions = graphql(`
  query NeedRevisions($id: ID!) {
    interoperabilityNeed(id: $id) {
      id reference title statement missionArea priority status revision
      raisedBy { id }
      raisingNation { code }
      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }
    }
  }
`);

const Amend = graphql(`
  mutation AmendNeed($input: AmendNeedInput!) {
    amendNeed(input: $input) {
      id title statement missionArea priority revision updatedAt
      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }
    }
  }
`);

/**
 * "Amend" for those the rule lets amend (the server checks again): while
 * RAISED the person who raised it, a delegate of its nation or the
 * secretariat; once ACCEPTED the secretariat, with a reason.
 */
export function AmendNeed({ id, onReload }: { id: string; /** Reloads the rest of the screen, which a CONFLICT left stale. */ onReload(): void }) {
  const t = useT();
  const auth = useAuth();
  const [result, reload] = useQuery({ query: NeedRevisions, variables: { id } });
  const [amended, doAmend] = useMutation(Amend);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ title: '', statement: '', missionArea: 'PNT' as MissionArea, priority: 'LOW' as NeedPriority, reason: '' });
  const [seen, setSeen] = useState(0);
  const need = result.data?.interoperabilityNeed;
  if (!need || !auth.me) return null;
  const accepted = need.status === 'ACCEPTED';
  const allowed = auth.hasRole('SECRETARIAT') || (need.status === 'RAISED' && (
    (need.raisedBy?.id === auth.me.id && auth.hasRole('EXPERT', 'DELEGATE')) || (auth.hasRole('DELEGATE') && !!need.raisingNation && auth.me.nation?.code === need.raisingNation.code)
  ));
  if (!allowed || (need.status !== 'RAISED' && need.status !== 'ACCEPTED')) return null;

  function start() {
    setForm({ title: need!.title, statement: need!.statement, missionArea: need!.missionArea, priority: need!.priority, reason: '' });
    setSeen(need!.revision);
    setOpen(true);
  }

  const changed = {
    title: form.title.trim() !== need.title ? form.title.trim() : undefined,
    statement: form.statement.trim() !== need.statement ? form.statement.trim() : undefined,
    missionArea: form.missionArea !== need.missionArea ? form.missionArea : undefined,
    priority: form.priority !== need.priority ? form.priority : undefined,
  };
  const nothing = Object.values(changed).every((v) => v === undefined);
  const conflict = errorCode(amended.error) === 'CONFLICT';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await doAmend({ input: { needId: id, expectedRevision: seen, ...changed, reason: form.reason.trim() || undefined } });
    if (r.data) setOpen(false);
  }

  return (
    <>
      <button type="button" onClick={start}>{t('needAmend.action')}</button>
      <Dialog open={open} onOpenChange={setOpen} title={t('needAmend.title', { reference: need.reference })} description={accepted ? t('needAmend.acceptedHint') : t('needAmend.raisedHint')}>
        <form onSubmit={submit} className="need-amend">
          <TextField label={t('need.titleField')} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required maxLength={300} />
          <TextArea label={t('need.statement')} value={form.statement} onChange={(e) => setForm({ ...form, statement: e.target.value })} required rows={6} maxLength={10000} />
          <div className="inline-fields">
            <Select label={t('need.missionArea')} value={form.missionArea} onChange={(e) => setForm({ ...form, missionArea: e.target.value as MissionArea })}>
              {MISSION_AREAS.map((a) => <option key={a} value={a}>{t(`mission.${a}`)}</option>)}
            </Select>
            <Select label={t('need.priority')} value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value as NeedPriority })}>
              {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
            </Select>
          </div>
          {accepted && (
            <TextArea label={t('needAmend.reason')} hint={t('needAmend.reasonHint')} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} required rows={3} maxLength={2000} />
          )}
          {conflict ? (
            <div role="alert" className="error-banner">
              <p>{t('needAmend.conflict', { reference: need.reference })}</p>
              <button type="button" onClick={() => { reload({ requestPolicy: 'network-only' }); onReload(); setOpen(false); }}>{t('needAmend.reload')}</button>
            </div>
          ) : <ErrorBanner error={amended.error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={nothing || (accepted && !form.reason.trim()) || !form.title.trim() || !form.statement.trim() || amended.fetching}>{t('needAmend.submit')}</button>
            <button type="button" onClick={() => setOpen(false)}><T id="action.cancel" /></button>
            {nothing && <span className="hint">{t('needAmend.nothing')}</span>}
          </div>
        </form>
      </Dialog>
    </>
  );
}

/** The word diff of a title or statement: removed words struck, added ones underlined. */
function WordDiff({ before, after }: { before: string; after: string }) {
  return (
    <span className="need-diff">
      {diffWords(before, after).map((part, i) => (part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>))}
    </span>
  );
}

/** Every amendment of the need, oldest first: who, when, why, and what changed. */
export function NeedRevisionHistory({ id }: { id: string }) {
  const t = useT();
  const [result] = useQuery({ query: NeedRevisions, variables: { id } });
  const revisions = result.data?.interoperabilityNeed?.revisions ?? [];
  const value = (field: NeedField, v: string) => (field === 'MISSION_AREA' ? t(`mission.${v as MissionArea}`) : field === 'PRIORITY' ? t(`priority.${v as NeedPriority}`) : v);
  return (
    <section aria-labelledby="need-revisions" className="need-revisions">
      <h2 id="need-revisions">{t('needAmend.history', { n: revisions.length })}</h2>
      {revisions.length === 0 ? <p className="hint">{t('needAmend.never')}</p> : (
        <ol>
          {revisions.map((r) => (
            <li key={r.number}>
              <p className="need-revision-head">
                <strong>{t('needAmend.revision', { number: r.number })}</strong> · <When at={r.amendedAt} />
                {r.amendedBy && <> · {r.amendedBy.displayName}{r.amendedBy.nation ? ` (${r.amendedBy.nation.code})` : ''}</>}
              </p>
              {r.reason && <p className="need-revision-reason">{t('needAmend.because', { reason: r.reason })}</p>}
              <dl>
                {r.changes.map((c) => (
                  <div key={c.field}>
                    <dt>{t(`needField.${c.field}`)}</dt>
                    <dd>
                      {c.field === 'TITLE' || c.field === 'STATEMENT'
                        ? <WordDiff before={c.before} after={c.after} />
                        : <><del>{value(c.field, c.before)}</del> → <ins>{value(c.field, c.after)}</ins></>}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
