import { useState, type FormEvent, type ReactNode } from 'react';
import type { StandardsBody } from '../graphql/graphql';
import { useT } from '../i18n';
import { Select, TextArea, TextField } from './Field';

export const BODIES: StandardsBody[] = ['ECSS', 'CEN', 'CENELEC', 'ETSI', 'ISO', 'CCSDS', 'EU', 'NATO', 'OTHER'];

export interface ExternalFields {
  body: StandardsBody;
  designation: string;
  title: string;
  scope: string;
  url: string;
}

export const EMPTY_EXTERNAL: ExternalFields = { body: 'ECSS', designation: '', title: '', scope: '', url: '' };

/** An external standard's fields: one form for adding an entry and for correcting one. */
export function ExternalForm({ initial, submitLabel, busy, onSubmit }: { initial?: ExternalFields; submitLabel: ReactNode; busy: boolean; onSubmit(fields: ExternalFields): Promise<boolean> }) {
  const t = useT();
  const [form, setForm] = useState<ExternalFields>(initial ?? EMPTY_EXTERNAL);
  const set = (k: keyof ExternalFields) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if ((await onSubmit(form)) && !initial) setForm(EMPTY_EXTERNAL);
  }

  return (
    <form onSubmit={submit}>
      <div className="inline-fields">
        <Select label={t('catalogue.body')} value={form.body} onChange={set('body')}>
          {BODIES.map((b) => <option key={b} value={b}>{b}</option>)}
        </Select>
        <TextField label={t('catalogue.designation')} required maxLength={100} value={form.designation} onChange={set('designation')} />
        <TextField label={t('catalogue.titleField')} required maxLength={300} value={form.title} onChange={set('title')} />
        <TextField label={t('catalogue.url')} type="url" maxLength={2000} placeholder="https://" value={form.url} onChange={set('url')} />
      </div>
      <TextArea label={t('catalogue.scope')} maxLength={5000} rows={3} value={form.scope} onChange={set('scope')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
      </div>
    </form>
  );
}

/** The form's values as the API takes them: an empty scope or address is none. */
export const externalInput = (f: ExternalFields) => ({
  body: f.body, designation: f.designation, title: f.title, scope: f.scope.trim() || null, url: f.url.trim() || null,
});
