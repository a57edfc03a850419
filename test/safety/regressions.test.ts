import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { git, hostProject, rangeOf } from '../host-project.js';

/** The smallest inputs for the leaks the canary and read-boundary tests found, each fixed where it happened. */

async function findings(files: Record<string, string>, target: string) {
  const dir = hostProject({ files });
  const result = await lint([target], { cwd: dir, useConfig: false });
  return result.files.flatMap((f) => f.findings.map((x) => ({ id: x.ruleId, file: x.file, at: rangeOf(x), redact: (x.redact ?? []).map((r) => rangeOf({ range: r })) })));
}

describe('secrets beside a finding about something else are masked (src/model/config-secrets.ts)', () => {
  it('pg_hba.conf: the LDAP bind password on a line whose address is reported', async () => {
    const got = await findings({ 'pg_hba.conf': 'host all all 0.0.0.0/0 ldap ldapserver=ldap ldapbindpasswd=s3cret-value\n' }, 'pg_hba.conf');
    expect(got.filter((f) => f.id === 'postgres/hba-address-scope')).toEqual([{ id: 'postgres/hba-address-scope', file: 'pg_hba.conf', at: '1:14-1:23', redact: ['1:45-1:72'] }]);
  });

  it('nginx: an Authorization header on the line of another finding', async () => {
    const got = await findings({ 'nginx.conf': 'events {}\nhttp {\n  server_tokens off;\n  server {\n    listen 80;\n    location / { proxy_set_header Authorization "Basic czNjcmV0"; proxy_pass http://api:8080; }\n  }\n}\n' }, 'nginx.conf');
    expect(got.find((f) => f.id === 'nginx/proxy-forward-headers')).toEqual({ id: 'nginx/proxy-forward-headers', file: 'nginx.conf', at: '6:67-6:77', redact: ['6:49-6:65'] });
  });
});

describe('syntax and schema errors mask secret values on their line (src/model/parse-secrets.ts)', () => {
  it('a YAML syntax error: what follows a secret-named key, and a URL password', async () => {
    const got = await findings({ 'compose.yaml': 'services:\n  api:\n    environment:\n      DB_PASSWORD: "s3cret" x\n      URL: "postgres://u:s3cret@h/db" x\n' }, 'compose.yaml');
    expect(got.filter((f) => f.id === 'core/yaml')).toEqual([
      { id: 'core/yaml', file: 'compose.yaml', at: '4:29-4:30', redact: ['4:20-4:30'] },
      { id: 'core/yaml', file: 'compose.yaml', at: '5:39-5:40', redact: ['5:26-5:32'] },
    ]);
  });

  it('a schema error: the value of a secret-named key holding it, on its line or below', async () => {
    const got = await findings({ 'compose.yaml': 'services:\n  api:\n    image: a:1\n    environment:\n      DB_PASSWORD: [s3cret]\n      API_TOKEN:\n        - s3cret\n' }, 'compose.yaml');
    expect(got.filter((f) => f.id === 'core/schema')).toEqual([
      { id: 'core/schema', file: 'compose.yaml', at: '5:20-5:28', redact: ['5:20-5:28'] },
      { id: 'core/schema', file: 'compose.yaml', at: '7:9-7:17', redact: ['7:9-7:17'] },
    ]);
  });
});

describe('an env_file that is a link out of the project is not read (src/model/host-files.ts envFilesOf)', () => {
  it('a tracked env file with a secret is reported inside, and not through a link to it from another project', async () => {
    const outside = hostProject({ files: { 'app.env': 'API_TOKEN=abcdefabcdefabcdef123456\n' } });
    const compose = 'services:\n  api:\n    image: example/api:1.4.2\n    env_file: [app.env]\n';
    const inside = hostProject({ files: { 'compose.yaml': compose, 'app.env': 'API_TOKEN=abcdefabcdefabcdef123456\n' }, git: ['app.env'] });
    const linked = hostProject({ files: { 'compose.yaml': compose } });
    symlinkSync(path.join(outside, 'app.env'), path.join(linked, 'app.env'));
    git(linked, 'init', '-q');
    git(linked, 'add', '--', 'app.env');
    const secretsIn = async (cwd: string) => (await lint(['compose.yaml'], { cwd, useConfig: false })).files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'compose/env-file-secrets').map((x) => `${f.file} ${rangeOf(x)}`));
    expect(await secretsIn(inside)).toEqual(['app.env 1:11-1:35']);
    expect(await secretsIn(linked)).toEqual([]);
  });
});
