import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { verdictOf, type Verdict } from './nginx/classify.js';
import { CORPUS, corpusNginxFiles, isSyntaxFinding, parseCorpusFile } from './nginx/corpus.js';
import { NGINX_KNOWN_DIFFERENCES } from './nginx/known-differences.js';
import { NGINX_SYNTAX_VERDICTS } from './nginx/syntax-verdicts.js';
import { nginxCommand, nginxVersion, runNginx, skipNginxOracle } from './nginx/run.js';

/**
 * The nginx oracle: Debian's nginx (`nginx -t`) on every nginx file of the shared corpus, in each
 * context the file could be written for, against our parser (docs/nginx-parser.md). A file nginx
 * refuses for a syntax reason must get our first syntax finding at the same file and line, with
 * nginx's message; any other file must get none. nginx is installed by
 * scripts/oracle-setup.sh; without it this test fails in CI and is skipped elsewhere.
 */

function describeVerdict(v: Verdict): string {
  if (v.kind === 'accepted') return `accepted (${v.context})`;
  const where = v.file ? ` at ${v.file}:${v.line}` : '';
  return `${v.kind === 'syntax' ? 'syntax' : 'refused'} (${v.context})${where}: ${v.message}`;
}

describe.skipIf(skipNginxOracle())('the nginx oracle: nginx -t on the shared corpus', () => {
  const command = nginxCommand();

  it('has nginx installed (scripts/oracle-setup.sh installs it)', () => {
    expect(command, 'nginx is not installed: run scripts/oracle-setup.sh (apt-get install nginx-core)').toBeDefined();
  });

  it('agrees with the parser on every corpus file', { timeout: 400_000 }, async () => {
    if (!command) throw new Error('nginx is not installed: run scripts/oracle-setup.sh');
    const files = corpusNginxFiles();
    expect(files.length).toBeGreaterThan(400);
    const started = performance.now();
    const answers = await runNginx(command, CORPUS, files.map((id) => ({ id, file: path.join(CORPUS, id) })));
    const nginxMs = performance.now() - started;

    const counts = new Map<string, number>();
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    const differences: string[] = [];
    const unexplained: string[] = [];
    const usedKnown = new Set<string>();
    const verdicts: string[] = [];
    const syntaxVerdicts: Record<string, string> = {};
    let stopped = 0;
    for (const id of files) {
      const verdict = verdictOf(id, answers.get(id)!);
      verdicts.push(`${id}: ${describeVerdict(verdict)}${verdict.kind === 'other' && !verdict.complete ? ' [stopped]' : ''}`);
      count(verdict.kind === 'other' ? `refused: ${verdict.reason}` : verdict.kind);
      if (verdict.kind === 'other' && !verdict.complete) stopped++;
      if (verdict.kind === 'syntax') syntaxVerdicts[id] = `${verdict.file}:${verdict.line}: ${verdict.message}`;
      const ours = parseCorpusFile(id).findings.find(isSyntaxFinding);
      const oursText = ours ? `${ours.file}:${ours.range.start.line}: ${ours.message}` : 'no syntax finding';
      let agree: boolean;
      if (verdict.kind === 'syntax') agree = ours !== undefined && ours.file === verdict.file && ours.range.start.line === verdict.line && ours.message === verdict.message;
      else agree = ours === undefined;
      if (agree) continue;
      const line = `${id}\n    nginx: ${describeVerdict(verdict)}\n    ours:  ${oursText}`;
      differences.push(line);
      const known = NGINX_KNOWN_DIFFERENCES[id];
      if (known && known.ours === oursText) usedKnown.add(id);
      else unexplained.push(line);
    }
    const stale = Object.keys(NGINX_KNOWN_DIFFERENCES).filter((id) => !usedKnown.has(id));

    const summary = [
      `nginx oracle: ${files.length} files, ${nginxVersion(command)}, ${Math.round(nginxMs)} ms`,
      ...[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k}: ${n}`),
      `  refused files nginx did not read to the end (an error in a file they include, or over 40 refused directives): ${stopped}`,
      `  known differences: ${usedKnown.size}`,
      `  unexplained differences: ${unexplained.length}`,
      `  stale known differences: ${stale.length}${stale.length ? ` (${stale.join(', ')})` : ''}`,
    ].join('\n');
    console.log(summary);
    writeReport(`${summary}\n\n${differences.join('\n')}\n\nAll verdicts:\n${verdicts.join('\n')}`);
    expect(syntaxVerdicts, 'the files nginx refuses for a syntax reason changed: review, then update test/oracle/nginx/syntax-verdicts.ts').toEqual(NGINX_SYNTAX_VERDICTS);
    expect(unexplained, 'differences between nginx and the parser (node_modules/.cache/escashop-oracle/nginx-report.txt)').toEqual([]);
    expect(stale, 'known differences that no longer occur: remove them from test/oracle/nginx/known-differences.ts').toEqual([]);
  });

  it('agrees with the parser on the probes: every ok-* accepted, every err-* refused for its syntax at our line', { timeout: 120_000 }, async () => {
    if (!command) throw new Error('nginx is not installed: run scripts/oracle-setup.sh');
    const ids = readdirSync(path.join(PROBES_BASE, 'probes')).sort().map((name) => `probes/${name}`);
    expect(ids.length).toBeGreaterThan(20);
    const answers = await runNginx(command, PROBES_BASE, ids.map((id) => ({ id, file: path.join(PROBES_BASE, id) })));
    const results = ids.map((id) => {
      const verdict = verdictOf(id, answers.get(id)!);
      const ours = parseCorpusFile(id, PROBES_BASE).findings.find(isSyntaxFinding);
      return `${id}: nginx ${verdict.kind === 'syntax' ? `${verdict.file}:${verdict.line}: ${verdict.message}` : 'no syntax error'} | ours ${ours ? `${ours.file}:${ours.range.start.line}: ${ours.message}` : 'no syntax error'}`;
    });
    const expected = results.map((r) => {
      const [id, rest] = r.split(': nginx ') as [string, string];
      const nginxSays = rest.split(' | ours ')[0]!;
      // Each probe says which it is; ours must be what nginx says.
      const kindOk = path.basename(id).startsWith('err-') ? nginxSays !== 'no syntax error' : nginxSays === 'no syntax error';
      return `${id}: nginx ${kindOk ? nginxSays : `(not what ${path.basename(id)} is for) ${nginxSays}`} | ours ${nginxSays}`;
    });
    expect(results).toEqual(expected);
  });
});

/** Small files written for the oracle: each grammar feature (`ok-*`) and each syntax error (`err-*`) the parser knows. */
const PROBES_BASE = path.join(import.meta.dirname, 'nginx');

function writeReport(text: string): void {
  const dir = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'escashop-oracle');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'nginx-report.txt'), `${text}\n`);
  } catch {
    // Read-only checkout: the test output lists the differences.
  }
}
