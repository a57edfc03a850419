import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { composeCommand, skipOracle, composePython, controlledEnv } from './compose129.js';
import { compareProjects, composeService, shellWords, yaml11 } from './normalize.js';

/** The oracle's own normalizers, checked against the Python that docker-compose 1.29 runs on. */

function python(script: string, input: unknown): unknown {
  const command = composeCommand();
  if (!command) throw new Error('docker-compose is not installed: run scripts/oracle-setup.sh');
  const out = execFileSync(composePython(command), ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', env: controlledEnv() });
  return JSON.parse(out);
}

describe.skipIf(skipOracle())('the oracle normalizers', () => {
  it('read plain scalars the way PyYAML (YAML 1.1) does', () => {
    const scalars = [
      'yes', 'No', 'ON', 'off', 'true', 'y', 'n', '~', 'null', '0755', '0o755', '0x1F', '0b101', '1_000', '22:22', '80:80', '1:30:00',
      '1.5', '1e3', '1.0e+3', '.5', '+12', '-0', '3000-3005', '127.0.0.1:80:80', '1.2.3', 'latest',
    ];
    const theirs = python(
      'import json, sys, yaml\nprint(json.dumps([yaml.safe_load(s) for s in json.load(sys.stdin)]))',
      scalars,
    ) as unknown[];
    expect(scalars.map(yaml11)).toEqual(theirs);
  });

  it('split command strings into the words a POSIX shell sees', () => {
    const lines = [
      'npm start',
      `sh -c "echo 'hi there' && sleep 1"`,
      `bash -c 'a "b" c'`,
      'a\\ b  c\td',
      '',
      `python -m http.server --bind '' 8000`,
    ];
    const theirs = python('import json, shlex, sys\nprint(json.dumps([shlex.split(s) for s in json.load(sys.stdin)]))', lines);
    expect(lines.map(shellWords)).toEqual(theirs);
  });

  it('bring docker-compose 1.29 ports, volumes and healthchecks to the compared shape', () => {
    const view = composeService({
      ports: [
        { target: 80, published: 8080, protocol: null, mode: null, external_ip: '127.0.0.1' },
        { target: 53, published: null, protocol: 'udp', mode: null, external_ip: null },
      ],
      volumes: [
        { kind: 'short', external: '/srv/data', internal: '/data', mode: 'rw' },
        { kind: 'short', external: '.', internal: '/empty', mode: 'rw' },
        { kind: 'long', type: 'volume', source: 'db', target: '/var/lib/db/' },
      ],
      healthcheck: { test: ['NONE'] },
      labels: { a: 'True' },
    });
    expect(view).toEqual({
      ports: ['127.0.0.1|8080|80|tcp', '||53|udp'],
      volumes: ['bind|/srv/data|/data', 'volume|db|/var/lib/db', 'volume||/empty'],
      healthcheck: { disabled: true },
      labels: { a: 'True' },
    });
  });

  it('report every field that differs, and a service on one side only', () => {
    expect(
      compareProjects(
        { web: { image: 'nginx:1', ports: ['|80|80|tcp'] }, only: {} },
        { web: { image: 'nginx:2', ports: ['|80|80|tcp'] } },
      ),
    ).toEqual([
      { service: 'only', field: '(service)', ours: 'present', theirs: 'absent' },
      { service: 'web', field: 'image', ours: 'nginx:1', theirs: 'nginx:2' },
    ]);
  });
});
