import { expect } from 'vitest';
import type { ComposeProject } from '../../src/model/project.js';
import { Text } from '../../src/model/text.js';
import type { Origin } from '../../src/parse/position.js';
import type { YNode } from '../../src/parse/tree.js';

/** An origin as `file:line:col-line:col`, for exact assertions. */
export const at = (o: Origin) => `${o.file}:${o.range.start.line}:${o.range.start.column}-${o.range.end.line}:${o.range.end.column}`;

/** A service's value and where it was written: `value file:line:col-line:col` (collections: their kind). */
export function valueAt(project: ComposeProject, service: string, key: string | (string | number)[]): string {
  const node: YNode | undefined = project.service(service)?.get(key);
  expect(node, `${service} ${String(key)}`).toBeDefined();
  if (node!.kind !== 'scalar') return `${node!.kind} ${at(node!.origin)}`;
  const text = Text.of(node!);
  return `${text.value} ${at(text.origin)}`;
}
