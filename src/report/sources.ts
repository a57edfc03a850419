import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import type { Range } from '../parse/position.js';

/**
 * File text for code frames with every secret range of every finding in that file masked, also the
 * findings --quiet hides: a frame shows a whole line, and a secret on it may belong to another finding.
 */
export function maskedSources(findings: readonly Finding[], cwd: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(path.resolve(cwd, file), 'utf8');
      } catch {
        text = undefined;
      }
      const secrets = findings.filter((f) => f.file === file).flatMap((f) => f.redact ?? []);
      cache.set(file, text === undefined ? undefined : mask(text, secrets));
    }
    return cache.get(file);
  };
}

/** `text` with the characters of each range replaced by `*`; line breaks and columns stay where they were. */
export function mask(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text;
  const lines = text.split('\n');
  for (const r of ranges) {
    for (let n = r.start.line; n <= r.end.line; n++) {
      const line = lines[n - 1];
      if (line === undefined) break;
      const from = n === r.start.line ? r.start.column - 1 : 0;
      const to = n === r.end.line ? r.end.column - 1 : line.length;
      lines[n - 1] = line.slice(0, from) + line.slice(from, to).replace(/[^\r]/g, '*') + line.slice(to);
    }
  }
  return lines.join('\n');
}
