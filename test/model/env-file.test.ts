import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { runRules } from '../../src/engine/run.js';
import type { Finding } from '../../src/findings/finding.js';
import { lint } from '../../src/lint.js';
import { parseEnvFile, projectVariables, type EnvEntry, type Variable } from '../../src/model/env-file.js';
import { ProjectLoader } from '../../src/model/load.js';
import { buildProject, interpolateTree, makeProject, type ModelProblem } from '../../src/model/project.js';
import type { Origin, Range } from '../../src/parse/position.js';
import { parseYaml } from '../../src/parse/yaml.js';
import nonRootUser from '../../rules/compose/non-root-user/index.js';

const source = (text: string, name = '.env') => ({ name, absPath: `/project/${name}`, text });

const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

/** Each entry as `NAME=value @name-range value-range`; a bare `KEY` without a value as `NAME (unset)`. */
function entries(text: string, scope: Record<string, string> = {}): string[] {
  const parsed = parseEnvFile(source(text), { scope: new Map(Object.entries(scope)) });
  return parsed.entries.map((e: EnvEntry) =>
    e.value === undefined ? `${e.name} (unset) @${span(e.nameOrigin.range)}` : `${e.name}=${JSON.stringify(e.value)} @${span(e.nameOrigin.range)} ${e.origin ? span(e.origin.range) : 'inherited'}`,
  );
}

function findings(text: string, scope: Record<string, string> = {}): string[] {
  return parseEnvFile(source(text), { scope: new Map(Object.entries(scope)) }).findings.map(
    (f) => `${f.severity} ${f.ruleId} ${span(f.range)} ${f.message}`,
  );
}

describe('parseEnvFile: the statements Compose reads', () => {
  it('KEY=value, export, KEY: value, comments and blank lines, with the exact ranges of name and value', () => {
    expect(entries('A=1\n# a comment\n\n  # indented comment\nexport B=two\nC: three\n')).toEqual([
      'A="1" @1:1-1:2 1:3-1:4',
      'B="two" @5:8-5:9 5:10-5:13',
      'C="three" @6:1-6:2 6:4-6:9',
    ]);
  });

  it('unquoted values: blanks around dropped, an inline comment from " #" on dropped, a # without a blank before kept', () => {
    expect(entries('A =  hello world  # a note\nB=x#y\nC=a\t\n')).toEqual([
      'A="hello world" @1:1-1:2 1:6-1:17',
      'B="x#y" @2:1-2:2 2:3-2:6',
      'C="a" @3:1-3:2 3:3-3:4',
    ]);
  });

  it('KEY= is empty, with an empty range after the =', () => {
    expect(entries('EMPTY=\nSPACES=   \n')).toEqual(['EMPTY="" @1:1-1:6 1:7-1:7', 'SPACES="" @2:1-2:7 2:8-2:8']);
  });

  it('a bare KEY takes its value from the scope, and stays unset without one', () => {
    expect(entries('HOME\nexport USER\n', { HOME: '/root' })).toEqual(['HOME="/root" @1:1-1:5 inherited', 'USER (unset) @2:8-2:12']);
  });

  it('single quotes are literal, apart from \\\' for a quote', () => {
    expect(entries("A='x $B \${C} \\n \"q\"'\nB='it\\'s'\n", { B: 'b', C: 'c' })).toEqual([
      'A="x $B \${C} \\\\n \\"q\\"" @1:1-1:2 1:3-1:21',
      `B="it's" @2:1-2:2 2:3-2:10`,
    ]);
  });

  it('double quotes read \\n, \\t, \\\\, \\" and \\$ (a literal $)', () => {
    const [entry] = parseEnvFile(source(String.raw`A="l1\nl2\tx\\y\"q\" \$HOME \c"` + '\n')).entries;
    expect(entry!.value).toBe('l1\nl2\tx\\y"q" $HOME \\c');
    expect(span(entry!.origin!.range)).toBe('1:3-1:32');
  });

  it('a quoted value may span lines; the statement after it is read', () => {
    expect(entries('A="line 1\nline 2"\nB=2\nC=\'x\ny\' # comment\n')).toEqual([
      'A="line 1\\nline 2" @1:1-1:2 1:3-2:8',
      'B="2" @3:1-3:2 3:3-3:4',
      'C="x\\ny" @4:1-4:2 4:3-5:3',
    ]);
  });

  it('CRLF line ends', () => {
    expect(entries('A=1\r\nB="x" \r\nC\r\n# c\r\nD=\r\n', { C: 'c' })).toEqual([
      'A="1" @1:1-1:2 1:3-1:4',
      'B="x" @2:1-2:2 2:3-2:6',
      'C="c" @3:1-3:2 inherited',
      'D="" @5:1-5:2 5:3-5:3',
    ]);
  });

  it('names with letters of any script, digits after the first character, dots and dashes', () => {
    expect(entries('ÉTÉ=1\nA1.b-c=2\n_X=3\n')).toEqual(['ÉTÉ="1" @1:1-1:4 1:5-1:6', 'A1.b-c="2" @2:1-2:7 2:8-2:9', '_X="3" @3:1-3:3 3:4-3:5']);
  });

  it('a later statement for the same name wins', () => {
    const parsed = parseEnvFile(source('A=1\nA=2\n'));
    expect(parsed.entries.map((e) => e.value)).toEqual(['1', '2']);
  });
});

describe('parseEnvFile: interpolation inside values', () => {
  it('${VAR} and $VAR read earlier lines in unquoted and double-quoted values, never in single-quoted ones', () => {
    expect(entries('A=1\nB=${A}-$A\nC="${A}x"\nD=\'${A}\'\nE=${NOPE:-d}\nF=$${A}\n')).toEqual([
      'A="1" @1:1-1:2 1:3-1:4',
      'B="1-1" @2:1-2:2 2:3-2:10',
      'C="1x" @3:1-3:2 3:3-3:10',
      'D="${A}" @4:1-4:2 4:3-4:9',
      'E="d" @5:1-5:2 5:3-5:13',
      'F="${A}" @6:1-6:2 6:3-6:8',
    ]);
  });

  it('the scope (earlier files, the environment) wins over the file\'s own earlier lines, as in Compose', () => {
    expect(entries('A=inner\nB=${A}\n', { A: 'outer' })).toEqual(['A="inner" @1:1-1:2 1:3-1:8', 'B="outer" @2:1-2:2 2:3-2:7']);
  });

  it('an unset variable is a warning, a failing ${VAR:?} and an invalid expression are errors, at the expression', () => {
    expect(findings('A=x${NOPE}\nB=${X:?please set X}\nC=${1X}\nD="${NOPE}"\nE="\\t${NOPE}"\nF=$NOPE\n')).toEqual([
      'warning core/env-file 1:4-1:11 variable "NOPE" is not set and has no default',
      'error core/env-file 2:3-2:21 required variable "X" has no value; Compose refuses to load the file',
      'error core/env-file 3:3-3:8 invalid variable expression; Compose refuses to load the file',
      'warning core/env-file 4:4-4:11 variable "NOPE" is not set and has no default',
      // An escape before it: the offsets of the unescaped value are not those of the file.
      'warning core/env-file 5:3-5:14 variable "NOPE" is not set and has no default',
      'warning core/env-file 6:3-6:8 variable "NOPE" is not set and has no default',
    ]);
  });
});

describe('parseEnvFile: bad lines are findings, and the rest of the file is read', () => {
  const text = [
    '1ABC=x', // 1
    'A B=c', // 2
    'GOOD=1', // 3
    'KEY value', // 4
    'A$B=1', // 5
    '=v', // 6
    'S="x" y', // 7
    'T="t" # a comment is fine', // 8
    "Q='open", // 9
    'R=2', // 10
  ].join('\n');

  it('reports each at its line and column', () => {
    expect(findings(text)).toEqual([
      'error core/env-file 1:1-1:5 invalid variable name: it starts with a digit',
      'error core/env-file 2:1-2:4 invalid variable name: it contains a space',
      'error core/env-file 4:5-4:10 missing "=" after the variable name',
      'error core/env-file 5:2-5:3 invalid variable name: unexpected character "$"',
      'error core/env-file 6:1-6:2 missing variable name before "="',
      'error core/env-file 7:7-7:8 unexpected text after the closing quote',
      "error core/env-file 9:3-9:4 unterminated quoted value: no closing '",
    ]);
  });

  it('keeps every good statement', () => {
    expect(parseEnvFile(source(text)).entries.map((e) => `${e.name}=${e.value}`)).toEqual(['GOOD=1', 'S=x', 'T=t', 'R=2']);
  });

  it('never puts a value in a message, and redacts the value on the line', () => {
    const secret = 'hunter2';
    const parsed = parseEnvFile(source(`DB PASSWORD=${secret}\nTOKEN='${secret}\n9KEY=${secret}\nAPI KEY ${secret}\nX=${secret}\${A B}\n`));
    expect(parsed.findings).toHaveLength(5);
    for (const finding of parsed.findings) expect(finding.message).not.toContain(secret);
    expect(parsed.findings.slice(0, 4).map((f) => f.redact?.map(span))).toEqual([['1:13-1:20'], ['2:7-2:15'], ['3:6-3:13'], ['4:5-4:16']]);
  });
});

describe('projectVariables', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const absPath = path.join(dir, name);
    writeFileSync(absPath, text);
    return absPath;
  };
  const loader = () => new ProjectLoader({ cwd: dir });
  const where = (origin: Origin | undefined) => origin && `${origin.file} ${span(origin.range)}`;

  it('reads the files in order, a later one overriding an earlier one, and keeps where each value was set', () => {
    const a = file('a.env', 'TAG=1.0\nDB=postgres\n');
    const b = file('b.env', '# override\nTAG=2.0\n');
    const { variables, origins } = projectVariables({ envFiles: [a, b], useProcessEnv: false }, loader());
    expect(Object.fromEntries(variables)).toEqual({ TAG: '2.0', DB: 'postgres' });
    expect(where(origins.get('TAG'))).toBe('b.env 2:5-2:8');
    expect(where(origins.get('DB'))).toBe('a.env 2:4-2:12');
  });

  it('inside a file, ${VAR} and a bare KEY read earlier files; a bare KEY passes on the origin', () => {
    const a = file('c.env', 'HOST=db\n');
    const b = file('d.env', 'URL=postgres://${HOST}/app\nHOST\n');
    const { variables, origins } = projectVariables({ envFiles: [a, b], useProcessEnv: false }, loader());
    expect(variables.get('URL')).toBe('postgres://db/app');
    expect(where(origins.get('HOST'))).toBe('c.env 1:6-1:8');
  });

  it('does not read the process environment unless asked; when asked, it overrides the files', () => {
    const a = file('e.env', 'ESCASHOP_ENV_TEST=from-file\n');
    process.env['ESCASHOP_ENV_TEST'] = 'from-shell';
    process.env['ESCASHOP_ENV_ONLY_SHELL'] = 'x';
    try {
      const off = projectVariables({ envFiles: [a], useProcessEnv: false }, loader());
      expect(off.variables.get('ESCASHOP_ENV_TEST')).toBe('from-file');
      expect(off.variables.has('ESCASHOP_ENV_ONLY_SHELL')).toBe(false);
      expect(off.variables.has('PATH')).toBe(false);
      const on = projectVariables({ envFiles: [a], useProcessEnv: true }, loader());
      expect(on.variables.get('ESCASHOP_ENV_TEST')).toBe('from-shell');
      expect(on.variables.get('ESCASHOP_ENV_ONLY_SHELL')).toBe('x');
      // The value no longer comes from the file: no origin to point at.
      expect(on.origins.has('ESCASHOP_ENV_TEST')).toBe(false);
    } finally {
      delete process.env['ESCASHOP_ENV_TEST'];
      delete process.env['ESCASHOP_ENV_ONLY_SHELL'];
    }
  });

  it('an including project\'s variables override the files, with their own origins', () => {
    const a = file('f.env', 'TAG=1.0\nPORT=80\n');
    const origin: Origin = { file: 'parent/.env', range: { start: { line: 3, column: 5 }, end: { line: 3, column: 8 } } };
    const inherited = new Map<string, Variable>([['TAG', { value: '9.9', origin }], ['EXTRA', { value: 'e' }]]);
    const { variables, origins } = projectVariables({ envFiles: [a], useProcessEnv: false, inherited }, loader());
    expect(Object.fromEntries(variables)).toEqual({ TAG: '9.9', PORT: '80', EXTRA: 'e' });
    expect(origins.get('TAG')).toEqual(origin);
    expect(origins.has('EXTRA')).toBe(false);
  });

  it('a missing env file is a core/input finding; bad lines are core/env-file findings, each once per loader', () => {
    const bad = file('bad.env', 'OK=1\nNOT OK=2\n');
    const files = loader();
    const missing = path.join(dir, 'missing.env');
    const first = projectVariables({ envFiles: [missing, bad], useProcessEnv: false }, files);
    projectVariables({ envFiles: [missing, bad], useProcessEnv: false }, files);
    expect(first.variables.get('OK')).toBe('1');
    expect(files.findings.map((f: Finding) => `${f.ruleId} ${f.file} ${span(f.range)} ${f.message}`)).toEqual([
      'core/input missing.env 1:1-1:1 file not found',
      'core/env-file bad.env 2:1-2:7 invalid variable name: it contains a space',
    ]);
  });
});

describe('findings on a value that came from an env file point at the line that set it', () => {
  /** A rule that reports the image of every service, and a related location of its own. */
  const imageRule: Rule = defineRule({
    meta: { id: 'test/image', description: 'Reports every image', severity: 'error', tags: [] },
    create: (context) => ({
      service(service) {
        const image = service.image;
        if (image) context.report({ at: image, message: `image of "${service.name}"` });
      },
    }),
  });

  function lintWithEnv(compose: string, env: string) {
    const parsedEnv = parseEnvFile(source(env));
    const variables = new Map(parsedEnv.entries.map((e) => [e.name, e.value!]));
    const origins = new Map(parsedEnv.entries.map((e) => [e.name, e.origin!]));
    const parsed = parseYaml(source(compose, 'compose.yml'));
    const problems: ModelProblem[] = [];
    const tree = interpolateTree(parsed.root!, variables, problems);
    const project = makeProject(tree, { files: ['compose.yml'], environment: 'prod', problems, variableOrigins: origins });
    return runRules(project, [imageRule]).map((f) => [`${f.file} ${span(f.range)}`, ...f.related.map((r) => `${r.message}: ${r.file} ${span(r.range)}`)]);
  }

  it('a value made of two variables: one related location for each', () => {
    expect(lintWithEnv('services:\n  web:\n    image: "${REPO}/web:${TAG}"\n', '# images\nREPO=registry.example.com\nTAG=1.4.2\n')).toEqual([
      ['compose.yml 3:13-3:31', 'value of ${REPO} set here: .env 2:6-2:26', 'value of ${TAG} set here: .env 3:5-3:10'],
    ]);
  });

  it('a variable that is not in the env file, or a literal value, adds none', () => {
    expect(lintWithEnv('services:\n  web:\n    image: nginx:${TAG:-1.27}\n  db:\n    image: postgres:16\n', 'OTHER=1\n')).toEqual([
      ['compose.yml 3:12-3:29'],
      ['compose.yml 5:12-5:23'],
    ]);
  });

  it('a project without variable origins (one file linted alone) adds none', () => {
    const parsed = parseYaml(source('services:\n  web:\n    image: ${IMAGE}\n', 'compose.yml'));
    const project = buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map([['IMAGE', 'nginx']]) });
    expect(project.variableOrigins.size).toBe(0);
    expect(runRules(project, [imageRule]).map((f) => f.related)).toEqual([[]]);
  });
});

describe('through lint(): a seed rule on a value from the project\'s .env', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-env-lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, '.env'), '# who runs the API\nAPP_USER=root\n');
  writeFileSync(path.join(dir, 'docker-compose.prod.yml'), 'services:\n  api:\n    image: example/api:1.4.2\n    user: ${APP_USER}\n');

  it('points at the compose line that used the variable, with the .env line as a related location', async () => {
    const result = await lint(['docker-compose.prod.yml'], { cwd: dir, rules: [nonRootUser], useConfig: false });
    expect(result.findings.map((f) => [`${f.ruleId} ${f.file} ${span(f.range)}`, ...f.related.map((r) => `${r.message}: ${r.file} ${span(r.range)}`)])).toEqual([
      ['compose/non-root-user docker-compose.prod.yml 4:11-4:22', 'value of ${APP_USER} set here: .env 2:10-2:14'],
    ]);
    expect(result.findings[0]!.message).toBe('service "api" runs as root ("user: root")');
  });
});
