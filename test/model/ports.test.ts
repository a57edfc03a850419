import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { parsePort, type Port } from '../../src/model/ports.js';
import type { Text } from '../../src/model/text.js';
import { getPath, type YNode } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';

/** The ports of `ports:` items written one per line under service "web", after interpolation. */
function ports(items: string[], variables: Record<string, string> = {}): { yaml: string; ports: (Port | undefined)[] } {
  const yaml = `services:\n  web:\n    ports:\n${items.map((i) => `      - ${i}\n`).join('')}`;
  const parsed = parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text: yaml });
  expect(parsed.findings).toEqual([]);
  const project = buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map(Object.entries(variables)) });
  const list = getPath(project.root, ['services', 'web', 'ports']);
  return { yaml, ports: list?.kind === 'seq' ? list.items.map((item: YNode) => parsePort(item)) : [] };
}

/** Each part of a port as `value@columns-as-written`. */
function parts(yaml: string, port: Port | undefined) {
  const show = (t: Text | undefined) => {
    if (!t) return undefined;
    const { start, end } = t.origin.range;
    const line = yaml.split('\n')[start.line - 1]!;
    return `${t.value}@${line.slice(start.column - 1, end.column - 1)}`;
  };
  return port && { syntax: port.syntax, hostIp: show(port.hostIp), published: show(port.published), target: show(port.target), protocol: port.protocol };
}

describe('short syntax', () => {
  it('a container port alone, as a number or a string', () => {
    const { yaml, ports: [a, b] } = ports(['80', '"3000"']);
    expect(parts(yaml, a)).toEqual({ syntax: 'short', hostIp: undefined, published: undefined, target: '80@80', protocol: 'tcp' });
    expect(parts(yaml, b)).toEqual({ syntax: 'short', hostIp: undefined, published: undefined, target: '3000@3000', protocol: 'tcp' });
  });

  it('host port and container port', () => {
    const { yaml, ports: [a] } = ports(['"8080:80"']);
    expect(parts(yaml, a)).toEqual({ syntax: 'short', hostIp: undefined, published: '8080@8080', target: '80@80', protocol: 'tcp' });
  });

  it('host address, host port and container port', () => {
    const { yaml, ports: [a, b] } = ports(['"127.0.0.1:8080:80"', '127.0.0.1::80']);
    expect(parts(yaml, a)).toEqual({ syntax: 'short', hostIp: '127.0.0.1@127.0.0.1', published: '8080@8080', target: '80@80', protocol: 'tcp' });
    expect(parts(yaml, b)).toEqual({ syntax: 'short', hostIp: '127.0.0.1@127.0.0.1', published: undefined, target: '80@80', protocol: 'tcp' });
  });

  it('an IPv6 host address in brackets', () => {
    const { yaml, ports: [a, b] } = ports(['"[::1]:80:80"', '"[::1]::80"']);
    expect(parts(yaml, a)).toEqual({ syntax: 'short', hostIp: '::1@::1', published: '80@80', target: '80@80', protocol: 'tcp' });
    expect(parts(yaml, b)).toEqual({ syntax: 'short', hostIp: '::1@::1', published: undefined, target: '80@80', protocol: 'tcp' });
  });

  it('ranges', () => {
    const { yaml, ports: [a, b] } = ports(['"8000-8010:80-90"', '"9090-9091"']);
    expect(parts(yaml, a)).toEqual({ syntax: 'short', hostIp: undefined, published: '8000-8010@8000-8010', target: '80-90@80-90', protocol: 'tcp' });
    expect(parts(yaml, b)).toEqual({ syntax: 'short', hostIp: undefined, published: undefined, target: '9090-9091@9090-9091', protocol: 'tcp' });
  });

  it('a protocol', () => {
    const { yaml, ports: [a, b] } = ports(['"53:53/udp"', '"127.0.0.1:5000:5000/TCP"']);
    expect(parts(yaml, a)).toEqual({ syntax: 'short', hostIp: undefined, published: '53@53', target: '53@53', protocol: 'udp' });
    expect(parts(yaml, b)).toEqual({ syntax: 'short', hostIp: '127.0.0.1@127.0.0.1', published: '5000@5000', target: '5000@5000', protocol: 'tcp' });
  });

  it('an interpolated host address: the default, or the variable', () => {
    const item = '"${BIND:-127.0.0.1}:8080:80"';
    const unset = ports([item]);
    expect(parts(unset.yaml, unset.ports[0])).toEqual({ syntax: 'short', hostIp: '127.0.0.1@127.0.0.1', published: '8080@8080', target: '80@80', protocol: 'tcp' });
    const set = ports([item], { BIND: '0.0.0.0' });
    expect(parts(set.yaml, set.ports[0])).toEqual({ syntax: 'short', hostIp: '0.0.0.0@${BIND:-127.0.0.1}', published: '8080@8080', target: '80@80', protocol: 'tcp' });
    expect(set.ports[0]!.hostIp!.fromVariable).toBe(true);
  });

  it('an interpolated host port that is unset', () => {
    const { yaml, ports: [a] } = ports(['"${PORT}:80"']);
    expect(parts(yaml, a)).toEqual({ syntax: 'short', hostIp: undefined, published: undefined, target: '80@80', protocol: 'tcp' });
    expect(a!.item.kind === 'scalar' && a!.item.interpolation?.raw).toBe('${PORT}:80');
  });
});

describe('long syntax', () => {
  it('reads target, published, host_ip and protocol', () => {
    const { yaml, ports: [a] } = ports(['{target: 80, published: "8080", host_ip: 127.0.0.1, protocol: UDP, mode: host}']);
    expect(parts(yaml, a)).toEqual({ syntax: 'long', hostIp: '127.0.0.1@127.0.0.1', published: '8080@8080', target: '80@80', protocol: 'udp' });
  });

  it('defaults to tcp and leaves out what is not written', () => {
    const { yaml, ports: [a] } = ports(['{target: 80}']);
    expect(parts(yaml, a)).toEqual({ syntax: 'long', hostIp: undefined, published: undefined, target: '80@80', protocol: 'tcp' });
  });
});

describe('items that are not ports', () => {
  it('an empty item or a list is not a port', () => {
    const { ports: [a, b] } = ports(['', '[80]']);
    expect(a).toBeUndefined();
    expect(b).toBeUndefined();
  });
});
