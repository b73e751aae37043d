import '../../ui/roles.css';
import { diffWords } from 'diff';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { currentToken, useAuth } from '../../app/auth';
import { useDebounced } from '../../app/useDebounced';
import { graphql } from '../../graphql';
import type { ConformanceLevel } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';
import { ProductForm } from '../../ui/ProductForm';

const ProductPage = graphql(`
  query ProductPage($id: ID!) {
    product(id: $id) { id name productVersion description organization { id name } }
  }
`);

// Found by the server's search, 20 at a time, not a list of the first standards: the register holds hundreds.
const StandardCandidates = graphql(`
  query ProductStandardCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title } } } }
`);

// The standard in view, by its id (a link from the matrix may name any standard, found or not by the search).
const PickedStandard = graphql(`
  query ProductPickedStandard($id: ID!) {
    standard(id: $id) { id designation title currentVersion { id number } currentEdition { label version { id number } } versions { id number } }
  }
`);

const Claims = graphql(`
  query ProductClaims($productId: ID!, $standardId: ID!, $versionId: ID!) {
    product(id: $productId) { id claims(standardId: $standardId) { id requirementKey level evidence stale updatedAt version { id number } } }
    standardVersion(id: $versionId) { id number requirements { key clause obligation text } }
    conformanceReport(productId: $productId, standardId: $standardId, versionId: $versionId) {
      conformant coverage mandatoryMet mandatoryTotal
      gaps { key clause text }
      staleClaims { requirementKey }
    }
  }
`);

const ProvisionRedline = graphql(`
  query ProvisionRedline($from: ID!, $to: ID!) {
    redline(fromVersionId: $from, toVersionId: $to) { requirementChanges { key change before after } }
  }
`);

const SetConformance = graphql(`
  mutation SetConformance($input: SetConformanceInput!) {
    setConformance(input: $input) { id requirementKey level }
  }
`);

const UpdateProduct = graphql(`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) { id name productVersion description }
  }
`);

const LEVELS: ConformanceLevel[] = ['CONFORMANT', 'PARTIAL', 'NON_CONFORMANT', 'NOT_APPLICABLE'];

interface Row {
  level: ConformanceLevel | '';
  evidence: string;
}

/** A product's claims on one standard, saved all or nothing, and its conformance report. */
export default function ProductScreen() {
  const { id = '' } = useParams();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const auth = useAuth();
  const [page] = useQuery({ query: ProductPage, variables: { id } });
  const [editing, setEditing] = useState(false);
  const [updated, update] = useMutation(UpdateProduct);
  const [find, setFind] = useState('');
  const words = useDebounced(find.trim(), 250);
  const [candidates] = useQuery({ query: StandardCandidates, variables: { text: words || null } });
  const standardId = params.get('standard') ?? '';
  const [picked] = useQuery({ query: PickedStandard, variables: { id: standardId }, pause: !standardId });
  const standard = standardId && picked.data?.standard?.id === standardId ? picked.data.standard : undefined;
  const found = candidates.data?.standards.edges.map((e) => e.node) ?? [];
  // The standard in view stays a choice while the search moves on.
  const standards = standard && !found.some((s) => s.id === standard.id) ? [standard, ...found] : found;
  const total = candidates.data?.standards.totalCount ?? 0;
  // The edition in force by default, else the current draft (DESIGN: conformance follows the edition in force).
  const versionId = params.get('version') ?? standard?.currentEdition?.version.id ?? standard?.currentVersion?.id ?? '';
  const product = page.data?.product;

  return (
    <Page
      title={product ? `${product.name} ${product.productVersion}` : t('product.title')}
      wide
      actions={product && auth.me?.organization?.id === product.organization.id && auth.hasRole('VENDOR') && (
        <button type="button" onClick={() => setEditing(true)}><T id="product.edit" /></button>
      )}
    >
      <ErrorBanner error={page.error ?? picked.error ?? candidates.error} />
      {product && (
        <>
          <p className="muted">
            <Link to="/products"><T id="products.title" /></Link> · {product.organization.name}
            {product.description ? ` · ${product.description}` : ''}
          </p>
          <div className="inline-fields">
            <TextField
              type="search"
              label={t('need.findStandard')}
              value={find}
              onChange={(e) => setFind(e.target.value)}
              hint={total > found.length ? t('need.findMore', { shown: found.length, total }) : undefined}
            />
            <Select label={t('product.standard')} value={standardId} onChange={(e) => setParams({ standard: e.target.value })}>
              <option value="">{t('product.pickStandard')}</option>
              {standards.map((s) => <option key={s.id} value={s.id}>{`${s.designation} · ${s.title}`}</option>)}
            </Select>
            {standard && (
              <Select label={t('product.version')} value={versionId} onChange={(e) => setParams({ standard: standardId, version: e.target.value })}>
                {[...standard.versions].reverse().map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.id === standard.currentEdition?.version.id ? `${v.number} · ${standard.currentEdition.label}` : t('product.draftVersion', { n: v.number })}
                  </option>
                ))}
              </Select>
            )}
          </div>
          <Dialog open={editing} onOpenChange={setEditing} title={t('product.editTitle', { name: product.name })}>
            <ErrorBanner error={updated.error} />
            <ProductForm
              initial={{ name: product.name, productVersion: product.productVersion, description: product.description ?? '' }}
              submitLabel={<T id="product.editSave" />}
              busy={updated.fetching}
              onSubmit={async (f) => {
                // urql's document cache refreshes the page from the returned product.
                const r = await update({ id: product.id, input: { name: f.name, productVersion: f.productVersion, description: f.description || null } });
                if (r.data) setEditing(false);
                return !!r.data;
              }}
            />
          </Dialog>
          {standard && versionId && <ClaimsGrid productId={product.id} standardId={standard.id} versionId={versionId} />}
        </>
      )}
    </Page>
  );
}

function ClaimsGrid({ productId, standardId, versionId }: { productId: string; standardId: string; versionId: string }) {
  const t = useT();
  const [result, refetch] = useQuery({ query: Claims, variables: { productId, standardId, versionId } });
  const [saved, save] = useMutation(SetConformance);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [message, setMessage] = useState('');
  const claims = useMemo(() => new Map((result.data?.product?.claims ?? []).map((c) => [c.requirementKey, c])), [result.data]);
  const requirements = result.data?.standardVersion?.requirements ?? [];
  const report = result.data?.conformanceReport;
  useEffect(() => setRows({}), [versionId, standardId]);

  const rowOf = (key: string): Row => rows[key] ?? { level: claims.get(key)?.level ?? '', evidence: claims.get(key)?.evidence ?? '' };
  const changed = requirements.filter((r) => rows[r.key] && (rows[r.key].level !== (claims.get(r.key)?.level ?? '') || rows[r.key].evidence !== (claims.get(r.key)?.evidence ?? '')));

  async function saveAll() {
    // Every changed row in one mutation: the service lands all of them or none.
    const r = await save({
      input: {
        productId,
        standardId,
        versionId,
        claims: changed.filter((x) => rowOf(x.key).level).map((x) => ({ requirementKey: x.key, level: rowOf(x.key).level as ConformanceLevel, evidence: rowOf(x.key).evidence.trim() || null })),
      },
    });
    if (r.data) {
      setRows({});
      setMessage(t('product.saved', { n: r.data.setConformance.length }));
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function exportPics() {
    const res = await fetch(`/products/${productId}/conformance.csv?standardId=${standardId}&versionId=${versionId}`, { headers: { authorization: `Bearer ${currentToken() ?? ''}` } });
    if (!res.ok) return setMessage(t('adjudicate.exportFailed', { status: res.status }));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'pics.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <>
      <ErrorBanner error={result.error ?? saved.error} />
      {report && (
        <section aria-labelledby="report-h" className="panel">
          <h2 id="report-h"><T id="product.report" /></h2>
          <p className={report.conformant ? 'ok-text' : ''} data-testid="report-line">
            {report.conformant ? t('product.conformant', { met: report.mandatoryMet, total: report.mandatoryTotal }) : t('product.notConformant', { met: report.mandatoryMet, total: report.mandatoryTotal, gaps: report.gaps.length, stale: report.staleClaims.length })}
          </p>
          {report.gaps.length > 0 && (
            <p>
              <T id="product.gaps" />{' '}
              {report.gaps.map((g) => <a key={g.key} href={`#req-${g.key}`} className="badge">{`${g.key} (${g.clause})`}</a>)}
            </p>
          )}
          <button type="button" onClick={() => void exportPics()}><T id="product.exportPics" /></button>
        </section>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!changed.length || saved.fetching} onClick={() => void saveAll()}>
          {t('product.saveAll', { n: changed.length })}
        </button>
        <span role="status" className="ok-text">{message}</span>
      </div>
      <div className="table-scroll">
        <table className="data claims">
          <caption><T id="product.grid" /></caption>
          <thead>
            <tr>
              <th scope="col"><T id="product.key" /></th>
              <th scope="col"><T id="product.clause" /></th>
              <th scope="col"><T id="product.provision" /></th>
              <th scope="col"><T id="product.level" /></th>
              <th scope="col"><T id="product.evidence" /></th>
            </tr>
          </thead>
          <tbody>
            {requirements.length === 0 && <tr><td colSpan={5} className="empty"><T id="product.noProvisions" /></td></tr>}
            {requirements.map((req) => {
              const claim = claims.get(req.key);
              const row = rowOf(req.key);
              return (
                <tr key={req.key} id={`req-${req.key}`} className={claim?.stale ? 'stale' : undefined} data-key={req.key}>
                  <th scope="row" className="mono">{req.key}</th>
                  <td>{req.clause}</td>
                  <td className="prose">
                    <span className="badge">{req.obligation}</span> {req.text}
                    {claim?.stale && <StaleNote claimVersionId={claim.version.id} claimVersion={claim.version.number} versionId={versionId} requirementKey={req.key} />}
                  </td>
                  <td>
                    <select aria-label={t('product.levelOf', { key: req.key })} value={row.level} onChange={(e) => setRows({ ...rows, [req.key]: { ...row, level: e.target.value as ConformanceLevel } })}>
                      <option value="">{t('product.noClaim')}</option>
                      {LEVELS.map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
                    </select>
                    {claim && <div className="muted small">{t('product.madeOn', { n: claim.version.number })} <When at={claim.updatedAt} dateOnly /></div>}
                  </td>
                  <td>
                    <input aria-label={t('product.evidenceOf', { key: req.key })} value={row.evidence} onChange={(e) => setRows({ ...rows, [req.key]: { ...row, evidence: e.target.value } })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What changed in the provision since the claim was made, as a redline (UX 9). */
function StaleNote({ claimVersionId, claimVersion, versionId, requirementKey }: { claimVersionId: string; claimVersion: number; versionId: string; requirementKey: string }) {
  const t = useT();
  const [result] = useQuery({ query: ProvisionRedline, variables: { from: claimVersionId, to: versionId }, pause: claimVersionId === versionId });
  const delta = result.data?.redline.requirementChanges.find((d) => d.key === requirementKey);
  return (
    <div className="stale-note">
      <strong>{t('product.staleSince', { n: claimVersion })}</strong>{' '}
      {delta && (
        <span>
          {diffWords(delta.before ?? '', delta.after ?? '').map((part, i) =>
            part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>,
          )}
        </span>
      )}
    </div>
  );
}
