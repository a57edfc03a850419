import { defineRule, get, isMap, isScalar, Text, type YNode } from '../../../src/engine/api.js';

/** The host device an item of `devices:` maps: `/dev/x[:/dev/y[:rwm]]`, or the long syntax's `source`. */
function deviceOf(item: YNode): Text | undefined {
  const node = isMap(item) ? get(item, 'source') : item;
  if (!isScalar(node) || node.value === null) return undefined;
  const text = Text.of(node);
  const colon = text.value.indexOf(':');
  return colon === -1 || isMap(item) ? text : text.slice(0, colon);
}

/** A CDI name of a GPU (`nvidia.com/gpu=all`, `amd.com/gpu=0`): the same as `gpus:`, which this rule leaves alone. */
function isCdiGpu(device: string): boolean {
  return /^[a-z0-9.-]+\/gpu=/i.test(device);
}

export default defineRule({
  meta: {
    id: 'compose/no-host-devices',
    description: 'No service maps host devices with devices or opens them with device_cgroup_rules (GPUs through gpus excepted)',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 5.5,
    references: {
      cis: ['5.18'],
      cwe: ['CWE-250'],
    },
  },
  create: (context) => ({
    service(service) {
      const devices = service.get('devices');
      for (const item of devices?.kind === 'seq' ? devices.items : []) {
        const device = deviceOf(item);
        if (!device || device.value === '' || isCdiGpu(device.value)) continue;
        context.report({ at: device, message: `service "${service.name}" maps the host device "${device.value}" in devices: the container talks to the host's hardware or kernel driver directly` });
      }
      for (const rule of service.list('device_cgroup_rules')) {
        context.report({ at: rule, message: `service "${service.name}" allows host devices "${rule.value}" in device_cgroup_rules: the container may open matching device files` });
      }
    },
  }),
});
