import { statSync } from 'node:fs';
import { recorder } from '../cache/record.js';
import type { RuleMeta } from '../engine/meta.js';
import { oneLine, type RelatedLocation } from '../findings/finding.js';
import { comparePositions, type Origin } from '../parse/position.js';
import type { YScalar } from '../parse/tree.js';
import type { LoadContext } from './load.js';
import type { ModelProblem } from './project.js';
import { Text } from './text.js';

/**
 * Helpers shared by `extends` and `include`: both name other files, and both report a reference that
 * cannot be followed as a finding about the file that holds the reference.
 */

/** Reports a broken reference once per run, however many projects follow it. */
export function reportReference(context: LoadContext, meta: RuleMeta, origin: Origin, written: string, related: RelatedLocation[] = []): void {
  // The message quotes a path as written, which a block scalar spreads over lines.
  const message = oneLine(written);
  const findings = context.loader.findings;
  const same = findings.some(
    (f) =>
      f.ruleId === meta.id &&
      f.file === origin.file &&
      f.message === message &&
      f.range.start.line === origin.range.start.line &&
      f.range.start.column === origin.range.start.column,
  );
  if (!same) findings.push({ ruleId: meta.id, severity: 'error', message, file: origin.file, range: origin.range, related });
}

/** Where a scalar's text is written (inside the quotes, through `${VAR}`). */
export function originOfScalar(node: YScalar): Origin {
  return Text.of(node).origin;
}

/**
 * True when interpolating the scalar met a problem (an unset variable, a `:?` error, bad syntax): the
 * reference it names is then a consequence of a finding already made, and is not reported again.
 */
export function hasInterpolationProblem(context: LoadContext, node: YScalar): boolean {
  const { file, range } = node.origin;
  return context.problems.some(
    (p) => p.origin.file === file && comparePositions(p.origin.range.start, range.start) >= 0 && comparePositions(p.origin.range.end, range.end) <= 0,
  );
}

/** True for a regular file. */
export function isFile(absPath: string): boolean {
  recorder()?.stat(absPath);
  try {
    return statSync(absPath).isFile();
  } catch {
    return false;
  }
}

/**
 * A reference Compose fetches over the network (a Git repository, an OCI artifact, a URL). It is not
 * fetched: a lint must not depend on the network.
 */
export function isRemote(reference: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(reference) || reference.startsWith('git@');
}

/** The name a file is reported under (relative to the working directory); the file must have been read. */
export function fileName(context: LoadContext, absPath: string): string {
  return context.loader.text(absPath)?.name ?? absPath;
}

/** Drops problems reported twice (a file interpolated both as a project file and as an extended one). */
export function dedupeProblems(problems: ModelProblem[]): void {
  const seen = new Set<string>();
  let kept = 0;
  for (const problem of problems) {
    const { start, end } = problem.origin.range;
    const key = `${problem.kind}\0${problem.origin.file}\0${start.line}:${start.column}-${end.line}:${end.column}\0${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems[kept++] = problem;
  }
  problems.length = kept;
}
