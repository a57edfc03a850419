import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Rule } from '../src/engine/rule.js';
import type { Finding } from '../src/findings/finding.js';
import { applyFixes } from '../src/fix/apply.js';
import type { Fix } from '../src/fix/types.js';
import { lint } from '../src/lint.js';
import { hostProject } from './host-project.js';

/**
 * Golden tests of a rule's fixes (`--fix`): a temporary project linted with one rule and fixes asked
 * for, every fix its findings carry applied (suggestions too) with `applyFixes`, and the files that
 * changed returned by relative name, for a test to compare with the exact text it expects.
 */

export interface FixOutcome {
  /** The texts the fixes changed, by name relative to the project folder (`/` separators). */
  readonly texts: Record<string, string>;
  /** The rule's findings of the first run, each with `fix` when it has one. */
  readonly findings: readonly Finding[];
  /** Each distinct fix once, as `kind: description`, in the order of the findings. */
  readonly fixes: readonly string[];
}

/** The distinct fixes of some findings, in their order (findings may share one fix). */
function fixesOf(findings: readonly Finding[]): Fix[] {
  return [...new Set(findings.flatMap((f) => (f.fix ? [f.fix] : [])))];
}

/** How the project is linted: as a directory (the default), or as the `-f` files given, in order. */
export interface FixOptions {
  readonly composeFiles?: readonly string[];
}

async function lintFixing(rule: Rule, dir: string, options: FixOptions): Promise<Finding[]> {
  const targets = options.composeFiles ? [{ files: options.composeFiles }] : [dir];
  const result = await lint(targets, { cwd: dir, rules: [rule], useConfig: false, fix: true });
  expect(result.findings.filter((f) => f.ruleId !== rule.meta.id && f.ruleId !== 'core/overlay').map((f) => `${f.file} ${f.ruleId} ${f.message}`), 'the project must lint cleanly but for the rule').toEqual([]);
  return result.findings.filter((f) => f.ruleId === rule.meta.id);
}

/**
 * Lints `files` (relative path → text) with `rule` and `fix`, applies every fix, and checks the result:
 * no conflict, no unsafe fix, and a second run on the fixed files in which no finding carries a fix
 * (what the first run fixed stays fixed: `--fix` is idempotent).
 */
export async function fixProject(rule: Rule, files: Record<string, string>, options: FixOptions = {}): Promise<FixOutcome> {
  const dir = hostProject({ files });
  const findings = await lintFixing(rule, dir, options);
  const fixes = fixesOf(findings);
  // A rule whose fixes apply by default may offer a suggestion where a fix would not be safe (a secret moved for an app's own image); never the other way.
  expect(fixes.map((fix) => fix.kind).filter((kind) => kind !== rule.meta.fixable && !(kind === 'suggestion' && rule.meta.fixable === 'fix')), 'each fix is of the kind meta.fixable says').toEqual([]);
  const before = new Map(Object.keys(files).map((rel) => [path.join(dir, rel), readFileSync(path.join(dir, rel), 'utf8')]));
  const applied = applyFixes(before, fixes);
  expect(applied.conflicts.map((c) => c.why), 'fixes of one rule must not conflict').toEqual([]);
  expect(applied.unsafe.map((u) => u.why), 'no fix may be unsafe').toEqual([]);
  const texts: Record<string, string> = {};
  for (const [file, text] of applied.texts) {
    if (before.get(file) === text) continue;
    writeFileSync(file, text);
    texts[path.relative(dir, file).split(path.sep).join('/')] = text;
  }
  const again = await lintFixing(rule, dir, options);
  expect(again.filter((f) => f.fix).map((f) => `${f.file} ${f.range.start.line}:${f.range.start.column} ${f.message}`), 'a second run has nothing left to fix').toEqual([]);
  return { texts, findings, fixes: fixes.map((fix) => `${fix.kind}: ${fix.description}`) };
}

/** The new text of the one file `files` holds under `name`, after `fixProject`; fails when other files changed. */
export async function fixFile(rule: Rule, files: Record<string, string>, name = 'compose.yaml'): Promise<string | undefined> {
  const { texts } = await fixProject(rule, files);
  expect(Object.keys(texts).filter((file) => file !== name), `only ${name} changes`).toEqual([]);
  return texts[name];
}
