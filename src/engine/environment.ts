import path from 'node:path';
import type { Environment } from './meta.js';

const DEV_WORDS = new Set(['dev', 'develop', 'development', 'local', 'override', 'debug']);
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'ci', 'e2e', 'integration']);

/**
 * The environment a compose file is for, from its file name alone (folder names do not count):
 * `docker-compose.dev.yml` and `compose.override.yaml` are dev, `docker-compose.ci.yml` is test,
 * anything else is prod. This is the one place that decides it.
 */
export function environmentOf(file: string): Environment {
  const base = path.basename(file).replace(/\.(ya?ml|json)$/i, '');
  const words = base.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((w) => TEST_WORDS.has(w))) return 'test';
  if (words.some((w) => DEV_WORDS.has(w))) return 'dev';
  return 'prod';
}
