import '../../ui/roles.css';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { OrganizationKind, Role, UsersDirectoryQuery } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { ConfirmDialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';

const UsersDirectory = graphql(`
  query UsersDirectory($filter: UserFilter, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id displayName email roles deactivatedAt nation { code } organization { id name } } }
    }
    nations { code name }
    organizations { id name kind nation { code } }
  }
`);

const Grant = graphql(`
  mutation GrantRole($input: GrantRoleInput!) {
    grantRole(input: $input) { id roles }
  }
`);

const Revoke = graphql(`
  mutation RevokeRole($userId: ID!, $role: Role!) {
    revokeRole(userId: $userId, role: $role) { id roles }
  }
`);

const Deactivate = graphql(`
  mutation DeactivateUser($userId: ID!) {
    deactivateUser(userId: $userId) { id deactivatedAt }
  }
`);

const Reactivate = graphql(`
  mutation ReactivateUser($userId: ID!) {
    reactivateUser(userId: $userId) { id deactivatedAt }
  }
`);

const CreateOrganization = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { id name }
  }
`);

const ROLES: Role[] = ['ADMIN', 'SECRETARIAT', 'DELEGATE', 'EXPERT', 'VENDOR', 'VENDOR_ADMIN'];
const KINDS: OrganizationKind[] = ['NATIONAL_BODY', 'SECRETARIAT', 'VENDOR'];
const PAGE = 25;
type User = UsersDirectoryQuery['users']['edges'][number]['node'];

/** The users directory: find a person, then grant, revoke, deactivate. */
export default function AdminUsersScreen() {
  const t = useT();
  const auth = useAuth();
  const [text, setText] = useState('');
  const [role, setRole] = useState('');
  const [nation, setNation] = useState('');
  const [organization, setOrganization] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const filter = { text: text.trim() || null, role: (role || null) as Role | null, nationCode: nation || null, organizationId: organization || null };
  const [result, refetch] = useQuery({ query: UsersDirectory, variables: { filter, first: PAGE, after } });
  const [chosen, setChosen] = useState<string | null>(null);
  const data = result.data;
  const users = data?.users.edges.map((e) => e.node) ?? [];
  const isAdmin = auth.hasRole('ADMIN');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const resetPaging = () => setCursors([null]);

  return (
    <Page title={t('admin.users')} wide actions={<Link to="/admin/audit"><T id="admin.audit" /></Link>}>
      <div className="inline-fields" role="search" aria-label={t('admin.search')}>
        <TextField label={t('admin.searchText')} type="search" value={text} onChange={(e) => { setText(e.target.value); resetPaging(); }} />
        <Select label={t('admin.role')} value={role} onChange={(e) => { setRole(e.target.value); resetPaging(); }}>
          <option value="">{t('filter.any')}</option>
          {ROLES.map((r) => <option key={r} value={r}>{t(`roleLabel.${r}`)}</option>)}
        </Select>
        <Select label={t('admin.nation')} value={nation} onChange={(e) => { setNation(e.target.value); resetPaging(); }}>
          <option value="">{t('filter.any')}</option>
          {data?.nations.map((n) => <option key={n.code} value={n.code}>{`${n.code} · ${n.name}`}</option>)}
        </Select>
        <Select label={t('admin.organization')} value={organization} onChange={(e) => { setOrganization(e.target.value); resetPaging(); }}>
          <option value="">{t('filter.any')}</option>
          {data?.organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </Select>
      </div>
      <ErrorBanner error={result.error} />
      <div className="table-scroll">
        <table className="data">
          <caption>{t('admin.found', { n: data?.users.totalCount ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col"><T id="admin.name" /></th>
              <th scope="col"><T id="admin.email" /></th>
              <th scope="col"><T id="admin.roles" /></th>
              <th scope="col"><T id="admin.nation" /></th>
              <th scope="col"><T id="admin.organization" /></th>
              <th scope="col"><T id="admin.account" /></th>
            </tr>
          </thead>
          <tbody>
            {users.length === 0 && <tr><td colSpan={6} className="empty"><T id="admin.noUsers" /></td></tr>}
            {users.map((u) => (
              <tr key={u.id} aria-selected={chosen === u.id || undefined} className={chosen === u.id ? 'current' : undefined}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => setChosen(u.id)} aria-expanded={chosen === u.id}>{u.displayName}</button>
                </th>
                <td>{u.email}</td>
                <td>{u.roles.map((r) => t(`roleLabel.${r}`)).join(', ') || '—'}</td>
                <td>{u.nation?.code ?? ''}</td>
                <td>{u.organization?.name ?? ''}</td>
                <td>{u.deactivatedAt ? <span className="badge badge-closed">{t('admin.deactivatedOn')} <When at={u.deactivatedAt} dateOnly /></span> : t('admin.active')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Like the shared Pager: nothing under a list that fits one page. */}
      {(cursors.length > 1 || data?.users.pageInfo.hasNextPage) && (
        <div className="actions">
          <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}><T id="admin.previous" /></button>
          <button type="button" disabled={!data?.users.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, data!.users.pageInfo.endCursor ?? null])}><T id="admin.next" /></button>
        </div>
      )}
      {isAdmin && chosen && users.find((u) => u.id === chosen) && (
        <UserPanel key={chosen} user={users.find((u) => u.id === chosen)!} nations={data?.nations ?? []} organizations={data?.organizations ?? []} onChange={reload} self={auth.me?.id === chosen} />
      )}
      {isAdmin && <OrganizationForm nations={data?.nations ?? []} onChange={reload} />}
    </Page>
  );
}

function UserPanel({ user, nations, organizations, onChange, self }: { user: User; nations: { code: string; name: string }[]; organizations: { id: string; name: string; kind: string }[]; onChange(): void; self: boolean }) {
  const t = useT();
  const grantable = ROLES.filter((r) => !user.roles.includes(r));
  const [chosen, setRole] = useState<Role>('EXPERT');
  // The choice shown is the choice sent: once the person holds the chosen role, the select shows
  // another, and Grant must grant that one (it granted the hidden one before).
  const role = grantable.includes(chosen) ? chosen : grantable[0];
  const [nation, setNation] = useState(user.nation?.code ?? '');
  const [org, setOrg] = useState(user.organization?.id ?? '');
  const [granted, grant] = useMutation(Grant);
  const [revoked, revoke] = useMutation(Revoke);
  const [deactivated, deactivate] = useMutation(Deactivate);
  const [reactivated, reactivate] = useMutation(Reactivate);
  const [confirm, setConfirm] = useState(false);
  const needsNation = role === 'DELEGATE' || role === 'EXPERT';
  const needsOrg = role === 'VENDOR';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await grant({ input: { userId: user.id, role, nationCode: needsNation ? nation : null, organizationId: needsOrg ? org : null } });
    if (r.data) onChange();
  }

  return (
    <section aria-labelledby="user-h" className="panel">
      <h2 id="user-h">{user.displayName}</h2>
      <ErrorBanner error={granted.error ?? revoked.error ?? deactivated.error ?? reactivated.error} />
      <p>
        {user.roles.length === 0 && <span className="muted"><T id="admin.noRoles" /> </span>}
        {user.roles.map((r) => (
          <button key={r} type="button" className="chip" onClick={async () => (await revoke({ userId: user.id, role: r })).data && onChange()}>
            {t('admin.revoke', { role: t(`role.${r}`) })}
          </button>
        ))}
      </p>
      {role && <form onSubmit={submit} className="inline-fields">
        <Select label={t('admin.grantRole')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {grantable.map((r) => <option key={r} value={r}>{t(`roleLabel.${r}`)}</option>)}
        </Select>
        {needsNation && (
          <Select label={t('admin.nation')} required value={nation} onChange={(e) => setNation(e.target.value)}>
            <option value="">{t('relations.pick')}</option>
            {nations.map((n) => <option key={n.code} value={n.code}>{`${n.code} · ${n.name}`}</option>)}
          </Select>
        )}
        {needsOrg && (
          <Select label={t('admin.organization')} required value={org} onChange={(e) => setOrg(e.target.value)}>
            <option value="">{t('relations.pick')}</option>
            {organizations.filter((o) => o.kind === 'VENDOR').map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </Select>
        )}
        <button type="submit" className="primary" disabled={granted.fetching}><T id="admin.grant" /></button>
      </form>}
      {!self && (
        <div className="actions">
          {user.deactivatedAt ? (
            <button type="button" onClick={async () => (await reactivate({ userId: user.id })).data && onChange()}><T id="admin.reactivate" /></button>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirm(true)}><T id="admin.deactivate" /></button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('admin.deactivateTitle', { name: user.displayName })}
        confirmLabel={t('admin.deactivate')}
        busy={deactivated.fetching}
        onConfirm={async () => {
          const r = await deactivate({ userId: user.id });
          setConfirm(false);
          if (r.data) onChange();
        }}
      >
        <p><T id="admin.deactivateExplain" /></p>
      </ConfirmDialog>
    </section>
  );
}

function OrganizationForm({ nations, onChange }: { nations: { code: string; name: string }[]; onChange(): void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganizationKind>('VENDOR');
  const [nation, setNation] = useState('');
  const [result, create] = useMutation(CreateOrganization);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await create({ input: { name, kind, nationCode: nation || null } });
    if (r.data) {
      setName('');
      onChange();
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="org-h" className="panel">
      <h2 id="org-h"><T id="admin.createOrganization" /></h2>
      <ErrorBanner error={result.error} />
      {result.data && <p role="status" className="ok-text">{t('admin.organizationCreated', { name: result.data.createOrganization.name })}</p>}
      <div className="inline-fields">
        <TextField label={t('admin.organizationName')} required value={name} onChange={(e) => setName(e.target.value)} />
        <Select label={t('admin.organizationKind')} value={kind} onChange={(e) => setKind(e.target.value as OrganizationKind)}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`orgKind.${k}`)}</option>)}
        </Select>
        <Select label={t('admin.nation')} value={nation} onChange={(e) => setNation(e.target.value)}>
          <option value="">{t('admin.noNation')}</option>
          {nations.map((n) => <option key={n.code} value={n.code}>{`${n.code} · ${n.name}`}</option>)}
        </Select>
        <button type="submit" disabled={result.fetching}><T id="admin.create" /></button>
      </div>
    </form>
  );
}
