import { configOwner, defineRule, describeVersion, hbaHostRecords, imageHbaLine, PG_SCRAM_DEFAULT_MAJOR } from '../../../src/engine/api.js';
import { cleartextMethod, USE_SCRAM } from '../_shared/hba-methods.js';

/**
 * Why each weak method is weak. `password` and `ident` where they are postgres/hba-no-cleartext's
 * error (`cleartextMethod`) are left to it, so that a line gives one finding.
 */
const WEAK: Readonly<Record<string, string>> = {
  md5: 'checks against stored MD5 hashes that work as the password for whoever steals them',
  password: 'hands the server the password itself (the encryption only hides it on the way)',
};

export default defineRule({
  meta: {
    id: 'postgres/hba-strong-method',
    description: 'pg_hba.conf authenticates TCP connections with scram-sha-256, not md5 (nor password, even over TLS)',
    severity: 'warning',
    tags: ['security', 'postgres', 'authentication'],
    securitySeverity: 6.5,
    references: {
      cwe: ['CWE-328', 'CWE-522'],
      urls: ['https://www.postgresql.org/docs/current/auth-password.html', 'https://hub.docker.com/_/postgres'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const owner = configOwner(configs);
      for (const record of hbaHostRecords(configs)) {
        const method = record.method.value;
        const weak = Object.hasOwn(WEAK, method) && !cleartextMethod(record, method) ? method : undefined;
        if (!weak) continue;
        context.report({
          at: record.method,
          message: `pg_hba.conf${owner.of} authenticates "${record.type.value}" connections with "${weak}", which ${WEAK[weak]}; ${USE_SCRAM}`,
        });
      }
      const image = imageHbaLine(configs);
      // A password_encryption = md5 the image's line follows is postgres/password-encryption-scram's finding.
      // Its line is `host all all all <method>`: password there is postgres/hba-no-cleartext's.
      const why = image?.method === undefined || cleartextMethod({ connection: 'host' }, image.method) ? undefined : WEAK[image.method];
      if (!image || !why) return;
      if (image.from === 'env' && image.at) {
        context.report({
          at: image.at,
          message: `POSTGRES_HOST_AUTH_METHOD=${image.method}${owner.of} makes the image's pg_hba.conf authenticate TCP connections with "${image.method}", which ${why}; ${USE_SCRAM}`,
        });
      } else if (image.from === 'version') {
        context.report({
          at: owner.at,
          message: `${owner.label} runs ${describeVersion(image.version)}, whose image writes a pg_hba.conf that authenticates TCP connections with "md5" (the default before PostgreSQL ${PG_SCRAM_DEFAULT_MAJOR}); upgrade, or set POSTGRES_HOST_AUTH_METHOD=scram-sha-256 with password_encryption=scram-sha-256`,
        });
      }
    },
  }),
});
