import { useT, type MessageId } from '../i18n';
import type { StandardStatus, Visibility } from '../graphql/graphql';
import { Select } from './Field';

/**
 * A standard's status standing alone (a badge, a filter's option): "Drafting".
 * Inside a sentence it is `status.X`, lower-case ("The standard is drafting").
 */
export const statusLabel = (status: StandardStatus): MessageId => `statusLabel.${status}`;

export function StatusBadge({ status }: { status: StandardStatus }) {
  const t = useT();
  return <span className={`badge status status-${status.toLowerCase()}`}>{t(statusLabel(status))}</span>;
}

export function VisibilitySelect({ value, onChange, hint }: { value: Visibility; onChange(v: Visibility): void; hint?: string }) {
  const t = useT();
  return (
    <Select label={t('standard.visibility')} hint={hint} value={value} onChange={(e) => onChange(e.target.value as Visibility)}>
      {(['NATIONS', 'INDUSTRY', 'PUBLIC'] as const).map((v) => (
        <option key={v} value={v}>{t(`visibility.${v}`)}</option>
      ))}
    </Select>
  );
}
