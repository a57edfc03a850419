import { defineRule, jobsOf, type Service, type Text } from '../../../src/engine/api.js';

/** One service that mounts a named volume read-write: the volume name where its first such mount writes it. */
interface Writer {
  readonly service: Service;
  readonly name: Text;
}

/**
 * The long-running services that mount each named volume read-write, in the order of `services:`,
 * each once (at its first read-write mount of the volume). Binds, anonymous volumes, tmpfs and
 * read-only mounts do not count, nor do one-shot jobs (`jobs`), which have finished before the
 * services that wait for them start.
 */
function writersByVolume(services: readonly Service[], jobs: ReadonlySet<string>): Map<string, Writer[]> {
  const writers = new Map<string, Writer[]>();
  for (const service of services) {
    if (jobs.has(service.name)) continue;
    const seen = new Set<string>();
    for (const volume of service.volumes) {
      if (volume.type !== 'volume' || !volume.source || volume.readOnly) continue;
      const volumeName = volume.source.value.trim();
      if (volumeName === '' || seen.has(volumeName)) continue;
      seen.add(volumeName);
      writers.set(volumeName, [...(writers.get(volumeName) ?? []), { service, name: volume.source }]);
    }
  }
  return writers;
}

/** `service "a"`, `services "a" and "b"`, `services "a", "b" and "c"`. */
function serviceNames(writers: readonly Writer[]): string {
  const quoted = writers.map((w) => `"${w.service.name}"`);
  if (quoted.length === 1) return `service ${quoted[0]}`;
  return `services ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** Writers grouped by the text their mount is written at: services that share one anchored volume item are one group. */
function byPlace(writers: readonly Writer[]): Writer[][] {
  const groups = new Map<string, Writer[]>();
  for (const writer of writers) {
    const { file, range } = writer.name.origin;
    const key = `${file}:${range.start.line}:${range.start.column}`;
    groups.set(key, [...(groups.get(key) ?? []), writer]);
  }
  return [...groups.values()];
}

export default defineRule({
  meta: {
    id: 'compose/shared-volume-between-services',
    description: 'A named volume is mounted read-write by at most one service; the others mount it read-only',
    severity: 'info',
    tags: ['security', 'reliability'],
    securitySeverity: 2.0,
    references: {
      kics: ['8c978947-0ff6-485c-b0c2-0bfca6026466'],
      cwe: ['CWE-732'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#volumes'],
    },
  },
  create: (context) => ({
    project(project) {
      for (const [volumeName, writers] of writersByVolume(project.services, jobsOf(project))) {
        if (writers.length < 2) continue;
        // The first writer may write; each place where another service also mounts it read-write is a finding.
        for (const group of byPlace(writers.slice(1))) {
          const others = writers.filter((w) => !group.includes(w));
          const mount = group.length === 1 ? 'mounts' : 'mount';
          context.report({
            at: group[0]!.name,
            message: `${serviceNames(group)} ${mount} volume "${volumeName}" read-write, as ${serviceNames(others)} ${others.length === 1 ? 'does' : 'do'}; each can change or corrupt files the others rely on (mount it ":ro" where a service only reads it)`,
            related: byPlace(others).map((place) => ({ message: `also mounted read-write by ${serviceNames(place)}`, file: place[0]!.name.origin.file, range: place[0]!.name.origin.range })),
          });
        }
      }
    },
  }),
});
