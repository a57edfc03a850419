import { defineRule, describePlace, problemsOf } from '../../../src/engine/api.js';

/**
 * Variables that the shell running `docker compose` always has (`${PWD}/data`, `${HOME}/.aws`):
 * escashop-lint leaves the process environment out so that a lint is reproducible, but Compose
 * never sees these unset.
 */
const SHELL_VARIABLES = new Set(['PWD', 'HOME', 'USER']);

export default defineRule({
  meta: {
    id: 'compose/unset-variable',
    description: 'Every "${VAR}" has a value or a default, and none is written in a key, where Compose never substitutes it',
    severity: 'warning',
    tags: ['correctness'],
    references: {
      urls: ['https://docs.docker.com/reference/compose-file/interpolation/'],
    },
  },
  create: (context) => ({
    project(project) {
      for (const problem of problemsOf(project, ['unset', 'key'])) {
        if (problem.kind === 'unset' && SHELL_VARIABLES.has(problem.variable ?? '')) continue;
        const where = problem.place ? ` in ${describePlace(problem.place)}` : '';
        const message =
          problem.kind === 'key'
            ? `variable "${problem.variable ?? '?'}" is written in a key${where}; Compose interpolates values only, so the key keeps the text "\${...}"`
            : `variable "${problem.variable}"${where} is not set and has no default; Compose uses an empty string`;
        context.report({ at: problem.origin, message });
      }
    },
  }),
});
