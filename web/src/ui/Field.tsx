import { useId, type Ref, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface Labelled {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
}

function Wrap({ id, label, hint, error, children }: Labelled & { id: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <div id={`${id}-hint`} className="hint">{hint}</div>}
      {error && <div id={`${id}-error`} className="field-error">{error}</div>}
    </div>
  );
}

const describedBy = (id: string, { hint, error }: Labelled) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

export function TextField({ label, hint, error, ref, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const id = useId();
  return (
    <Wrap id={id} label={label} hint={hint} error={error}>
      <input ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, hint, error })} {...input} />
    </Wrap>
  );
}

export function TextArea({ label, hint, error, id: given, ...input }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  // An explicit id: undefined still gets one, so the label stays tied to the field.
  const id = given ?? generated;
  return (
    <Wrap id={id} label={label} hint={hint} error={error}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, hint, error })} {...input} />
    </Wrap>
  );
}

export function Select({ label, hint, error, children, ...input }: Labelled & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Wrap id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-describedby={describedBy(id, { label, hint, error })} {...input}>
        {children}
      </select>
    </Wrap>
  );
}

/** A form's primary button, with anything else (links, secondary buttons) beside it. */
export function SubmitRow({ label, busy, disabled, children }: { label: ReactNode; busy?: boolean; disabled?: boolean; children?: ReactNode }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy || disabled}>
        {label}
      </button>
      {children}
    </div>
  );
}
