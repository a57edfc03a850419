import { pgSetting, type PgSettingEntry } from '../parse/postgres-conf.js';
import type { ServiceConfigFiles } from './configs.js';
import { postgresSettings } from './config-settings.js';
import { runsProgram } from './listen-ports.js';
import { postgresVersion } from './postgres-image.js';

/**
 * The memory settings of a postgres server as it runs: the project's postgresql.conf and `-c`
 * options, else the defaults of PostgreSQL (which the official image's initdb keeps:
 * `shared_buffers = 128MB`, `max_connections = 100`). A setting the project writes carries its entry,
 * so a finding can point at it.
 */

/** One setting's value: bytes for a memory setting, the number otherwise. */
export interface PgNumber {
  readonly value: number;
  /** Where the project sets it; absent when it is the default. */
  readonly entry?: PgSettingEntry;
}

export interface PostgresMemory {
  readonly sharedBuffers: PgNumber;
  readonly workMem: PgNumber;
  readonly maxConnections: PgNumber;
  readonly maintenanceWorkMem: PgNumber;
  /** `autovacuum_work_mem`, with `-1` (the default) read as maintenance_work_mem, as postgres does. */
  readonly autovacuumWorkMem: PgNumber;
  readonly autovacuumMaxWorkers: PgNumber;
  readonly maxParallelWorkersPerGather: PgNumber;
  readonly maxParallelWorkers: PgNumber;
  /** 2.0 since PostgreSQL 15, 1.0 before (and in 13 and 14, where the setting appeared). */
  readonly hashMemMultiplier: PgNumber;
  /** `posix` (the default on Linux: segments are files in /dev/shm), `sysv`, `mmap`. */
  readonly dynamicSharedMemoryType: string;
  /**
   * False when postgresql.conf is read from outside the project (or is missing): settings it may
   * hold are not known, only those of the command line.
   */
  readonly fileKnown: boolean;
}

const MB = 1024 ** 2;

/** The defaults of PostgreSQL 15 (bytes for memory settings). */
const DEFAULTS = {
  shared_buffers: 128 * MB,
  work_mem: 4 * MB,
  max_connections: 100,
  maintenance_work_mem: 64 * MB,
  autovacuum_max_workers: 3,
  max_parallel_workers_per_gather: 2,
  max_parallel_workers: 8,
} as const;

/**
 * A numeric setting as postgres converts it (a unitless memory value counts in the setting's base
 * unit: 8kB pages for shared_buffers, kB for work_mem). Undefined when the value is not valid
 * (`core/postgres` reports it).
 */
function numberSetting(entry: PgSettingEntry | undefined, fallback: number): PgNumber | undefined {
  if (!entry) return { value: fallback };
  const parsed = pgSetting(entry.key, entry.value.value);
  if (!parsed.ok || (parsed.type !== 'integer' && parsed.type !== 'real')) return undefined;
  return { value: parsed.bytes ?? parsed.value, entry };
}

/** The memory settings of a postgres service; undefined for another program, or when a value is not valid. */
export function postgresMemory(configs: ServiceConfigFiles): PostgresMemory | undefined {
  const settings = postgresSettings(configs);
  if (!settings || !configs.setup.service || !runsProgram(configs, configs.setup.service)) return undefined;
  const read = (name: keyof typeof DEFAULTS) => numberSetting(settings.last(name), DEFAULTS[name]);
  const sharedBuffers = read('shared_buffers');
  const workMem = read('work_mem');
  const maxConnections = read('max_connections');
  const maintenanceWorkMem = read('maintenance_work_mem');
  const autovacuumMaxWorkers = read('autovacuum_max_workers');
  const maxParallelWorkersPerGather = read('max_parallel_workers_per_gather');
  const maxParallelWorkers = read('max_parallel_workers');
  const autovacuum = numberSetting(settings.last('autovacuum_work_mem'), -1);
  const version = postgresVersion(configs.setup.service);
  const multiplierEntry = settings.last('hash_mem_multiplier');
  const multiplier = multiplierEntry ? Number(multiplierEntry.value.value.trim()) : version.known && version.major < 15 ? 1 : 2;
  if (!sharedBuffers || !workMem || !maxConnections || !maintenanceWorkMem || !autovacuumMaxWorkers || !maxParallelWorkersPerGather || !maxParallelWorkers || !autovacuum || !Number.isFinite(multiplier)) {
    return undefined;
  }
  const autovacuumWorkMem = autovacuum.value === -1 ? maintenanceWorkMem : autovacuum;
  const dsm = settings.last('dynamic_shared_memory_type')?.value.value.trim().toLowerCase() ?? 'posix';
  return {
    sharedBuffers,
    workMem,
    maxConnections,
    maintenanceWorkMem,
    autovacuumWorkMem,
    autovacuumMaxWorkers,
    maxParallelWorkersPerGather,
    maxParallelWorkers,
    hashMemMultiplier: { value: multiplier, ...(multiplierEntry ? { entry: multiplierEntry } : {}) },
    dynamicSharedMemoryType: dsm,
    fileKnown: !configs.unread.some((u) => u.entry.kind === 'postgresql' && u.reason !== 'image'),
  };
}
