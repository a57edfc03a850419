import { defineRule } from '../../../src/engine/api.js';

const FIX = 'build it once in CI, push it to a registry and name it in "image:" (registry.example.com/team/app:1.4.2)';

export default defineRule({
  meta: {
    id: 'compose/prod-uses-image-not-build',
    description: 'In prod, services run an image pulled from a registry, not one built on the server from build:',
    severity: 'info',
    environments: { prod: 'info', dev: 'off', test: 'off' },
    tags: ['reliability', 'best-practice'],
    references: {
      urls: [
        'https://docs.docker.com/reference/compose-file/build/#using-build-and-image',
        'https://docs.docker.com/reference/compose-file/services/#pull_policy',
        'https://docs.docker.com/compose/how-tos/production/',
      ],
    },
  },
  create: (context) => ({
    service(service) {
      const build = service.keyOf('build');
      if (!build) return;
      // An image named by a variable is decided where the stack is deployed.
      if (service.image && !service.image.isLiteral()) return;
      const image = service.image?.value.trim();
      const pullPolicy = service.text('pull_policy');
      if (!image) {
        context.report({ at: build, message: `service "${service.name}" has "build:" and no "image:", so "docker compose up" builds its image on the prod server; ${FIX}` });
      } else if (!image.includes('/')) {
        context.report({
          at: build,
          message: `service "${service.name}" tags its build "${image}", a local name with no registry or account, so "docker compose up" builds it on the prod server (or pulls an unrelated Docker Hub image of that name); ${FIX}`,
        });
      } else if (pullPolicy?.value.trim() === 'build') {
        context.report({ at: pullPolicy, message: `service "${service.name}" sets "pull_policy: build", so every "docker compose up" rebuilds "${image}" on the prod server instead of pulling it; push it from CI and drop "pull_policy: build" (or set "pull_policy: missing")` });
      }
    },
  }),
});
