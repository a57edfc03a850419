import type { Rule } from '../../../src/engine/rule.js';
import type { Finding } from '../../../src/findings/finding.js';
import { lint } from '../../../src/lint.js';
import { hostProject } from '../../../test/host-project.js';

/** Lints a temporary project (relative path → contents) with one rule; the findings in a compact form. */
export async function lintProject(rule: Rule, files: Record<string, string>): Promise<Array<Pick<Finding, 'file' | 'severity' | 'message' | 'related' | 'redact'> & { at: string }>> {
  const dir = hostProject({ files });
  const result = await lint([dir], { cwd: dir, rules: [rule], useConfig: false });
  return result.findings.map((f) => ({
    file: f.file,
    at: `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`,
    severity: f.severity,
    message: f.message,
    related: f.related,
    ...(f.redact ? { redact: f.redact } : {}),
  }));
}

/** A compose file with one redis service that reads `redis/redis.conf`. */
export const WITH_CONF = 'services:\n  redis:\n    image: redis:7.2-alpine\n    command: redis-server /usr/local/etc/redis/redis.conf\n    volumes:\n      - ./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro\n';
