import { defineRule, isMap } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/obsolete-version-key',
    description: 'The file has no top-level version: key, which Compose ignores',
    severity: 'info',
    tags: ['best-practice'],
    references: { urls: ['https://docs.docker.com/reference/compose-file/version-and-name/'] },
  },
  create: (context) => ({
    project(project) {
      const version = isMap(project.root) ? project.root.index.get('version') : undefined;
      if (!version) return;
      context.report({ at: version.key, message: 'the top-level "version" is obsolete: Compose ignores it and warns; remove it' });
    },
  }),
});
