import '../../ui/roles.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { currentToken } from '../../app/auth';
import { graphql } from '../../graphql';
import { T, useT, type MessageId } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';

const AuditLog = graphql(`
  query AuditLog($actorId: ID, $action: String, $entityType: String, $since: DateTime, $until: DateTime, $after: String) {
    auditEvents(actorId: $actorId, action: $action, entityType: $entityType, since: $since, until: $until, first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at action entityType entityId detail actor { displayName } } }
    }
    users(first: 50) { edges { node { id displayName } } }
  }
`);

const ENTITY_TYPES = ['Standard', 'StandardVersion', 'CommentRound', 'Comment', 'Ballot', 'Edition', 'Product', 'ExternalStandard', 'User', 'Organization'];
const day = (d: string, end = false) => (d ? new Date(`${d}T00:00:00`).getTime() + (end ? 86_400_000 : 0) : null);

/** The audit log, filtered by actor, action, entity and time, and exported as CSV with the same filters. */
export default function AuditScreen() {
  const t = useT();
  const [actorId, setActorId] = useState('');
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const vars = {
    actorId: actorId || null,
    action: action.trim() || null,
    entityType: entityType || null,
    since: day(since) ? new Date(day(since)!).toISOString() : null,
    until: day(until, true) ? new Date(day(until, true)!).toISOString() : null,
  };
  const [result] = useQuery({ query: AuditLog, variables: { ...vars, after } });
  const events = result.data?.auditEvents;

  async function exportCsv() {
    const q = new URLSearchParams(Object.entries(vars).filter(([, v]) => v) as [string, string][]);
    const res = await fetch(`/audit/events.csv?${q}`, { headers: { authorization: `Bearer ${currentToken() ?? ''}` } });
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'audit-log.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // The entity types in the reader's language; a type this screen does not know yet keeps its code.
  const entityName = (type: string) => (ENTITY_TYPES.includes(type) ? t(`admin.entity.${type}` as MessageId) : type);

  const change = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setAfter(null);
  };

  return (
    <Page title={t('admin.audit')} wide actions={<><Link to="/admin/users"><T id="admin.users" /></Link><button type="button" onClick={() => void exportCsv()}><T id="admin.exportCsv" /></button></>}>
      <div className="inline-fields" role="search" aria-label={t('admin.auditFilters')}>
        <Select label={t('admin.actor')} value={actorId} onChange={change(setActorId)}>
          <option value="">{t('filter.any')}</option>
          {result.data?.users.edges.map((e) => <option key={e.node.id} value={e.node.id}>{e.node.displayName}</option>)}
        </Select>
        <TextField label={t('admin.action')} hint={t('admin.actionHint')} value={action} onChange={change(setAction)} />
        <Select label={t('admin.entityType')} value={entityType} onChange={change(setEntityType)}>
          <option value="">{t('filter.any')}</option>
          {ENTITY_TYPES.map((e) => <option key={e} value={e}>{entityName(e)}</option>)}
        </Select>
        <TextField label={t('admin.since')} type="date" value={since} onChange={change(setSince)} />
        <TextField label={t('admin.until')} type="date" value={until} onChange={change(setUntil)} />
      </div>
      <ErrorBanner error={result.error} />
      <div className="table-scroll">
        <table className="data">
          <caption>{t('admin.events', { n: events?.totalCount ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col"><T id="admin.at" /></th>
              <th scope="col"><T id="admin.actor" /></th>
              <th scope="col"><T id="admin.action" /></th>
              <th scope="col"><T id="admin.entityType" /></th>
              <th scope="col"><T id="admin.detail" /></th>
            </tr>
          </thead>
          <tbody>
            {!events?.edges.length && <tr><td colSpan={5} className="empty"><T id="admin.noEvents" /></td></tr>}
            {events?.edges.map(({ node: e }) => (
              <tr key={e.id}>
                <td><When at={e.at} /></td>
                <td>{e.actor?.displayName ?? t('admin.system')}</td>
                <td className="mono">{e.action}</td>
                <td>{entityName(e.entityType)}</td>
                <td className="prose">{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Like the shared Pager: nothing under a list that fits one page. */}
      {(after || events?.pageInfo.hasNextPage) && (
        <div className="actions">
          <button type="button" disabled={!after} onClick={() => setAfter(null)}><T id="admin.first" /></button>
          <button type="button" disabled={!events?.pageInfo.hasNextPage} onClick={() => setAfter(events?.pageInfo.endCursor ?? null)}><T id="admin.next" /></button>
        </div>
      )}
    </Page>
  );
}
