import { cgroupParent, defineRule, hostNamespace, type NamespaceKey, type Rule, type RuleMeta } from '../../../src/engine/api.js';

/**
 * Builds a rule that reports a service key taking the container out of the isolation Docker gives
 * it by default: a namespace key set to `host`, or `cgroup_parent` set at all. The finding points at
 * the value and says what the container gains; each rule is its metadata and that consequence.
 * (Not a rule folder: it has no index.ts, and scripts/gen.mjs skips folders starting with `_`.)
 */
export function isolationRule(options: {
  meta: Omit<RuleMeta, 'docs'>;
  key: NamespaceKey | 'cgroup_parent';
  /** What the container can see or do because of it: the end of the message. */
  consequence: string;
}): Rule {
  const { meta, key, consequence } = options;
  return defineRule({
    meta,
    create: (context) => ({
      service(service) {
        const value = key === 'cgroup_parent' ? cgroupParent(service) : hostNamespace(service, key);
        if (value) context.report({ at: value, message: `service "${service.name}" sets "${key}: ${value.value}"; ${consequence}` });
      },
    }),
  });
}
