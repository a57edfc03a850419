import { defineRule, isScalar, type YScalar } from '../../../src/engine/api.js';

/** YAML 1.1's base-60 integer: digits, then `:` groups of 0 to 59 (`22:22`, `1:05`). YAML 1.2 dropped it. */
const SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/;

/** The number a YAML 1.1 parser makes of a base-60 integer: `22:22` is 22 × 60 + 22. */
function base60(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const value = text
    .replace(/^[-+]/, '')
    .replaceAll('_', '')
    .split(':')
    .reduce((sum, group) => sum * 60 + Number(group), 0);
  return sign * value;
}

/** The item as the file writes it, when it is plain (unquoted) text: what a YAML 1.1 parser would resolve. */
function plainText(node: YScalar): string | undefined {
  if (node.style !== 'plain') return undefined;
  return node.interpolation?.raw ?? (typeof node.value === 'string' ? node.value : undefined);
}

export default defineRule({
  meta: {
    id: 'compose/quote-port-mappings',
    description: 'A port mapping that YAML 1.1 reads as a base-60 number (22:22) is quoted',
    severity: 'warning',
    tags: ['correctness', 'portability'],
    references: {
      urls: ['https://yaml.org/type/int.html', 'https://docs.docker.com/reference/compose-file/services/#ports'],
    },
  },
  create: (context) => ({
    service(service) {
      const ports = service.get('ports');
      if (ports?.kind !== 'seq') return;
      for (const item of ports.items) {
        if (!isScalar(item)) continue;
        const text = plainText(item)?.trim();
        if (text === undefined || !SEXAGESIMAL.test(text)) continue;
        context.report({
          at: item,
          message: `service "${service.name}" maps ports with ${text} unquoted: Compose v2 reads the text "${text}", but YAML 1.1 parsers (docker-compose v1, PyYAML tools) read the base-60 number ${base60(text)}, a container port on a random host port; write "${text}"`,
        });
      }
    },
  }),
});
