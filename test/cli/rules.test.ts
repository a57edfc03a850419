import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { ENVIRONMENTS, levelIn, type RuleMeta } from '../../src/engine/meta.js';
import { CORE_CHECKS } from '../../src/findings/core.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { ruleReadme } from '../../src/report/rule-docs.js';
import type { JsonRule } from '../../src/report/rule-list.js';
import { ANSI, CLEAN, runCli, tempProject } from './run.js';

const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/rules.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const schemaErrors = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

const CHECKS: readonly RuleMeta[] = [...CORE_CHECKS, ...rules.map((r) => r.meta)];
const IDS = CHECKS.map((m) => m.id);
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
/** Runs the CLI once per argument list and keeps the result: the outputs do not depend on anything a test changes. */
const cached = new Map<string, ReturnType<typeof runCli>>();
function runOnce(args: string[]): ReturnType<typeof runCli> {
  const key = JSON.stringify(args);
  if (!cached.has(key)) cached.set(key, runCli(args));
  return cached.get(key)!;
}

describe('--list-rules', () => {
  it('prints a table of every check with its level in prod, dev and test, its tags and description', () => {
    const run = runOnce(['--list-rules']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(ANSI);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Rule +prod +dev +test +Tags +Description$/);
    expect(lines.slice(1, 1 + CHECKS.length).map((l) => l.split(/\s+/)[0])).toEqual(IDS);
    for (const meta of CHECKS) {
      const row = lines.find((l) => l.startsWith(`${meta.id} `))!;
      const cells = row.split(/ {2,}/);
      expect(cells, meta.id).toEqual([meta.id, ...ENVIRONMENTS.map((env) => levelIn(meta, env)), meta.tags.join(', '), meta.description]);
    }
    // the columns line up: every level starts where the header's "prod" does
    const at = lines[0]!.indexOf('prod');
    for (const line of lines.slice(1, 1 + CHECKS.length)) expect(line.slice(at)).toMatch(/^(error|warning|info|off) /);
    expect(run.stdout.endsWith(`\n\n${rules.length} rules and ${CORE_CHECKS.length} core checks. Run escashop-lint --explain <rule-id> for a rule's documentation.\n`)).toBe(true);
  });

  it('colors the levels only when asked, and is otherwise the same table', () => {
    const plain = runOnce(['--list-rules']).stdout;
    const colored = runCli(['--list-rules'], { env: { FORCE_COLOR: '1' } });
    expect(colored.status).toBe(0);
    expect(colored.stdout).toMatch(ANSI);
    expect(stripAnsi(colored.stdout)).toBe(plain);
    expect(runCli(['--list-rules', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).toBe(plain);
  });

  it('--format json prints every check with all its metadata, valid against schemas/rules.schema.json', () => {
    const run = runOnce(['--list-rules', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.endsWith(']\n')).toBe(true);
    const list = JSON.parse(run.stdout) as JsonRule[];
    expect(schemaErrors(list)).toEqual([]);
    expect(list.map((r) => r.id)).toEqual(IDS);
    for (const [i, meta] of CHECKS.entries()) {
      const refs = meta.references ?? {};
      expect(list[i]).toEqual({
        id: meta.id,
        kind: i < CORE_CHECKS.length ? 'core' : 'rule',
        description: meta.description,
        severity: meta.severity,
        environments: { prod: levelIn(meta, 'prod'), dev: levelIn(meta, 'dev'), test: levelIn(meta, 'test') },
        tags: meta.tags,
        securitySeverity: meta.securitySeverity ?? null,
        references: { cis: refs.cis ?? [], kics: refs.kics ?? [], semgrep: refs.semgrep ?? [], cwe: refs.cwe ?? [], urls: refs.urls ?? [] },
        docs: meta.docs,
        ...(meta.options ? { options: { schema: meta.options.schema, defaults: meta.options.defaults } } : {}),
      });
      expect(existsSync(path.join(PACKAGE_ROOT, meta.docs)), meta.docs).toBe(true);
    }
    // the rules that have references carry them through
    expect(list.find((r) => r.id === 'compose/cap-drop-all')!.references.cis).toContain('5.4');
  });

  it('the schema rejects what the list never holds', () => {
    const [rule] = JSON.parse(runOnce(['--list-rules', '--format', 'json']).stdout) as JsonRule[];
    expect(schemaErrors([rule])).toEqual([]);
    expect(schemaErrors([{ ...rule, extra: 1 }])).not.toEqual([]);
    expect(schemaErrors([{ ...rule, environments: { ...rule!.environments, prod: 'warn' } }])).not.toEqual([]);
    expect(schemaErrors([{ ...rule, securitySeverity: 0 }])).not.toEqual([]);
    expect(schemaErrors([{ ...rule, securitySeverity: 10.5 }])).not.toEqual([]);
    expect(schemaErrors([{ ...rule, references: { ...rule!.references, kics: ['not-a-uuid'] } }])).not.toEqual([]);
    expect(schemaErrors([{ ...rule, references: { ...rule!.references, cwe: ['798'] } }])).not.toEqual([]);
    expect(schemaErrors([{ ...rule, description: 'Ends with a period.' }])).not.toEqual([]);
    const { docs: _docs, ...withoutDocs } = rule!;
    expect(schemaErrors([withoutDocs])).not.toEqual([]);
  });

  it('writes the list to --output-file', () => {
    const dir = tempProject({});
    const run = runCli(['--list-rules', '--format', 'json', '-o', 'rules.json'], { cwd: dir });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'rules.json'), 'utf8')).toBe(runOnce(['--list-rules', '--format', 'json']).stdout);
  });

  it('refuses a format it cannot print, and files to lint', () => {
    expect(runCli(['--list-rules', '--format', 'sarif'])).toEqual({ status: 2, stdout: '', stderr: 'escashop-lint: --list-rules prints text or json, not "sarif"\n' });
    const dir = tempProject({ 'docker-compose.yml': CLEAN });
    expect(runCli(['--list-rules', 'docker-compose.yml'], { cwd: dir })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'escashop-lint: --list-rules lints nothing: leave out the files ("docker-compose.yml")\n',
    });
    expect(runCli(['--list-rules', '--explain', 'compose/healthcheck'])).toEqual({ status: 2, stdout: '', stderr: 'escashop-lint: --list-rules and --explain cannot be combined\n' });
  });

  it('is documented field by field in docs/json-format.md, and in --help', () => {
    const docs = readFileSync(path.join(PACKAGE_ROOT, 'docs/json-format.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Rule list'));
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const props = (node as { properties?: Record<string, unknown> }).properties;
        if (props) for (const key of Object.keys(props)) names.add(key);
        Object.values(node).forEach(walk);
      }
    };
    walk(schema);
    expect(names.size).toBeGreaterThan(12);
    for (const name of names) expect(section, name).toContain(`\`${name}\``);
    const help = runCli(['--help']).stdout;
    expect(help).toContain('--list-rules');
    expect(help).toContain('--explain <rule-id>');
  });
});

describe('--explain <rule-id>', () => {
  it("prints the rule's README as markdown, without the generator's markers", () => {
    for (const meta of [rules[0]!.meta, CORE_CHECKS[1]!]) {
      const run = runOnce(['--explain', meta.id]);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(ruleReadme(meta, PACKAGE_ROOT));
      expect(run.stdout).not.toMatch(ANSI);
      expect(run.stdout).not.toContain('<!--');
    }
    const meta = rules.find((r) => r.meta.id === 'compose/healthcheck')!.meta;
    const out = runOnce(['--explain', meta.id]).stdout;
    const file = readFileSync(path.join(PACKAGE_ROOT, meta.docs), 'utf8');
    expect(out.startsWith('# compose/healthcheck\n')).toBe(true);
    // every line of the README is there, in order, apart from the markers
    expect(out.trimEnd().split('\n')).toEqual(
      file
        .split('\n')
        .filter((line) => !line.startsWith('<!--'))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
        .split('\n'),
    );
  });

  it('styles headings outside code blocks only when color is on', () => {
    const plain = runOnce(['--explain', 'compose/healthcheck']).stdout;
    const colored = runCli(['--explain', 'compose/healthcheck'], { env: { FORCE_COLOR: '1' } }).stdout;
    expect(stripAnsi(colored)).toBe(plain);
    const lines = colored.split('\n');
    expect(lines).toContain('\u001b[1m## Bad\u001b[22m');
    expect(lines).toContain('\u001b[1m# compose/healthcheck\u001b[22m');
    let fence = false;
    for (const line of lines) {
      if (/^\s*```/.test(line)) fence = !fence;
      if (fence || !line.startsWith('\u001b[1m#')) expect(line, line).not.toMatch(ANSI);
    }
  });

  it('an unknown id is one line on stderr with the nearest id, and exit 2', () => {
    expect(runCli(['--explain', 'compose/helthcheck'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'escashop-lint: unknown rule "compose/helthcheck"; did you mean "compose/healthcheck"? (see --list-rules)\n',
    });
    expect(runCli(['--explain', 'healthcheck']).stderr).toBe('escashop-lint: unknown rule "healthcheck"; did you mean "compose/healthcheck"? (see --list-rules)\n');
    expect(runCli(['--explain', 'core/yml']).stderr).toBe('escashop-lint: unknown rule "core/yml"; did you mean "core/yaml"? (see --list-rules)\n');
    expect(runCli(['--explain', 'no-such-thing-at-all'])).toEqual({ status: 2, stdout: '', stderr: 'escashop-lint: unknown rule "no-such-thing-at-all" (see --list-rules)\n' });
  });

  it('needs an id and lints nothing', () => {
    expect(runCli(['--explain'])).toMatchObject({ status: 2, stdout: '' });
    expect(runCli(['--explain', 'compose/healthcheck', '--format', 'json'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "escashop-lint: --explain prints the rule's README as markdown; --format json does not apply\n",
    });
    expect(runCli(['--explain', ''])).toEqual({ status: 2, stdout: '', stderr: 'escashop-lint: --explain needs a rule id, e.g. --explain compose/healthcheck\n' });
    expect(runCli(['--explain', 'compose/healthcheck', '-f', 'docker-compose.yml'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'escashop-lint: --explain lints nothing: leave out the files ("docker-compose.yml")\n',
    });
  });
});
