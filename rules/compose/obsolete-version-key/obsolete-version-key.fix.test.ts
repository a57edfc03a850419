import { describe, expect, it } from 'vitest';
import { fixFile, fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const rest = 'services:\n  backend:\n    image: escashop/backend:1.0.0\n';

describe('compose/obsolete-version-key: --fix', () => {
  it('removes the line, keeping the comment above it and the blank line below', async () => {
    expect(await fixFile(rule, { 'compose.yaml': `# EscaShop\nversion: "3.8" # compose v3\n\n${rest}` })).toBe(`# EscaShop\n\n${rest}`);
  });

  it('removes it in the middle of the file, with CRLF line endings', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    expect(await fixFile(rule, { 'compose.yaml': crlf(`name: escashop\nversion: '3'\n${rest}`) })).toBe(crlf(`name: escashop\n${rest}`));
  });

  it('removes it from a flow mapping', async () => {
    expect(await fixFile(rule, { 'compose.yaml': '{version: "3", services: {backend: {image: "escashop/backend:1.0.0"}}}\n' })).toBe('{services: {backend: {image: "escashop/backend:1.0.0"}}}\n');
  });

  it('removes it from the base file and from the override file', async () => {
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': `version: "3.8"\n${rest}`, 'compose.override.yaml': 'version: "3.8"\nservices:\n  backend:\n    environment:\n      LOG_LEVEL: debug\n' });
    expect(texts).toEqual({ 'compose.yaml': rest, 'compose.override.yaml': 'services:\n  backend:\n    environment:\n      LOG_LEVEL: debug\n' });
    expect(fixes).toEqual(['fix: remove the obsolete top-level "version"', 'fix: remove the obsolete top-level "version"']);
  });
});
