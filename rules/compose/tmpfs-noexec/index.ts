import { defineRule } from '../../../src/engine/api.js';

/** Mount options that undo one of the engine's defaults for a tmpfs (`noexec,nosuid,nodev`), and what that lets a process do. */
const WEAKENING: ReadonlyMap<string, string> = new Map([
  ['exec', 'programs written there can be run'],
  ['suid', 'set-user-ID programs written there run with their owner\'s rights'],
]);

export default defineRule({
  meta: {
    id: 'compose/tmpfs-noexec',
    description: 'A tmpfs mount keeps the engine\'s noexec and nosuid defaults: no exec or suid option',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 3.5,
    references: {
      cwe: ['CWE-732'],
      urls: ['https://docs.docker.com/engine/storage/tmpfs/', 'https://docs.docker.com/reference/compose-file/services/#tmpfs'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const entry of service.list('tmpfs')) {
        const colon = entry.value.indexOf(':');
        if (colon === -1) continue;
        const path = entry.value.slice(0, colon).trim();
        let start = colon + 1;
        for (const option of entry.value.slice(colon + 1).split(',')) {
          const word = option.trim();
          const why = WEAKENING.get(word.toLowerCase());
          if (why) {
            const at = start + option.indexOf(word);
            context.report({
              at: entry.slice(at, at + word.length),
              message: `service "${service.name}" mounts a tmpfs at ${path} with "${word}": ${why}, where the engine's default (noexec,nosuid,nodev) forbids it`,
            });
          }
          start += option.length + 1;
        }
      }
    },
  }),
});
