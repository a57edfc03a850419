import { dataStoreOf, defineRule, ensureMapEntry, fixWith, imageRepository, isTrue, Text, type FixSources, type Service } from '../../../src/engine/api.js';

/** The paths an official image writes outside its volumes, which need a tmpfs under a read-only root (the README's list). */
function scratchPaths(service: Service): string[] {
  if (imageRepository(service)?.startsWith('nginx')) return ['/tmp', '/var/cache/nginx', '/var/run'];
  if (dataStoreOf(service)?.engine === 'postgres') return ['/tmp', '/var/run/postgresql'];
  return ['/tmp'];
}

/** `read_only: true` set, as a suggestion: a service that writes outside its volumes fails until each such path gets a tmpfs. */
const readOnly = (service: Service) => (sources: FixSources) =>
  fixWith(
    `set read_only: true on service "${service.name}"; then give each path it writes outside its volumes a tmpfs (likely "tmpfs: [${scratchPaths(service).join(', ')}]") and watch for "Read-only file system" errors`,
    ensureMapEntry(service.node, 'read_only', true, sources),
    'suggestion',
  );

export default defineRule({
  meta: {
    id: 'compose/read-only-rootfs',
    description: 'Every service runs with a read-only root filesystem (read_only: true), writing only to volumes and tmpfs',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['security'],
    reportsAbsence: true,
    fixable: 'suggestion',
    securitySeverity: 4.0,
    references: {
      cis: ['5.13'],
      semgrep: ['yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service'],
      cwe: ['CWE-732'],
    },
  },
  create: (context) => ({
    service(service) {
      if (isTrue(service.get('read_only'))) return;
      const value = service.get('read_only');
      if (value === undefined) {
        context.report({ at: service.key, message: `service "${service.name}" has no read_only; its container can change its own programs (add "read_only: true")`, fix: readOnly(service) });
        return;
      }
      const written = value.kind === 'scalar' ? Text.of(value) : undefined;
      context.report({
        at: written ?? value,
        message: `read_only of service "${service.name}" is ${written && written.value !== '' ? `"${written.value}"` : 'not true'}; its container can change its own programs`,
        fix: readOnly(service),
      });
    },
  }),
});
