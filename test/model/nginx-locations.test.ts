import { describe, expect, it } from 'vitest';
import { blockLabel, clientLocationOf, isPublicHostName, passDirectivesIn, replacedDirectives } from '../../src/model/nginx-locations.js';
import { walkNginx } from '../../src/parse/nginx-tree.js';
import { parseNginx, type NginxDirective } from '../../src/parse/nginx.js';

function parse(text: string) {
  return parseNginx({ name: 'nginx.conf', absPath: '/nginx.conf', text }).config;
}

function named(config: ReturnType<typeof parse>, name: string, arg?: string): NginxDirective {
  let found: NginxDirective | undefined;
  walkNginx(config, (d) => {
    if (!found && d.name.value === name && (arg === undefined || d.args[0]?.value === arg)) found = d;
  });
  return found!;
}

const lines = (ds: readonly NginxDirective[]) => ds.map((d) => `${d.range.start.line} ${d.args[0]?.value}`);

describe('passDirectivesIn and clientLocationOf', () => {
  const config = parse(
    'http {\n  server {\n    location / {\n      if ($x) { proxy_pass http://a; }\n      location /in/ { grpc_pass grpc://b; }\n    }\n    location /x { internal; proxy_pass http://c; }\n    location @h { health_check; proxy_pass http://d; }\n  }\n}\n',
  );
  const server = named(config, 'server');

  it('lists every pass directive of a server, nested blocks included, in file order', () => {
    expect(lines(passDirectivesIn(server))).toEqual(['4 http://a', '5 grpc://b', '7 http://c', '8 http://d']);
  });

  it('gives the client-facing location through if blocks; none for internal locations and health probes', () => {
    expect(passDirectivesIn(server).map((p) => (clientLocationOf(p) ? blockLabel(clientLocationOf(p)!) : '-'))).toEqual(['location "/"', 'location "/in/"', '-', '-']);
  });
});

describe('replacedDirectives', () => {
  const config = parse('http {\n  proxy_set_header A 1;\n  server {\n    proxy_set_header B 2;\n    location / {\n      proxy_set_header C 3;\n    }\n    location /k/ {\n    }\n  }\n}\n');

  it('the level with directives of its own drops those of the next level that has any', () => {
    expect(lines(replacedDirectives(config, named(config, 'location', '/'), 'proxy_set_header'))).toEqual(['4 B']);
    expect(lines(replacedDirectives(config, named(config, 'server'), 'proxy_set_header'))).toEqual(['2 A']);
  });

  it('a block that writes none inherits the nearest level, and replaces nothing itself except through it', () => {
    expect(lines(replacedDirectives(config, named(config, 'location', '/k/'), 'proxy_set_header'))).toEqual(['2 A']);
    expect(replacedDirectives(config, named(config, 'http'), 'proxy_set_header')).toEqual([]);
  });
});

describe('isPublicHostName', () => {
  it('a dotted DNS name is public; service names, IPv4 addresses and local suffixes are not', () => {
    expect(['api.example.com', 'www.google-analytics.com'].map(isPublicHostName)).toEqual([true, true]);
    expect(['backend', 'escashop_backend', '127.0.0.1', '10.0.0.5', 'host.docker.internal', 'printer.local', 'api.default.svc.cluster.local'].map(isPublicHostName)).toEqual([false, false, false, false, false, false, false]);
  });
});
