import { useMemo, useState, type MouseEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { CommentType, RoundCommentsQuery } from '../../graphql/graphql';
import { useT } from '../../i18n';
import { parseDocument } from '../../../../src/standards/text/document';
import { renderWithLines } from '../../text/render';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TextArea, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePages } from '../../ui/Pager';
import { Deadline, When } from '../../ui/time';
import { namesStandard } from '../../ui/round';

const RoundPage = graphql(`
  query RoundPage($id: ID!) {
    commentRound(id: $id) {
      id title status opensAt closesAt
      standard { id designation title }
      version { id number text }
      submissions { nation { code } submittedAt commentCount }
    }
  }
`);

// Apart from the round, so that the service's query cost limit holds for long comment lists.
const RoundComments = graphql(`
  query RoundComments($id: ID!, $after: String, $filter: CommentFilter) {
    commentRound(id: $id) {
      id
      comments(first: 50, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id number clause lineFrom lineTo paragraph quote type body proposedChange status nation { code } author { id displayName } updatedAt } }
      }
    }
  }
`);

const AddComment = graphql(`
  mutation AddComment($input: AddCommentInput!) { addComment(input: $input) { id } }
`);
const UpdateComment = graphql(`
  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) { updateComment(id: $id, input: $input) { id } }
`);
const DeleteComment = graphql(`
  mutation DeleteComment($id: ID!) { deleteComment(id: $id) }
`);
const ImportComments = graphql(`
  mutation ImportComments($roundId: ID!, $csv: String!) { importComments(roundId: $roundId, csv: $csv) { imported errors } }
`);
const Submit = graphql(`
  mutation SubmitNationalComments($roundId: ID!) { submitNationalComments(roundId: $roundId) { commentCount submittedAt } }
`);
const CommentAdded = graphql(`
  subscription CommentAdded($roundId: ID!) { commentAdded(roundId: $roundId) { id nation { code } author { id displayName } } }
`);

type CommentRow = NonNullable<RoundCommentsQuery['commentRound']>['comments']['edges'][number]['node'];
const TYPES: { type: CommentType; code: 'ge' | 'te' | 'ed' }[] = [
  { type: 'GENERAL', code: 'ge' },
  { type: 'TECHNICAL', code: 'te' },
  { type: 'EDITORIAL', code: 'ed' },
];

interface Draft {
  clause: string;
  lineFrom: string;
  lineTo: string;
  paragraph: string;
  quote: string;
  type: CommentType;
  body: string;
  proposedChange: string;
}
const EMPTY: Draft = { clause: '', lineFrom: '', lineTo: '', paragraph: '', quote: '', type: 'TECHNICAL', body: '', proposedChange: '' };
const toInput = (d: Draft) => ({
  clause: d.clause.trim() || null,
  lineFrom: d.lineFrom ? Number(d.lineFrom) : null,
  lineTo: d.lineTo ? Number(d.lineTo) : null,
  paragraph: d.paragraph.trim() || null,
  quote: d.quote.trim() || null,
  type: d.type,
  body: d.body,
  proposedChange: d.proposedChange.trim() || null,
});

export default function Round() {
  const t = useT();
  const auth = useAuth();
  const { id = '' } = useParams();
  const [result, refetch] = useQuery({ query: RoundPage, variables: { id } });
  const pages = usePages();
  const nation = auth.me?.nation?.code;
  // A delegate reviews the nation's compiled comments apart from other nations' submitted ones.
  const [onlyOurs, setOnlyOurs] = useState(false);
  const filter = onlyOurs && nation ? { nationCode: nation } : null;
  const [list, refetchList] = useQuery({ query: RoundComments, variables: { id, after: pages.after, filter } });
  // The nation's count over every page, for the submission.
  const [ourList, refetchOurs] = useQuery({ query: RoundComments, variables: { id, after: null, filter: { nationCode: nation ?? '' } }, pause: !nation });
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchList({ requestPolicy: 'network-only' });
    if (nation) refetchOurs({ requestPolicy: 'network-only' });
  };
  const [live] = useSubscription({ query: CommentAdded, variables: { roundId: id } }, (_prev, event) => {
    reload();
    return event;
  });
  const round = result.data?.commentRound;
  const text = round?.version.text ?? '';
  const html = useMemo(() => renderWithLines(text), [text]);
  const clauses = useMemo(() => parseDocument(text).clauses, [text]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<CommentRow | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [added, add] = useMutation(AddComment);
  const [, remove] = useMutation(DeleteComment);
  const [submitted, submit] = useMutation(Submit);

  if (result.error || list.error) return <ErrorBanner error={result.error ?? list.error} />;
  if (!round) return <p className="loading">{t('app.loading')}</p>;

  const comments = list.data?.commentRound?.comments.edges.map((e) => e.node) ?? [];
  const ourDrafts = ourList.data?.commentRound?.comments.totalCount ?? 0;
  const ours = round.submissions.find((s) => s.nation.code === nation);
  const canWrite = round.status === 'OPEN' && !!nation && auth.hasRole('EXPERT', 'DELEGATE') && !ours;
  const clauseAt = (line: number) => clauses.filter((c) => c.line <= line).at(-1)?.number ?? '';
  // The service numbers a nation's comments (FR-001) when they are submitted; a draft is named by its first words.
  const nameOf = (c: CommentRow) => c.number ?? `“${c.body.length > 40 ? `${c.body.slice(0, 40)}…` : c.body}”`;

  /** A click on a block (or a selection inside it) of the review copy fills the form's location. */
  function pick(e: MouseEvent<HTMLElement>) {
    if (!canWrite) return;
    const block = (e.target as HTMLElement).closest<HTMLElement>('[data-line]');
    if (!block) return;
    const from = Number(block.dataset.line);
    const to = Number(block.dataset.lineEnd);
    const quote = window.getSelection()?.toString().trim() ?? '';
    setDraft((d) => ({ ...d, lineFrom: String(from), lineTo: to > from ? String(to) : '', clause: clauseAt(from), quote: quote || d.quote }));
    document.getElementById('comment-body')?.focus();
  }

  return (
    <Page title={namesStandard(round.title, round.standard.designation) ? round.title : `${round.title} — ${round.standard.designation}`} wide>
      <p>
        <Link to={`/standards/${round.standard.id}?v=${round.version.number}`}>{round.standard.designation} · {t('standard.textOf', { n: round.version.number })}</Link>{' '}
        · {t(`roundStatus.${round.status}`)} · <Deadline at={round.closesAt} />
      </p>
      <p className="muted" role="note">{t('round.whoSees')}</p>
      {live.data && live.data.commentAdded.author.id !== auth.me?.id && <p className="notice" role="status">{t('round.liveAdded', { nation: live.data.commentAdded.nation.code })}</p>}
      <div className="review-grid">
        <section aria-labelledby="copy-h">
          <h2 id="copy-h">{t('round.reviewCopy')}</h2>
          {canWrite && <p className="muted">{t('round.pickHint')}</p>}
          <article className="doc numbered review-copy" onMouseUp={pick} dangerouslySetInnerHTML={{ __html: html }} />
        </section>
        <section aria-labelledby="form-h">
          {canWrite ? (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await add({ input: { roundId: round.id, ...toInput(draft) } });
                if (r.data) {
                  setDraft(EMPTY);
                  reload();
                }
              }}
            >
              <h2 id="form-h">{t('round.newComment')}</h2>
              <ErrorBanner error={added.error} />
              <CommentFields draft={draft} onChange={setDraft} bodyId="comment-body" />
              <div className="actions">
                <button type="submit" className="primary" disabled={added.fetching}>{t('round.add')}</button>
              </div>
            </form>
          ) : (
            <>
              <h2 id="form-h">{ours ? t('round.submittedOn', { n: ours.commentCount }) : t('round.readOnly')}</h2>
              {ours && <p role="status" className="notice">{t('round.submittedAt')} <When at={ours.submittedAt} /></p>}
            </>
          )}
          {nation && auth.hasRole('EXPERT', 'DELEGATE') && round.status === 'OPEN' && !ours && <ImportCsv roundId={round.id} onDone={reload} />}
          {auth.hasRole('DELEGATE') && round.status === 'OPEN' && !ours && (
            <div className="notice">
              <p>{t('round.submitExplain', { n: ourDrafts, nation: nation ?? '' })}</p>
              <ErrorBanner error={submitted.error} />
              <button type="button" className="primary" disabled={ourDrafts === 0} onClick={() => setConfirm(true)}>
                {t('round.submit', { n: ourDrafts })}
              </button>
            </div>
          )}
        </section>
      </div>

      {nation && (
        <label className="check">
          <input type="checkbox" checked={onlyOurs} onChange={(e) => { setOnlyOurs(e.target.checked); pages.reset(); }} /> {t('round.onlyOurs', { nation })}
        </label>
      )}
      <div className="table-scroll">
        <table className="data comments">
          <caption>{t('round.comments', { n: list.data?.commentRound?.comments.totalCount ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('comment.id')}</th>
              <th scope="col">{t('comment.clause')}</th>
              <th scope="col">{t('comment.paragraph')}</th>
              <th scope="col">{t('comment.type')}</th>
              <th scope="col">{t('comment.body')}</th>
              <th scope="col">{t('comment.proposedChange')}</th>
              <th scope="col">{t('comment.status')}</th>
              <th scope="col"><span className="sr-only">{t('comment.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {comments.length === 0 && (
              <tr><td colSpan={8} className="empty">{t('round.noComments')}</td></tr>
            )}
            {comments.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.number ?? <span className="muted" title={t('comment.unnumbered')}>—</span>}</td>
                <td>{c.clause ?? '—'}{c.lineFrom ? <div className="muted">{c.lineTo && c.lineTo !== c.lineFrom ? t('comment.lines', { from: c.lineFrom, to: c.lineTo }) : t('comment.line', { n: c.lineFrom })}</div> : null}</td>
                <td>{c.paragraph ?? ''}</td>
                <td><abbr title={t(`commentTypeLabel.${c.type}`)}>{TYPES.find((x) => x.type === c.type)?.code}</abbr></td>
                <td className="comment-text">{c.quote && <blockquote>{c.quote}</blockquote>}{c.body}<div className="muted">{c.author.displayName} · <When at={c.updatedAt} /></div></td>
                <td className="comment-text">{c.proposedChange ?? ''}</td>
                <td>{t(`commentStatus.${c.status}`)}</td>
                <td>
                  {c.status === 'DRAFT' && c.author.id === auth.me?.id && canWrite && (
                    <span className="row-actions">
                      <button type="button" onClick={() => setEditing(c)} aria-label={t('comment.editOne', { id: nameOf(c) })}>{t('action.edit')}</button>
                      <button type="button" className="danger" onClick={async () => { await remove({ id: c.id }); reload(); }} aria-label={t('comment.deleteOne', { id: nameOf(c) })}>{t('action.delete')}</button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager pages={pages} pageInfo={list.data?.commentRound?.comments.pageInfo} />
      {editing && <EditComment comment={editing} onClose={() => { setEditing(null); reload(); }} />}
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('round.confirmTitle')}
        confirmLabel={t('round.submit', { n: ourDrafts })}
        busy={submitted.fetching}
        onConfirm={async () => {
          await submit({ roundId: round.id });
          setConfirm(false);
          reload();
        }}
      >
        <p>{t('round.confirmText', { n: ourDrafts, nation: nation ?? '' })}</p>
      </ConfirmDialog>
    </Page>
  );
}

/** The ISO columns of a comment; `bodyId` names the body field the review copy sends the focus to. */
function CommentFields({ draft, onChange, bodyId }: { draft: Draft; onChange(d: Draft): void; bodyId?: string }) {
  const t = useT();
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => onChange({ ...draft, [k]: e.target.value });
  return (
    <>
      <fieldset className="type-toggle">
        <legend>{t('comment.type')}</legend>
        {TYPES.map(({ type, code }) => (
          <label key={type}>
            <input type="radio" name="comment-type" checked={draft.type === type} onChange={() => onChange({ ...draft, type })} /> <strong>{code}</strong> {t(`commentType.${type}`)}
          </label>
        ))}
      </fieldset>
      <div className="inline-fields">
        <TextField label={t('comment.clause')} value={draft.clause} onChange={set('clause')} size={8} />
        <TextField label={t('comment.lineFrom')} inputMode="numeric" value={draft.lineFrom} onChange={set('lineFrom')} size={5} />
        <TextField label={t('comment.lineTo')} inputMode="numeric" value={draft.lineTo} onChange={set('lineTo')} size={5} />
        <TextField label={t('comment.paragraph')} value={draft.paragraph} onChange={set('paragraph')} size={10} />
      </div>
      <TextArea label={t('comment.quote')} value={draft.quote} onChange={set('quote')} rows={2} />
      <TextArea id={bodyId} label={t('comment.body')} value={draft.body} onChange={set('body')} rows={4} required />
      <TextArea label={t('comment.proposedChange')} value={draft.proposedChange} onChange={set('proposedChange')} rows={3} />
    </>
  );
}

function EditComment({ comment, onClose }: { comment: CommentRow; onClose(): void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({
    clause: comment.clause ?? '',
    lineFrom: comment.lineFrom ? String(comment.lineFrom) : '',
    lineTo: comment.lineTo ? String(comment.lineTo) : '',
    paragraph: comment.paragraph ?? '',
    quote: comment.quote ?? '',
    type: comment.type,
    body: comment.body,
    proposedChange: comment.proposedChange ?? '',
  });
  const [result, update] = useMutation(UpdateComment);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={t('comment.editTitle')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await update({ id: comment.id, input: toInput(draft) });
          if (r.data) onClose();
        }}
      >
        <ErrorBanner error={result.error} />
        <CommentFields draft={draft} onChange={setDraft} />
        <div className="actions">
          <button type="submit" className="primary" disabled={result.fetching}>{t('action.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function ImportCsv({ roundId, onDone }: { roundId: string; onDone(): void }) {
  const t = useT();
  const [csv, setCsv] = useState('');
  const [result, run] = useMutation(ImportComments);
  const outcome = result.data?.importComments;
  return (
    <details className="import">
      <summary>{t('import.title')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await run({ roundId, csv });
          if (r.data && !r.data.importComments.errors.length) onDone();
        }}
      >
        <label className="field">
          <span>{t('import.file')}</span>
          <input type="file" accept=".csv,text/csv" onChange={async (e) => setCsv((await e.target.files?.[0]?.text()) ?? '')} />
        </label>
        <TextArea label={t('import.paste')} value={csv} onChange={(e) => setCsv(e.target.value)} rows={4} className="mono" />
        <button type="submit" disabled={!csv || result.fetching}>{t('import.run')}</button>
        <ErrorBanner error={result.error} />
        {outcome && outcome.errors.length > 0 && (
          <div role="alert" className="error-banner">
            <p>{t('import.refused', { n: outcome.errors.length })}</p>
            <ul>{outcome.errors.map((e, i) => <li key={i}>{e}</li>)}</ul>
          </div>
        )}
        {outcome && outcome.errors.length === 0 && <p role="status" className="notice">{t('import.done', { n: outcome.imported })}</p>}
      </form>
    </details>
  );
}
