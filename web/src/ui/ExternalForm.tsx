import { useState, type FormEvent, type ReactNode } from 'react';
import type { ExternalStatus, StandardsBody } from '../graphql/graphql';
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

/** How an entry stands on its publisher's list: edited on an entry held already, not when adding one. */
export interface FidelityFields {
  status: ExternalStatus;
  asOf: string;
  published: string;
  /** Designation of the entry that replaces this one; empty for none. */
  replacedBy: string;
}

export const STATUSES: ExternalStatus[] = ['CURRENT', 'SUPERSEDED', 'WITHDRAWN'];

export const EMPTY_EXTERNAL: ExternalFields = { body: 'ECSS', designation: '', title: '', scope: '', url: '' };

/** An external standard's fields: one form for adding an entry and for correcting one. */
export function ExternalForm({ initial, fidelity, submitLabel, busy, onSubmit }: {
  initial?: ExternalFields;
  fidelity?: FidelityFields;
  submitLabel: ReactNode;
  busy: boolean;
  onSubmit(fields: ExternalFields, fidelity?: FidelityFields): Promise<boolean>;
}) {
  const t = useT();
  const [form, setForm] = useState<ExternalFields>(initial ?? EMPTY_EXTERNAL);
  const [standing, setStanding] = useState<FidelityFields | undefined>(fidelity);
  const set = (k: keyof ExternalFields) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const setF = (k: keyof FidelityFields) => (e: { target: { value: string } }) => setStanding({ ...standing!, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if ((await onSubmit(form, standing)) && !initial) setForm(EMPTY_EXTERNAL);
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
      {standing && (
        <div className="inline-fields">
          <Select label={t('catalogue.status')} value={standing.status} onChange={setF('status')}>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`externalStatus.${s}`)}</option>)}
          </Select>
          <TextField label={t('catalogue.asOf')} hint={t('catalogue.asOfHint')} type="date" required value={standing.asOf} onChange={setF('asOf')} />
          <TextField label={t('catalogue.published')} type="number" min={1900} max={2200} value={standing.published} onChange={setF('published')} />
          <TextField label={t('catalogue.replacedBy')} hint={t('catalogue.replacedByHint')} maxLength={100} value={standing.replacedBy} onChange={setF('replacedBy')} />
        </div>
      )}
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
