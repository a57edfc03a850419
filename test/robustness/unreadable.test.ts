import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { HARDENED_SERVICE, tempProject } from '../cli/run.js';
import { watchingFs } from '../watching-fs.js';

/**
 * A file the linter may not read, whoever runs it: root reads a `chmod 000` file anyway (see
 * limits.test.ts, skipped as root), so here the read itself fails with EACCES, as it does for
 * any other user.
 */
describe('an unreadable file among readable ones', () => {
  const dir = tempProject({
    'locked/docker-compose.yml': `services:\n  api:\n${HARDENED_SERVICE}`,
    'open/docker-compose.yml': 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n',
  });
  const locked = path.join(dir, 'locked/docker-compose.yml');

  const denied = (absPath: string, name: string) => {
    if (absPath === locked && (name === 'readFileSync' || name === 'openSync')) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${absPath}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: absPath });
    }
  };

  it('is one core/input finding at 1:1, and the others are linted', async () => {
    const result = await watchingFs(['readFileSync', 'openSync'], [], denied, () => lint(['locked/docker-compose.yml', 'open/docker-compose.yml'], { cwd: dir, useConfig: false }));
    const inLocked = result.findings.filter((f) => f.file === 'locked/docker-compose.yml');
    expect(inLocked.map((f) => [f.ruleId, f.message, f.range.start.line, f.range.start.column])).toEqual([['core/input', 'permission denied', 1, 1]]);
    const privileged = result.findings.find((f) => f.file === 'open/docker-compose.yml' && f.ruleId === 'compose/no-privileged');
    expect(privileged?.range.start).toEqual({ line: 4, column: 17 });
  });
});
