import type { Finding } from '../findings/finding.js';
import { walkNginx } from '../parse/nginx-tree.js';
import type { NginxConfig } from '../parse/nginx.js';
import { rangesOverlap, type Origin } from '../parse/position.js';
import type { ServiceConfigFiles } from './configs.js';
import { secretName } from './secret-names.js';

/**
 * Secrets written in config files that a finding about something else may sit beside: a code frame
 * shows the whole line, so each finding on such a line masks them too (`maskConfigSecrets`).
 * pg_hba.conf's LDAP bind password and RADIUS secrets, redis's `requirepass`, `masterauth` and ACL
 * `>password` rules, postgresql.conf's `primary_conninfo` (it may hold a password) and
 * `ssl_passphrase_command`, and the values nginx sends or passes under a secret name
 * (`proxy_set_header Authorization …`, `fastcgi_param DB_PASSWORD …`).
 */
export function configSecrets(configs: ServiceConfigFiles): Origin[] {
  const found: Origin[] = [];
  for (const record of configs.pgHba?.records ?? []) {
    for (const option of record.options) if (HBA_SECRETS.has(option.name.toLowerCase())) found.push(option.word.origin);
  }
  for (const directive of configs.redis?.directives ?? []) {
    if (REDIS_SECRETS.has(directive.key)) found.push(...directive.args.map((a) => a.origin));
    else if (directive.key === 'user') found.push(...directive.args.filter((a) => /^[<>]/.test(a.value)).map((a) => a.origin));
  }
  for (const setting of configs.postgresql?.settings ?? []) if (POSTGRES_SECRETS.has(setting.key)) found.push(setting.value.origin);
  for (const nginx of [configs.nginx, configs.nginxImageMain]) if (nginx) found.push(...nginxSecrets(nginx));
  return found;
}

const HBA_SECRETS = new Set(['ldapbindpasswd', 'radiussecrets']);
const REDIS_SECRETS = new Set(['requirepass', 'masterauth']);
const POSTGRES_SECRETS = new Set(['primary_conninfo', 'ssl_passphrase_command']);
/** Directives whose first argument names a header or parameter and whose second is its value. */
const NGINX_NAMED_VALUES = new Set(['proxy_set_header', 'grpc_set_header', 'add_header', 'fastcgi_param', 'uwsgi_param', 'scgi_param']);

function nginxSecrets(config: NginxConfig): Origin[] {
  const found: Origin[] = [];
  walkNginx(config, (directive) => {
    const [name, value] = directive.args;
    if (!NGINX_NAMED_VALUES.has(directive.name.value) || !name || !value) return;
    if (/^(proxy-)?authorization$/i.test(name.value) || secretName(name.value)) found.push({ file: value.file, range: value.range });
  });
  return found;
}

/**
 * Adds to each finding's `redact` the config secrets written on the lines it spans in its file, so
 * that the code frame of a finding about something else on such a line does not show them.
 */
export function maskConfigSecrets(findings: readonly Finding[], configs: readonly ServiceConfigFiles[]): void {
  const byFile = new Map<string, Origin[]>();
  for (const secret of configs.flatMap(configSecrets)) byFile.set(secret.file, [...(byFile.get(secret.file) ?? []), secret]);
  if (byFile.size === 0) return;
  for (const finding of findings) {
    const known = finding.redact ?? [];
    const onLines = (byFile.get(finding.file) ?? []).filter(
      (s) => s.range.start.line <= finding.range.end.line && s.range.end.line >= finding.range.start.line && !known.some((r) => rangesOverlap(r, s.range)),
    );
    if (onLines.length > 0) finding.redact = [...(finding.redact ?? []), ...onLines.map((s) => s.range)];
  }
}
