import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const CONF = 'user root;\nevents {\n}\n';
const MESSAGE =
  '"user root" runs nginx\'s worker processes, which parse every request, as root: a flaw in nginx or one of its modules then gives an attacker root in the container; remove the directive (the workers then run as nginx\'s default user, "nginx" in the official image) or name an unprivileged user';
const compose = (service: string) => `services:\n  proxy:\n${service}    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n`;

describe('nginx/worker-user-non-root messages', () => {
  it('at the user name, when compose runs the master as root', async () => {
    const got = await lintProject(rule, { 'compose.yaml': compose('    image: nginxinc/nginx-unprivileged:1.27\n    user: "0:0"\n'), 'nginx.conf': CONF });
    expect(got).toEqual([`nginx.conf 1:6-1:10 warning ${MESSAGE}`]);
  });

  it('an image built by the project runs its master as root unless compose says otherwise', async () => {
    const got = await lintProject(rule, { 'compose.yaml': compose('    build: .\n'), 'nginx.conf': CONF });
    expect(got).toEqual([`nginx.conf 1:6-1:10 warning ${MESSAGE}`]);
  });

  it('not in dev; not for a non-root group or bitnami\'s image', async () => {
    expect(await lintProject(rule, { 'docker-compose.dev.yml': compose('    image: nginx:1.27\n'), 'nginx.conf': CONF })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': compose('    image: nginx:1.27\n'), 'nginx.conf': 'user www-data root;\nevents {\n}\n' })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': compose('    image: bitnami/nginx:1.27\n'), 'nginx.conf': CONF })).toEqual([]);
  });

  it('a file linted on its own, with no service to say who runs it, is reported', () => {
    expect(lintStandalone(rule, 'nginx', 'nginx.conf', CONF)).toEqual([`nginx.conf 1:6-1:10 ${MESSAGE}`]);
  });
});
