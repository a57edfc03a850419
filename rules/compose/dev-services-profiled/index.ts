import { defineRule, type Service } from '../../../src/engine/api.js';

/**
 * Images of tools that belong on a developer's machine, by repository name (the image's last path
 * component: `dpage/pgadmin4:8.9` → `pgadmin4`): database and cache admin UIs, and mail catchers.
 * Kafka consoles (kafka-ui, kafdrop) are left out: they ship RBAC and SSO to run beside prod clusters.
 */
export const DEV_TOOLS: ReadonlyMap<string, string> = new Map([
  ['pgadmin4', 'a PostgreSQL admin UI'],
  ['pgadmin', 'a PostgreSQL admin UI'],
  ['pgweb', 'a PostgreSQL admin UI'],
  ['adminer', 'a database admin UI'],
  ['phpmyadmin', 'a MySQL admin UI'],
  ['dbgate', 'a database admin UI'],
  ['mongo-express', 'a MongoDB admin UI'],
  ['redis-commander', 'a Redis admin UI'],
  ['redisinsight', 'a Redis admin UI'],
  ['phpredisadmin', 'a Redis admin UI'],
  ['mailhog', 'a mail catcher'],
  ['mailpit', 'a mail catcher'],
  ['maildev', 'a mail catcher'],
  ['smtp4dev', 'a mail catcher'],
]);

function devToolOf(service: Service): string | undefined {
  const path = service.imageReference?.path;
  return path === undefined ? undefined : DEV_TOOLS.get(path.slice(path.lastIndexOf('/') + 1));
}

export default defineRule({
  meta: {
    id: 'compose/dev-services-profiled',
    description: 'In prod, development tools (database admin UIs, mail catchers) run only behind a profiles entry',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['security', 'best-practice'],
    securitySeverity: 6.0,
    references: {
      cwe: ['CWE-1188'],
      urls: ['https://docs.docker.com/compose/how-tos/profiles/'],
    },
  },
  create: (context) => ({
    service(service) {
      const tool = devToolOf(service);
      if (!tool || service.profiles.some((p) => p.trim() !== '')) return;
      context.report({
        at: service.key,
        message: `service "${service.name}" runs ${service.imageReference!.path}, ${tool}, with no "profiles:"; it starts with every "docker compose up" (put it behind a profile such as "profiles: [tools]")`,
      });
    },
  }),
});
