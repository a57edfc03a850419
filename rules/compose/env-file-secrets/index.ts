import { defineRule, envFilesOf, secretTests } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/env-file-secrets',
    description: 'No env file that git tracks sets a secret-named variable to a literal value',
    severity: 'error',
    environments: { prod: 'error', dev: 'warning', test: 'warning' },
    tags: ['security', 'secrets'],
    securitySeverity: 8.0,
    references: {
      cwe: ['CWE-798', 'CWE-538'],
      urls: ['https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file', 'https://docs.docker.com/reference/compose-file/services/#env_file'],
    },
  },
  create: (context) => ({
    project(project) {
      const secrets = secretTests(project.policy);
      for (const absPath of envFilesOf(project)) {
        // Only a file git tracks is read: an untracked one stays on the machine, an unknown one is not judged.
        if (project.host.tracked(absPath) !== true) continue;
        const contents = project.host.envFile(absPath);
        if (!contents) continue;
        for (const entry of contents.entries) {
          if (!entry.origin || entry.written === undefined || !secrets.name(entry.name) || !secrets.value(entry.written)) continue;
          context.report({
            at: entry.origin,
            secret: entry.origin,
            message:
              `env file "${contents.source.name}" is tracked by git and sets secret "${entry.name}" to a literal value: every clone and the history hold it; ` +
              'commit an example file with the value left empty, keep the real file out of git (.gitignore) and rotate the secret',
          });
        }
      }
    },
  }),
});
