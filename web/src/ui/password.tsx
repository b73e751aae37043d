import { useEffect, useState } from 'react';
import { useT, type MessageId } from '../i18n';

/** The Alliance's password rule, as the service checks it (src/accounts/password.ts, validator's isStrongPassword). */
const RULES: { label: MessageId; ok(p: string): boolean }[] = [
  { label: 'password.length', ok: (p) => p.length >= 12 },
  { label: 'password.noSpaces', ok: (p) => p.length > 0 && !/\s/.test(p) },
  { label: 'password.upper', ok: (p) => /[A-Z]/.test(p) },
  { label: 'password.lower', ok: (p) => /[a-z]/.test(p) },
  { label: 'password.digit', ok: (p) => /\d/.test(p) },
  { label: 'password.symbol', ok: (p) => /[-#!$@£%^&*()_+|~=`{}[\]:";'<>?,./\\]/.test(p) },
];

export const passwordOk = (p: string) => RULES.every((r) => r.ok(p));

/** Each rule ticks as the person types. */
export function PasswordRules({ password, id }: { password: string; id: string }) {
  const t = useT();
  return (
    <ul id={id} className="rules" aria-live="polite">
      {RULES.map((r) => {
        const ok = r.ok(password);
        return (
          <li key={r.label} className={ok ? 'ok' : 'todo'}>
            <span aria-hidden="true">{ok ? '✓' : '○'}</span> {t(r.label)}
            <span className="sr-only">{ok ? t('password.met') : t('password.notMet')}</span>
          </li>
        );
      })}
    </ul>
  );
}

const CODE_LIFETIME_MS = 30 * 60_000;

/** "Code valid for 29:41": the 30 minutes a mailed code lives, counted from when it was sent. */
export function CodeTimer({ sentAt }: { sentAt: number }) {
  const t = useT();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, sentAt + CODE_LIFETIME_MS - now);
  const mmss = `${Math.floor(left / 60_000)}:${String(Math.floor((left % 60_000) / 1000)).padStart(2, '0')}`;
  return <p className={left ? 'muted' : 'warning'} role="timer" aria-live="off">{left ? t('code.left', { time: mmss }) : t('code.expired')}</p>;
}
