import { describe, expect, it } from 'vitest';
import { addressScope } from '../../src/model/ip-address.js';
import { effectiveAccessRules } from '../../src/model/nginx-access.js';
import { resolverAddresses, runtimeLookups } from '../../src/model/nginx-resolver.js';
import { parseNginx } from '../../src/parse/nginx.js';
import { walkNginx } from '../../src/parse/nginx-tree.js';
import type { Origin } from '../../src/parse/position.js';

const parse = (text: string) => parseNginx({ name: 'site.conf', absPath: '/site.conf', text }).config;
const at = (o: Origin) => `${o.range.start.line}:${o.range.start.column}-${o.range.end.line}:${o.range.end.column}`;

describe('addressScope', () => {
  it('tells loopback, private, link-local and public addresses apart', () => {
    expect(['127.0.0.11', '::1', '[::1]', '10.1.2.3', '172.31.0.1', '172.32.0.1', '192.168.1.1', '100.100.100.100', 'fd00::53', '169.254.169.253', 'fe80::1', '0.0.0.0', '8.8.8.8', '2606:4700:4700::1111'].map((a) => `${a} ${addressScope(a)}`)).toEqual([
      '127.0.0.11 loopback',
      '::1 loopback',
      '[::1] loopback',
      '10.1.2.3 private',
      '172.31.0.1 private',
      '172.32.0.1 public',
      '192.168.1.1 private',
      '100.100.100.100 private',
      'fd00::53 private',
      '169.254.169.253 link-local',
      'fe80::1 link-local',
      '0.0.0.0 unspecified',
      '8.8.8.8 public',
      '2606:4700:4700::1111 public',
    ]);
    expect(addressScope('dns.google')).toBeUndefined();
  });
});

describe('resolverAddresses', () => {
  it('splits each nameserver from its port and leaves parameters and variables out', () => {
    const config = parse('resolver 8.8.8.8:53 [2001:db8::1]:5353 ::1 dns valid=10s ${R} ipv6=off;\n');
    const resolver = config.directives[0]!;
    expect(resolverAddresses(resolver).map((a) => `${a.host} ${at(a.hostAt)}`)).toEqual(['8.8.8.8 1:10-1:17', '2001:db8::1 1:22-1:33', '::1 1:40-1:43', 'dns 1:44-1:47']);
  });
});

describe('runtimeLookups', () => {
  it('finds the names nginx resolves per request, not upstreams, addresses or servers it knows from start', () => {
    const config = parse(
      [
        'upstream backend { server backend:8000; }',
        'server {',
        '    location /a { set $a http://a-svc:80; proxy_pass $a; }',
        '    location /b { proxy_pass http://b-svc$request_uri; }',
        '    location /c { proxy_pass http://backend$request_uri; }',
        '    location /d { proxy_pass http://10.0.0.1$request_uri; }',
        '    location /e { proxy_pass http://known:81; }',
        '    location /f { proxy_pass http://known:81$request_uri; }',
        '    location /g { proxy_pass http://$host$request_uri; }',
        '    location /i { proxy_pass http://app$suffix; }',
        '    location /h { proxy_pass http://unix:/run/a.sock:$request_uri; }',
        '}',
        '',
      ].join('\n'),
    );
    expect(runtimeLookups(config).map((l) => `${l.host} ${at(l.hostAt)} ${l.through ? 'set' : 'written'}`)).toEqual(['a-svc 3:33-3:38 set', 'b-svc 4:37-4:42 written']);
  });
});

describe('effectiveAccessRules', () => {
  it('takes the innermost level with any allow or deny, whole', () => {
    const config = parse('allow 1.1.1.1;\nserver {\n    deny 2.2.2.2;\n    location / { }\n    location /x { allow 3.3.3.3; }\n}\n');
    const locations: Parameters<typeof effectiveAccessRules>[1][] = [];
    walkNginx(config, (d) => {
      if (d.name.value === 'location') locations.push(d);
    });
    expect(locations.map((l) => effectiveAccessRules(config, l).map((r) => `${r.name.value} ${r.args[0]!.value}`))).toEqual([['deny 2.2.2.2'], ['allow 3.3.3.3']]);
    expect(effectiveAccessRules(config, undefined).map((r) => r.args[0]!.value)).toEqual(['1.1.1.1']);
  });
});
