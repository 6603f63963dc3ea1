/**
 * Lints OpenAPI documents with Spectral's `oas` ruleset and the OWASP API Security ruleset, as
 * `spectral lint` would with `extends: [spectral:oas, @stoplight/spectral-owasp-ruleset]`. Errors are
 * never accepted; a warning is accepted only when the reviewed list (tools/api-lint.allowed.json)
 * names it with its reason, and a listed entry that matches no warning any more is reported as stale.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import owaspModule from '@stoplight/spectral-owasp-ruleset';
import { repoRoot } from './services.js';

// Both are CommonJS: the parsers' named exports are not detected by Node, and the OWASP ruleset's
// default import is the module object, whose `default` is the ruleset.
const { Json } = parsers;
const owasp = ((owaspModule as { default?: unknown }).default ?? owaspModule) as typeof oas;

/** Spectral's severities: 0 error, 1 warning, 2 information, 3 hint. Only the first two are reported. */
export interface Finding {
  document: string;
  severity: 'error' | 'warning';
  rule: string;
  /** Where in the document, dotted: `paths./users/{id}.get.responses`. */
  path: string;
  message: string;
}

/** A warning accepted after review. `path` names one place; `pattern` (a regular expression) many. */
export interface AllowedWarning {
  rule: string;
  /** A document name (`identity`, `gateway`, `merged`…), several as `identity|catalog`, or `*` for every document. */
  document: string;
  path?: string;
  pattern?: string;
  reason: string;
}

export interface LintReport {
  findings: Finding[];
  errors: Finding[];
  /** Warnings no allowed entry matches. */
  unlisted: Finding[];
  /** Allowed entries that match no warning. */
  stale: AllowedWarning[];
}

export const ALLOWED_FILE = path.join(repoRoot, 'tools', 'api-lint.allowed.json');

export function readAllowed(file = ALLOWED_FILE): AllowedWarning[] {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as AllowedWarning[];
  for (const entry of entries) {
    if (!entry.rule || !entry.document || (entry.path ?? entry.pattern) === undefined || !entry.reason?.trim()) {
      throw new Error(`${file}: every entry needs rule, document, path or pattern, and a reason: ${JSON.stringify(entry)}`);
    }
  }
  return entries;
}

/** The documents of services behind the gateway (and npm start's flag store); `gateway` and `merged` are what clients reach. */
const INTERNAL = /^(identity|catalog|inventory|orders|payments|shipping|notifications|analytics|flags)$/;

/**
 * Errors whose premise does not hold where they are raised, reported as warnings instead (which must
 * then be in the reviewed list, like any warning). Each says why.
 */
export const DEMOTED: { rule: string; document: RegExp; path?: RegExp; why: string }[] = [
  {
    rule: 'owasp:api4:2023-rate-limit', document: INTERNAL,
    why: 'services are reached only through the gateway, which limits every client and sends the headers (the merged document says so)',
  },
  {
    rule: 'owasp:api8:2023-define-cors-origin', document: INTERNAL,
    why: 'browsers reach services only through the gateway, which alone answers CORS (the merged document says so)',
  },
  {
    rule: 'owasp:api4:2023-rate-limit', document: /^gateway$/, path: /^paths\.\/health/,
    why: "the gateway's probes are exempt from its rate limit, so that load balancers are never refused",
  },
  {
    rule: 'owasp:api5:2023-admin-security-unique', document: /.*/,
    why: 'admins are users whose bearer token carries the admin role: /admin routes ask for it as the other admin-only routes do (inventory, setting a role), not for another scheme',
  },
];

function createSpectral(): Spectral {
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [oas, owasp] } as Parameters<Spectral['setRuleset']>[0]);
  return spectral;
}

const demoted = (document: string, rule: string, path: string) =>
  DEMOTED.some((d) => d.rule === rule && d.document.test(document) && (!d.path || d.path.test(path)));

const dotted = (segments: readonly (string | number)[]): string => segments.join('.');

/** Errors and warnings of each document, in document order. */
export async function lintDocuments(documents: Map<string, Record<string, unknown>>): Promise<Finding[]> {
  const spectral = createSpectral();
  const findings: Finding[] = [];
  for (const [name, document] of documents) {
    const diagnostics: ISpectralDiagnostic[] = await spectral.run(new Document(JSON.stringify(document, null, 2), Json, `${name}.json`));
    for (const d of diagnostics) {
      if (d.severity > 1) continue;
      const [rule, path] = [String(d.code), dotted(d.path)];
      const severity = d.severity === 0 && !demoted(name, rule, path) ? 'error' : 'warning';
      findings.push({ document: name, severity, rule, path, message: d.message });
    }
  }
  return findings;
}

function matches(entry: AllowedWarning, finding: Finding): boolean {
  if (entry.rule !== finding.rule) return false;
  if (entry.document !== '*' && !new RegExp(`^(?:${entry.document})$`).test(finding.document)) return false;
  return entry.path !== undefined ? entry.path === finding.path : new RegExp(`^(?:${entry.pattern})$`).test(finding.path);
}

/** Sorts the findings into errors, warnings nobody reviewed, and reviewed entries that no longer apply. */
export function judge(findings: Finding[], allowed: AllowedWarning[]): LintReport {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const unlisted = warnings.filter((w) => !allowed.some((entry) => matches(entry, w)));
  const stale = allowed.filter((entry) => !warnings.some((w) => matches(entry, w)));
  return { findings, errors, unlisted, stale };
}

/** Per document: its counts, then each error and warning (`*` marks a reviewed one). */
export function formatReport(report: LintReport, names: string[], allowed: AllowedWarning[]): string {
  const lines: string[] = [];
  for (const name of names) {
    const own = report.findings.filter((f) => f.document === name);
    const errors = own.filter((f) => f.severity === 'error').length;
    lines.push(`${name}: ${errors} error(s), ${own.length - errors} warning(s)`);
    for (const f of own) {
      const listed = f.severity === 'warning' && allowed.some((entry) => matches(entry, f));
      lines.push(`  ${f.severity === 'error' ? 'error  ' : listed ? 'warning*' : 'warning'} ${f.rule}  ${f.path}  ${f.message}`);
    }
  }
  lines.push(`${report.errors.length} error(s), ${report.unlisted.length} unlisted warning(s), ${report.stale.length} stale allowed entr${report.stale.length === 1 ? 'y' : 'ies'}`);
  for (const entry of report.stale) lines.push(`  stale: ${entry.rule} ${entry.document} ${entry.path ?? entry.pattern}`);
  return lines.join('\n');
}
