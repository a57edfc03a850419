import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { applyBaseline, BaselineError, createBaseline, fingerprintFindings, formatBaseline, parseBaseline, readBaseline, sourceTextReader, writeBaseline, type FingerprintOptions } from '../../src/filter/baseline.js';
import { lint } from '../../src/lint.js';
import type { Range } from '../../src/parse/position.js';
import { tempProject } from '../cli/run.js';

const COMPOSE = `services:
  api:
    image: example/api:latest
    env_file: .env
`;
const ENV = 'FOO=1\nnot a line\nnot a line\n';

/** A finding of `ruleId` at line:column-endColumn of `file`. */
function at(file: string, line: number, column: number, endColumn: number, message = 'a problem', ruleId = 'compose/test'): Finding {
  return { ruleId, severity: 'warning', message, file, range: range(line, column, endColumn), related: [] };
}

function range(line: number, column: number, endColumn: number): Range {
  return { start: { line, column }, end: { line, column: endColumn } };
}

/** Options over in-memory texts, with findings' names relative to /p and the baseline in /p. */
function inMemory(texts: Record<string, string>, baseDir = '/p'): FingerprintOptions {
  return { cwd: '/p', baseDir, readText: (file) => texts[file] };
}

async function lintDir(dir: string) {
  const result = await lint([dir], { cwd: dir, useConfig: false });
  return { findings: result.findings, options: { cwd: dir, baseDir: dir, readText: sourceTextReader(dir) } };
}

describe('fingerprints', () => {
  test('do not change when lines are inserted above the finding', () => {
    const before = 'services:\n  api:\n    user: root\n';
    const after = `# one\n# two\n# three\n# four\n# five\n${before}`;
    const [a] = fingerprintFindings([at('compose.yml', 3, 11, 15)], inMemory({ 'compose.yml': before }));
    const [b] = fingerprintFindings([at('compose.yml', 8, 11, 15)], inMemory({ 'compose.yml': after }));
    expect(a).toMatch(/^[0-9a-f]{32}:1$/);
    expect(b).toBe(a);
  });

  test('change with the finding text, the rule, the file or the message', () => {
    const texts = { 'compose.yml': 'user: root\nuser: toor\n', 'other.yml': 'user: root\n' };
    const options = inMemory(texts);
    const [base, text, rule, file, message] = fingerprintFindings(
      [at('compose.yml', 1, 7, 11), at('compose.yml', 2, 7, 11), at('compose.yml', 1, 7, 11, 'a problem', 'compose/other'), at('other.yml', 1, 7, 11), at('compose.yml', 1, 7, 11, 'another problem')],
      options,
    );
    expect(new Set([base, text, rule, file, message]).size).toBe(5);
  });

  test('collapse whitespace in the finding text', () => {
    const [a] = fingerprintFindings([at('f.yml', 1, 1, 14)], inMemory({ 'f.yml': 'command: a  b\n' }));
    const [b] = fingerprintFindings([at('f.yml', 1, 1, 17)], inMemory({ 'f.yml': 'command:   a \t b\n' }));
    expect(b).toBe(a);
  });

  test('number equal findings in a file by position', () => {
    const text = 'x: 1\nx: 1\nx: 1\n';
    const findings = [at('f.yml', 3, 1, 5), at('f.yml', 1, 1, 5), at('f.yml', 2, 1, 5)];
    const [third, first, second] = fingerprintFindings(findings, inMemory({ 'f.yml': text }));
    const key = first!.slice(0, 32);
    expect([first, second, third]).toEqual([`${key}:1`, `${key}:2`, `${key}:3`]);
  });

  test('mask secret ranges before hashing: a changed secret is the same finding', () => {
    const secret = (value: string): Finding => ({ ...at('f.yml', 1, 13, 13 + value.length), redact: [range(1, 13, 13 + value.length)] });
    const [a] = fingerprintFindings([secret('hunter2')], inMemory({ 'f.yml': 'JWT_SECRET: hunter2\n' }));
    const [b] = fingerprintFindings([secret('correct-horse-battery')], inMemory({ 'f.yml': 'JWT_SECRET: correct-horse-battery\n' }));
    expect(b).toBe(a);
  });

  test("mask another finding's secret inside the finding's range", () => {
    const line = (value: string) => `DATABASE_URL: postgres://app:${value}@db/app\n`;
    const findingsFor = (value: string): Finding[] => [
      at('f.yml', 1, 15, 40 + value.length),
      { ...at('f.yml', 1, 30, 30 + value.length, 'secret'), redact: [range(1, 30, 30 + value.length)] },
    ];
    const [a] = fingerprintFindings(findingsFor('s3cret'), inMemory({ 'f.yml': line('s3cret') }));
    const [b] = fingerprintFindings(findingsFor('other-secret'), inMemory({ 'f.yml': line('other-secret') }));
    expect(b).toBe(a);
  });

  test("mask the secrets of findings that are not reported (suppressed ones) too", () => {
    const line = (value: string) => `DATABASE_URL: postgres://app:${value}@db/app\n`;
    const hidden = (value: string): Finding => ({ ...at('f.yml', 1, 30, 30 + value.length, 'secret'), redact: [range(1, 30, 30 + value.length)] });
    const fingerprint = (value: string, masked: boolean) =>
      fingerprintFindings([at('f.yml', 1, 15, 40 + value.length)], { ...inMemory({ 'f.yml': line(value) }), ...(masked ? { unreported: [hidden(value)] } : {}) })[0];
    expect(fingerprint('s3cret', true)).toBe(fingerprint('other-secret', true));
    expect(fingerprint('s3cret', false)).not.toBe(fingerprint('other-secret', false));
  });

  test('leave line numbers and file positions in messages out', () => {
    const texts = { 'f.conf': 'a\na\n' };
    const [a, b] = fingerprintFindings([at('f.conf', 1, 1, 2, 'duplicate of line 12 (f.conf:12:3)'), at('f.conf', 2, 1, 2, 'duplicate of line 17 (f.conf:17:3)')], inMemory(texts));
    expect(b!.slice(0, 32)).toBe(a!.slice(0, 32));
    const [c, d] = fingerprintFindings([at('f.conf', 1, 1, 2, 'listens on 0.0.0.0:9229'), at('f.conf', 2, 1, 2, 'listens on 0.0.0.0:9230')], inMemory({ 'f.conf': 'a\na\n' }));
    expect(d!.slice(0, 32)).not.toBe(c!.slice(0, 32));
  });

  test('name files relative to the baseline folder, also in messages, whatever the working directory', () => {
    const text = 'FOO=1\n';
    const fromRoot = fingerprintFindings([at('deploy/.env', 1, 1, 4, 'env file "deploy/.env" sets FOO')], { cwd: '/p', baseDir: '/p/deploy', readText: () => text });
    const fromDeploy = fingerprintFindings([at('.env', 1, 1, 4, 'env file ".env" sets FOO')], { cwd: '/p/deploy', baseDir: '/p/deploy', readText: () => text });
    expect(fromRoot).toEqual(fromDeploy);
    const bare = (cwd: string, message: string) => fingerprintFindings([at(cwd === '/p' ? 'deploy/.env' : '.env', 1, 1, 4, message)], { cwd, baseDir: '/p/deploy', readText: () => text })[0];
    expect(bare('/p', 'deploy/.env: FOO, see deploy/.env.')).toBe(bare('/p/deploy', '.env: FOO, see .env.'));
    expect(bare('/p', 'not deploy/.env.local')).not.toBe(bare('/p/deploy', 'not .env.local'));
    const baseline = createBaseline([at('deploy/.env', 1, 1, 4)], { cwd: '/p', baseDir: '/p/deploy', readText: () => text });
    expect(baseline.findings[0]!.file).toBe('.env');
  });

  test('an unreadable file hashes as empty text', () => {
    const [a] = fingerprintFindings([at('gone.yml', 4, 1, 9)], inMemory({}));
    const [b] = fingerprintFindings([at('gone.yml', 1, 1, 1)], inMemory({ 'gone.yml': '' }));
    expect(a).toBe(b);
  });
});

describe('applyBaseline', () => {
  const texts = { 'f.yml': 'x: 1\nx: 1\ny: 2\n' };
  const options = inMemory(texts);
  const x1 = at('f.yml', 1, 1, 5);
  const x2 = at('f.yml', 2, 1, 5);
  const y = at('f.yml', 3, 1, 5, 'other');
  const baseline = createBaseline([x1, x2, y], options);

  test('reports nothing for the findings it was written from', () => {
    const match = applyBaseline([x1, x2, y], baseline, options);
    expect(match.findings).toEqual([]);
    expect(match.baselined).toEqual([x1, x2, y]);
    expect(match.stale).toEqual([]);
    expect(formatBaseline(match.pruned)).toBe(formatBaseline(baseline));
  });

  test('uses entries up: a third equal finding is new', () => {
    const texts3 = { 'f.yml': 'x: 1\nx: 1\ny: 2\nx: 1\n' };
    const x3 = at('f.yml', 4, 1, 5);
    const match = applyBaseline([x1, x2, y, x3], baseline, inMemory(texts3));
    expect(match.findings).toEqual([x3]);
    expect(match.stale).toEqual([]);
  });

  test('leaves one entry stale when one of two equal findings is fixed', () => {
    const fixed = { 'f.yml': 'x: 1\ny: 2\n' };
    const match = applyBaseline([x1, at('f.yml', 2, 1, 5, 'other')], baseline, inMemory(fixed));
    expect(match.findings).toEqual([]);
    expect(match.stale.map((e) => [e.file, e.line, e.fingerprint.slice(33)])).toEqual([['f.yml', 2, '2']]);
    expect(match.pruned.findings.map((e) => [e.line, e.message])).toEqual([
      [1, 'a problem'],
      [2, 'other'],
    ]);
  });
});

describe('the baseline file', () => {
  const findings = [at('b.yml', 2, 1, 2, 'second'), at('a.yml', 1, 1, 2, 'first', 'compose/z'), at('a.yml', 1, 1, 2, 'first', 'compose/a')];
  const options = inMemory({ 'a.yml': 'a\n', 'b.yml': 'x\ny\n' });

  test('is sorted JSON that does not depend on the order of the findings', () => {
    const text = formatBaseline(createBaseline(findings, options));
    expect(formatBaseline(createBaseline([...findings].reverse(), options))).toBe(text);
    const data = JSON.parse(text) as { version: number; tool: string; findings: { ruleId: string; file: string; line: number }[] };
    expect(Object.keys(data)).toEqual(['version', 'tool', 'findings']);
    expect(data.version).toBe(1);
    expect(data.tool).toBe('escashop-lint');
    expect(data.findings.map((e) => [e.file, e.line, e.ruleId])).toEqual([
      ['a.yml', 1, 'compose/a'],
      ['a.yml', 1, 'compose/z'],
      ['b.yml', 2, 'compose/test'],
    ]);
    expect(Object.keys(data.findings[0]!)).toEqual(['ruleId', 'file', 'line', 'message', 'fingerprint']);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('reads back as it was written', () => {
    const baseline = createBaseline(findings, options);
    expect(parseBaseline(formatBaseline(baseline), 'b.json')).toEqual(baseline);
  });

  const problem = (text: string) => {
    try {
      parseBaseline(text, 'baseline.json');
    } catch (error) {
      expect(error).toBeInstanceOf(BaselineError);
      return (error as Error).message;
    }
    throw new Error('no error');
  };

  test('that is not JSON is refused at the line and column', () => {
    expect(problem('{\n  "version": 1,\n  "tool": "escashop-lint",\n}\n')).toBe("baseline.json:4:1: not valid JSON: expected double-quoted property name");
    expect(problem('{\n  "version": 1,\n  "findings": [\n')).toBe('baseline.json:4:1: not valid JSON: unexpected end of JSON input');
    expect(problem('{\n  "version": tru\n}\n')).toBe('baseline.json:2:14: not valid JSON: unexpected token');
  });

  test('of another version is refused', () => {
    expect(problem('{\n  "version": 2,\n  "tool": "escashop-lint",\n  "findings": []\n}\n')).toBe(
      'baseline.json:2:14: baseline is version 2; this escashop-lint reads version 1 (rewrite it with --write-baseline)',
    );
    expect(problem('{"tool": "escashop-lint", "findings": []}')).toBe('baseline.json:1:1: baseline has no "version"; this escashop-lint reads version 1 (rewrite it with --write-baseline)');
  });

  test('that breaks the schema is refused at the offending key', () => {
    const entry = '{"ruleId": "compose/x", "file": "a.yml", "line": 1, "message": "m", "fingerprint": "0123456789abcdef0123456789abcdef:1"}';
    expect(problem(`{"version": 1, "tool": "escashop-lint", "findings": [\n  ${entry.replace('"line": 1', '"line": "1"')}\n]}`)).toBe('baseline.json:2:52: "findings.0.line" must be a whole number');
    expect(problem(`{"version": 1, "tool": "escashop-lint", "findings": [\n  ${entry.replace(':1"}', '"}')}\n]}`)).toMatch(/^baseline\.json:2:86: "findings\.0\.fingerprint" is not a fingerprint escashop-lint writes/);
    expect(problem('{"version": 1, "tool": "escashop-lint", "findings": [], "extra": true}')).toBe('baseline.json:1:57: the baseline has an unknown key "extra"');
    expect(problem('{"version": 1, "tool": "escashop-lint"}')).toBe('baseline.json:1:1: the baseline lacks "findings"');
    expect(problem('[]')).toBe('baseline.json:1:1: the baseline must be an object');
    expect(problem(`{"version": 1, "tool": "escashop-lint", "findings": [${entry.replace('"line": 1', '"line": 0')}]}`)).toBe('baseline.json:1:103: "findings.0.line" must be at least 1');
    expect(problem(`{"version": 1, "tool": "escashop-lint", "findings": [${entry.replace('"a.yml"', '""')}]}`)).toBe('baseline.json:1:86: "findings.0.file" must not be empty');
  });

  test('that is missing says how to create it', () => {
    const dir = tempProject({});
    expect(() => readBaseline('baseline.json', dir)).toThrow(new BaselineError('baseline.json: baseline file not found; create it with --write-baseline baseline.json'));
  });

  test('that cannot be written names the reason', () => {
    const dir = tempProject({});
    expect(() => writeBaseline('missing/baseline.json', createBaseline([], inMemory({})), dir)).toThrow(
      new BaselineError('missing/baseline.json: cannot write the baseline: its folder does not exist'),
    );
  });

  test('that is binary is refused at the byte', () => {
    const dir = tempProject({ 'baseline.json': new Uint8Array([0x7b, 0x0a, 0x00, 0x7d]) });
    expect(() => readBaseline('baseline.json', dir)).toThrow(new BaselineError('baseline.json:2:1: binary file (NUL byte at offset 2), not a text file'));
  });
});

describe('on a linted project', () => {
  test('nothing is new after lines are inserted at the top; a changed line is new and its entry stale', async () => {
    const dir = tempProject({ 'compose.yml': COMPOSE, '.env': ENV });
    const first = await lintDir(dir);
    const pinned = first.findings.find((f) => f.ruleId === 'compose/image-pinned');
    expect(pinned?.range).toEqual({ start: { line: 3, column: 24 }, end: { line: 3, column: 30 } });
    const baseline = createBaseline(first.findings, first.options);
    expect(baseline.findings).toHaveLength(first.findings.length);

    writeFileSync(path.join(dir, 'compose.yml'), `# 1\n# 2\n# 3\n# 4\n# 5\n${COMPOSE}`);
    const moved = await lintDir(dir);
    expect(moved.findings.find((f) => f.ruleId === 'compose/image-pinned')?.range.start).toEqual({ line: 8, column: 24 });
    const match = applyBaseline(moved.findings, baseline, moved.options);
    expect(match.findings).toEqual([]);
    expect(match.stale).toEqual([]);

    writeFileSync(path.join(dir, 'compose.yml'), COMPOSE.replace('example/api:latest', 'example/web:latest'));
    const changed = await lintDir(dir);
    const after = applyBaseline(changed.findings, baseline, changed.options);
    expect(after.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.column])).toEqual([['compose/image-pinned', 3, 24]]);
    expect(after.stale.map((e) => [e.ruleId, e.file, e.line])).toEqual([['compose/image-pinned', 'compose.yml', 3]]);
  });

  test('two identical lines are two entries', async () => {
    const dir = tempProject({ 'compose.yml': COMPOSE, '.env': ENV });
    const { findings, options } = await lintDir(dir);
    const envEntries = createBaseline(findings, options).findings.filter((e) => e.file === '.env');
    expect(envEntries.map((e) => [e.ruleId, e.line, e.fingerprint.slice(33)])).toEqual([
      ['core/env-file', 2, '1'],
      ['core/env-file', 3, '2'],
    ]);
    expect(envEntries[0]!.fingerprint.slice(0, 32)).toBe(envEntries[1]!.fingerprint.slice(0, 32));
  });

  test('the standard input is hashed from its bytes, not from the file it stands for', () => {
    const dir = tempProject({ 'compose.yml': 'on disk\n' });
    const read = sourceTextReader(dir, { path: 'compose.yml', bytes: new TextEncoder().encode('\u{feff}from stdin\n') });
    expect(read('compose.yml')).toBe('from stdin\n');
    expect(read('missing.yml')).toBeUndefined();
  });
});
