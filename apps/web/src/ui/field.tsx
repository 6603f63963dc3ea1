import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input with its error (from the API's problem, by field) read out with it. */
export function Field({ label, error, hint, ...input }: { label: string; error?: string | undefined; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {error && <small id={`${id}-error`} className="field-error">{error}</small>}
    </div>
  );
}
