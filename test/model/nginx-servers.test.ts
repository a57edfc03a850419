import { describe, expect, it } from 'vitest';
import { intendedHeaders } from '../../src/model/nginx-headers.js';
import { answeringBlocks, serverListens } from '../../src/model/nginx-servers.js';
import { directivesNamed } from '../../src/parse/nginx-tree.js';
import { parseNginx } from '../../src/parse/nginx.js';

function servers(text: string) {
  const config = parseNginx({ name: 'nginx.conf', absPath: '/nginx.conf', text: `http {\n${text}}\n` }).config;
  return { config, servers: directivesNamed(directivesNamed(config, 'http')[0]!, 'server') };
}

describe('serverListens', () => {
  it('reads the host, the port (80 when none) and whether the address is TLS or loopback', () => {
    const { servers: [server] } = servers('server {\n listen 80;\n listen [::]:8443 ssl http2;\n listen 127.0.0.1;\n listen localhost:8080;\n listen 443 quic;\n listen unix:/run/n.sock;\n listen $port;\n}\n');
    expect(serverListens(server!).map((l) => `${l.word.value} ${l.host} ${l.port} ${l.tls} ${l.loopback}`)).toEqual([
      '80 * 80 false false',
      '[::]:8443 [::] 8443 true false',
      '127.0.0.1 127.0.0.1 80 false true',
      'localhost:8080 localhost 8080 false true',
      '443 * 443 true false',
      'unix:/run/n.sock undefined undefined false true',
      '$port undefined undefined false false',
    ]);
  });
});

describe('answeringBlocks', () => {
  const label = (ds: readonly { name: { value: string }; args: { value: string }[] }[]) => ds.map((d) => `${d.name.value} ${d.args.map((a) => a.value).join(' ')}`.trim());

  it('leaves out blocks that return or redirect every URI; the server counts without a location /', () => {
    const { servers: [redirect, rewrite, mixed, catchAll] } = servers(
      'server { return 301 https://$host$request_uri; }\nserver { rewrite ^ https://$host$request_uri permanent; }\nserver { rewrite ^/old$ /new permanent; location = /h { return 200; } location /a/ { root /srv; location ~ \\.php$ { fastcgi_pass php:9000; } } }\nserver { location ^~ / { proxy_pass http://app; } if ($x) { return 403; } }\n',
    );
    expect(label(answeringBlocks(redirect!))).toEqual([]);
    expect(label(answeringBlocks(rewrite!))).toEqual([]);
    expect(label(answeringBlocks(mixed!))).toEqual(['server', 'location /a/', 'location ~ \\.php$']);
    expect(label(answeringBlocks(catchAll!))).toEqual(['location ^~ /']);
  });
});

describe('intendedHeaders', () => {
  it('adds the outer levels to a block with headers of its own, up to add_header_inherit off', () => {
    const { config, servers: [server] } = servers('add_header A 1;\nserver {\n add_header B 2;\n location / { add_header C 3; }\n location /x/ { add_header_inherit off; add_header D 4; }\n}\n');
    const [root, x] = directivesNamed(server!, 'location');
    expect(intendedHeaders(config, root!).map((d) => d.args[0]!.value)).toEqual(['A', 'B', 'C']);
    expect(intendedHeaders(config, x!).map((d) => d.args[0]!.value)).toEqual(['D']);
  });
});
