import { useMemo, useState } from 'react';
import { Tabs } from 'radix-ui';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { Visibility } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { clauseAnchor, renderWithLines } from '../../text/render';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { SubmitRow, TextArea, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { StatusBadge, VisibilitySelect } from '../../ui/status';
import { Deadline, When } from '../../ui/time';
import { Toc } from '../../ui/Toc';
import { Editors } from './Editors';
import { Follow } from '../../ui/Follow';
import { RatificationNow } from './ratification';

export const StandardPage = graphql(`
  query StandardPage($id: ID!) {
    standard(id: $id) {
      id designation title scope status visibility overlapJustification createdAt updatedAt
      editors { id displayName nation { code } }
      versions { id number label summary createdAt stage author { displayName } }
      relations { id kind note external { id designation title body url } }
      commentRounds { id title status closesAt version { number } }
      currentEdition { label url }
      stage cancelledAt cancellationReason supersededAt supersessionReason supersededBy { id designation }
      ratifiedEdition: currentEdition {
        label versionNumber correctionReason
        currentRatification { nation { code name } response implementationDate reservations { clause text } }
        ratificationChanges { id changedAt kind response implementationDate nation { code name } withdrawnReservation { clause text } }
      }
    }
  }
`);

export const VersionText = graphql(`
  query VersionText($id: ID!) {
    standardVersion(id: $id) {
      id number text
      clauses { number title level line }
      requirements { key obligation clause line text change }
    }
  }
`);

const UpdateStandard = graphql(`
  mutation UpdateStandard($input: UpdateStandardInput!) {
    updateStandard(input: $input) { id title scope visibility updatedAt }
  }
`);

export default function Standard() {
  const t = useT();
  const auth = useAuth();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [result, refetch] = useQuery({ query: StandardPage, variables: { id }, requestPolicy: 'cache-and-network' });
  const standard = result.data?.standard;
  const versions = standard?.versions ?? [];
  const wanted = Number(params.get('v')) || versions.at(-1)?.number;
  const version = versions.find((v) => v.number === wanted);
  const [text] = useQuery({ query: VersionText, variables: { id: version?.id ?? '' }, pause: !version });
  const body = text.data?.standardVersion;
  const html = useMemo(() => (body ? renderWithLines(body.text) : ''), [body]);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('text');

  if (result.error) return <ErrorBanner error={result.error} />;
  if (!standard) return result.fetching ? <p className="loading">{t('app.loading')}</p> : <p>{t('app.notFound')}</p>;

  const isEditor = standard.editors.some((e) => e.id === auth.me?.id) || auth.hasRole('SECRETARIAT');
  const canWrite = isEditor && standard.status === 'DRAFTING';
  const previous = version && versions.find((v) => v.number === version.number - 1);

  return (
    <Page
      title={`${standard.designation} — ${standard.title}`}
      wide
      actions={
        <>
          <Follow topic={{ standardId: standard.id }} />
          {canWrite && (
            <Link className="button primary" to={`/standards/${standard.id}/edit`}>
              <T id="standard.edit" />
            </Link>
          )}
          {versions.length > 1 && (
            <Link className="button" to={`/standards/${standard.id}/redline?from=${previous?.id ?? versions[0].id}&to=${version?.id ?? versions.at(-1)!.id}`}>
              <T id="standard.compare" />
            </Link>
          )}
          {auth.hasRole('SECRETARIAT') && (
            <Link className="button" to={`/standards/${standard.id}/manage`}>
              <T id="manage.link" />
            </Link>
          )}
        </>
      }
    >
      <div className="split">
        <aside aria-label={t('standard.contents')}>
          {body && <Toc clauses={body.clauses} />}
        </aside>
        <div>
          <dl className="meta">
            <dt><T id="standard.status" /></dt>
            <dd><StatusBadge status={standard.status} /></dd>
            <dt><T id="standard.stage" /></dt>
            <dd>{t(`stage.${standard.stage}`)}</dd>
            <dt><T id="standard.visibility" /></dt>
            <dd>{t(`visibility.${standard.visibility}`)}</dd>
            <dt><T id="standard.scope" /></dt>
            <dd>{standard.scope}</dd>
            <dt><T id="standard.editors" /></dt>
            <dd>
              <Editors
                standardId={standard.id}
                editors={standard.editors}
                manage={auth.hasRole('SECRETARIAT')}
                onChanged={() => refetch({ requestPolicy: 'network-only' })}
              />
            </dd>
            <dt><T id="standard.updated" /></dt>
            <dd><When at={standard.updatedAt} /></dd>
            {standard.currentEdition && (
              <>
                <dt><T id="standard.inForce" /></dt>
                <dd><a href={standard.currentEdition.url}>{standard.currentEdition.label}</a></dd>
              </>
            )}
          </dl>
          {isEditor && ['PROPOSED', 'DRAFTING'].includes(standard.status) && (
            <button type="button" onClick={() => setEditing(true)}>
              <T id="standard.editDetails" />
            </button>
          )}
          {standard.cancelledAt && (
            <div className="notice" role="note">
              {t('standard.cancelledNotice', { reason: standard.cancellationReason ?? '' })} <When at={standard.cancelledAt} dateOnly />
            </div>
          )}
          {standard.supersededAt && (
            <div className="notice" role="note">
              {t('standard.supersededNotice', { by: standard.supersededBy?.designation ?? '—', reason: standard.supersessionReason ?? '' })} <When at={standard.supersededAt} dateOnly />
            </div>
          )}
          {standard.overlapJustification && (
            <div className="notice">
              <strong><T id="standard.justification" /></strong> {standard.overlapJustification}
            </div>
          )}

          <Tabs.Root value={tab} onValueChange={setTab}>
            <Tabs.List className="tabs-list" aria-label={t('standard.sections')}>
              <Tabs.Trigger value="text">{t('standard.textOf', { n: version?.number ?? 0 })}</Tabs.Trigger>
              <Tabs.Trigger value="provisions">{t('standard.provisions', { n: body?.requirements.length ?? 0 })}</Tabs.Trigger>
              <Tabs.Trigger value="versions">{t('standard.versions')} ({versions.length})</Tabs.Trigger>
              <Tabs.Trigger value="relations">{t('standard.relations')} ({standard.relations.length})</Tabs.Trigger>
              <Tabs.Trigger value="rounds">{t('standard.rounds')} ({standard.commentRounds.length})</Tabs.Trigger>
              {standard.ratifiedEdition && <Tabs.Trigger value="ratification">{t('standard.ratification')}</Tabs.Trigger>}
            </Tabs.List>
            <Tabs.Content value="text">
          {version && (
            <section aria-labelledby="text-heading">
              <h2 id="text-heading" className="sr-only">{t('standard.textOf', { n: version.number })}</h2>
              {html ? <article className="doc numbered" dangerouslySetInnerHTML={{ __html: html }} /> : <p className="loading">{t('app.loading')}</p>}
            </section>
          )}

            </Tabs.Content>
            <Tabs.Content value="provisions">
          {body && (
            <DataTable
              caption={t('standard.provisions', { n: body.requirements.length })}
              rows={body.requirements}
              rowKey={(r) => r.key}
              empty={t('standard.noProvisions')}
              columns={[
                { header: t('provision.key'), cell: (r) => <code>{r.key}</code> },
                { header: t('provision.kind'), cell: (r) => t(`obligation.${r.obligation}`) },
                { header: t('provision.clause'), cell: (r) => <a href={`#${clauseAnchor(r.clause)}`}>{r.clause}</a> },
                { header: t('provision.line'), cell: (r) => r.line, className: 'num' },
                { header: t('provision.text'), cell: (r) => r.text },
                { header: t('provision.change'), cell: (r) => t(`change.${r.change}`) },
              ]}
            />
          )}

            </Tabs.Content>
            <Tabs.Content value="versions">
          <DataTable
            caption={t('standard.versions')}
            rows={[...versions].reverse()}
            rowKey={(v) => v.id}
            empty={t('standard.noVersions')}
            columns={[
              { header: '#', cell: (v) => (v.number === version?.number ? <strong aria-current="true">{v.number}</strong> : <Link to={`?v=${v.number}`}>{v.number}</Link>), className: 'num' },
              { header: t('version.stage'), cell: (v) => t(`versionStage.${v.stage}`) },
              { header: t('version.label'), cell: (v) => v.label ?? '' },
              { header: t('version.summary'), cell: (v) => v.summary ?? '' },
              { header: t('version.author'), cell: (v) => v.author.displayName },
              { header: t('version.created'), cell: (v) => <When at={v.createdAt} /> },
            ]}
          />

            </Tabs.Content>
            <Tabs.Content value="relations">
          <DataTable
            caption={t('standard.relations')}
            rows={standard.relations}
            rowKey={(r) => r.id}
            empty={t('standard.noRelations')}
            columns={[
              { header: t('relation.kind'), cell: (r) => t(`relation.${r.kind}`) },
              { header: t('relation.standard'), cell: (r) => (r.external.url ? <a href={r.external.url}>{r.external.designation}</a> : r.external.designation) },
              { header: t('standard.titleField'), cell: (r) => r.external.title },
              { header: t('relation.note'), cell: (r) => r.note ?? '' },
            ]}
          />
            </Tabs.Content>
            <Tabs.Content value="rounds">
          {(
            <DataTable
              caption={t('standard.rounds')}
              rows={standard.commentRounds}
              rowKey={(r) => r.id}
              empty={t('standard.noRounds')}
              columns={[
                { header: t('round.title'), cell: (r) => <Link to={`/rounds/${r.id}`}>{r.title}</Link> },
                { header: t('standard.version'), cell: (r) => r.version.number, className: 'num' },
                { header: t('round.status'), cell: (r) => t(`roundStatusLabel.${r.status}`) },
                { header: t('round.closes'), cell: (r) => <Deadline at={r.closesAt} /> },
              ]}
            />
          )}

            </Tabs.Content>
            {standard.ratifiedEdition && (
              <Tabs.Content value="ratification">
                <RatificationNow edition={standard.ratifiedEdition} />
              </Tabs.Content>
            )}
          </Tabs.Root>
        </div>
      </div>
      <EditDetails open={editing} onOpenChange={setEditing} standard={standard} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
    </Page>
  );
}

function EditDetails({ open, onOpenChange, standard, onSaved }: { open: boolean; onOpenChange(o: boolean): void; standard: { id: string; title: string; scope: string; visibility: Visibility }; onSaved(): void }) {
  const t = useT();
  const [title, setTitle] = useState(standard.title);
  const [scope, setScope] = useState(standard.scope);
  const [visibility, setVisibility] = useState<Visibility>(standard.visibility);
  const [result, update] = useMutation(UpdateStandard);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('standard.editDetails')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await update({ input: { standardId: standard.id, title, scope, visibility } });
          if (r.data) {
            onSaved();
            onOpenChange(false);
          }
        }}
      >
        <ErrorBanner error={result.error} />
        <TextField label={t('standard.titleField')} value={title} onChange={(e) => setTitle(e.target.value)} required />
        <TextArea label={t('standard.scope')} value={scope} onChange={(e) => setScope(e.target.value)} required />
        <VisibilitySelect value={visibility} onChange={setVisibility} />
        <SubmitRow label={<T id="action.save" />} busy={result.fetching} />
      </form>
    </Dialog>
  );
}
