/**
 * Feature flags: each flag of the flag store (flagd's flag-definition file the services read, through
 * the gateway's /admin/flags) with its variants, the variant everyone gets, and for a boolean flag the
 * share of users given its other variant (bucketed by user id, so a user keeps their answer). Saving
 * writes the file; the services apply it within seconds, without a restart. A flag with targeting
 * rules of its own in the file is shown, not changed here.
 */
import { useState, type FormEvent } from 'react';
import { api, call, type ApiError, type Body } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import './flags.css';

type FlagList = Body<'/admin/flags', 'get'>;
type Flag = FlagList['items'][number];
type Variant = Flag['variants'][number];

const flags = {
  list: () => call(() => api.GET('/admin/flags')),
  set: (key: string, body: { defaultVariant: string; rollout: { variant: string; percentage: number } | null }) =>
    call(() => api.PUT('/admin/flags/{key}', { params: { path: { key } }, body })),
};

const shown = (value: Variant['value']) => (typeof value === 'object' ? JSON.stringify(value) : String(value));

export function Flags() {
  const list = useLoad(() => flags.list(), []);
  return (
    <Page title="Feature flags">
      <p>Flags choose between behaviours while the services run: each service evaluates them in-process from the flag file, and applies a change within seconds, without a restart.</p>
      <div aria-live="polite">
        {list.state === 'loading' && <Placeholder lines={6} label="Loading the flags" />}
        {list.state === 'error' && <ErrorPanel error={list.error} onRetry={list.reload} />}
        {list.state === 'ok' && list.data.items.length === 0 && <p>The flag file holds no flag.</p>}
        {list.state === 'ok' && list.data.items.map((flag) => <FlagPanel key={flag.key} flag={flag} onSaved={list.reload} />)}
      </div>
    </Page>
  );
}

function FlagPanel({ flag, onSaved }: { flag: Flag; onSaved: () => void }) {
  const headingId = `flag-${flag.key}`;
  return (
    <section aria-labelledby={headingId} className="flag">
      <h2 id={headingId}>
        <code>{flag.key}</code> <span className="pill flag-pill">{flag.type}</span>{flag.state === 'DISABLED' && <> <span className="pill flag-pill-disabled">disabled</span></>}
      </h2>
      {flag.description && <p>{flag.description}</p>}
      <p className="muted">
        Variants: {flag.variants.map((v) => (v.name === shown(v.value) ? v.name : `${v.name} (${shown(v.value)})`)).join(', ')}.
        {' '}Now: {summary(flag)}.
      </p>
      {flag.state === 'DISABLED' && <p>This flag is disabled in the file: the services use their own fallback, whatever is set here.</p>}
      {flag.targeting === 'custom'
        ? <p className="notice">This flag has targeting rules of its own in the flag file, which this page does not show or change: edit the file.</p>
        : <FlagForm flag={flag} onSaved={onSaved} />}
    </section>
  );
}

function summary(flag: Flag): string {
  if (!flag.rollout) return `${flag.defaultVariant} for everyone`;
  return `${flag.rollout.variant} for ${flag.rollout.percentage} % of users, ${flag.defaultVariant} for the others`;
}

function FlagForm({ flag, onSaved }: { flag: Flag; onSaved: () => void }) {
  const [variant, setVariant] = useState(flag.defaultVariant);
  const [percentage, setPercentage] = useState(String(flag.rollout?.percentage ?? 0));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  // A percentage rollout gives a boolean flag's other variant to a share of users.
  const other = flag.type === 'boolean' && flag.variants.length === 2 ? flag.variants.find((v) => v.name !== variant)?.name : undefined;
  const variantId = `flag-variant-${flag.key}`;
  const percentageId = `flag-percentage-${flag.key}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    setSaved(undefined);
    try {
      const share = Number(percentage);
      const rollout = other && share > 0 ? { variant: other, percentage: share } : null;
      const result = await flags.set(flag.key, { defaultVariant: variant, rollout });
      setSaved(`Saved: ${summary(result)}.`);
      onSaved();
    } catch (error) {
      setFailure(error as ApiError);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="flag-form" onSubmit={(event) => void submit(event)}>
      <div className="flag-field">
        <label htmlFor={variantId}>{other ? `Variant of ${flag.key} for everyone else` : `Variant of ${flag.key}`}</label>
        <select id={variantId} value={variant} onChange={(event) => setVariant(event.target.value)}>
          {flag.variants.map((v) => <option key={v.name} value={v.name}>{v.name}</option>)}
        </select>
      </div>
      {other && (
        <div className="flag-field">
          <label htmlFor={percentageId}>Users given {other} (%)</label>
          <input
            id={percentageId} type="number" min={0} max={100} step={1} required value={percentage}
            onChange={(event) => setPercentage(event.target.value)}
          />
        </div>
      )}
      <button type="submit" className="button" disabled={saving}>{saving ? 'Saving…' : `Save ${flag.key}`}</button>
      {saved && <p role="status" className="flag-saved">{saved}</p>}
      {failure && <ErrorPanel error={failure} compact />}
    </form>
  );
}
