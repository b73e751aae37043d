import { useIntl } from 'react-intl';
import { useT } from '../i18n';

/** A moment in the viewer's time zone, with UTC on hover. */
export function When({ at, dateOnly }: { at: string | null | undefined; dateOnly?: boolean }) {
  const intl = useIntl();
  if (!at) return null;
  const d = new Date(at);
  const local = dateOnly ? intl.formatDate(d, { dateStyle: 'medium' }) : intl.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time dateTime={at} title={`${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`}>
      {local}
    </time>
  );
}

/** The short name of the viewer's time zone at that moment ("CET", "GMT+1"), as the locale writes it. */
function zoneName(locale: string, d: Date): string {
  return new Intl.DateTimeFormat(locale, { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * "Closes in 2 d 4 h" (or "Closed"), then the local time with its zone and UTC beside:
 * a deadline must be unmistakable to delegates in several time zones (UX principle 13).
 */
export function Deadline({ at, now = Date.now() }: { at: string; now?: number }) {
  const t = useT();
  const intl = useIntl();
  const d = new Date(at);
  const ms = new Date(at).getTime() - now;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const left = hours >= 24 ? t('time.daysHours', { d: Math.floor(hours / 24), h: hours % 24 }) : t('time.hoursMinutes', { h: hours, m: Math.floor((Math.abs(ms) % 3_600_000) / 60_000) });
  const urgent = ms > 0 && ms < 48 * 3_600_000;
  return (
    <span className={ms <= 0 ? 'badge deadline badge-closed' : urgent ? 'badge deadline badge-urgent' : 'badge deadline'}>
      {ms > 0 ? t('time.closesIn', { left }) : t('time.closed')} · <When at={at} /> {zoneName(intl.locale, d)}{' '}
      <span className="utc">({`${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`})</span>
    </span>
  );
}
