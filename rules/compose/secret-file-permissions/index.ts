import {
  buildContextOf,
  defineRule,
  get,
  isMap,
  isScalar,
  octalMode,
  pathBase,
  scalarString,
  Text,
  type BuildContext,
  type ComposeProject,
  type YScalar,
} from '../../../src/engine/api.js';

/** Permission bits a secret file may have beyond the owner's: read for the group (0640). */
const TOO_OPEN = 0o037;

/** Who a mode lets at the file beyond what 0640 allows, in words. */
function exposure(mode: number): string {
  const parts: string[] = [];
  if (mode & 0o004) parts.push('every user of the host can read it');
  if (mode & 0o022) parts.push(`${mode & 0o002 ? 'every user' : 'its group'} can change it`);
  if (parts.length === 0) parts.push('it is executable');
  return parts.join(', and ');
}

/** True when building the value met an unset or required variable: the path is not what the author meant, and that is another rule's finding. */
function hasVariableProblem(project: ComposeProject, node: YScalar): boolean {
  const { file, range } = node.origin;
  const before = (a: typeof range.start, b: typeof range.start) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return project.problems.some(
    (p) => p.kind !== 'key' && p.origin.file === file && before(range.start, p.origin.range.start) && before(p.origin.range.end, range.end),
  );
}

export default defineRule({
  meta: {
    id: 'compose/secret-file-permissions',
    description: 'Each secret file exists, only its owner (and a group) can read it, git does not track it and no build context sends it',
    severity: 'warning',
    environments: { prod: 'error' },
    tags: ['security', 'secrets'],
    securitySeverity: 6.5,
    references: {
      cwe: ['CWE-732', 'CWE-538'],
      urls: ['https://docs.docker.com/compose/how-tos/use-secrets/', 'https://docs.docker.com/build/concepts/context/#dockerignore-files'],
    },
  },
  create: (context) => ({
    project(project) {
      const secrets = get(project.root, 'secrets');
      if (!isMap(secrets)) return;
      const host = project.host;
      const contexts = project.services.map((s) => buildContextOf(project, s)).filter((c): c is BuildContext => c !== undefined);
      for (const { key, value } of secrets.entries) {
        const file = get(value, 'file');
        if (!isScalar(file) || file.value === null || hasVariableProblem(project, file)) continue;
        const written = Text.of(file);
        const absPath = host.within(pathBase(project, value), written.value);
        if (absPath === undefined) continue;
        const what = `secret "${scalarString(key)}": file "${written.value}"`;
        const report = (message: string) => context.report({ at: written, message: `${what} ${message}` });
        const stat = host.stat(absPath);
        if (stat === undefined) continue;
        if (stat.kind === 'missing') {
          // A file git ignores is expected to be absent from a checkout: it is made on the deploy host.
          if (host.gitignored(absPath) !== true) {
            report('does not exist, so Compose refuses to start the services that use it; create it where the stack runs and add it to .gitignore');
          }
          continue;
        }
        if (stat.kind !== 'file') {
          report(`is ${stat.kind === 'directory' ? 'a directory' : 'not a regular file'}; a secret is one regular file, mounted at /run/secrets/${scalarString(key)}`);
          continue;
        }
        if (stat.mode !== undefined && stat.mode & TOO_OPEN) {
          report(`has mode ${octalMode(stat.mode)}: ${exposure(stat.mode)}; chmod 600 it (or 640 with a group of its own)`);
        }
        if (host.tracked(absPath) === true) {
          report('is tracked by git: every clone and the history hold the secret; untrack it (git rm --cached), add it to .gitignore and rotate the secret');
        }
        const sentBy = new Map<string, { context: BuildContext; dockerignore: string | undefined; services: string[] }>();
        for (const c of contexts) {
          const membership = host.inBuildContext(c.dir, absPath, c.dockerfile);
          if (!membership.sent) continue;
          const id = `${c.dir}\0${membership.dockerignore ?? ''}`;
          const seen = sentBy.get(id);
          if (seen) seen.services.push(c.service.name);
          else sentBy.set(id, { context: c, dockerignore: membership.dockerignore, services: [c.service.name] });
        }
        for (const { context: c, dockerignore, services } of sentBy.values()) {
          const whose = services.map((s) => `"${s}"`).join(', ');
          const ignore = dockerignore === undefined ? 'it has no .dockerignore' : 'its .dockerignore does not leave the file out';
          report(
            `is inside the build context "${c.written}" of service${services.length > 1 ? 's' : ''} ${whose} and ${ignore}: ` +
              'every build sends it to the builder and "COPY . ." bakes it into the image; exclude it in .dockerignore',
          );
        }
      }
    },
  }),
});
