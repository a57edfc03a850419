import { defineRule, fixWith, isMap, removeMapEntry } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/obsolete-version-key',
    description: 'The file has no top-level version: key, which Compose ignores',
    severity: 'info',
    tags: ['best-practice'],
    fixable: 'fix',
    references: { urls: ['https://docs.docker.com/reference/compose-file/version-and-name/'] },
  },
  create: (context) => ({
    project(project) {
      const root = project.root;
      const version = isMap(root) ? root.index.get('version') : undefined;
      if (!isMap(root) || !version) return;
      context.report({
        at: version.key,
        message: 'the top-level "version" is obsolete: Compose ignores it and warns; remove it',
        fix: (sources) => fixWith('remove the obsolete top-level "version"', removeMapEntry(root, 'version', sources)),
      });
    },
  }),
});
