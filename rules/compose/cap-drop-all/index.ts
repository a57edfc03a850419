import { capabilityName, defineRule, ensureListItem, fixWith, type FixSources, type Service, type Text } from '../../../src/engine/api.js';

const isAll = (capability: Text) => capabilityName(capability) === 'ALL';

/** `ALL` added to the service's cap_drop (the key added when it has none), where the list or the service is written. */
const dropAll = (service: Service) => (sources: FixSources) =>
  fixWith(`add ALL to cap_drop of service "${service.name}" (give back with cap_add only what it needs)`, ensureListItem(service.node, 'cap_drop', 'ALL', sources));

export default defineRule({
  meta: {
    id: 'compose/cap-drop-all',
    description: 'Every service drops all Linux capabilities with cap_drop: [ALL]',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['security'],
    reportsAbsence: true,
    fixable: 'fix',
    securitySeverity: 6.0,
    references: {
      cis: ['5.4'],
      kics: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'],
    },
  },
  create: (context) => ({
    service(service) {
      const key = service.keyOf('cap_drop');
      if (!key) {
        context.report({ at: service.key, message: `service "${service.name}" has no cap_drop; it keeps every default capability (add "cap_drop: [ALL]")`, fix: dropAll(service) });
        return;
      }
      if (service.capDrop.some(isAll)) return;
      const dropped = service.capDrop.map((c) => c.value.trim()).filter((name) => name !== '');
      const instead = dropped.length > 0 ? `only ${dropped.join(', ')}` : 'nothing';
      context.report({ at: key, message: `cap_drop of service "${service.name}" drops ${instead}, not ALL; it keeps the other default capabilities`, fix: dropAll(service) });
    },
  }),
});
