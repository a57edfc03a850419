import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { weakCipherElements } from '../../../src/engine/api.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (image = 'nginx:1.27') => ({ 'compose.yaml': `services:\n  proxy:\n    image: ${image}\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n` });
const server = (body: string) => `ssl_session_tickets off;\nserver {\n    listen 443 ssl;\n    server_name shop.example.com;\n${body}}\n`;

describe('nginx/tls-ciphers messages', () => {
  it('each weak element at its place in the list, with how to fix it', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': server('    ssl_ciphers "HIGH:MEDIUM:!aNULL:DES-CBC3-SHA";\n') })).toEqual([
      'site.conf 5:23-5:29 warning "MEDIUM" in ssl_ciphers lets in 3DES (SWEET32) and RC4 cipher suites; exclude them with !3DES:!RC4',
      'site.conf 5:37-5:49 warning "DES-CBC3-SHA" in ssl_ciphers lets in 3DES (SWEET32) cipher suites; remove it',
    ]);
  });

  it('suites of one kind named one by one are one finding, the others related', async () => {
    const got = await lintHostProject(rule, { files: { ...compose(), 'site.conf': server('    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-DES-CBC3-SHA:DES-CBC3-SHA:RC4-SHA;\n') } });
    expect(got.map((f) => [rangeOf(f), f.message, f.related.map((r) => `${r.range.start.line}:${r.range.start.column}-${r.range.end.column} ${r.message}`)])).toEqual([
      ['5:45-5:67', '"ECDHE-RSA-DES-CBC3-SHA" and 1 more suite like it in ssl_ciphers let in 3DES (SWEET32) cipher suites; remove them', ['5:68-80 "DES-CBC3-SHA" too']],
      ['5:81-5:88', '"RC4-SHA" in ssl_ciphers lets in RC4 cipher suites; remove it', []],
    ]);
  });

  it('HIGH alone lets in anonymous suites; nginx\'s own default excludes them', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': server('    ssl_ciphers HIGH:!ADH;\n') })).toEqual([
      'site.conf 5:17-5:21 warning "HIGH" in ssl_ciphers lets in anonymous ECDH (aNULL) cipher suites; exclude them with !aNULL',
    ]);
    expect(await lintProject(rule, { ...compose(), 'site.conf': server('    ssl_ciphers HIGH:!aNULL:!MD5;\n') })).toEqual([]);
  });

  it('a list from a variable is not judged; a list several servers use is judged once', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': server('    ssl_ciphers $ciphers;\n') })).toEqual([]);
    const twice = 'ssl_session_tickets off;\nssl_ciphers RC4-SHA;\nserver {\n    listen 443 ssl;\n}\nserver {\n    listen 8443 ssl;\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': twice })).toEqual(['site.conf 2:13-2:20 warning "RC4-SHA" in ssl_ciphers lets in RC4 cipher suites; remove it']);
  });

  it('session tickets: the default without a shared cache, and a shared cache on an nginx older than 1.23.2', async () => {
    const site = 'server {\n    listen 443 ssl;\n    server_name shop.example.com;\n    ssl_session_cache shared:SSL:10m;\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([]);
    expect(await lintProject(rule, { ...compose('nginx:1.23.1'), 'site.conf': site })).toEqual([
      'site.conf 2:16-2:19 warning server "shop.example.com" keeps nginx\'s default of TLS session tickets under a key nginx never rotates (the image\'s nginx 1.23.1 rotates it only from 1.23.2 on), so whoever obtains that key can decrypt every recorded session it protected; set "ssl_session_tickets off", or use "ssl_session_cache shared:…" on nginx 1.23.2 or later',
    ]);
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'ssl_session_tickets on;\nserver {\n    listen 443 ssl;\n}\n' })).toEqual([
      'site.conf 1:21-1:23 warning "ssl_session_tickets on" of the http block keeps TLS session tickets under a key nginx never rotates (no shared ssl_session_cache), so whoever obtains that key can decrypt every recorded session it protected; set "ssl_session_tickets off", or use "ssl_session_cache shared:…" on nginx 1.23.2 or later',
    ]);
  });

  it('the TLS servers that keep the default are reported once, the others as related locations', async () => {
    const site = 'server {\n    listen 443 ssl;\n}\nserver {\n    listen 8443 ssl;\n}\nserver {\n    listen 9443 ssl;\n    ssl_session_tickets off;\n}\n';
    const got = await lintHostProject(rule, { files: { ...compose(), 'site.conf': site } });
    expect(got.map((f) => [rangeOf(f), f.message.slice(0, 80), f.related.map((r) => `${r.range.start.line}:${r.range.start.column} ${r.message}`)])).toEqual([
      ['2:16-2:19', "server listening on 443 and 1 other TLS server keep nginx's default of TLS sessi", ['5:17 this TLS server keeps the same key']],
    ]);
  });

  it('a list is judged wherever it is written (its servers may come from files the project lacks); plain servers need no tickets setting; off in dev', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'ssl_ciphers ALL:!aNULL:!RC4;\ninclude /etc/nginx/sites-enabled/*.conf;\nserver {\n    listen 80;\n}\n' })).toEqual([
      'site.conf 1:13-1:16 warning "ALL" in ssl_ciphers lets in 3DES (SWEET32) cipher suites; exclude them with !3DES',
    ]);
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 80;\n}\n' })).toEqual([]);
    expect(await lintProject(rule, { 'compose.dev.yaml': compose()['compose.yaml'], 'site.conf': server('    ssl_ciphers ALL;\n') })).toEqual([]);
  });
});

describe('OpenSSL cipher lists', () => {
  const weak = (list: string) => weakCipherElements(list).map((w) => `${w.element.text} ${w.kinds.join(',')}${w.explicit ? ' explicit' : ''}`);

  it('! removes a kind for good, - only until a later element adds it again', () => {
    expect(weak('ALL:!aNULL:!3DES:!RC4')).toEqual([]);
    expect(weak('!RC4:ALL:!aNULL:!3DES')).toEqual([]);
    expect(weak('ALL:-aNULL:-3DES:-RC4:aNULL')).toEqual(['aNULL ADH,AECDH,NULL explicit']);
    expect(weak('ALL:-RC4:MEDIUM')).toEqual(['ALL ADH,AECDH,3DES', 'MEDIUM ADH,AECDH,3DES,RC4']);
  });

  it('a +-joined element selects what all of its parts select; +X only moves suites', () => {
    expect(weak('EECDH+AESGCM:DH+AESGCM:RC4+RSA:+LOW')).toEqual(['DH+AESGCM ADH', 'RC4+RSA RC4 explicit']);
    expect(weak('ECDHE-RSA-AES128-GCM-SHA256:DEFAULT:@SECLEVEL=2')).toEqual([]);
  });

  it('a removal of a combination takes out only that combination', () => {
    expect(weak('HIGH:!aNULL+AES')).toEqual(['HIGH ADH,AECDH']);
  });

  it('suite names say their kind', () => {
    expect(weak('NULL-SHA,EXP-RC4-MD5 ADH-AES256-SHA DES-CBC-SHA')).toEqual(['NULL-SHA NULL explicit', 'EXP-RC4-MD5 EXPORT,RC4,MD5 explicit', 'ADH-AES256-SHA ADH explicit', 'DES-CBC-SHA DES explicit']);
  });
});
