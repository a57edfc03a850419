import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENVIRONMENTS, levelIn, type Environment, type Level, type RuleMeta } from '../engine/meta.js';

/**
 * Markdown derived from rule metadata: the facts block at the top of each rule's README and the
 * rule table in README.md. `npm run gen` writes them; a test fails when they are stale. The README
 * text that `--explain` prints and SARIF's rule help carries comes from here too (`ruleReadme`).
 */

/** The rule's level in each environment, in `ENVIRONMENTS` order. */
export function levels(meta: RuleMeta): Record<Environment, Level> {
  return Object.fromEntries(ENVIRONMENTS.map((env) => [env, levelIn(meta, env)])) as Record<Environment, Level>;
}

/** True when a rule's `docs` is a web address rather than a file (a policy's or a plugin rule's docs link). */
export function isDocsUrl(docs: string): boolean {
  return /^https?:\/\//i.test(docs);
}

/**
 * The rule's README without the generator's `<!-- … -->` markers, or undefined when the rule has no
 * docs file or it cannot be read. `meta.docs` is relative to `packageRoot` for a built-in rule, an
 * absolute path for a plugin's README; a web address or `''` has no file.
 */
export function ruleReadme(meta: RuleMeta, packageRoot: string): string | undefined {
  if (meta.docs === '' || isDocsUrl(meta.docs)) return undefined;
  let text: string;
  try {
    text = readFileSync(path.isAbsolute(meta.docs) ? meta.docs : path.join(packageRoot, meta.docs), 'utf8');
  } catch {
    return undefined;
  }
  return `${text
    .replace(/<!--[\s\S]*?-->[^\S\n]*\n?/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * The page `--explain` prints for a rule of the configuration without a README of its own (a policy,
 * a plugin rule with a docs link or none): its metadata, and where its documentation is.
 */
export function generatedPage(meta: RuleMeta): string {
  const more = isDocsUrl(meta.docs) ? `\n\nDocumentation: ${meta.docs}` : '';
  return `# ${meta.id}\n\n${metaBlock(meta)}${more}\n`;
}

export function metaBlock(meta: RuleMeta): string {
  const severity = Object.entries(levels(meta)).map(([env, level]) => `${env}: **${level}**`).join(' · ');
  const lines = [`> ${meta.description}.`, '', `| | |`, `|---|---|`, `| Severity | ${severity} |`, `| Tags | ${meta.tags.join(', ')} |`];
  if (meta.securitySeverity !== undefined) lines.push(`| Security severity | ${meta.securitySeverity.toFixed(1)} |`);
  if (meta.fixable) lines.push(`| Fixable | ${meta.fixable === 'fix' ? 'yes' : 'suggestion'} |`);
  const refs = referenceList(meta);
  if (refs.length > 0) lines.push(`| References | ${refs.join('; ')} |`);
  const options = optionRows(meta);
  if (options.length > 0) lines.push('', '| Option | Type | Default | Description |', '|---|---|---|---|', ...options);
  return lines.join('\n');
}

/** One table row per option of the rule (`meta.options`): name, type, default and description, from its schema. */
function optionRows(meta: RuleMeta): string[] {
  const properties = (meta.options?.schema.properties ?? {}) as Record<string, { type?: string; items?: { type?: string }; description?: string }>;
  return Object.entries(properties).map(([name, schema]) => {
    const type = schema.type === 'array' ? `${schema.items?.type ?? 'any'}[]` : (schema.type ?? 'any');
    const value = meta.options?.defaults[name];
    const cell = (text: string) => text.replaceAll('|', '\\|');
    return `| \`${name}\` | ${type} | ${value === undefined ? '—' : cell(`\`${JSON.stringify(value)}\``)} | ${cell(schema.description ?? '')} |`;
  });
}

export function referenceList(meta: RuleMeta): string[] {
  const r = meta.references ?? {};
  const out: string[] = [];
  if (r.cis?.length) out.push(`CIS Docker Benchmark ${r.cis.join(', ')}`);
  if (r.kics?.length) out.push(`KICS ${r.kics.map((id) => `\`${id}\``).join(', ')}`);
  if (r.semgrep?.length) out.push(`semgrep ${r.semgrep.map((id) => `\`${id}\``).join(', ')}`);
  if (r.cwe?.length) out.push(r.cwe.join(', '));
  if (r.urls?.length) out.push(...r.urls.map((u) => `<${u}>`));
  return out;
}

export function ruleTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => `| [\`${m.id}\`](${m.docs}) | ${m.description} | ${Object.values(levels(m)).join(' / ')} |`);
  return ['| Rule | What it checks | prod / dev / test |', '|---|---|---|', ...rows].join('\n');
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j === -1 || j < i) throw new Error(`missing ${start} … ${end} block`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}
