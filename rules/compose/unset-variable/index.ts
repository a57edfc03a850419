import { defineRule, describePlace, problemsOf } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/unset-variable',
    description: 'Every "${VAR}" has a value or a default',
    severity: 'warning',
    tags: ['correctness'],
    references: {
      urls: ['https://docs.docker.com/reference/compose-file/interpolation/'],
    },
  },
  create: (context) => ({
    project(project) {
      for (const problem of problemsOf(project, ['unset'])) {
        const where = problem.place ? ` in ${describePlace(problem.place)}` : '';
        context.report({ at: problem.origin, message: `variable "${problem.variable}"${where} is not set and has no default; Compose uses an empty string` });
      }
    },
  }),
});
