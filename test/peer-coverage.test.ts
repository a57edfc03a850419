import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { CORE_CHECKS } from '../src/findings/core.js';
import { PACKAGE_ROOT } from '../src/package-info.js';

const registered = new Set([...rules.map((r) => r.meta.id), ...CORE_CHECKS.map((c) => c.id)]);
const page = readFileSync(path.join(PACKAGE_ROOT, 'docs/peer-coverage.md'), 'utf8');
/** Check ids named in backticks: `compose/unique-host-ports`, `core/schema`. */
const named = [...page.matchAll(/`((?:compose|nginx|redis|postgres|cross|core)\/[a-z0-9-]+)`/g)].map((m) => m[1]!);

/** The body rows of each peer's table, by the heading above it. */
function tables(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let heading = '';
  for (const line of page.split('\n')) {
    if (line.startsWith('## ')) heading = line.slice(3).trim();
    else if (heading && /^\| /.test(line) && !/^\|\s*-/.test(line)) out.set(heading, [...(out.get(heading) ?? []), line]);
  }
  // Drop each table's header row.
  for (const [key, rows] of out) out.set(key, rows.slice(1));
  return out;
}

describe('docs/peer-coverage.md', () => {
  it('names only registered checks', () => {
    expect(named.length).toBeGreaterThan(0);
    expect([...new Set(named)].filter((id) => !registered.has(id))).toEqual([]);
  });

  it('has a table for each peer, each row covered by a check or rejected with a reason', () => {
    const byPeer = tables();
    expect([...byPeer.keys()]).toEqual([
      'DCLint',
      'compose-lint',
      'KICS (Docker Compose queries)',
      'semgrep-rules (yaml/docker-compose/security)',
      'CIS Docker Benchmark 5.x (and the compose-relevant 4.x items)',
      'gixy (nginx; the 8 plugins of yandex/gixy and the 5 only in the dvershinin fork)',
      'nginx-linter (npm, jhinch)',
      'semgrep-rules (generic/nginx/security)',
      'dev-sec nginx-baseline',
    ]);
    for (const rows of byPeer.values()) {
      for (const row of rows) {
        const covered = row.split('|')[2]!.trim();
        expect(covered, row).toMatch(/^`(?:compose|nginx|core)\/[a-z0-9-]+`|^rejected: \S.+/);
      }
    }
  });

  it('accounts for all 15 DCLint rules, 30 compose-lint ids, 22 KICS queries, 6 semgrep rules and CIS 5.1 to 5.32', () => {
    const byPeer = tables();
    const first = (heading: string) => byPeer.get(heading)!.map((row) => row.split('|')[1]!.trim());
    expect(first('DCLint')).toHaveLength(15);
    expect(first('compose-lint').map((cell) => cell.slice(0, 7))).toEqual(Array.from({ length: 30 }, (_, i) => `CL-${String(i + 1).padStart(4, '0')}`));
    expect(first('KICS (Docker Compose queries)')).toHaveLength(22);
    expect(first('semgrep-rules (yaml/docker-compose/security)')).toHaveLength(6);
    const cis = first('CIS Docker Benchmark 5.x (and the compose-relevant 4.x items)').map((cell) => cell.split(' ')[0]!);
    for (let i = 1; i <= 32; i++) expect(cis, `5.${i}`).toContain(`5.${i}`);
  });

  it('accounts for the 13 gixy plugins, 6 nginx-linter rules, 11 semgrep nginx rules and dev-sec nginx-01 to nginx-17 (there is no nginx-11)', () => {
    const byPeer = tables();
    const first = (heading: string) => byPeer.get(heading)!.map((row) => row.split('|')[1]!.trim());
    expect(first('gixy (nginx; the 8 plugins of yandex/gixy and the 5 only in the dvershinin fork)')).toHaveLength(13);
    expect(first('nginx-linter (npm, jhinch)')).toHaveLength(6);
    expect(first('semgrep-rules (generic/nginx/security)')).toHaveLength(11);
    const devsec = first('dev-sec nginx-baseline').map((cell) => cell.split(' ')[0]!);
    expect(devsec).toEqual(Array.from({ length: 17 }, (_, i) => `nginx-${String(i + 1).padStart(2, '0')}`).filter((id) => id !== 'nginx-11'));
  });
});
