import { useT } from '../../i18n';
import { Page } from '../../ui/Page';

export default function Screen() {
  const t = useT();
  return <Page title={t('app.name')}>{null}</Page>;
}
