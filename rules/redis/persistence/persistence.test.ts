import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintConfigFile } from '../../../test/config-file.js';
import { WITH_CONF } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

describe('redis/persistence', () => {
  it('says the image default writes /data, which only the image\'s anonymous volume holds', async () => {
    const got = await lintProject(rule, { 'compose.yaml': 'services:\n  redis:\n    image: redis:7-alpine\n' });
    expect(got).toEqual([
      'compose.yaml 2:3-2:8 info redis in service "redis" writes its snapshots (redis\'s default save points, "save 3600 1 300 100 60 10000") to /data, the image\'s working directory, which only the image\'s anonymous volume (VOLUME /data) holds, so `docker compose down` and `up` again (or `up --renew-anon-volumes`) start redis empty, leaving the old data in a volume nothing names; mount a named volume there (redis_data:/data); if it is only a cache, say so with an allkeys-* maxmemory-policy or save ""',
    ]);
  });

  it('names the role and the dir setting, with both as related locations', async () => {
    const files = { 'compose.yaml': `${WITH_CONF}      - /data\n`, 'redis/redis.conf': 'appendonly yes\ndir ./\n' };
    const got = await lintHostProject(rule, { files });
    expect(got.map((f) => [f.file, rangeOf(f), f.message, f.related.map((r) => `${r.file} ${rangeOf(r)} ${r.message}`)])).toEqual([
      [
        'compose.yaml',
        '2:3-2:8',
        'redis in service "redis" writes its append-only file and snapshots to "dir ./", /data, which an anonymous volume holds, so `docker compose down` and `up` again (or `up --renew-anon-volumes`) start redis empty, leaving the old data in a volume nothing names ("appendonly yes" asks for every write to be kept); mount a named volume there (redis_data:/data)',
        ['redis/redis.conf 2:1-2:7 the data directory is set here', 'compose.yaml 7:9-7:14 this anonymous volume holds it'],
      ],
    ]);
  });

  it('reports save "" at the line when the name says the server holds jobs', async () => {
    const compose = WITH_CONF.replace('  redis:', '  celery-broker:');
    expect(await lintProject(rule, { 'compose.yaml': compose, 'redis/redis.conf': 'save ""\n' })).toEqual([
      'redis/redis.conf 1:1-1:8 info redis in service "celery-broker" holds data (its name says "celery"), yet "save \\"\\"" switches snapshots off and no "appendonly yes" replaces them: every restart empties it; set "appendonly yes" (or save points) and keep its dir on a volume',
    ]);
    // the same server under another name is a cache by its own config
    expect(await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'save ""\n' })).toEqual([]);
  });

  it('knows Bitnami\'s data directory', async () => {
    const compose = 'services:\n  redis:\n    image: bitnami/redis:7.2\n    environment:\n      REDIS_PASSWORD_FILE: /run/secrets/redis\n    volumes:\n      - redis_data:/data\nvolumes:\n  redis_data:\n';
    const got = await lintProject(rule, { 'compose.yaml': compose });
    expect(got.map((f) => f.slice(0, f.indexOf(', which')))).toEqual([
      'compose.yaml 2:3-2:8 info redis in service "redis" writes its data (Bitnami\'s image turns the append-only file on unless REDIS_AOF_ENABLED=no) to /bitnami/redis/data, the image\'s data directory',
    ]);
  });

  it('says nothing about a redis.conf linted on its own, whose volumes are not known', async () => {
    expect(await lintConfigFile(rule, { 'redis.conf': 'appendonly yes\ndir /data\n' }, 'redis.conf')).toEqual([]);
    expect(await lintConfigFile(rule, { 'redis.conf': 'save ""\n' }, 'redis.conf')).toEqual([]);
  });
});
