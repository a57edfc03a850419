import type { FormatName } from '../index.js';
import type { Formatter } from '../report/formatter.js';

/**
 * Each report format, as `--format` names it, and how to load its formatter: a run loads the one it
 * prints with, not all of them (`FORMATTERS` of the API holds the same functions, loaded at once).
 */
export const FORMAT_LOADERS: Readonly<Record<FormatName, () => Promise<Formatter>>> = {
  text: async () => (await import('../report/text.js')).formatText,
  json: async () => (await import('../report/json.js')).formatJson,
  sarif: async () => (await import('../report/sarif.js')).formatSarif,
  github: async () => (await import('../report/github.js')).formatGithub,
  compact: async () => (await import('../report/compact.js')).formatCompact,
};

/** The formatter of the format `name`; undefined when no format has that name. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return Object.hasOwn(FORMAT_LOADERS, name) ? FORMAT_LOADERS[name as FormatName]() : undefined;
}
