import type { Environment, Level, RuleMeta } from '../engine/meta.js';
import path from 'node:path';
import { generatedPage, isDocsUrl, levels, ruleReadme } from './rule-docs.js';
import { stylizer } from './style.js';

/**
 * What `--list-rules` and `--explain` print: rule metadata as a table, as JSON (an array of rule
 * objects; docs/json-format.md documents it and schemas/rules.schema.json describes it), and a
 * rule's README. Levels come from `levels()` and the README from `ruleReadme()` in rule-docs.ts, as
 * for the generated docs and the SARIF rule descriptors.
 */

export interface JsonRule {
  id: string;
  /** `core` for the checks the pipeline makes itself, `rule` for a rule (built-in, a policy or a plugin's). */
  kind: 'core' | 'rule';
  description: string;
  severity: RuleMeta['severity'];
  environments: Record<Environment, Level>;
  tags: string[];
  securitySeverity: number | null;
  references: { cis: string[]; kics: string[]; semgrep: string[]; cwe: string[]; urls: string[] };
  docs: string;
  /** The rule's options (their JSON Schema and defaults); absent for a rule without options. */
  options?: { schema: Record<string, unknown>; defaults: Record<string, unknown> };
}

export function jsonRule(meta: RuleMeta, core: boolean): JsonRule {
  const r = meta.references ?? {};
  return {
    id: meta.id,
    kind: core ? 'core' : 'rule',
    description: meta.description,
    severity: meta.severity,
    environments: levels(meta),
    tags: [...meta.tags],
    securitySeverity: meta.securitySeverity ?? null,
    references: { cis: r.cis ?? [], kics: r.kics ?? [], semgrep: r.semgrep ?? [], cwe: r.cwe ?? [], urls: r.urls ?? [] },
    docs: meta.docs,
    ...(meta.options ? { options: { schema: meta.options.schema, defaults: meta.options.defaults } } : {}),
  };
}

export interface RuleSet {
  core: readonly RuleMeta[];
  rules: readonly RuleMeta[];
}

/** Every check as a JSON array, indented by two spaces, ending with a newline. */
export function formatRuleListJson(set: RuleSet): string {
  const list = [...set.core.map((m) => jsonRule(m, true)), ...set.rules.map((m) => jsonRule(m, false))];
  return `${JSON.stringify(list, null, 2)}\n`;
}

const LEVEL_STYLE = { error: 'red', warning: 'yellow', info: 'blue', off: 'dim' } as const;

/** Every check as an aligned table: id, the level in prod, dev and test, tags, description. */
export function formatRuleListText(set: RuleSet, color: boolean): string {
  const style = stylizer(color);
  const metas = [...set.core, ...set.rules];
  const rows = metas.map((m) => {
    const l = levels(m);
    return { id: m.id, prod: l.prod, dev: l.dev, test: l.test, tags: m.tags.join(', '), description: m.description };
  });
  const header = { id: 'Rule', prod: 'prod', dev: 'dev', test: 'test', tags: 'Tags', description: 'Description' };
  const width = (key: keyof typeof header) => Math.max(header[key].length, ...rows.map((r) => r[key].length));
  const w = { id: width('id'), prod: width('prod'), dev: width('dev'), test: width('test'), tags: width('tags') };
  const out = [style('bold', `${header.id.padEnd(w.id)}  ${header.prod.padEnd(w.prod)}  ${header.dev.padEnd(w.dev)}  ${header.test.padEnd(w.test)}  ${header.tags.padEnd(w.tags)}  ${header.description}`)];
  for (const r of rows) {
    const level = (env: Environment) => style(LEVEL_STYLE[r[env]], r[env].padEnd(w[env]));
    out.push(`${r.id.padEnd(w.id)}  ${level('prod')}  ${level('dev')}  ${level('test')}  ${r.tags.padEnd(w.tags)}  ${r.description}`);
  }
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push('', `${count(set.rules.length, 'rule')} and ${count(set.core.length, 'core check')}. Run escashop-lint --explain <rule-id> for a rule's documentation.`);
  return out.map((line) => line.trimEnd()).join('\n') + '\n';
}

/**
 * The rule's README as markdown. With color, headings (outside code fences) are bold; nothing else
 * is rendered. Undefined when the README cannot be read.
 */
export function formatExplain(meta: RuleMeta, packageRoot: string, color: boolean): string | undefined {
  // A built-in rule's docs are a path in the package; a rule the configuration defines may have none.
  const custom = meta.docs === '' || isDocsUrl(meta.docs) || path.isAbsolute(meta.docs);
  const readme = ruleReadme(meta, packageRoot) ?? (custom ? generatedPage(meta) : undefined);
  if (readme === undefined || !color) return readme;
  const style = stylizer(true);
  let fence = false;
  return readme
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      return !fence && /^#{1,6} /.test(line) ? style('bold', line) : line;
    })
    .join('\n');
}
