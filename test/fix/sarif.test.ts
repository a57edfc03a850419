import { describe, expect, it } from 'vitest';
import { sarifFix } from '../../src/fix/sarif.js';

describe('sarifFix', () => {
  it('carries the edits per file as replacements, and no file a fix writes', () => {
    const fix = sarifFix(
      {
        description: 'drop all capabilities',
        kind: 'fix',
        edits: [
          { file: '/p/compose.yaml', range: { start: { line: 3, column: 17 }, end: { line: 3, column: 17 } }, text: '\n    cap_drop:\n      - ALL', joinable: true },
          { file: '/p/compose.yaml', range: { start: { line: 1, column: 1 }, end: { line: 2, column: 1 } }, text: '' },
          { file: '/p/nginx.conf', range: { start: { line: 2, column: 19 }, end: { line: 2, column: 21 } }, text: 'off' },
        ],
        files: [{ file: '/p/secrets/x.txt', text: 'hunter2', mode: 0o600, secret: true }],
      },
      (file) => file.slice(3),
    );
    expect(fix).toEqual({
      description: { text: 'drop all capabilities' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'compose.yaml' },
          replacements: [
            { deletedRegion: { startLine: 3, startColumn: 17, endLine: 3, endColumn: 17 }, insertedContent: { text: '\n    cap_drop:\n      - ALL' } },
            { deletedRegion: { startLine: 1, startColumn: 1, endLine: 2, endColumn: 1 } },
          ],
        },
        { artifactLocation: { uri: 'nginx.conf' }, replacements: [{ deletedRegion: { startLine: 2, startColumn: 19, endLine: 2, endColumn: 21 }, insertedContent: { text: 'off' } }] },
      ],
    });
    expect(JSON.stringify(fix)).not.toContain('hunter2');
  });
});
