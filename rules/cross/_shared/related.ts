import type { Origin } from '../../../src/engine/api.js';

/** A related location of a finding: a message at an origin. */
export function related(origin: Origin, message: string): { message: string; file: string; range: Origin['range'] } {
  return { message, file: origin.file, range: origin.range };
}
