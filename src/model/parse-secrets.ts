import type { Finding } from '../findings/finding.js';
import type { LineIndex, Range } from '../parse/position.js';
import { keyText, type YNode } from '../parse/tree.js';
import { secretName } from './secret-names.js';

/**
 * Secrets that a syntax or schema finding in a compose file would show in its code frame. No secret
 * rule reports them: after a syntax error the tree is a guess, and a value of the wrong shape
 * (`DB_PASSWORD: [s3cret]`) is no string for a rule to read. So each such finding masks the password
 * of a URL on its line and, when the tree is whole, the value of every secret-named key on that line
 * or holding the finding; after a syntax error, what follows a secret-named key on the line
 * (`DB_PASSWORD: …`, `- DB_PASSWORD=…`), to the end of the line. `index` is the parse's own line index of `text`.
 */
export function maskParseSecrets(findings: readonly Finding[], text: string, index: LineIndex, root: YNode | undefined): void {
  if (findings.length === 0) return;
  const lines = text.split('\n');
  const values = root ? secretValues(root) : [];
  for (const finding of findings) {
    const lineNo = finding.range.start.line;
    const start = index.offset({ line: lineNo, column: 1 });
    const line = lines[lineNo - 1] ?? '';
    const found = [...urlPasswords(line), ...(root ? [] : keyedValues(line))].map(([from, to]) => index.range(start + from, start + to));
    found.push(...values.filter((r) => r.start.line <= lineNo && r.end.line >= lineNo));
    if (found.length > 0) finding.redact = [...(finding.redact ?? []), ...found];
  }
}

/** `KEY: value`, `KEY=value`, `"KEY": value`: the key, and where its value starts. */
const KEYED = /(?:^|[\s{,[-])(["']?)([A-Za-z_][\w.-]*)\1[ \t]*[:=][ \t]*(?=\S)/g;
/** The password of a URL's user information. */
const URL_PASSWORD = /:\/\/[^\s/:@]*:([^\s/@]+)@/g;

/** Offsets (start, end) on a line of what follows each secret-named key, to the end of the line. */
function keyedValues(line: string): [number, number][] {
  const end = line.replace(/\r$/, '').length;
  return [...line.matchAll(KEYED)].filter((m) => secretName(m[2]!) && m.index + m[0].length < end).map((m) => [m.index + m[0].length, end]);
}

/** Offsets (start, end) on a line of each URL password. */
function urlPasswords(line: string): [number, number][] {
  return [...line.matchAll(URL_PASSWORD)].map((m) => {
    const from = m.index + m[0].length - 1 - m[1]!.length;
    return [from, from + m[1]!.length];
  });
}

/** The ranges of the values of every secret-named key in a tree. */
function secretValues(node: YNode): Range[] {
  if (node.kind === 'scalar') return [];
  if (node.kind === 'seq') return node.items.flatMap(secretValues);
  return node.entries.flatMap((e) => (secretName(keyText(e.key)) ? [e.value.origin.range] : secretValues(e.value)));
}
