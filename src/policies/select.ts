import picomatch from 'picomatch';
import { imageSpans, parseImage } from '../model/image.js';
import { nameGlobs } from '../model/policy.js';
import type { Service } from '../model/service.js';
import type { PolicySelect } from './types.js';

/** A test of a service: true when the policy is about it. */
export type Selector = (service: Service) => boolean;

/** Globs over values that are no paths: `*` crosses `/` (`*prometheus*` matches `prom/prometheus:v2.53.1`). */
function valueGlobs(globs: readonly string[], nocase: boolean): (value: string) => boolean {
  return picomatch([...globs], { bash: true, dot: true, nocase });
}

/** The forms of a service's image that image globs are tried on: as written, without tag and digest, and as Docker names it. */
export function imageForms(image: string): string[] {
  const [start, end] = imageSpans(image).name;
  return [...new Set([image.trim(), image.slice(start, end), parseImage(image).name])];
}

/** Compiles `select` once: each selector given must match (all services when none is). */
export function compileSelect(select: PolicySelect | undefined): Selector {
  const tests: Selector[] = [];
  if (select?.services) {
    const named = nameGlobs(select.services);
    tests.push((service) => named(service.name));
  }
  if (select?.images) {
    const matches = valueGlobs(select.images, true);
    tests.push((service) => service.image !== undefined && imageForms(service.image.value).some(matches));
  }
  if (select?.labels) {
    const wanted = select.labels.map((entry) => {
      const eq = entry.indexOf('=');
      const glob = entry.slice(eq + 1);
      // `key=` wants the label set to nothing.
      return eq === -1 ? { key: entry } : { key: entry.slice(0, eq), value: glob === '' ? (value: string) => value === '' : valueGlobs([glob], false) };
    });
    tests.push((service) => wanted.some(({ key, value }) => service.labels.some((label) => label.name.value === key && (!value || value(label.value?.value ?? '')))));
  }
  if (select?.profiles) {
    const profiles = new Set(select.profiles);
    tests.push((service) => service.profiles.some((p) => profiles.has(p)));
  }
  return (service) => tests.every((test) => test(service));
}
