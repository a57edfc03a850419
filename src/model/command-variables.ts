import { isScalar } from '../parse/tree.js';
import type { ComposeProject } from './project.js';
import type { Service } from './service.js';
import { Text } from './text.js';

/**
 * The variables a shell-form `command` or `entrypoint` of a service uses that the project leaves
 * unset. Compose splits such a command into words after replacing its variables, so an empty
 * `--requirepass ${REDIS_PASSWORD}` loses its word: what the command says without them is not what
 * runs on the deploy host, which sets them.
 */
export function unsetCommandVariables(project: ComposeProject, service: Service): string[] {
  return [service.command, service.entrypoint].flatMap((c) =>
    c?.form === 'shell' && isScalar(c.node) ? Text.of(c.node).variables.filter((name) => !project.variableOrigins.has(name)) : [],
  );
}
