import { CORE_UNUSED_DIRECTIVE } from '../findings/core.js';
import { compareFindings, SEVERITIES, type Finding } from '../findings/finding.js';
import { findingKey, type LintResult } from '../lint.js';

/**
 * One result from the results of the shares of a run (`./plan.ts`), the same as a single `lint()`
 * call over all the targets would give, or the reason it cannot be told apart from the shares'
 * results (then the run is linted again in one call).
 *
 * A single call reports each finding once, at the highest severity any project gives it, and its
 * findings are the union of its projects' findings; a file that projects of two shares read (an
 * included `../common.yml`) gets from each share the findings of that share's projects. So:
 * - a finding (by rule, file, range and message) found by one share is taken as it is; found by
 *   several, it is taken once, at the highest severity. Where shares found it with different details
 *   (related locations) at that severity, a single call would keep the one of the project it linted
 *   first, which the shares cannot tell: a conflict. Suppressed findings are merged the same way.
 * - an unused directive (`core/unused-directive`) is unused in the single call only if no share's
 *   finding used it: a directive that one share that read its file reports unused and another does
 *   not is a conflict.
 * - findings are sorted as a single call sorts them (`compareFindings`, stable): those that sort
 *   equal keep the order of their share, and two that sort equal from different shares, whose order
 *   in a single call depends on the order it linted their projects in, are a conflict. Only the files
 *   that several shares read are merged finding by finding; the others keep their share's findings.
 * - `files` lists every file of every share once: the shares' lists in share order, each file where
 *   it first appears (a single call lists the files in the order it first read them).
 */
export type Merged = { result: LintResult } | { conflict: string };

export function mergeResults(results: readonly LintResult[]): Merged {
  if (results.length === 1) return { result: results[0]! };
  const readers = fileReaders(results);
  // Each file's findings, sorted: as the one share that read it found them, or merged.
  const byFile = new Map<string, Finding[][]>();
  results.forEach((result, share) => {
    for (const { file, findings } of result.files) {
      let perShare = byFile.get(file);
      if (!perShare) byFile.set(file, (perShare = results.map(() => [])));
      perShare[share] = findings;
    }
  });
  const files = new Map<string, Finding[]>();
  const shared: Found<Finding>[] = [];
  for (const [file, perShare] of byFile) {
    if (readers.get(file)!.size === 1) {
      files.set(file, perShare.find((findings) => findings.length > 0) ?? []);
      continue;
    }
    const merged = mergeLists(perShare, (f) => f);
    if ('conflict' in merged) return merged;
    shared.push(...merged.merged);
    files.set(file, merged.merged.map((m) => m.item));
  }
  const unused = unusedConflict(shared, readers);
  if (unused) return { conflict: unused };
  const suppressed = mergeLists(results.map((r) => r.suppressed ?? []), (s) => s.finding);
  if ('conflict' in suppressed) return suppressed;
  const both = suppressed.merged.find(({ item: { finding } }) => files.get(finding.file)?.some((f) => findingKey(f) === findingKey(finding)));
  if (both) return { conflict: `${describe(both.item.finding)} is suppressed in one share and not in another` };
  // Findings sort by file first: each file's sorted findings, files in name order.
  const names = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    result: {
      files: [...files].map(([file, findings]) => ({ file, findings })),
      findings: names.flatMap((name) => files.get(name)!),
      suppressed: suppressed.merged.map((m) => m.item),
      ...customRules(results),
    },
  };
}

/** The configuration's own rules any share ran, each once, in id order. */
function customRules(results: readonly LintResult[]): Pick<LintResult, 'rules'> {
  const byId = new Map(results.flatMap((r) => r.rules ?? []).map((meta) => [meta.id, meta]));
  return byId.size === 0 ? {} : { rules: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/** An item of the merged list, with the shares that found it. */
interface Found<T> {
  item: T;
  shares: number[];
}

/**
 * The shares' lists as one, each item once (see `mergeResults`), sorted by `compareFindings` on
 * `finding(item)`; or a conflict.
 */
function mergeLists<T>(lists: readonly (readonly T[])[], finding: (item: T) => Finding): { merged: Found<T>[] } | { conflict: string } {
  // Per key, each share's items with that key, in share order.
  const byKey = new Map<string, { share: number; items: T[] }[]>();
  lists.forEach((list, share) => {
    for (const item of list) {
      const key = findingKey(finding(item));
      let found = byKey.get(key);
      if (!found) byKey.set(key, (found = []));
      const last = found[found.length - 1];
      if (last?.share === share) last.items.push(item);
      else found.push({ share, items: [item] });
    }
  });
  const merged: Found<T>[] = [];
  for (const found of byKey.values()) {
    const shares = found.map((f) => f.share);
    const chosen = choose(found.map((f) => f.items), finding);
    if (chosen === undefined) return { conflict: `${describe(finding(found[0]!.items[0]!))} differs between shares` };
    merged.push(...chosen.map((item) => ({ item, shares })));
  }
  // The keys came share by share, each share's in its sorted order; the sort is stable, so items
  // that sort equal stay in the order of their share, and of the shares.
  merged.sort((a, b) => compareFindings(finding(a.item), finding(b.item)));
  for (let i = 1; i < merged.length; i++) {
    const [a, b] = [merged[i - 1]!, merged[i]!];
    if (compareFindings(finding(a.item), finding(b.item)) !== 0 || (a.shares.length === 1 && b.shares.length === 1 && a.shares[0] === b.shares[0])) continue;
    if (JSON.stringify(a.item) !== JSON.stringify(b.item)) return { conflict: `${describe(finding(b.item))} sorts equal to another finding of another share` };
  }
  return { merged };
}

/**
 * The items to keep of one key, given each share's items with it: all of them when every share
 * found the same; else the one at the highest severity, when each share found one and those at that
 * severity are alike. Undefined when the shares disagree otherwise.
 */
function choose<T>(perShare: readonly T[][], finding: (item: T) => Finding): T[] | undefined {
  if (perShare.length === 1) return perShare[0];
  const texts = perShare.map((items) => JSON.stringify(items));
  if (texts.every((text) => text === texts[0])) return perShare[0];
  if (perShare.some((items) => items.length !== 1)) return undefined;
  const rank = (items: T[]) => SEVERITIES.indexOf(finding(items[0]!).severity);
  const best = Math.min(...perShare.map(rank));
  const top = perShare.filter((items) => rank(items) === best);
  return top.every((items) => JSON.stringify(items) === JSON.stringify(top[0])) ? top[0] : undefined;
}

/** Each file a share read (it lists it, or holds a suppressed finding in it), with the shares that read it. */
function fileReaders(results: readonly LintResult[]): Map<string, Set<number>> {
  const readers = new Map<string, Set<number>>();
  const add = (file: string, share: number) => {
    const shares = readers.get(file);
    if (shares) shares.add(share);
    else readers.set(file, new Set([share]));
  };
  results.forEach((result, share) => {
    for (const { file } of result.files) add(file, share);
    for (const { finding } of result.suppressed ?? []) add(finding.file, share);
  });
  return readers;
}

/** Why an unused directive may be used in a single call: some share that read its file did not report it. */
function unusedConflict(merged: readonly Found<Finding>[], readers: ReadonlyMap<string, ReadonlySet<number>>): string | undefined {
  for (const { item, shares } of merged) {
    if (item.ruleId !== CORE_UNUSED_DIRECTIVE.id) continue;
    const read = readers.get(item.file);
    if (read && [...read].some((share) => !shares.includes(share))) return `${describe(item)}: the directive is used in one share and not in another`;
  }
  return undefined;
}

function describe(f: Finding): string {
  return `${f.ruleId} at ${f.file}:${f.range.start.line}:${f.range.start.column}`;
}
