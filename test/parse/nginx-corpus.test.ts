import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { walkNginx } from '../../src/parse/nginx-tree.js';
import { CORPUS, corpusNginxFiles, isSyntaxFinding, parseCorpusFile } from '../oracle/nginx/corpus.js';

/**
 * Every nginx file of the shared corpus parses without an exception, every finding sits inside the
 * file it names, and the files with a syntax finding are exactly these, each for the reason given.
 * (test/oracle/nginx.test.ts checks the same list against nginx itself.)
 */
const TEMPLATE = 'a Go / consul-template placeholder ({{...}}): the file is rendered before nginx reads it';
const CROSSPLANE = "a test fixture of crossplane (nginx's config parser) that is broken on purpose";
const NOT_INCLUDED = 'includes crossplane\'s not-included.conf, a fixture that is broken on purpose';

const EXPECTED: Record<string, { finding: string; reason: string }> = {
  'certbot__certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/broken.conf': {
    finding: 'certbot__certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/broken.conf:13:1 unexpected end of file, expecting ";" or "}"',
    reason: 'certbot\'s "faulty configuration" fixture: it ends with the word "@@@" and no ";"',
  },
  'nginxinc__NGINX-Demos/consul-template-demo/nginx/nginx.conf': { finding: 'nginxinc__NGINX-Demos/consul-template-demo/nginx/nginx.conf:1:1 unexpected "{"', reason: TEMPLATE },
  'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf': {
    finding: 'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf:3:1 unexpected end of file, expecting ";" or "}"',
    reason: CROSSPLANE,
  },
  'nginxinc__crossplane/tests/configs/includes-globbed/servers/server1.conf': {
    finding: 'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf:3:1 unexpected end of file, expecting ";" or "}"',
    reason: NOT_INCLUDED,
  },
  'nginxinc__crossplane/tests/configs/includes-globbed/servers/server2.conf': {
    finding: 'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf:3:1 unexpected end of file, expecting ";" or "}"',
    reason: NOT_INCLUDED,
  },
  'nginxinc__crossplane/tests/configs/includes-regular/conf.d/bar.conf': {
    finding: 'nginxinc__crossplane/tests/configs/includes-regular/conf.d/bar.conf:3:1 unexpected end of file, expecting ";" or "}"',
    reason: `${CROSSPLANE}: read alone, a file meant for the prefix's folder`,
  },
  'nginxinc__crossplane/tests/configs/includes-regular/conf.d/foo.conf': {
    finding: 'nginxinc__crossplane/tests/configs/includes-regular/conf.d/foo.conf:3:1 unexpected end of file, expecting ";" or "}"',
    reason: CROSSPLANE,
  },
  'nginxinc__crossplane/tests/configs/includes-regular/conf.d/server.conf': {
    finding: 'nginxinc__crossplane/tests/configs/includes-regular/conf.d/foo.conf:3:1 unexpected end of file, expecting ";" or "}"',
    reason: 'read alone, its relative include resolves against its own folder and reaches foo.conf, broken on purpose',
  },
  'nginxinc__crossplane/tests/configs/missing-semicolon/broken-above.conf': {
    finding: 'nginxinc__crossplane/tests/configs/missing-semicolon/broken-above.conf:5:9 unexpected "}"',
    reason: `${CROSSPLANE}: a missing ";"`,
  },
  'nginxinc__crossplane/tests/configs/missing-semicolon/broken-below.conf': {
    finding: 'nginxinc__crossplane/tests/configs/missing-semicolon/broken-below.conf:8:9 unexpected "}"',
    reason: `${CROSSPLANE}: a missing ";"`,
  },
  'nginxinc__crossplane/tests/configs/quote-behavior/nginx.conf': {
    finding: 'nginxinc__crossplane/tests/configs/quote-behavior/nginx.conf:1:21 unexpected "-"',
    reason: `${CROSSPLANE}: a character right after a closing quote`,
  },
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab': { finding: 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab:45:15 directive "server_name" is not terminated by ";"', reason: TEMPLATE },
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages': { finding: 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages:8:19 directive "server_name" is not terminated by ";"', reason: TEMPLATE },
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages-ssl': { finding: 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages-ssl:14:19 directive "server_name" is not terminated by ";"', reason: TEMPLATE },
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-registry': { finding: 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-registry:11:16 directive "server_name" is not terminated by ";"', reason: TEMPLATE },
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-ssl': { finding: 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-ssl:51:28 directive "return" is not terminated by ";"', reason: TEMPLATE },
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab_ci': { finding: 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab_ci:4:15 directive "server_name" is not terminated by ";"', reason: TEMPLATE },
};

function where(f: Finding): string {
  return `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.message}`;
}

/** Why a finding's range is not a place in its file, or undefined when it is. */
function outside(f: Finding): string | undefined {
  const lines = readFileSync(path.join(CORPUS, f.file), 'utf8').replace(/^\uFEFF/, '').split('\n');
  for (const [name, p] of [['start', f.range.start], ['end', f.range.end]] as const) {
    if (p.line < 1 || p.line > lines.length || p.column < 1 || p.column > lines[p.line - 1]!.length + 1) return `${where(f)}: ${name} ${p.line}:${p.column} is outside the file`;
  }
  return undefined;
}

describe('the nginx files of the shared corpus', () => {
  const files = corpusNginxFiles();

  it('are all there', () => {
    expect(files.length).toBe(424);
  });

  it('parse without an exception, with findings inside their files, and syntax findings exactly where expected', () => {
    const found: Record<string, string> = {};
    const misplaced: string[] = [];
    for (const id of files) {
      const { findings } = parseCorpusFile(id);
      for (const f of findings) {
        const bad = outside(f);
        if (bad) misplaced.push(bad);
      }
      const syntax = findings.filter(isSyntaxFinding);
      // Parsing a file stops at its first syntax error.
      expect(syntax.length, id).toBeLessThanOrEqual(1);
      if (syntax[0]) found[id] = where(syntax[0]);
    }
    expect(misplaced).toEqual([]);
    expect(found).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([id, e]) => [id, e.finding])));
  });

  it('read envsubst templates (${VAR} placeholders) as words', () => {
    const templates = files.filter((id) => id.endsWith('.template'));
    expect(templates.length).toBeGreaterThan(0);
    for (const id of templates) {
      const { config, findings } = parseCorpusFile(id);
      expect(findings.filter(isSyntaxFinding), id).toEqual([]);
      expect(config.directives.length, id).toBeGreaterThan(0);
    }
    // `listen ${IMAGE_PROVIDER_PORT};` in a server block of the http block.
    const { config } = parseCorpusFile('open-telemetry__opentelemetry-demo/src/image-provider/nginx.conf.template');
    const listens: string[] = [];
    walkNginx(config, (d) => void (d.name.value === 'listen' && listens.push(d.args.map((a) => `${a.raw} ${a.variables.map((v) => `${v.name}@${v.range.start.line}:${v.range.start.column}`).join(' ')}`).join(' | '))));
    expect(listens).toEqual(['${IMAGE_PROVIDER_PORT} IMAGE_PROVIDER_PORT@22:16', '[::]:${IMAGE_PROVIDER_PORT} IMAGE_PROVIDER_PORT@23:21']);
  });
});
