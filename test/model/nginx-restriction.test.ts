import { describe, expect, it } from 'vitest';
import { accessRestriction } from '../../src/model/nginx-restriction.js';
import { walkNginx } from '../../src/parse/nginx-tree.js';
import { parseNginx, type NginxDirective } from '../../src/parse/nginx.js';
import { rangeOf } from '../host-project.js';

/** Why each `location` of an http block is restricted: `path: reason at line:column`, or `path: open`. */
function restrictions(text: string): string[] {
  const config = parseNginx({ name: 'nginx.conf', absPath: '/nginx.conf', text: `http {\n${text}}\n` }).config;
  const locations: NginxDirective[] = [];
  walkNginx(config, (d) => void (d.name.value === 'location' && locations.push(d)));
  return locations.map((l) => {
    const r = accessRestriction(config, l);
    return `${l.args.map((a) => a.value).join(' ')}: ${r ? `${r.reason} at ${rangeOf(r.at)}` : 'open'}`;
  });
}

describe('accessRestriction', () => {
  it('reads internal, the access list in effect (first rule matching everyone wins), and authentication', () => {
    expect(
      restrictions(
        [
          'server {',
          ' listen 80;',
          ' allow 10.0.0.0/8;',
          ' deny all;',
          ' location /a { }',
          ' location /b { allow 192.168.0.0/16; }',
          ' location /c { allow all; deny all; }',
          ' location /d { internal; }',
          ' location /e { allow 1.2.3.4; auth_basic "x"; }',
          ' location /f { allow 1.2.3.4; auth_basic off; }',
          ' location /g { allow 1.2.3.4; auth_request /auth; }',
          '}',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      '/a: its access list ends in "deny all" at 5:2-5:11',
      '/b: open',
      '/c: open',
      '/d: it is internal at 9:2-9:27',
      '/e: it asks for credentials (auth_basic) at 10:31-10:46',
      '/f: open',
      '/g: it asks for credentials (auth_request) at 12:31-12:50',
    ]);
  });

  it('counts a server that listens on loopback addresses or unix sockets only', () => {
    expect(restrictions('server {\n listen 127.0.0.1:8080;\n listen unix:/run/s.sock;\n location / { }\n}\nserver {\n listen 127.0.0.1:8080;\n listen 8081;\n location / { }\n}\n')).toEqual([
      '/: its server listens on loopback addresses or unix sockets only at 3:2-3:24',
      '/: open',
    ]);
  });
});
