import type { Finding } from '../findings/finding.js';

export interface FilterOptions {
  /** Keep errors only. */
  quiet?: boolean;
}

/** The last stage before reporting: decides which findings the user sees. */
export function filterFindings(findings: readonly Finding[], options: FilterOptions): Finding[] {
  return options.quiet ? findings.filter((f) => f.severity === 'error') : [...findings];
}

/** Baselines (`--baseline`, `--write-baseline`): see docs/baselines.md. */
export * from './baseline.js';
