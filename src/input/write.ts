import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `file` whole or not at all: the text goes to a temporary file in the same folder, which is
 * then renamed over it, so a reader never sees half a file (a report, a fixed compose file). An
 * existing file keeps its mode; a new one gets `mode` when given (a secret's 0600), else the umask
 * decides. The temporary file is removed when anything fails.
 */
export function writeAtomically(file: string, text: string | Uint8Array, newMode?: number): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let mode: number | undefined = newMode;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    // a new file: `newMode`, or the process's umask decides
  }
  try {
    writeFileSync(temp, text, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
