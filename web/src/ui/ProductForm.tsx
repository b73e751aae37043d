import { useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n';
import { TextField } from './Field';

export interface ProductFields {
  name: string;
  productVersion: string;
  description: string;
}

/** Name, release and description of a product: one form for registering and for editing. */
export function ProductForm({ initial, submitLabel, busy, onSubmit }: { initial?: ProductFields; submitLabel: ReactNode; busy: boolean; onSubmit(fields: ProductFields): Promise<boolean> }) {
  const t = useT();
  const empty = { name: '', productVersion: '', description: '' };
  const [form, setForm] = useState<ProductFields>(initial ?? empty);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // A new product clears the form for the next one; an edited one keeps what was saved.
    if ((await onSubmit(form)) && !initial) setForm(empty);
  }

  return (
    <form onSubmit={submit} className="inline-fields">
      <TextField label={t('products.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <TextField label={t('products.version')} required value={form.productVersion} onChange={(e) => setForm({ ...form, productVersion: e.target.value })} />
      <TextField label={t('products.description')} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
      <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
    </form>
  );
}
