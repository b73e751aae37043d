import '../../ui/roles.css';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Page } from '../../ui/Page';
import { ProductForm } from '../../ui/ProductForm';

const Products = graphql(`
  query MyProducts {
    products { id name productVersion description organization { name } claims { id stale } }
  }
`);

const Register = graphql(`
  mutation RegisterProduct($input: RegisterProductInput!) {
    registerProduct(input: $input) { id }
  }
`);

/** My organization's products, with the stale claims counted per product. */
export default function ProductsScreen() {
  const t = useT();
  const auth = useAuth();
  const [result, refetch] = useQuery({ query: Products });
  const [registered, register] = useMutation(Register);
  return (
    <Page title={t('products.title')} actions={<Link to="/matrix"><T id="products.matrix" /></Link>}>
      <ErrorBanner error={result.error} />
      <DataTable
        caption={auth.me?.organization?.name ?? t('products.title')}
        rows={result.data?.products ?? []}
        rowKey={(p) => p.id}
        empty={t('products.none')}
        columns={[
          { header: t('products.name'), cell: (p) => <Link to={`/products/${p.id}`}>{p.name}</Link> },
          { header: t('products.version'), cell: (p) => p.productVersion },
          { header: t('products.claims'), cell: (p) => p.claims.length, className: 'num' },
          { header: t('products.stale'), cell: (p) => { const n = p.claims.filter((c) => c.stale).length; return n ? <span className="badge badge-urgent">{n}</span> : '0'; }, className: 'num' },
          { header: t('products.description'), cell: (p) => p.description ?? '' },
        ]}
      />
      {auth.hasRole('VENDOR') && (
        <section aria-labelledby="register-h" className="panel">
          <h2 id="register-h"><T id="products.register" /></h2>
          <ErrorBanner error={registered.error} />
          <ProductForm
            submitLabel={<T id="products.registerSubmit" />}
            busy={registered.fetching}
            onSubmit={async (f) => {
              const r = await register({ input: { name: f.name, productVersion: f.productVersion, description: f.description || null } });
              if (r.data) refetch({ requestPolicy: 'network-only' });
              return !!r.data;
            }}
          />
        </section>
      )}
    </Page>
  );
}
