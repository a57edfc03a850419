import { defineRule, mayRunTogether, replicasOf, type Service, type Text } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/unique-container-name',
    description: 'A container_name names one container: no two services set the same one, and a service that sets one runs one replica',
    severity: 'error',
    tags: ['reliability'],
    references: {
      urls: ['https://docs.docker.com/reference/compose-file/services/#container_name'],
    },
  },
  create: (context) => ({
    project(project) {
      const named: { service: Service; name: Text }[] = [];
      for (const service of project.services) {
        const name = service.text('container_name');
        if (!name || name.value.trim() === '') continue;
        const value = name.value.trim();
        const replicas = replicasOf(service);
        if (replicas && replicas.count > 1) {
          const { file, range } = replicas.node.origin;
          context.report({
            at: name,
            message: `service "${service.name}" sets container_name "${value}" and asks for ${replicas.count} containers with "${replicas.key}"; Compose refuses the project, since a container name can name one container only`,
            related: [{ message: `${replicas.count} replicas asked for here`, file, range }],
          });
        }
        const first = named.find((other) => other.name.value.trim() === value && mayRunTogether(other.service.profiles, service.profiles));
        named.push({ service, name });
        if (!first) continue;
        const { file, range } = first.name.origin;
        context.report({
          at: name,
          message: `service "${service.name}" sets container_name "${value}", which service "${first.service.name}" sets too; Compose refuses the project ("container name is already in use")`,
          related: [{ message: `service "${first.service.name}" sets container_name "${value}" here`, file, range }],
        });
      }
    },
  }),
});
