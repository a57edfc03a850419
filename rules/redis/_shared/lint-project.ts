import type { Rule } from '../../../src/engine/rule.js';
import type { Finding } from '../../../src/findings/finding.js';
import { lintHostProject, rangeOf } from '../../../test/host-project.js';

/** Lints a temporary project (relative path → contents) with one rule; the findings in a compact form. */
export async function lintProject(rule: Rule, files: Record<string, string>): Promise<Array<Pick<Finding, 'file' | 'severity' | 'message' | 'related' | 'redact'> & { at: string }>> {
  return (await lintHostProject(rule, { files })).map((f) => ({
    file: f.file,
    at: rangeOf(f),
    severity: f.severity,
    message: f.message,
    related: f.related,
    ...(f.redact ? { redact: f.redact } : {}),
  }));
}

/** A compose file with one redis service that reads `redis/redis.conf`. */
export const WITH_CONF = 'services:\n  redis:\n    image: redis:7.2-alpine\n    command: redis-server /usr/local/etc/redis/redis.conf\n    volumes:\n      - ./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro\n';
