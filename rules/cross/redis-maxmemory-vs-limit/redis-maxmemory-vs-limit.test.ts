import { describe, expect, it } from 'vitest';
import { rangeOf } from '../../../test/host-project.js';
import { lintWithSettings, projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';
import { lintFiles } from '../_shared/lint-files.js';

projectFixtureTests(rule, import.meta.dirname);

const findings = (compose: string, conf: string, name = 'compose.yaml') => lintFiles(rule, { [name]: compose, 'redis.conf': conf });

const compose = (limit: string) =>
  `services:\n  redis:\n    image: redis:7\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf:ro\n    deploy:\n      resources:\n        limits:\n          memory: ${limit}\n`;

describe('cross/redis-maxmemory-vs-limit', () => {
  it('reports maxmemory in redis.conf, with the limit as related, in prod', async () => {
    expect(await findings(compose('1G'), 'maxmemory 800mb\n')).toEqual([
      {
        at: 'redis.conf:1:11-1:16',
        severity: 'warning',
        message:
          'maxmemory 800mb (800 MiB) is 78% of service "redis"\'s memory limit 1G (1 GiB): redis snapshots (RDB), and the fork that writes it copies every page changed meanwhile, on top of fragmentation and client buffers; keep maxmemory at most 75% of the limit (768 MiB), or the kernel\'s OOM killer stops redis',
        related: ['compose.yaml:10:19-21 the memory limit (deploy.resources.limits.memory)'],
      },
    ]);
  });

  it('takes 75% exactly, and redis units (1g is 10^9 bytes)', async () => {
    expect(await findings(compose('1G'), 'maxmemory 768mb\n')).toEqual([]);
    expect(await findings(compose('1000M'), 'maxmemory 1g\n')).toHaveLength(1);
  });

  it('is off in dev files; skips a limit it cannot read and maxmemory 0', async () => {
    expect(await findings(compose('1G'), 'maxmemory 1gb\n', 'docker-compose.dev.yml')).toEqual([]);
    expect(await findings(compose('${REDIS_MEM}'), 'maxmemory 1gb\n')).toEqual([]);
    expect(await findings(compose('1G'), 'maxmemory 0\n')).toEqual([]);
  });
});

describe('cross/redis-maxmemory-vs-limit: options', () => {
  it('persistentShare sets the share the message allows', async () => {
    const got = await lintWithSettings(rule, { files: { 'compose.yaml': compose('1G'), 'redis.conf': 'maxmemory 600mb\n' } }, { options: { persistentShare: 0.5 } });
    expect(got.map((f) => `${f.file}:${rangeOf(f)} ${f.message.slice(f.message.indexOf('keep'))}`)).toEqual([
      "redis.conf:1:11-1:16 keep maxmemory at most 50% of the limit (512 MiB), or the kernel's OOM killer stops redis",
    ]);
    expect(await lintWithSettings(rule, { files: { 'compose.yaml': compose('1G'), 'redis.conf': 'maxmemory 600mb\n' } }, { options: { cacheShare: 0.5 } })).toEqual([]);
  });
});
