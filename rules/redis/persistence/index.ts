import {
  configOwner,
  defineRule,
  keptAcrossRecreate,
  redisDataDir,
  redisPersistence,
  redisRole,
  redisServerKnown,
  redisSettings,
  type RedisDataDir,
  type RelatedLocation,
  type TransientHolder,
} from '../../../src/engine/api.js';

/** The official images declare `VOLUME /data`: with no volume of the project there, Docker makes an anonymous one. */
function inImageVolume(dir: RedisDataDir): boolean {
  return dir.image === 'official' && (dir.path === '/data' || dir.path.startsWith('/data/'));
}

/** What holds the data directory instead of a named volume or bind mount, and what that costs. */
function holder(dir: RedisDataDir, transient: TransientHolder | undefined): string {
  const recreate = 'so `docker compose down` and `up` again (or `up --renew-anon-volumes`) start redis empty, leaving the old data in a volume nothing names';
  if (transient?.kind === 'tmpfs') return 'which a tmpfs holds, in memory, so every restart of the container loses it';
  if (transient) return `which an anonymous volume holds, ${recreate}`;
  if (inImageVolume(dir)) return `which only the image's anonymous volume (VOLUME /data) holds, ${recreate}`;
  return 'which no volume holds, so recreating the container (a new image, a changed setting) loses it';
}

export default defineRule({
  meta: {
    id: 'redis/persistence',
    description: 'A redis server that holds data rather than a cache keeps it on disk, in a directory a named volume or bind mount holds',
    severity: 'info',
    environments: { prod: 'info', dev: 'off', test: 'off' },
    tags: ['reliability'],
    references: {
      urls: [
        'https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/',
        'https://raw.githubusercontent.com/redis/redis/7.2/redis.conf',
        'https://github.com/docker-library/redis/blob/master/Dockerfile.template',
        'https://docs.docker.com/reference/cli/docker/compose/up/',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      // A config file the project does not hold may set dir, save and appendonly.
      if (!settings || configs.unread.length > 0 || !redisServerKnown(configs, settings)) return;
      const role = redisRole(configs, settings);
      if (role.role === 'cache') return;
      const owner = configOwner(configs);
      const why = role.because ? ` (${role.because})` : '';
      const persistence = redisPersistence(settings);
      if (persistence.cache && persistence.snapshotsOff) {
        context.report({
          at: persistence.snapshotsOff.origin,
          message: `redis${owner.in} holds data${why}, yet "save \\"\\"" switches snapshots off and no "appendonly yes" replaces them: every restart empties it; set "appendonly yes" (or save points) and keep its dir on a volume`,
        });
        return;
      }
      const dir = redisDataDir(configs, settings);
      const kept = dir && keptAcrossRecreate(configs, dir.path);
      if (!dir || !kept || kept.kept) return;
      const bitnamiDefault = dir.image === 'bitnami' && !dir.directive;
      const files = bitnamiDefault ? 'its data (Bitnami\'s image turns the append-only file on unless REDIS_AOF_ENABLED=no)' : persistence.appendOnly ? `its append-only file${persistence.snapshots ? ' and snapshots' : ''}` : settings.all('save').length > 0 ? 'its snapshots' : 'its snapshots (redis\'s default save points, "save 3600 1 300 100 60 10000")';
      const where = dir.directive ? `"dir ${dir.directive.args[0]?.value ?? ''}", ${dir.path}` : `${dir.path}, the image's ${dir.image === 'bitnami' ? 'data directory' : 'working directory'}`;
      const cacheHint = role.role === 'default' ? '; if it is only a cache, say so with an allkeys-* maxmemory-policy or save ""' : '';
      const related: RelatedLocation[] = [];
      if (dir.directive) related.push({ message: 'the data directory is set here', file: dir.directive.origin.file, range: dir.directive.origin.range });
      if (kept.holder) related.push({ message: `this ${kept.holder.kind} holds it`, file: kept.holder.at.origin.file, range: kept.holder.at.origin.range });
      context.report({
        at: owner.at,
        message: `redis${owner.in} writes ${files} to ${where}, ${holder(dir, kept.holder)}${why}; mount a named volume there (redis_data:${dir.path})${cacheHint}`,
        related,
      });
    },
  }),
});
