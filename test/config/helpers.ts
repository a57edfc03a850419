import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { ConfigError, searchConfig } from '../../src/config/load.js';
import type { RuleMeta } from '../../src/engine/meta.js';

/** A temporary project folder (a package.json marks its root) holding `files`; removed after the test file. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-config-'));
  writeFileSync(path.join(dir, 'package.json'), '{"name":"fixture-project"}\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The message of the `ConfigError` that `promise` rejects with; it is one line. */
export async function configError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

/** The error of the configuration `.escashoprc.yaml` holding `text`, loaded for `rules`. */
export async function yamlConfigError(text: string, rules: readonly RuleMeta[]): Promise<string> {
  const dir = project({ '.escashoprc.yaml': text });
  return configError(searchConfig(dir, dir, rules));
}
