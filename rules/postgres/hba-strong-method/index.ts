import { defineRule, describeVersion, hbaHostRecords, imageHbaLine, PG_SCRAM_DEFAULT_MAJOR } from '../../../src/engine/api.js';

/** Why each weak method is weak, and what to use instead. */
const WEAK: Readonly<Record<string, string>> = {
  password: 'sends the password in clear text',
  md5: 'checks against stored MD5 hashes that work as the password for whoever steals them',
  ident: 'believes the user name an ident server on the client host reports',
};

const FIX = 'use scram-sha-256';

export default defineRule({
  meta: {
    id: 'postgres/hba-strong-method',
    description: 'pg_hba.conf authenticates TCP connections with scram-sha-256, not password, md5 or ident',
    severity: 'warning',
    tags: ['security', 'postgres', 'authentication'],
    securitySeverity: 6.5,
    references: {
      cwe: ['CWE-319', 'CWE-328'],
      urls: ['https://www.postgresql.org/docs/current/auth-password.html', 'https://www.postgresql.org/docs/current/auth-ident.html', 'https://hub.docker.com/_/postgres'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      for (const record of hbaHostRecords(configs)) {
        const weak = Object.hasOwn(WEAK, record.method.value) ? record.method.value : undefined;
        if (!weak) continue;
        context.report({
          at: record.method,
          message: `pg_hba.conf of service "${service.name}" authenticates "${record.type.value}" connections with "${weak}", which ${WEAK[weak]}; ${FIX}`,
        });
      }
      const image = imageHbaLine(configs);
      // A password_encryption = md5 the image's line follows is postgres/password-encryption-scram's finding.
      const why = image?.method === undefined ? undefined : WEAK[image.method];
      if (!image || !why || image.method === 'ident') return;
      if (image.from === 'env' && image.at) {
        context.report({
          at: image.at,
          message: `POSTGRES_HOST_AUTH_METHOD=${image.method} of service "${service.name}" makes the image's pg_hba.conf authenticate TCP connections with "${image.method}", which ${why}; ${FIX}`,
        });
      } else if (image.from === 'version') {
        context.report({
          at: service.key,
          message: `service "${service.name}" runs ${describeVersion(image.version)}, whose image writes a pg_hba.conf that authenticates TCP connections with "md5" (the default before PostgreSQL ${PG_SCRAM_DEFAULT_MAJOR}); upgrade, or set POSTGRES_HOST_AUTH_METHOD=scram-sha-256 with password_encryption=scram-sha-256`,
        });
      }
    },
  }),
});
