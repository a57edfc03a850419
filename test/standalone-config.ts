import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RuleContext } from '../src/engine/api.js';
import { makeFinding, type Rule } from '../src/engine/rule.js';
import type { Finding } from '../src/findings/finding.js';
import { loadStandaloneConfig } from '../src/model/configs.js';
import type { ConfigKind } from '../src/model/service-configs.js';
import { rangeOf } from './host-project.js';

/**
 * Runs one rule's `serviceConfigs` visitor on a config file read on its own, with no compose service,
 * loaded as `escashop-lint redis.conf` loads it (`loadStandaloneConfig`, from a temporary folder): each finding
 * as `file line:column-line:column message`. For a file with includes, use `lintConfigFile` of
 * `config-file.ts`, which lints files on disk.
 */
export function lintStandalone(rule: Rule, kind: ConfigKind, name: string, text: string): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-standalone-'));
  const source = { name, absPath: path.join(dir, name), text };
  writeFileSync(source.absPath, text);
  const parseFindings: Finding[] = [];
  const configs = loadStandaloneConfig(source, kind, { text: (absPath) => (absPath === source.absPath ? source : undefined) }, parseFindings);
  rmSync(dir, { recursive: true, force: true });
  const out: string[] = [];
  const context = {
    project: undefined as never,
    environment: 'prod',
    severity: 'warning',
    options: { ...rule.meta.options?.defaults },
    report: (report) => {
      const finding = makeFinding(rule.meta, 'warning', report);
      out.push(`${finding.file} ${rangeOf(finding)} ${finding.message}`);
    },
  } satisfies RuleContext;
  rule.create(context).serviceConfigs?.(configs);
  return out;
}
