import { defineRule, describePlace, problemsOf } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/undefined-variable',
    description: 'Every required variable ("${VAR:?message}") has a value, and every "${...}" expression is valid',
    severity: 'error',
    tags: ['correctness'],
    references: {
      urls: ['https://docs.docker.com/reference/compose-file/interpolation/'],
    },
  },
  create: (context) => ({
    project(project) {
      for (const problem of problemsOf(project, ['required', 'syntax'])) {
        const where = problem.place ? ` in ${describePlace(problem.place)}` : '';
        const message =
          problem.kind === 'required'
            ? `required variable "${problem.variable}"${where} has no value; Compose refuses to start`
            : `invalid variable expression${where}; Compose refuses to start`;
        // `${VAR:?}` also refuses a variable an env file sets to "": point at that line too.
        const set = problem.variable === undefined ? undefined : project.variableOrigins.get(problem.variable);
        const related = set ? [{ message: `value of \${${problem.variable}} set here`, file: set.file, range: set.range }] : [];
        context.report({ at: problem.origin, message, related });
      }
    },
  }),
});
