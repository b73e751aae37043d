import '../../ui/roles.css';
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useDebounced } from '../../app/useDebounced';
import { graphql } from '../../graphql';
import type { CatalogueQuery, StandardsBody } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { BODIES, ExternalForm, externalInput } from '../../ui/ExternalForm';
import { Select, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { externalName } from '../../ui/external';

const Catalogue = graphql(`
  query Catalogue($text: String, $body: StandardsBody, $first: Int, $after: ID) {
    externalStandards(text: $text, body: $body, first: $first, after: $after) {
      id body designation title scope url status asOf published
      equivalents { id body designation }
      replacedBy { id body designation }
    }
  }
`);

const Add = graphql(`
  mutation AddExternalStandard($input: ExternalStandardInput!) {
    addExternalStandard(input: $input) { id }
  }
`);

const Update = graphql(`
  mutation UpdateExternalStandard($id: ID!, $input: UpdateExternalStandardInput!) {
    updateExternalStandard(id: $id, input: $input) { id body designation title scope url status asOf published replacedBy { id body designation } }
  }
`);

/** The replacing entry is named by its designation; this finds its id. */
const FindReplacer = graphql(`
  query FindReplacer($text: String!) {
    externalStandards(text: $text, first: 20) { id designation }
  }
`);

const PAGE = 50;
type Entry = CatalogueQuery['externalStandards'][number];

/** The external catalogue the duplication check searches; the secretariat keeps it. */
export default function CatalogueScreen() {
  const t = useT();
  const auth = useAuth();
  const keeper = auth.hasRole('SECRETARIAT');
  const [text, setText] = useState('');
  const [body, setBody] = useState<StandardsBody | ''>('');
  // The ids after which each page starts: a stack, so "previous" goes back exactly.
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const query = useDebounced(text.trim());
  const [result, refetch] = useQuery({
    query: Catalogue,
    variables: { text: query || null, body: body || null, first: PAGE, after: pages.at(-1) ?? null },
  });
  const [added, add] = useMutation(Add);
  const [updated, update] = useMutation(Update);
  const [editing, setEditing] = useState<Entry | null>(null);
  const [replacerError, setReplacerError] = useState<string | null>(null);
  const client = useClient();
  const rows = result.data?.externalStandards ?? [];
  const restart = () => setPages([null]);

  return (
    <Page title={t('catalogue.title')} wide>
      <p className="muted"><T id="catalogue.explain" /></p>
      <div className="inline-fields" role="search">
        <TextField label={t('catalogue.search')} type="search" value={text} onChange={(e) => { setText(e.target.value); restart(); }} />
        <Select label={t('catalogue.body')} value={body} onChange={(e) => { setBody(e.target.value as StandardsBody | ''); restart(); }}>
          <option value="">{t('catalogue.anyBody')}</option>
          {BODIES.map((b) => <option key={b} value={b}>{b}</option>)}
        </Select>
      </div>
      <ErrorBanner error={result.error} />
      <div className="table-scroll">
        <DataTable
          caption={t('catalogue.caption')}
          rows={rows}
          rowKey={(e) => e.id}
          empty={t('catalogue.none')}
          columns={[
            // The edit action leads the row, so it stays in view on a phone's width.
            ...(keeper
              ? [{
                  header: <span className="sr-only">{t('manage.actions')}</span>,
                  cell: (e: Entry) => (
                    <button type="button" className="link" onClick={() => setEditing(e)} aria-label={t('catalogue.editOf', { designation: e.designation })}>
                      <T id="action.edit" />
                    </button>
                  ),
                }]
              : []),
            { header: t('catalogue.body'), cell: (e) => e.body },
            { header: t('catalogue.designation'), cell: (e) => (e.url ? <a href={e.url} rel="noreferrer noopener" target="_blank">{e.designation}</a> : e.designation), className: 'nowrap' },
            { header: t('catalogue.titleField'), cell: (e) => e.title, className: 'prose' },
            { header: t('catalogue.published'), cell: (e) => e.published ?? '', className: 'num' },
            {
              header: t('catalogue.status'),
              cell: (e) =>
                e.status === 'CURRENT'
                  ? t('catalogue.current')
                  : e.replacedBy.length
                    ? t('propose.supersededBy', { names: e.replacedBy.map((r) => externalName(r)).join(', ') })
                    : t('propose.withdrawn'),
              className: 'prose',
            },
            { header: t('catalogue.twins'), cell: (e) => e.equivalents.map((q) => externalName(q)).join(', ') },
          ]}
        />
      </div>
      <div className="actions">
        {pages.length > 1 && <button type="button" onClick={() => setPages(pages.slice(0, -1))}><T id="catalogue.previous" /></button>}
        {rows.length === PAGE && <button type="button" onClick={() => setPages([...pages, rows.at(-1)!.id])}><T id="catalogue.next" /></button>}
      </div>
      <Dialog open={!!editing} onOpenChange={(o) => !o && setEditing(null)} title={t('catalogue.editTitle', { designation: editing?.designation ?? '' })}>
        <ErrorBanner error={updated.error} />
        {replacerError && <p className="error" role="alert">{replacerError}</p>}
        {editing && (
          <ExternalForm
            initial={{ body: editing.body, designation: editing.designation, title: editing.title, scope: editing.scope ?? '', url: editing.url ?? '' }}
            fidelity={{
              status: editing.status, asOf: editing.asOf, published: editing.published?.toString() ?? '',
              replacedBy: editing.replacedBy.map((r) => r.designation).join(', '),
            }}
            submitLabel={<T id="catalogue.save" />}
            busy={updated.fetching}
            onSubmit={async (f, s) => {
              setReplacerError(null);
              const named = s!.replacedBy.trim();
              const before = editing.replacedBy.map((r) => r.designation).join(', ');
              let replacedById: string | null | undefined;
              if (named === before) replacedById = undefined;
              else if (!named) replacedById = null;
              else {
                const found = await client.query(FindReplacer, { text: named }, { requestPolicy: 'network-only' }).toPromise();
                replacedById = found.data?.externalStandards.find((e) => e.designation.toLowerCase() === named.toLowerCase())?.id;
                if (!replacedById) {
                  setReplacerError(t('catalogue.replacedByUnknown', { designation: named }));
                  return false;
                }
              }
              const input = { ...externalInput(f), status: s!.status, asOf: s!.asOf, published: s!.published ? Number(s!.published) : null, replacedById };
              const r = await update({ id: editing.id, input });
              if (r.data) setEditing(null);
              return !!r.data;
            }}
          />
        )}
      </Dialog>
      {keeper && (
        <section aria-labelledby="add-external-h" className="panel">
          <h2 id="add-external-h"><T id="catalogue.add" /></h2>
          <ErrorBanner error={added.error} />
          <ExternalForm
            submitLabel={<T id="catalogue.addSubmit" />}
            busy={added.fetching}
            onSubmit={async (f) => {
              const r = await add({ input: externalInput(f) });
              if (r.data) {
                setText(f.designation);
                restart();
                refetch({ requestPolicy: 'network-only' });
              }
              return !!r.data;
            }}
          />
        </section>
      )}
    </Page>
  );
}
