import { useAuth } from '../../app/auth';
import { useT } from '../../i18n';
import { Page } from '../../ui/Page';

export default function Profile() {
  const t = useT();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <Page title={t('profile.title')}>
      <dl className="meta">
        <dt>{t('field.displayName')}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t('field.email')}</dt>
        <dd>{me.email}</dd>
        <dt>{t('profile.nation')}</dt>
        <dd>{me.nation ? `${me.nation.name} (${me.nation.code})` : '—'}</dd>
        <dt>{t('profile.organization')}</dt>
        <dd>{me.organization?.name ?? '—'}</dd>
        <dt>{t('profile.roles')}</dt>
        <dd>{me.roles.length ? me.roles.map((r) => t(`role.${r}`)).join(', ') : t('home.noRoles')}</dd>
      </dl>
    </Page>
  );
}
