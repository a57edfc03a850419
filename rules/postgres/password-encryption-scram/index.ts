import { configOwner, defineRule, imageHbaLine, passwordEncryption, postgresSettings } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'postgres/password-encryption-scram',
    description: 'password_encryption is scram-sha-256, so new passwords are not stored as MD5 hashes',
    severity: 'warning',
    tags: ['security', 'postgres', 'authentication'],
    securitySeverity: 5.0,
    references: {
      cwe: ['CWE-328'],
      urls: ['https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const setting = postgresSettings(configs)?.last('password_encryption');
      if (!setting || passwordEncryption(setting.value.value) !== 'md5') return;
      const owner = configOwner(configs);
      const hba = imageHbaLine(configs)?.from === 'setting' ? ", and the image's pg_hba.conf then authenticates TCP connections with md5" : '';
      context.report({
        at: setting.value,
        message: `password_encryption${owner.of} stores new passwords as MD5 hashes, which are as good as the password${hba}; set it to scram-sha-256 and set the passwords again`,
      });
    },
  }),
});
