import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { lint } from '../../src/lint.js';
import { LineIndex } from '../../src/parse/position.js';
import { FORMATTERS } from '../../src/report/index.js';
import { formatContext, tempDir } from './helpers.js';

const SECRET = 'Xq7-p4ssw0rd-never-print';
const COMPOSE = `services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: "${SECRET}"
      DATABASE_URL: postgres://app:${SECRET}@db:5432/app
    healthcheck:
      test: ["CMD", "pg_isready"]
`;

/** A finding about the password, as a secrets rule reports it: at the value, with the value redacted. */
function secretFinding(file: string): Finding {
  const index = new LineIndex(COMPOSE);
  const first = COMPOSE.indexOf(SECRET);
  const second = COMPOSE.indexOf(SECRET, first + 1);
  return {
    ruleId: 'compose/healthcheck',
    severity: 'error',
    message: 'service "db" sets POSTGRES_PASSWORD in plain text',
    file,
    range: index.range(first, first + SECRET.length),
    related: [{ message: 'the same value is used in DATABASE_URL', file, range: index.range(second, second + SECRET.length) }],
    redact: [index.range(first, first + SECRET.length), index.range(second, second + SECRET.length)],
  };
}

describe('no output format leaks a secret', () => {
  const cwd = tempDir();
  const file = 'docker-compose.prod.yml';
  writeFileSync(path.join(cwd, file), COMPOSE);

  for (const [name, format] of Object.entries(FORMATTERS)) {
    it(`${name}: a redacted finding prints positions, never the value`, () => {
      const context = formatContext(cwd, { codeFrame: true });
      expect(context.readSource(file)).toContain(SECRET);
      const finding = secretFinding(file);
      expect(finding.range.start).toEqual({ line: 5, column: 27 });
      const out = format({ files: [{ file, findings: [finding] }], findings: [finding] }, context);
      expect(out).toContain('POSTGRES_PASSWORD');
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain('p4ssw0rd');
    });

    it(`${name}: real lint results of a file holding a secret do not quote it`, async () => {
      const result = await lint([file], { cwd });
      const out = format(result, formatContext(cwd, { codeFrame: true }));
      expect(out).not.toContain(SECRET);
    });
  }
});
