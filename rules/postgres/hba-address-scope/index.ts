import { configOwner, defineRule, hbaHostRecords, imageHbaLine, type HbaRecord } from '../../../src/engine/api.js';

const SUBNET = "the compose network's subnet (for example 172.28.0.0/16, set under networks: ipam:)";

/** What an address field matches when it matches any client: `all`, `0.0.0.0/0`, `::/0` (or the same as address and mask). */
function anyAddress(record: HbaRecord): string | undefined {
  const address = record.address;
  if (!address) return undefined;
  if (address.kind === 'all') return 'every address';
  if ((address.kind === 'cidr' || address.kind === 'ip-mask') && address.prefix === 0) return `every IPv${address.family} address`;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'postgres/hba-address-scope',
    description: 'pg_hba.conf lets TCP connections in from the compose network only, not from any address',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security', 'postgres', 'networking'],
    securitySeverity: 4.0,
    references: {
      urls: ['https://www.postgresql.org/docs/current/auth-pg-hba-conf.html', 'https://hub.docker.com/_/postgres'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const owner = configOwner(configs);
      for (const record of hbaHostRecords(configs)) {
        const scope = anyAddress(record);
        if (!scope || record.method.value === 'reject') continue;
        context.report({ at: record.address!.word, message: `pg_hba.conf${owner.of} accepts "${record.type.value}" connections from ${scope}; name ${SUBNET} instead` });
      }
      const image = imageHbaLine(configs);
      if (image && image.method !== 'reject') {
        context.report({
          at: owner.at,
          message: `${owner.label} uses the image's pg_hba.conf, which accepts TCP connections from every address ("host all all all"); mount a pg_hba.conf that names ${SUBNET}`,
        });
      }
    },
  }),
});
