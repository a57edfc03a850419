import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { Log } from 'sarif';
import { afterAll } from 'vitest';
import { rules } from '../../rules/index.js';
import { CORE_CHECKS } from '../../src/findings/core.js';
import { PACKAGE_ROOT, VERSION } from '../../src/package-info.js';
import type { FormatContext } from '../../src/report/formatter.js';

/** A prod file with one missing healthcheck and one disabled through a merge key. */
export const COMPOSE = `x-probe: &no-probe
  disable: true
services:
  api:
    image: example/api:1.4.2
  cron:
    image: example/cron:1.4.2
    healthcheck:
      <<: *no-probe
`;

/** A fresh temporary directory, with symlinks resolved so relative paths come out as the linter sees them. */
export function tempDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'escashop-report-')));
  made.push(dir);
  return dir;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What the CLI passes to a formatter, for a run in `cwd`. */
export function formatContext(cwd: string, overrides: Partial<FormatContext> = {}): FormatContext {
  return {
    cwd,
    color: false,
    rules: [...CORE_CHECKS, ...rules.map((r) => r.meta)],
    packageRoot: PACKAGE_ROOT,
    version: VERSION,
    codeFrame: false,
    readSource: (file) => {
      try {
        return readFileSync(path.resolve(cwd, file), 'utf8');
      } catch {
        return undefined;
      }
    },
    ...overrides,
  };
}

let sarifValidator: ((log: unknown) => string[]) | undefined;

/** Validates against the OASIS SARIF 2.1.0 schema (draft-04); returns the errors, empty when valid. */
export function sarifSchemaErrors(log: Log | unknown): string[] {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/sarif/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv04Module.default({ allErrors: true, strict: false });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(schema);
    sarifValidator = (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  }
  return sarifValidator(log);
}
