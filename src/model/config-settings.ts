import { postgresCommandLine, type PgSettingEntry } from '../parse/postgres-conf.js';
import { redisCommandLine, type RedisDirective } from '../parse/redis.js';
import type { ServiceConfigFiles } from './configs.js';

/**
 * The settings a server runs with, as far as the project says: its config file, then its command
 * line, which wins (`redis-server redis.conf --maxmemory 1gb`, `postgres -c shared_buffers=1GB`).
 * A setting neither sets is the server's default, or the image's: `undefined` here.
 */
export interface EffectiveSettings<T> {
  /** The setting that takes effect: the command line's last, else the file's last. */
  last(name: string): T | undefined;
  /** Every occurrence, file first, then command line (for settings that add up: redis `save`, `rename-command`, `user`). */
  all(name: string): T[];
}

function effective<T extends { readonly key: string }>(file: { all(name: string): T[] } | undefined, commandLine: readonly T[]): EffectiveSettings<T> {
  const all = (name: string) => {
    const key = name.toLowerCase();
    return [...(file?.all(name) ?? []), ...commandLine.filter((item) => item.key === key)];
  };
  return { all, last: (name) => all(name).at(-1) };
}

/** redis.conf and `redis-server --name value` together. Undefined for a service that does not run redis. */
export function redisSettings(configs: ServiceConfigFiles): EffectiveSettings<RedisDirective> | undefined {
  if (configs.setup.program !== 'redis') return undefined;
  return effective(configs.redis, redisCommandLine(configs.setup.args).directives);
}

/** postgresql.conf and `postgres -c name=value` together. Undefined for a service that does not run postgres. */
export function postgresSettings(configs: ServiceConfigFiles): EffectiveSettings<PgSettingEntry> | undefined {
  if (configs.setup.program !== 'postgres') return undefined;
  return effective(configs.postgresql, postgresCommandLine(configs.setup.args).settings);
}
