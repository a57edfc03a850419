import { defineRule, isMap, isUnlimited, type Service, type Text } from '../../../src/engine/api.js';

/** How a service's `logging:` keeps its log from filling the disk. */
interface Logging {
  /** `driver:`, trimmed; undefined when not written (the daemon's default driver). */
  driver?: Text;
  maxSize?: Text;
  /** True when the log is kept on the host and rotated: `local`, or json-file (or the default driver) with a max-size. */
  rotated: boolean;
}

/** Undefined when the service has no `logging:`. */
function loggingOf(service: Service): Logging | undefined {
  if (!isMap(service.get('logging'))) return undefined;
  const driver = service.text(['logging', 'driver']);
  const maxSize = service.text(['logging', 'options', 'max-size']);
  const name = driver?.value.trim() ?? '';
  // `local` rotates by default; json-file, and the daemon's default driver, need a max-size.
  const sized = maxSize !== undefined && !isUnlimited(maxSize);
  const rotated = name === 'local' || ((name === '' || name === 'json-file') && sized);
  return { ...(driver ? { driver } : {}), ...(maxSize ? { maxSize } : {}), rotated };
}

export default defineRule({
  meta: {
    id: 'compose/logging-rotation',
    description: 'A json-file log is rotated with max-size, and a service does not fall back to the daemon default where the others rotate',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['reliability'],
    reportsAbsence: true,
    references: {
      cwe: ['CWE-400'],
      urls: ['https://docs.docker.com/engine/logging/drivers/json-file/', 'https://docs.docker.com/engine/logging/drivers/local/'],
    },
  },
  create: (context) => {
    /** A service that rotates its log in this file: evidence that the file, not the daemon, manages logs. */
    let rotating: Service | undefined;
    return {
      project(project) {
        rotating = project.services.find((service) => loggingOf(service)?.rotated);
      },
      service(service) {
        const logging = loggingOf(service);
        if (!logging) {
          if (rotating) {
            context.report({
              at: service.key,
              message: `service "${service.name}" has no logging, so its log goes to the daemon's default driver, unrotated unless the daemon config says so, while service "${rotating.name}" rotates its own`,
            });
          }
          return;
        }
        const { driver, maxSize } = logging;
        if (maxSize && isUnlimited(maxSize) && driver?.value.trim() !== 'local') {
          context.report({ at: maxSize, message: `service "${service.name}" sets logging max-size to ${maxSize.value.trim()}, which means its log is never rotated` });
        } else if (driver?.value.trim() === 'json-file' && !maxSize) {
          context.report({ at: driver, message: `service "${service.name}" logs with json-file without a max-size; its log grows until the disk is full` });
        }
      },
    };
  },
});
