import type { RelatedLocation } from '../findings/finding.js';
import { FILE_START } from '../parse/position.js';
import type { ServiceConfigFiles } from './configs.js';

/**
 * A config file as a related location at its start, for a finding about a setting it lacks that is
 * reported at the compose service; none without a file, and none when the file is linted on its own
 * (the finding is at its start already).
 */
export function configFileStart(configs: ServiceConfigFiles, file: string | undefined, message: string): RelatedLocation[] {
  return file && !configs.standalone ? [{ message, file, range: FILE_START }] : [];
}
