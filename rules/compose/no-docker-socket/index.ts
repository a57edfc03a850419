import { defineRule, engineSocketOf, trueScalar, Text } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/no-docker-socket',
    description: 'No service mounts the Docker, Podman or containerd API socket, or sets use_api_socket',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 9.0,
    references: {
      cis: ['5.32'],
      kics: ['d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b'],
      semgrep: ['yaml.docker-compose.security.exposing-docker-socket-volume.exposing-docker-socket-volume'],
      cwe: ['CWE-250'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const volume of service.volumes) {
        const socket = engineSocketOf(volume);
        if (!socket || !volume.source) continue;
        const readOnly = volume.readOnly ? ' (read-only does not help: the API still takes every command)' : '';
        context.report({
          at: volume.source,
          message: `service "${service.name}" mounts the container engine socket "${socket}" in volumes: the container controls the host's engine, which is root on the host${readOnly}`,
        });
      }
      const apiSocket = trueScalar(service.get('use_api_socket'));
      if (apiSocket) {
        context.report({
          at: Text.of(apiSocket),
          message: `service "${service.name}" sets "use_api_socket: true": Compose mounts the Docker API socket into the container, which is root on the host`,
        });
      }
    },
  }),
});
