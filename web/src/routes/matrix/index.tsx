import '../../ui/roles.css';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Page } from '../../ui/Page';

const Standards = graphql(`
  query MatrixStandards {
    standards(first: 50) { totalCount edges { node { id designation title } } }
  }
`);

const Matrix = graphql(`
  query InteroperabilityMatrix($standardIds: [ID!]!) {
    interoperabilityMatrix(standardIds: $standardIds) {
      conformant coverage
      product { id name productVersion organization { name } }
      standard { id designation }
    }
  }
`);

/** Products against standards, as far as the viewer may see; each cell opens its report (wpt.fyi's grid). */
export default function MatrixScreen() {
  const t = useT();
  const [standards] = useQuery({ query: Standards });
  const ids = standards.data?.standards.edges.map((e) => e.node.id) ?? [];
  const [matrix] = useQuery({ query: Matrix, variables: { standardIds: ids }, pause: !ids.length });
  const cells = matrix.data?.interoperabilityMatrix ?? [];
  const products = [...new Map(cells.map((c) => [c.product.id, c.product])).values()];
  const columns = [...new Map(cells.map((c) => [c.standard.id, c.standard])).values()];
  const cell = (p: string, s: string) => cells.find((c) => c.product.id === p && c.standard.id === s);
  return (
    <Page title={t('matrix.title')} wide>
      <ErrorBanner error={standards.error ?? matrix.error} />
      {/* The grid takes the first page of standards; say so rather than leave the others out silently. */}
      {(standards.data?.standards.totalCount ?? 0) > ids.length && (
        <p className="notice" role="note">{t('matrix.moreStandards', { shown: ids.length, total: standards.data!.standards.totalCount })}</p>
      )}
      <div className="table-scroll">
        <table className="data matrix">
          <caption><T id="matrix.caption" /></caption>
          <thead>
            <tr>
              <th scope="col"><T id="matrix.product" /></th>
              {columns.map((s) => <th key={s.id} scope="col">{s.designation}</th>)}
            </tr>
          </thead>
          <tbody>
            {products.length === 0 && <tr><td colSpan={columns.length + 1} className="empty"><T id="matrix.none" /></td></tr>}
            {products.map((p) => (
              <tr key={p.id}>
                <th scope="row">{`${p.name} ${p.productVersion}`}<div className="muted small">{p.organization.name}</div></th>
                {columns.map((s) => {
                  const c = cell(p.id, s.id);
                  return (
                    <td key={s.id} className={c ? (c.conformant ? 'cell-ok' : 'cell-gap') : undefined}>
                      {c ? (
                        <Link to={`/products/${p.id}?standard=${s.id}`}>
                          {c.conformant ? t('matrix.conformant') : t('matrix.coverage', { pct: Math.round(c.coverage * 100) })}
                          <span className="sr-only">{` · ${t('matrix.cellLabel', { product: p.name, standard: s.designation })}`}</span>
                        </Link>
                      ) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
