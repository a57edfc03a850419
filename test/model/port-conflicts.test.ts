import { describe, expect, it } from 'vitest';
import { bindingsConflict, describeHostBinding, hostBindingOf, type HostBinding } from '../../src/model/port-conflicts.js';
import { parsePort } from '../../src/model/ports.js';
import { buildProject } from '../../src/model/project.js';
import { getPath, type YNode } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';

/** The host binding of each `ports:` item, written one per line. */
function bindings(...items: string[]): (HostBinding | undefined)[] {
  const yaml = `services:\n  web:\n    ports:\n${items.map((i) => `      - ${i}\n`).join('')}`;
  const parsed = parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text: yaml });
  expect(parsed.findings).toEqual([]);
  const project = buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map() });
  const list = getPath(project.root, ['services', 'web', 'ports']);
  return list?.kind === 'seq' ? list.items.map((item: YNode) => hostBindingOf(parsePort(item)!)) : [];
}

function conflict(a: string, b: string): boolean {
  const [x, y] = bindings(a, b);
  expect(x && y, `${a} and ${b} fix their host ports`).toBeTruthy();
  return bindingsConflict(x!, y!) && bindingsConflict(y!, x!);
}

describe('hostBindingOf', () => {
  it('reads the address, the ports and the protocol', () => {
    const [binding] = bindings('"[::1]:9000-9001:9000-9001/udp"');
    expect(binding && { address: binding.address, first: binding.ports.first, last: binding.ports.last, protocol: binding.protocol }).toEqual({
      address: { family: 'ipv6', ip: '[::1]' },
      first: 9000,
      last: 9001,
      protocol: 'udp',
    });
    expect(describeHostBinding(binding!)).toBe('host ports 9000-9001/udp on ::1');
  });

  it('is undefined where the engine picks the port, and for a host that is no IP address', () => {
    expect(bindings('"3000"', '"127.0.0.1::3000"', '"0:3000"', '"5000-5999:80"', '"localhost:80:80"')).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('bindingsConflict', () => {
  it('no address meets every address of both families', () => {
    expect(conflict('"80:80"', '"127.0.0.1:80:80"')).toBe(true);
    expect(conflict('"80:80"', '"[::1]:80:80"')).toBe(true);
    expect(conflict('"80:80"', '"0.0.0.0:80:80"')).toBe(true);
  });

  it('a wildcard meets its own family only', () => {
    expect(conflict('"0.0.0.0:80:80"', '"10.1.2.3:80:80"')).toBe(true);
    expect(conflict('"[::]:80:80"', '"[fe80::1]:80:80"')).toBe(true);
    expect(conflict('"0.0.0.0:80:80"', '"[::]:80:80"')).toBe(false);
    expect(conflict('"0.0.0.0:80:80"', '"[::1]:80:80"')).toBe(false);
  });

  it('two addresses meet when they are one address', () => {
    expect(conflict('"127.0.0.1:80:80"', '"127.0.0.2:80:80"')).toBe(false);
    expect(conflict('"[::1]:80:80"', '"[0:0:0:0:0:0:0:1]:80:80"')).toBe(true);
    expect(conflict('"127.0.0.1:80:80"', '"[::1]:80:80"')).toBe(false);
  });

  it('needs the same protocol and overlapping ports', () => {
    expect(conflict('"53:53/udp"', '"53:53"')).toBe(false);
    expect(conflict('"9000-9010:9000-9010"', '"9010:80"')).toBe(true);
    expect(conflict('"9000-9010:9000-9010"', '"9011:80"')).toBe(false);
  });
});
