import type { RelatedLocation, ServiceConfigFiles } from '../../../src/engine/api.js';

/** The redis config file a service reads, as a related location at its start (for a setting it lacks); none without one. */
export function configFileRelated(configs: ServiceConfigFiles, message: string): RelatedLocation[] {
  const file = configs.redis?.file;
  return file ? [{ message, file, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }] : [];
}
