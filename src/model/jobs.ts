import type { ComposeProject } from './project.js';
import { dependenciesOf } from './service-references.js';

/**
 * Services that run once and exit by design: a `depends_on` elsewhere waits for them with
 * `condition: service_completed_successfully`, or they are swarm jobs (`deploy.mode: *-job`).
 */
export function jobsOf(project: ComposeProject): Set<string> {
  const jobs = new Set<string>();
  for (const service of project.services) {
    const mode = service.text(['deploy', 'mode'])?.value.trim();
    if (mode === 'replicated-job' || mode === 'global-job') jobs.add(service.name);
    for (const { name, condition } of dependenciesOf(service)) {
      if (condition?.value === 'service_completed_successfully') jobs.add(name.value);
    }
  }
  return jobs;
}
