import { configOwner, defineRule, fixWith, hbaHostRecords, imageHbaLine, replaceWord } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'postgres/hba-no-trust',
    description: 'pg_hba.conf lets no TCP connection in without a password (no trust method on host lines)',
    severity: 'error',
    tags: ['security', 'postgres', 'authentication'],
    fixable: 'fix',
    securitySeverity: 9.0,
    references: {
      cwe: ['CWE-306'],
      urls: ['https://www.postgresql.org/docs/current/auth-trust.html', 'https://hub.docker.com/_/postgres'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const owner = configOwner(configs);
      for (const record of hbaHostRecords(configs)) {
        if (record.method.value !== 'trust') continue;
        context.report({
          at: record.method,
          message: `pg_hba.conf${owner.of} lets "${record.type.value}" connections in without a password ("trust"); use scram-sha-256`,
          fix: (sources) => fixWith('replace "trust" with "scram-sha-256" in pg_hba.conf (a role without a password can then no longer log in)', replaceWord(record.method, 'scram-sha-256', sources)),
        });
      }
      const image = imageHbaLine(configs);
      if (image?.from === 'env' && image.method === 'trust' && image.at) {
        context.report({
          at: image.at,
          message: `POSTGRES_HOST_AUTH_METHOD=trust${owner.of} makes the image's pg_hba.conf let every TCP connection in without a password; remove it and set POSTGRES_PASSWORD_FILE`,
        });
      }
    },
  }),
});
