import {
  bytesOf,
  defineRule,
  imageRepository,
  isUnlimited,
  mountedOver,
  postgresMemory,
  type PgNumber,
  type PostgresMemory,
  type Service,
  type ServiceConfigFiles,
  type Text,
} from '../../../src/engine/api.js';
import { bytesInWords } from '../_shared/bytes.js';
import { related } from '../_shared/related.js';

/** Docker's size of a container's /dev/shm when `shm_size` does not set it. */
export const DOCKER_DEFAULT_SHM = 64 * 1024 ** 2;

/** One part of the memory estimate: its words and bytes, and the setting to point at. */
interface Part {
  readonly words: string;
  readonly bytes: number;
  readonly at?: PgNumber['entry'];
}

/** `work_mem 16 MiB`, `max_connections 100 (default)`. */
function named(name: string, n: PgNumber, memory = true): string {
  return `${name} ${memory ? bytesInWords(n.value) : n.value}${n.entry ? '' : ' (default)'}`;
}

/** The first of the settings the project writes. */
function written(...numbers: PgNumber[]): PgNumber['entry'] {
  return numbers.find((n) => n.entry)?.entry;
}

/**
 * What postgres may use at once, by its settings: the buffer cache, one work_mem per connection
 * (a query may use several: this is the least a busy server needs, not the most), and the
 * maintenance memory of each autovacuum worker.
 */
function estimate(memory: PostgresMemory): Part[] {
  const vacuum = memory.autovacuumWorkMem === memory.maintenanceWorkMem ? 'maintenance_work_mem' : 'autovacuum_work_mem';
  return [
    { words: named('shared_buffers', memory.sharedBuffers), bytes: memory.sharedBuffers.value, at: memory.sharedBuffers.entry },
    {
      words: `${named('max_connections', memory.maxConnections, false)} × ${named('work_mem', memory.workMem)}`,
      bytes: memory.maxConnections.value * memory.workMem.value,
      at: written(memory.workMem, memory.maxConnections),
    },
    {
      words: `${named('autovacuum_max_workers', memory.autovacuumMaxWorkers, false)} × ${named(vacuum, memory.autovacuumWorkMem)}`,
      bytes: memory.autovacuumMaxWorkers.value * memory.autovacuumWorkMem.value,
      at: written(memory.autovacuumWorkMem, memory.autovacuumMaxWorkers),
    },
  ];
}

/** True when the service gives /dev/shm another way: a mount over it, or another container's or the host's IPC namespace. */
function shmFromElsewhere(service: Service, configs: ServiceConfigFiles): boolean {
  const ipc = service.text('ipc')?.value.trim().toLowerCase();
  return (ipc !== undefined && ipc !== 'private' && ipc !== 'shareable') || mountedOver(service, configs, '/dev/shm');
}

export default defineRule({
  meta: {
    id: 'cross/postgres-memory-vs-limit',
    description: "postgres's shared_buffers and memory estimate fit under the memory limit, and a parallel hash join fits in /dev/shm",
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['reliability'],
    references: {
      urls: [
        'https://www.postgresql.org/docs/current/runtime-config-resource.html',
        'https://www.postgresql.org/docs/current/kernel-resources.html',
        'https://docs.docker.com/reference/compose-file/services/#shm_size',
        'https://github.com/docker-library/postgres/issues/416',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      if (!service) return;
      const memory = postgresMemory(configs);
      if (!memory) return;
      const limit = service.limits.memory;
      const limitBytes = limit && !isUnlimited(limit) ? bytesOf(limit) : undefined;
      const name = `service "${service.name}"`;

      const againstLimit = (limit: Text, limitBytes: number): void => {
        const limitWords = `${name}'s memory limit ${limit.value.trim()} (${bytesInWords(limitBytes)})`;
        const limitRelated = [related(limit.origin, `the memory limit (${service.limits.keys.memory})`)];
        const buffers = memory.sharedBuffers;
        const quarter = bytesInWords(Math.floor(limitBytes / 4));
        const cacheFills = 'postgres keeps its buffer cache in shared memory, which counts against the limit as the cache fills, so the kernel\'s OOM killer stops postgres once the cache is warm';
        if (buffers.value >= limitBytes) {
          if (buffers.entry) {
            context.report({
              at: buffers.entry.value,
              message: `shared_buffers ${buffers.entry.value.value} (${bytesInWords(buffers.value)}) is not below ${limitWords}: ${cacheFills}; keep shared_buffers near a quarter of the limit (${quarter})`,
              related: limitRelated,
            });
          } else if (memory.fileKnown && (configs.postgresql || imageRepository(service) === 'postgres')) {
            context.report({
              at: limit,
              message: `${limitWords} is not above postgres's default shared_buffers of ${bytesInWords(buffers.value)} (nothing sets it): ${cacheFills}; raise the limit, or set shared_buffers near a quarter of it (${quarter})`,
            });
          }
          return;
        }
        // The estimate is about the settings the project chose; PostgreSQL's defaults are sized for a small machine.
        const parts = estimate(memory);
        const total = parts.reduce((sum, p) => sum + p.bytes, 0);
        const chosen = parts.filter((p) => p.at).sort((a, b) => b.bytes - a.bytes)[0];
        if (!memory.fileKnown || !chosen?.at || total <= limitBytes) return;
        context.report({
          at: chosen.at.value,
          message: `postgres's memory estimate, ${parts.map((p) => p.words).join(' + ')} = ${bytesInWords(total)}, is more than ${limitWords}: every connection may use work_mem for each sort and hash of its queries, and each autovacuum worker its maintenance memory, on top of shared_buffers, so under load the kernel's OOM killer stops postgres; lower max_connections or work_mem (a connection pooler keeps connections few), or raise the limit`,
          related: limitRelated,
        });
      };
      if (limit && limitBytes) againstLimit(limit, limitBytes);

      // Parallel query: with posix dynamic shared memory, a parallel hash join's shared table is a file in /dev/shm.
      if (memory.dynamicSharedMemoryType !== 'posix' || !memory.fileKnown || shmFromElsewhere(service, configs)) return;
      const workers = Math.min(memory.maxParallelWorkersPerGather.value, memory.maxParallelWorkers.value);
      if (workers <= 0) return;
      const shm = service.text('shm_size');
      const shmBytes = shm ? bytesOf(shm) : DOCKER_DEFAULT_SHM;
      const need = memory.workMem.value * memory.hashMemMultiplier.value * (workers + 1);
      if (!shmBytes || need <= shmBytes) return;
      const at = shm ?? written(memory.workMem, memory.maxParallelWorkersPerGather, memory.maxParallelWorkers, memory.hashMemMultiplier)?.value;
      if (!at) return;
      const size = `the ${bytesInWords(shmBytes)} /dev/shm of ${name} (${shm ? `shm_size ${shm.value.trim()}` : "Docker's default: no shm_size"})`;
      const capped = memory.maxParallelWorkers.value < memory.maxParallelWorkersPerGather.value;
      const workersWords = capped ? named('max_parallel_workers', memory.maxParallelWorkers, false) : named('max_parallel_workers_per_gather', memory.maxParallelWorkersPerGather, false);
      context.report({
        at,
        message: `one parallel hash join of postgres may put ${named('work_mem', memory.workMem)} × hash_mem_multiplier ${memory.hashMemMultiplier.value}${memory.hashMemMultiplier.entry ? '' : ' (default)'} × ${workers + 1} processes (the leader and ${workersWords}) = ${bytesInWords(need)} in /dev/shm, more than ${size}: such queries fail with "could not resize shared memory segment … No space left on device"; set shm_size to at least ${bytesInWords(need)} (more for concurrent queries), or lower work_mem or max_parallel_workers_per_gather`,
        ...(shm ? {} : { related: [related(service.key.origin, `service "${service.name}" (no shm_size)`)] }),
      });
    },
  }),
});
