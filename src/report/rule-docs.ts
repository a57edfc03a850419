import { ENVIRONMENTS, levelIn, type RuleMeta } from '../engine/meta.js';

/**
 * Markdown derived from rule metadata: the facts block at the top of each rule's README and the
 * rule table in README.md. `npm run gen` writes them; a test fails when they are stale.
 */

export function metaBlock(meta: RuleMeta): string {
  const levels = ENVIRONMENTS.map((env) => `${env}: **${levelIn(meta, env)}**`).join(' · ');
  const lines = [`> ${meta.description}.`, '', `| | |`, `|---|---|`, `| Severity | ${levels} |`, `| Tags | ${meta.tags.join(', ')} |`];
  if (meta.securitySeverity !== undefined) lines.push(`| Security severity | ${meta.securitySeverity.toFixed(1)} |`);
  const refs = referenceList(meta);
  if (refs.length > 0) lines.push(`| References | ${refs.join('; ')} |`);
  return lines.join('\n');
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
  const rows = metas.map((m) => `| [\`${m.id}\`](${m.docs}) | ${m.description} | ${ENVIRONMENTS.map((e) => levelIn(m, e)).join(' / ')} |`);
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
