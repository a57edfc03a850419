import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { PACKAGE_ROOT } from '../src/package-info.js';

const registered = new Set(rules.map((r) => r.meta.id));
const page = readFileSync(path.join(PACKAGE_ROOT, 'docs/catalog-coverage.md'), 'utf8');
/** Rule ids named in backticks: `compose/no-sshd`. */
const named = new Set([...page.matchAll(/`((?:compose|nginx|redis|postgres|cross)\/[a-z0-9-]+)`/g)].map((m) => m[1]!));

describe('docs/catalog-coverage.md', () => {
  it('names only registered rules', () => {
    expect([...named].filter((id) => !registered.has(id))).toEqual([]);
  });

  it('names every rule, so a new rule has to say which catalog row it implements', () => {
    expect([...registered].filter((id) => !named.has(id))).toEqual([]);
  });

  it('accounts for all 98 numbered rows of the catalog, and each row is implemented by a rule or rejected', () => {
    const rows = page.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(rows.map((line) => Number(line.split('|')[1]))).toEqual(Array.from({ length: 98 }, (_, i) => i + 1));
    for (const row of rows) expect(row, row).toMatch(/\| `(?:compose|nginx|redis|postgres|cross)\/[a-z0-9-]+`|\*\*Rejected/);
  });
});
