import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useDebounced } from '../../app/useDebounced';
import { graphql } from '../../graphql';
import type { RelationKind } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextField } from '../../ui/Field';
import { externalName } from '../../ui/external';

const RelationsQuery = graphql(`
  query StandardRelations($id: ID!, $title: String!, $scope: String!) {
    standard(id: $id) { id relations { id kind note external { id body designation title } } }
    duplicationCheck(title: $title, scope: $scope, first: 8) {
      score sharedTerms
      external { id body designation title }
      standard { id designation title }
    }
  }
`);

const CatalogueSearch = graphql(`
  query RelationCatalogueSearch($text: String!) {
    externalStandards(text: $text, first: 10) { id body designation title }
  }
`);

const Relate = graphql(`
  mutation RelateStandard($input: RelateStandardInput!) {
    relateStandard(input: $input) { id kind }
  }
`);

const KINDS: RelationKind[] = ['ADOPTS', 'EQUIVALENT_TO', 'PROFILES', 'REFERENCES', 'OVERLAPS'];

/** Relations to external standards, beside what the duplication check finds for this title and scope. */
export function Relations({ standardId, title, scope }: { standardId: string; title: string; scope: string }) {
  const t = useT();
  const [result, refetch] = useQuery({ query: RelationsQuery, variables: { id: standardId, title, scope } });
  const [relateResult, relate] = useMutation(Relate);
  const [externalId, setExternalId] = useState('');
  const [kind, setKind] = useState<RelationKind>('OVERLAPS');
  const [note, setNote] = useState('');
  const relations = result.data?.standard?.relations ?? [];
  const candidates = (result.data?.duplicationCheck ?? []).filter((c) => c.external);
  const related = new Set(relations.map((r) => r.external.id));
  // Any catalogue entry can be related, not only what the duplication check ranks.
  const [search, setSearch] = useState('');
  const text = useDebounced(search.trim());
  const [found] = useQuery({ query: CatalogueSearch, variables: { text }, pause: !text });
  const candidateIds = new Set(candidates.map((c) => c.external!.id));
  const options = [
    ...candidates.map((c) => c.external!),
    ...(text ? found.data?.externalStandards ?? [] : []).filter((e) => !candidateIds.has(e.id)),
  ].filter((e) => !related.has(e.id));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await relate({ input: { standardId, externalId, kind, note: note.trim() || null } });
    if (r.data) {
      setNote('');
      setExternalId('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section aria-labelledby="relations-h">
      <h2 id="relations-h"><T id="relations.title" /></h2>
      <ErrorBanner error={result.error ?? relateResult.error} />
      <div className="table-scroll">
        <table className="data">
          <caption><T id="relations.duplicationCheck" /></caption>
          <thead>
            <tr>
              <th scope="col"><T id="relations.external" /></th>
              <th scope="col" className="num"><T id="relations.score" /></th>
              <th scope="col"><T id="relations.shared" /></th>
              <th scope="col"><T id="relations.relation" /></th>
            </tr>
          </thead>
          <tbody>
            {candidates.length === 0 && <tr><td colSpan={4} className="empty"><T id="relations.noCandidates" /></td></tr>}
            {candidates.map((c) => (
              <tr key={c.external!.id}>
                <td>{`${c.external!.designation} · ${c.external!.title}`}</td>
                <td className="num">{Math.round(c.score * 100)}%</td>
                <td>{c.sharedTerms.join(', ')}</td>
                <td>
                  {related.has(c.external!.id) ? (
                    t(`relation.${relations.find((r) => r.external.id === c.external!.id)!.kind}`)
                  ) : (
                    <button type="button" className="link" onClick={() => setExternalId(c.external!.id)}>
                      <T id="relations.choose" />
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="data">
          <caption><T id="relations.current" /></caption>
          <thead>
            <tr>
              <th scope="col"><T id="relations.relation" /></th>
              <th scope="col"><T id="relations.external" /></th>
              <th scope="col"><T id="relations.note" /></th>
            </tr>
          </thead>
          <tbody>
            {relations.length === 0 && <tr><td colSpan={3} className="empty"><T id="relations.none" /></td></tr>}
            {relations.map((r) => (
              <tr key={r.id}>
                <td>{t(`relation.${r.kind}`)}</td>
                <td>{`${r.external.designation} · ${r.external.title}`}</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form onSubmit={submit} className="inline-fields">
        <TextField label={t('relations.search')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <Select label={t('relations.external')} required value={externalId} onChange={(e) => setExternalId(e.target.value)}>
          <option value="">{t('relations.pick')}</option>
          {options.map((e) => (
            <option key={e.id} value={e.id}>{`${externalName(e)} · ${e.title}`}</option>
          ))}
        </Select>
        <Select label={t('relations.relation')} value={kind} onChange={(e) => setKind(e.target.value as RelationKind)}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`relation.${k}`)}</option>)}
        </Select>
        <TextField label={t('relations.note')} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" disabled={!externalId || relateResult.fetching}><T id="relations.relate" /></button>
      </form>
      <p className="muted">
        <T id="relations.missing" values={{ link: <Link to="/catalogue"><T id="relations.toCatalogue" /></Link> }} />
      </p>
    </section>
  );
}
