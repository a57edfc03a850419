import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintFiles } from '../_shared/lint-files.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

/** A postgres service reading `postgresql.conf`, with a memory limit and more keys. */
const withConf = (limit: string, extra = '', image = 'postgres:16') =>
  `services:\n  db:\n    image: ${image}\n    command: postgres -c config_file=/etc/postgresql.conf\n    volumes:\n      - ./postgresql.conf:/etc/postgresql.conf:ro\n    mem_limit: ${limit}\n${extra}`;

/** A postgres service configured on its command line. */
const withArgs = (args: string, extra = '', image = 'postgres:16') => `services:\n  db:\n    image: ${image}\n    command: postgres ${args}\n${extra}`;

const at = (findings: { at: string }[]) => findings.map((f) => f.at);

describe('cross/postgres-memory-vs-limit', () => {
  it('reads shared_buffers without a unit as 8kB pages, and reports it at the value with the limit as related', async () => {
    expect(await lintFiles(rule, { 'compose.yaml': withConf('1G'), 'postgresql.conf': 'shared_buffers = 131072\n' })).toEqual([
      {
        at: 'postgresql.conf:1:18-1:24',
        severity: 'warning',
        message:
          "shared_buffers 131072 (1 GiB) is not below service \"db\"'s memory limit 1G (1 GiB): postgres keeps its buffer cache in shared memory, which counts against the limit as the cache fills, so the kernel's OOM killer stops postgres once the cache is warm; keep shared_buffers near a quarter of the limit (256 MiB)",
        related: ['compose.yaml:7:16-18 the memory limit (mem_limit)'],
      },
    ]);
    expect(await lintFiles(rule, { 'compose.yaml': withConf('1G'), 'postgresql.conf': 'shared_buffers = 32768\n' })).toEqual([]);
  });

  it('reports the estimate at the largest part the project sets, naming the defaults', async () => {
    expect(await lintFiles(rule, { 'compose.yaml': withConf('1G'), 'postgresql.conf': 'shared_buffers = 600MB\nmaintenance_work_mem = 64MB\n' })).toEqual([
      {
        at: 'postgresql.conf:1:18-1:23',
        severity: 'warning',
        message:
          "postgres's memory estimate, shared_buffers 600 MiB + max_connections 100 (default) × work_mem 4 MiB (default) + autovacuum_max_workers 3 (default) × maintenance_work_mem 64 MiB = 1.2 GiB, is more than service \"db\"'s memory limit 1G (1 GiB): every connection may use work_mem for each sort and hash of its queries, and each autovacuum worker its maintenance memory, on top of shared_buffers, so under load the kernel's OOM killer stops postgres; lower max_connections or work_mem (a connection pooler keeps connections few), or raise the limit",
        related: ['compose.yaml:7:16-18 the memory limit (mem_limit)'],
      },
    ]);
  });

  it('lets the command line win over the file, and reads autovacuum_work_mem', async () => {
    const compose = withConf('1G').replace('/etc/postgresql.conf\n', '/etc/postgresql.conf -c shared_buffers=256MB\n');
    expect(await lintFiles(rule, { 'compose.yaml': compose, 'postgresql.conf': 'shared_buffers = 2GB\n' })).toEqual([]);
    const [finding] = await lintFiles(rule, { 'compose.yaml': withConf('1G'), 'postgresql.conf': 'autovacuum_work_mem = 256MB\n' });
    expect(finding?.at).toBe('postgresql.conf:1:23-1:28');
    expect(finding?.message).toContain('autovacuum_max_workers 3 (default) × autovacuum_work_mem 256 MiB = 1.3 GiB');
  });

  it('compares only what it knows: no limit, a config from the deploy host, a dev file', async () => {
    expect(await lintFiles(rule, { 'compose.yaml': withArgs('-c shared_buffers=4GB') })).toEqual([]);
    const outside = withConf('1G').replace('./postgresql.conf', '/srv/pg/postgresql.conf');
    expect(await lintFiles(rule, { 'compose.yaml': outside.replace('/etc/postgresql.conf\n', '/etc/postgresql.conf -c max_connections=1000\n') })).toEqual([]);
    expect(at(await lintFiles(rule, { 'compose.yaml': outside.replace('/etc/postgresql.conf\n', '/etc/postgresql.conf -c shared_buffers=1GB\n') }))).toEqual(['compose.yaml:4:77-4:80']);
    expect(await lintFiles(rule, { 'docker-compose.dev.yml': withConf('1G'), 'postgresql.conf': 'shared_buffers = 2GB\n' })).toEqual([]);
  });

  it('sizes /dev/shm for one parallel hash join, with hash_mem_multiplier 1 before PostgreSQL 15', async () => {
    expect(await lintFiles(rule, { 'compose.yaml': withArgs('-c work_mem=4MB', '    shm_size: 16m\n') })).toEqual([
      {
        at: 'compose.yaml:5:15-5:18',
        severity: 'warning',
        message:
          'one parallel hash join of postgres may put work_mem 4 MiB × hash_mem_multiplier 2 (default) × 3 processes (the leader and max_parallel_workers_per_gather 2 (default)) = 24 MiB in /dev/shm, more than the 16 MiB /dev/shm of service "db" (shm_size 16m): such queries fail with "could not resize shared memory segment … No space left on device"; set shm_size to at least 24 MiB (more for concurrent queries), or lower work_mem or max_parallel_workers_per_gather',
        related: [],
      },
    ]);
    expect(await lintFiles(rule, { 'compose.yaml': withArgs('-c work_mem=16MB', '', 'postgres:14') })).toEqual([]);
    expect(at(await lintFiles(rule, { 'compose.yaml': withArgs('-c work_mem=16MB', '', 'postgres:15') }))).toEqual(['compose.yaml:4:35-4:39']);
    expect(at(await lintFiles(rule, { 'compose.yaml': withArgs('-c max_parallel_workers_per_gather=8') }))).toEqual(['compose.yaml:4:58-4:59']);
    expect(await lintFiles(rule, { 'compose.yaml': withArgs('-c work_mem=64MB', '    ipc: host\n') })).toEqual([]);
  });
});
