import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { toJS } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { describePath } from '../../src/schema/paths.js';
import { suggest } from '../../src/schema/suggest.js';
import { collapse, validateCompose, type SchemaError } from '../../src/schema/validate.js';

function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

function findingsOf(text: string): Finding[] {
  const file = { name: 'compose.yml', absPath: '/compose.yml', text };
  const parsed = parseYaml(file);
  expect(parsed.findings, 'test input must be well-formed YAML').toEqual([]);
  return validateCompose(parsed.root!, file);
}

/** `line:col-line:col message` of each schema finding, in file order. */
function check(text: string): string[] {
  const sorted = findingsOf(text).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return sorted.map((f) => {
    expect(f.ruleId).toBe('core/schema');
    expect(f.severity).toBe('error');
    return `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`;
  });
}

describe('valid files', () => {
  it('accepts a typical file with no finding', () => {
    const text = lines(
      'name: shop',
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    ports: ["8080:80", {target: 443, published: "8443", protocol: tcp}]',
      '    environment: {A: "1", B: 2, C: true, D: null}',
      '    depends_on: {db: {condition: service_healthy}}',
      '    deploy: {resources: {limits: {memory: 512M, cpus: "0.5"}}}',
      '    healthcheck: {test: [CMD, "true"], interval: 10s}',
      '  db:',
      '    image: postgres:16',
      '    environment: [POSTGRES_DB=shop]',
      'networks: {front: {}, back: {internal: true}}',
      'volumes: {data: {}}',
      'secrets: {pw: {file: ./pw.txt}}',
      'configs: {conf: {file: ./conf}}',
    );
    expect(check(text)).toEqual([]);
  });

  it('accepts name: and include:, which the current schema knows', () => {
    expect(check(lines('name: shop', 'include:', '  - ./base.yml', '  - path: ./db.yml', '    env_file: ./db.env', 'services: {}'))).toEqual([]);
  });

  it('accepts x- extension keys wherever the spec allows them', () => {
    const text = lines(
      'x-common: &c {restart: always}',
      'services:',
      '  web:',
      '    x-owner: team-a',
      '    image: a',
      '    build: {context: ., x-cache: true}',
      '    deploy: {x-note: 1, resources: {x-r: 1}}',
      '    healthcheck: {test: ["CMD", "true"], x-h: 1}',
      '    ports: [{target: 80, x-p: 1}]',
      '    logging: {driver: json-file, x-l: 1}',
      'networks: {n: {x-n: 1, ipam: {x-i: 1}}}',
      'volumes: {v: {x-v: 1}}',
      'secrets: {s: {file: ./s, x-s: 1}}',
      'configs: {c: {file: ./c, x-c: 1}}',
    );
    expect(check(text)).toEqual([]);
  });

  it('accepts values tagged !reset, which Compose removes before validating', () => {
    expect(check(lines('services:', '  nginx: !reset', '  web:', '    image: !reset null', '    ports: !reset', '    build: !override', '      context: .'))).toEqual([]);
  });

  it('checks a !override value like any other', () => {
    expect(check(lines('services:', '  web:', '    ports: !override 80'))).toEqual(['3:22-3:24 "ports" in service "web" must be a list']);
  });
});

describe('unknown keys', () => {
  it('reports a misspelt service key at the key, with the closest allowed key', () => {
    expect(check(lines('services:', '  web:', '    image: a', '    privilegd: true'))).toEqual(['4:5-4:14 unknown key "privilegd" in service "web" (did you mean "privileged"?)']);
  });

  it('gives no suggestion when nothing is close', () => {
    expect(check(lines('services:', '  web:', '    wrongField: 1'))).toEqual(['3:5-3:15 unknown key "wrongField" in service "web"']);
  });

  it('reports unknown keys in nested mappings with their dotted path', () => {
    expect(check(lines('services:', '  web:', '    deploy:', '      resources:', '        limits:', '          memroy: 1g'))).toEqual([
      '6:11-6:17 unknown key "memroy" in "deploy.resources.limits" in service "web" (did you mean "memory"?)',
    ]);
  });

  it('reports unknown keys in each top-level kind', () => {
    expect(check(lines('networks:', '  n:', '    drivr: x', 'volumes:', '  v:', '    labls: {}', 'secrets:', '  s:', '    fil: x', 'configs:', '  c:', '    fole: x'))).toEqual([
      '3:5-3:10 unknown key "drivr" in network "n" (did you mean "driver"?)',
      '6:5-6:10 unknown key "labls" in volume "v" (did you mean "labels"?)',
      '9:5-9:8 unknown key "fil" in secret "s" (did you mean "file"?)',
      '12:5-12:9 unknown key "fole" in config "c" (did you mean "file"?)',
    ]);
  });

  it('reports an unknown top-level key, such as a version 1 file without "services:"', () => {
    expect(check(lines('web:', '  image: a', 'db:', '  image: b'))).toEqual(['1:1-1:4 unknown key "web" in the top level', '3:1-3:3 unknown key "db" in the top level']);
  });

  it('reports a key in a list item of a mapping list', () => {
    expect(check(lines('services:', '  web:', '    ports:', '      - target: 80', '        publishd: 8080'))).toEqual([
      '5:9-5:17 unknown key "publishd" in item 1 of "ports" in service "web" (did you mean "published"?)',
    ]);
  });

  it('reports a name that breaks the naming rule of services, with the rule', () => {
    expect(check(lines('services:', '  "web app":', '    image: a'))).toEqual(['2:3-2:12 "web app" is not a valid service name (names must match ^[a-zA-Z0-9._-]+$)']);
  });
});

describe('wrong types', () => {
  it('reports a scalar where a list is needed, at the value', () => {
    expect(check(lines('services:', '  web:', '    ports: 80'))).toEqual(['3:12-3:14 "ports" in service "web" must be a list']);
  });

  it('reports a one-line collection at the value and a block one at its key', () => {
    expect(check(lines('services:', '  web:', '    image: [a]'))).toEqual(['3:12-3:15 "image" in service "web" must be a string']);
    expect(check(lines('services:', '  web:', '    image:', '      - a'))).toEqual(['4:7-4:10 "image" in service "web" must be a string']);
    expect(check(lines('services:', '  web:', '    image:', '      - a', '      - b'))).toEqual(['3:5-3:10 "image" in service "web" must be a string']);
  });

  it('says an empty value is empty, at its key', () => {
    expect(check(lines('services:', '  web:', '    image:', '  db:'))).toEqual([
      '3:5-3:10 "image" in service "web" is empty; it must be a string',
      '4:3-4:5 service "db" is empty; it must be a mapping',
    ]);
  });

  it('names the accepted types in words', () => {
    expect(check(lines('services:', '  web:', '    read_only: 5', '    init: [x]'))).toEqual([
      '3:16-3:17 "read_only" in service "web" must be a string or a boolean',
      '4:11-4:14 "init" in service "web" must be a string or a boolean',
    ]);
  });

  it('says true or false for a boolean alone', () => {
    expect(check(lines('services:', '  web:', '    use_api_socket: [1]'))).toEqual(['3:21-3:24 "use_api_socket" in service "web" must be true or false']);
  });

  it('a value of the wrong type for an enum is only "must be a string", not also the enum', () => {
    expect(check(lines('services:', '  web:', '    cgroup: 5'))).toEqual(['3:13-3:14 "cgroup" in service "web" must be a string']);
    expect(check(lines('services:', '  web:', '    cgroup: shared'))).toEqual(['3:13-3:19 "cgroup" in service "web" must be one of "host", "private"']);
  });

  it('reports the wrong type of a top-level section', () => {
    expect(check(lines('version: 3', 'services: []'))).toEqual(['1:10-1:11 "version" must be a string', '2:11-2:13 "services" must be a mapping']);
  });

  it('reports a file that is not a mapping at all', () => {
    expect(check(lines('- a', '- b'))).toEqual(['1:1-2:4 the top level must be a mapping']);
  });
});

describe('oneOf and anyOf collapse to one message per real problem', () => {
  it('a value of none of the accepted types: one message naming them', () => {
    expect(check(lines('services:', '  web:', '    environment: 5'))).toEqual(['3:18-3:19 "environment" in service "web" must be a mapping or a list']);
    expect(check(lines('services:', '  web:', '    build: 5'))).toEqual(['3:12-3:13 "build" in service "web" must be a mapping or a string']);
    expect(check(lines('services:', '  web:', '    command: {a: 1}'))).toEqual(['3:14-3:20 "command" in service "web" must be a list, a string or empty']);
    expect(check(lines('services:', '  web:', '    healthcheck:', '      test: 5'))).toEqual(['4:13-4:14 "healthcheck.test" in service "web" must be a list or a string']);
  });

  it('a list of the right type with one bad item: one message at that item', () => {
    expect(check(lines('services:', '  web:', '    environment:', '      - A=1', '      - [x]', '      - B=2'))).toEqual([
      '5:9-5:12 item 2 of "environment" in service "web" must be a string',
    ]);
    expect(check(lines('services:', '  web:', '    depends_on: [db, 1]'))).toEqual(['3:22-3:23 item 2 of "depends_on" in service "web" must be a string']);
  });

  it('a mapping of the right type with a bad value: one message at that value', () => {
    expect(check(lines('services:', '  web:', '    environment:', '      A: [1]'))).toEqual([
      '4:10-4:13 "environment.A" in service "web" must be a string, a number, a boolean or empty',
    ]);
  });

  it('a mapping branch with an unknown key: only that key, not "must be a string"', () => {
    expect(check(lines('services:', '  web:', '    build:', '      context: .', '      dockerfil: Dockerfile'))).toEqual([
      '5:7-5:16 unknown key "dockerfil" in "build" in service "web" (did you mean "dockerfile"?)',
    ]);
  });

  it('an enum of the right type: the allowed values', () => {
    expect(check(lines('services:', '  web:', '    depends_on:', '      db:', '        condition: healthy'))).toEqual([
      '5:20-5:27 "depends_on.db.condition" in service "web" must be one of "service_started", "service_healthy", "service_completed_successfully"',
    ]);
    expect(check(lines('services:', '  web:', '    gpus: some'))).toEqual(['3:11-3:15 "gpus" in service "web" must be one of "all"']);
  });

  it('a value of the wrong type for an enum branch: the types, not the enum', () => {
    expect(check(lines('services:', '  web:', '    gpus: 5'))).toEqual(['3:11-3:12 "gpus" in service "web" must be a list or a string']);
  });

  it('a number branch with a bound: the bound', () => {
    expect(check(lines('services:', '  web:', '    cpu_count: -1', '    oom_score_adj: 2000'))).toEqual([
      '3:16-3:18 "cpu_count" in service "web" must be at least 0',
      '4:20-4:24 "oom_score_adj" in service "web" must be at most 1000',
    ]);
  });

  it('a mapping branch missing a required key: that key', () => {
    expect(check(lines('services:', '  web:', '    ulimits:', '      nofile: {soft: 1024}'))).toEqual([
      '4:15-4:27 "ulimits.nofile" in service "web" is missing the required key "hard"',
    ]);
    expect(check(lines('services:', '  web:', '    volumes:', '      - source: ./data', '        target: /data'))).toEqual([
      '4:9-5:22 item 1 of "volumes" in service "web" is missing the required key "type"',
    ]);
  });

  it('nested oneOf: every problem inside the matching branch, once each', () => {
    expect(check(lines('services:', '  web:', '    networks:', '      front:', '        aliases: x', '        ipv4_address: [1]'))).toEqual([
      '5:18-5:19 "networks.front.aliases" in service "web" must be a list',
      '6:23-6:26 "networks.front.ipv4_address" in service "web" must be a string',
    ]);
  });

  it('deep paths through lists name each list item', () => {
    expect(check(lines('services:', '  web:', '    deploy:', '      resources:', '        reservations:', '          devices:', '            - capabilities: [gpu, 1]'))).toEqual([
      '7:35-7:36 item 2 of "capabilities" in item 1 of "deploy.resources.reservations.devices" in service "web" must be a string',
    ]);
  });

  it('reports several problems in one service, each once', () => {
    expect(check(lines('services:', '  web:', '    ports: 80', '    environment: 5', '    privilegd: true', '    deploy:', '      resources:', '        limits:', '          memory: [1]'))).toEqual([
      '3:12-3:14 "ports" in service "web" must be a list',
      '4:18-4:19 "environment" in service "web" must be a mapping or a list',
      '5:5-5:14 unknown key "privilegd" in service "web" (did you mean "privileged"?)',
      '9:19-9:22 "deploy.resources.limits.memory" in service "web" must be a string',
    ]);
  });

  it('reports a repeated list value at the repeat', () => {
    expect(check(lines('services:', '  web:', '    cap_drop: [ALL, NET_RAW, ALL]'))).toEqual(['3:30-3:33 "cap_drop" in service "web" lists the same value twice (items 1 and 3)']);
  });
});

describe('collapse() on raw Ajv output', () => {
  const validate = createRequire(import.meta.url)('../../src/schema/generated/compose-spec.validate.cjs') as ((data: unknown) => boolean) & { errors: SchemaError[] };
  const raw = (text: string): SchemaError[] => {
    const parsed = parseYaml({ name: 'c.yml', absPath: '/c.yml', text });
    expect(validate(toJS(parsed.root!))).toBe(false);
    return validate.errors;
  };
  const brief = (errors: readonly SchemaError[]) => errors.map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);

  it('drops an enum checked against a value its own schema already rejected by type', () => {
    const errors = raw(lines('services:', '  web:', '    cgroup: 5'));
    expect(errors.map((e) => e.keyword)).toEqual(['type', 'enum']);
    expect(brief(collapse(errors))).toEqual(['/services/web/cgroup type {"type":"string"}']);
  });

  it('leaves errors outside any combinator alone', () => {
    const errors = raw(lines('services:', '  web:', '    ports: 80', '    foo: 1'));
    expect(brief(collapse(errors))).toEqual(brief(errors));
  });

  it('turns a oneOf failed on types alone into one type error listing them', () => {
    const errors = raw(lines('services:', '  web:', '    environment: 5'));
    expect(errors.length).toBe(3);
    expect(brief(collapse(errors))).toEqual(['/services/web/environment type {"type":["object","array"]}']);
  });

  it('keeps only the errors of the branch that had the right type', () => {
    const errors = raw(lines('services:', '  web:', '    depends_on: [1]'));
    expect(brief(errors)).toContain('/services/web/depends_on type {"type":"object"}');
    expect(brief(collapse(errors))).toEqual(['/services/web/depends_on/0 type {"type":"string"}']);
  });

  it('drops an enum that Ajv checks against a value of the wrong type', () => {
    const errors = raw(lines('services:', '  web:', '    gpus: 5'));
    expect(errors.map((e) => e.keyword)).toContain('enum');
    expect(brief(collapse(errors))).toEqual(['/services/web/gpus type {"type":["string","array"]}']);
  });

  it('collapses nested combinators inside out', () => {
    const errors = raw(lines('services:', '  web:', '    networks:', '      front:', '        aliases: x'));
    expect(errors.filter((e) => e.keyword === 'oneOf')).toHaveLength(2);
    expect(brief(collapse(errors))).toEqual(['/services/web/networks/front/aliases type {"type":"array"}']);
  });

  it('keeps separate groups separate', () => {
    const errors = raw(lines('services:', '  web:', '    environment: 5', '    build: 5'));
    expect(brief(collapse(errors))).toEqual(['/services/web/build type {"type":["string","object"]}', '/services/web/environment type {"type":["object","array"]}']);
  });

  it('yields exactly one error per problem on a file with many', () => {
    const errors = raw(lines('services:', '  a:', '    environment: 5', '  b:', '    ports: [[1]]', '  c:', '    gpus: 5', '  d:', '    depends_on: {db: {condition: x}}'));
    expect(collapse(errors)).toHaveLength(4);
  });
});

describe('messages never show a value from the file', () => {
  it('names keys and schema facts only', () => {
    const secret = 'hunter2-s3cr3t';
    const text = lines(
      'services:',
      '  web:',
      `    ports: ${secret}`,
      `    environment: {PASSWORD: [${secret}]}`,
      `    depends_on: {db: {condition: ${secret}}}`,
      `    gpus: ${secret}`,
      `    ulimits: {nofile: ${JSON.stringify({ soft: secret })}}`,
      `    cap_drop: [${secret}, ${secret}]`,
      `    volumes: [{type: ${secret}, source: ${secret}}]`,
      `    pull_policy: ${secret}`,
      `    cpu_count: ${secret}x`,
      `    build: {context: ., args: [[${secret}]]}`,
    );
    const messages = findingsOf(text).map((f) => f.message);
    expect(messages.length).toBeGreaterThanOrEqual(9);
    for (const message of messages) expect(message).not.toContain('hunter2');
  });
});

describe('empty files', () => {
  it('reports an empty file, or one with only comments, at 1:1', () => {
    for (const text of ['', '\n', '# a comment\n\n  # another\n', '---\n']) {
      expect(check(text), JSON.stringify(text)).toEqual(['1:1-1:1 the file is empty (or holds only comments); Compose rejects an empty compose file']);
    }
  });

  it('reports a file that is just null as not a mapping', () => {
    expect(check('~\n')).toEqual(['1:1-1:2 the top level is empty; it must be a mapping']);
  });
});

describe('describePath', () => {
  it('words paths by owner, keys and list items', () => {
    expect(describePath([])).toBe('the top level');
    expect(describePath(['services'])).toBe('"services"');
    expect(describePath(['services', 'web'])).toBe('service "web"');
    expect(describePath(['services', 'web', 'deploy', 'resources', 'limits', 'memory'])).toBe('"deploy.resources.limits.memory" in service "web"');
    expect(describePath(['services', 'web', 'ports', 2])).toBe('item 3 of "ports" in service "web"');
    expect(describePath(['services', 'web', 'ports', 2, 'target'])).toBe('"target" in item 3 of "ports" in service "web"');
    expect(describePath(['networks', 'n', 'ipam', 'config', 0, 'subnet'])).toBe('"subnet" in item 1 of "ipam.config" in network "n"');
    expect(describePath(['include', 0])).toBe('item 1 of "include"');
    expect(describePath(['x-a', 0, 1])).toBe('item 2 of item 1 of "x-a"');
  });
});

describe('suggest', () => {
  it('finds a close key: a typo, a swap, a wrong case', () => {
    expect(suggest('privilegd', ['privileged', 'pid'])).toBe('privileged');
    expect(suggest('imgae', ['image', 'init'])).toBe('image');
    expect(suggest('Image', ['image'])).toBe('image');
  });

  it('gives nothing when no key is close', () => {
    expect(suggest('wrongField', ['image', 'ports'])).toBeUndefined();
    expect(suggest('ab', ['image'])).toBeUndefined();
  });
});

describe('through lintSource() with every built-in rule', () => {
  it('reports a file that is empty, null, a scalar or a list, and nothing throws', async () => {
    const { lintSource } = await import('../../src/lint.js');
    const { rules } = await import('../../rules/index.js');
    const run = (text: string) => lintSource({ name: 'compose.yml', absPath: '/compose.yml', text }, rules).map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column} ${f.message}`);
    expect(run('')).toEqual(['core/schema 1:1 the file is empty (or holds only comments); Compose rejects an empty compose file']);
    expect(run('# only a comment\n')).toEqual(['core/schema 1:1 the file is empty (or holds only comments); Compose rejects an empty compose file']);
    expect(run('~\n')).toEqual(['core/schema 1:1 the top level is empty; it must be a mapping']);
    expect(run('5\n')).toEqual(['core/schema 1:1 the top level must be a mapping']);
    expect(run('[1]\n')).toEqual(['core/schema 1:1 the top level must be a mapping']);
  });
});
