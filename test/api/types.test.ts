import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';

const CONSUMER_DIR = path.join(PACKAGE_ROOT, 'test/api/consumer');
const CONSUMER = path.join(CONSUMER_DIR, 'consumer.mts');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The diagnostics of the consumer project with `text` in place of consumer.mts, as `file:line: TScode`. */
function diagnosticsWith(text: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(CONSUMER_DIR, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } })!;
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => (path.resolve(file) === CONSUMER ? ts.createSourceFile(file, text, language) : getSourceFile(file, language, ...rest));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? `${path.relative(PACKAGE_ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${at}: TS${d.code}`;
  });
}

describe('the published types', () => {
  it('a strict consumer importing "escashop-lint", and a plugin importing "escashop-lint/rule-api" too, compile against the built declarations (tsc --noEmit)', () => {
    const run = spawnSync(process.execPath, [TSC, '-p', path.join(CONSUMER_DIR, 'tsconfig.json')], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('each wrong use the consumer marks with @ts-expect-error is a type error', () => {
    const source = readFileSync(CONSUMER, 'utf8');
    const lines = source.split('\n');
    const marked = lines.flatMap((line, i) => (line.startsWith('// @ts-expect-error') ? [i + 2] : []));
    expect(marked.length).toBe(4);
    const unmarked = lines.map((line) => (line.startsWith('// @ts-expect-error') ? '//' : line)).join('\n');
    const [fatal, html, single, range] = marked.map((line) => `test/api/consumer/consumer.mts:${line}`);
    expect(diagnosticsWith(unmarked)).toEqual([`${fatal}: TS2322`, `${html}: TS2345`, `${single}: TS2345`, `${range}: TS2322`, `${range}: TS2322`]);
  });

  it('npm pack ships the entry point and its declarations', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'bin/escashop-lint.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/lint.d.ts', 'dist/src/findings/finding.d.ts', 'dist/src/testing/rule-tester.d.ts']));
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>>; types: string };
    expect(manifest.exports['.']).toEqual({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    // Plugins use the helpers of the built-in rules (docs/plugins.md).
    expect(manifest.exports['./rule-api']).toEqual({ types: './dist/src/engine/api.d.ts', default: './dist/src/engine/api.js' });
    for (const entry of Object.values(manifest.exports)) for (const file of Object.values(entry)) expect(files).toContain(path.posix.normalize(file));
  });
});
