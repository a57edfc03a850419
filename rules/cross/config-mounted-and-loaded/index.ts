import path from 'node:path';
import { defineRule, unreadConfigMounts, type UnreadMount } from '../../../src/engine/api.js';
import { related } from '../_shared/related.js';


/** What the program does instead of reading the mounted file. */
function consequence(unread: UnreadMount, program: string): string {
  switch (unread.reason) {
    case 'redis-no-file':
      return `${program} is started without a config file (the first argument of redis-server), so it runs with its defaults and none of the file's settings`;
    case 'other-path':
      return `${program} reads its ${unread.what} from ${unread.readPath}, so the mounted file's settings are not in effect`;
    case 'not-included':
      return 'the mounted nginx.conf includes nothing from /etc/nginx/conf.d, so nginx never reads it';
  }
}

export default defineRule({
  meta: {
    id: 'cross/config-mounted-and-loaded',
    description: 'Every nginx, redis or postgres config file a service mounts exists in the project and is read by the program',
    severity: 'error',
    tags: ['correctness', 'reliability'],
    references: {
      urls: [
        'https://hub.docker.com/_/redis',
        'https://hub.docker.com/_/postgres',
        'https://hub.docker.com/_/nginx',
        'https://www.postgresql.org/docs/current/runtime-config-file-locations.html',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const { service, program, programWord } = configs.setup;
      if (!service) return;
      const runAt = programWord ? related(programWord.origin, `${program} is started here`) : related(service.key.origin, `service "${service.name}" runs the image's default command`);
      for (const { entry, reason } of configs.unread) {
        // Only a file bound by itself: a file inside a bound folder may be made at run time (initdb
        // writes $PGDATA), and a source whose folder is missing too is written for another project directory.
        const mount = entry.resolved?.mount;
        if (reason !== 'missing' || !mount || mount.target !== entry.containerPath) continue;
        if (context.project.host.stat(mount.hostPath)?.kind !== 'missing') continue;
        if (context.project.host.stat(path.dirname(mount.hostPath))?.kind !== 'directory') continue;
        context.report({
          at: mount.at,
          message: `service "${service.name}" mounts ${entry.containerPath}, which ${program} reads, from ${mount.at.value.trim()}, which does not exist in the project; Docker creates an empty directory there and ${program} cannot read its configuration`,
          related: [runAt],
        });
      }
      for (const unread of unreadConfigMounts(configs)) {
        context.report({
          at: unread.mount.at,
          message: `service "${service.name}" mounts a ${unread.what} at ${unread.mount.target}, but ${consequence(unread, program)}`,
          related: [runAt],
        });
      }
    },
  }),
});
