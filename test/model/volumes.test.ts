import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import type { Text } from '../../src/model/text.js';
import { isWithin, type Volume } from '../../src/model/volumes.js';
import { parseYaml } from '../../src/parse/yaml.js';

/** The volumes of service "web", whose `volumes:` items are given one per entry (long syntax as flow maps). */
function volumes(items: string[], variables: Record<string, string> = {}): { yaml: string; volumes: readonly Volume[] } {
  const yaml = `services:\n  web:\n    image: nginx:1.27\n    volumes:\n${items.map((i) => `      - ${i}\n`).join('')}`;
  const parsed = parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text: yaml });
  expect(parsed.findings).toEqual([]);
  const project = buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map(Object.entries(variables)) });
  return { yaml, volumes: project.service('web')!.volumes };
}

/** A text as `value@characters-it-points-at`. */
function at(yaml: string, t: Text | undefined): string | undefined {
  if (!t) return undefined;
  const { start, end } = t.origin.range;
  return `${t.value}@${yaml.split('\n')[start.line - 1]!.slice(start.column - 1, end.column - 1)}`;
}

function parts(yaml: string, v: Volume | undefined) {
  return (
    v && {
      syntax: v.syntax,
      type: v.type,
      source: at(yaml, v.source),
      target: at(yaml, v.target),
      readOnly: v.readOnly,
      access: at(yaml, v.access),
      propagation: at(yaml, v.propagation),
      hostPath: v.hostPath,
      projectPath: v.projectPath,
    }
  );
}

describe('short syntax', () => {
  it('an absolute bind, read-only, with the exact place of each part', () => {
    const { yaml, volumes: [v] } = volumes(['"/var/run/docker.sock:/var/run/docker.sock:ro"']);
    expect(parts(yaml, v)).toEqual({
      syntax: 'short',
      type: 'bind',
      source: '/var/run/docker.sock@/var/run/docker.sock',
      target: '/var/run/docker.sock@/var/run/docker.sock',
      readOnly: true,
      access: 'ro@ro',
      propagation: undefined,
      hostPath: '/var/run/docker.sock',
      projectPath: undefined,
    });
    expect(v!.source!.origin.range.start.column).toBe(10);
  });

  it('relative binds are resolved against the project directory', () => {
    const { volumes: vs } = volumes(['.:/app', './src/../app/:/srv', '../shared:/shared', './:/x']);
    expect(vs.map((v) => [v.type, v.projectPath, v.hostPath])).toEqual([
      ['bind', '.', undefined],
      ['bind', 'app', undefined],
      ['bind', '../shared', undefined],
      ['bind', '.', undefined],
    ]);
  });

  it('home and Windows paths are binds; absolute paths are normalized', () => {
    const { volumes: vs } = volumes(['~/.docker/:/root/.docker', '"C:\\\\data:/data"', '//etc/../etc/ssl/:/ssl:rw']);
    expect(vs.map((v) => [v.type, v.hostPath, v.target?.value, v.readOnly])).toEqual([
      ['bind', '~/.docker', '/root/.docker', false],
      ['bind', 'C:/data', '/data', false],
      ['bind', '/etc/ssl', '/ssl', false],
    ]);
  });

  it('a named volume, and an anonymous one (a target alone)', () => {
    const { yaml, volumes: [named, anonymous] } = volumes(['pgdata:/var/lib/postgresql/data', '/usr/src/app/node_modules']);
    expect(parts(yaml, named)).toMatchObject({ type: 'volume', source: 'pgdata@pgdata', target: '/var/lib/postgresql/data@/var/lib/postgresql/data', hostPath: undefined });
    expect(parts(yaml, anonymous)).toMatchObject({ type: 'volume', source: undefined, target: '/usr/src/app/node_modules@/usr/src/app/node_modules' });
  });

  it('mode options: SELinux labels, propagation, the last of ro/rw wins', () => {
    const { yaml, volumes: [v, w] } = volumes(['/srv:/srv:z,rshared,ro', '/srv:/srv:ro,rw']);
    expect(v!.options.map((o) => o.value)).toEqual(['z', 'rshared', 'ro']);
    expect(parts(yaml, v)).toMatchObject({ readOnly: true, access: 'ro@ro', propagation: 'rshared@rshared' });
    expect(w!.readOnly).toBe(false);
  });

  it('a source from a variable points at the ${...} that gave it', () => {
    const { yaml, volumes: [v] } = volumes(['${SOCK:-/run/docker.sock}:/var/run/docker.sock'], {});
    expect(at(yaml, v!.source)).toBe('/run/docker.sock@/run/docker.sock');
    const set = volumes(['${SOCK}:/var/run/docker.sock'], { SOCK: '/run/podman/podman.sock' });
    expect(at(set.yaml, set.volumes[0]!.source)).toBe('/run/podman/podman.sock@${SOCK}');
    expect(set.volumes[0]!.hostPath).toBe('/run/podman/podman.sock');
  });
});

describe('long syntax', () => {
  it('a bind with read_only and bind.propagation', () => {
    const { yaml, volumes: [v] } = volumes(['{ type: bind, source: /, target: /host, read_only: true, bind: { propagation: rslave } }']);
    expect(parts(yaml, v)).toEqual({
      syntax: 'long',
      type: 'bind',
      source: '/@/',
      target: '/host@/host',
      readOnly: true,
      access: 'true@true',
      propagation: 'rslave@rslave',
      hostPath: '/',
      projectPath: undefined,
    });
  });

  it('volume and tmpfs types have no host path; a relative bind has a project path', () => {
    const { volumes: vs } = volumes(['{ type: volume, source: data, target: /data }', '{ type: tmpfs, target: /tmp }', '{ type: bind, source: ./app, target: /app, read_only: false }']);
    expect(vs.map((v) => [v.type, v.source?.value, v.hostPath, v.projectPath, v.readOnly])).toEqual([
      ['volume', 'data', undefined, undefined, false],
      ['tmpfs', undefined, undefined, undefined, false],
      ['bind', './app', undefined, 'app', false],
    ]);
  });
});

describe('isWithin', () => {
  it('compares whole path segments', () => {
    expect(isWithin('/etc', '/etc')).toBe(true);
    expect(isWithin('/etc/ssl/certs', '/etc')).toBe(true);
    expect(isWithin('/etcd-data', '/etc')).toBe(false);
    expect(isWithin('/homeassistant', '/home')).toBe(false);
    expect(isWithin('/anything', '/')).toBe(true);
  });
});
