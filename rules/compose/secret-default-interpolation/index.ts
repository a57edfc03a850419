import { defineRule, describePlace, rawText, scalarString, secretDefaults, secretTests, type Place, type YNode, type YScalar } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/secret-default-interpolation',
    description: 'No secret variable falls back to a literal default written in the compose file (${DB_PASSWORD:-changeme})',
    severity: 'error',
    environments: { prod: 'error', dev: 'warning', test: 'warning' },
    tags: ['security', 'secrets'],
    securitySeverity: 7.5,
    references: {
      cwe: ['CWE-798', 'CWE-1188'],
      urls: ['https://docs.docker.com/reference/compose-file/interpolation/'],
    },
  },
  create: (context) => {
    const seen = new Set<string>();
    const secrets = secretTests(context.project.policy);

    const scalar = (node: YScalar, path: readonly string[], key: string | undefined) => {
      const raw = rawText(node);
      if (!raw.value.includes('${')) return;
      const place: Place = path[0] === 'services' && path.length >= 3 ? { service: path[1]!, key: path.slice(2).join('.') } : { key: path.join('.') };
      for (const { expression, secretBy } of secretDefaults(raw.value, key, secrets)) {
        const secret = raw.slice(expression.wordStart, expression.wordEnd);
        const { file, range } = secret.origin;
        const id = `${file}\0${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const name = expression.name;
        const whose = secretBy === name ? `secret variable "${name}"` : `"${name}", which sets secret "${secretBy}",`;
        context.report({
          at: secret,
          secret,
          message:
            `${whose} falls back to a literal default in ${describePlace(place)}: wherever ${name} is unset, that committed value is the secret; ` +
            `require it with "\${${name}:?${name} is required}" or leave the default out`,
        });
      }
    };

    /** Every value of the tree (keys are never interpolated), with its place and the key it is written under. */
    const walk = (node: YNode, path: readonly string[], key: string | undefined) => {
      if (node.kind === 'scalar') {
        scalar(node, path, key);
      } else if (node.kind === 'seq') {
        for (const item of node.items) walk(item, path, undefined);
      } else {
        for (const entry of node.entries) {
          const name = scalarString(entry.key) ?? String(entry.key.value);
          walk(entry.value, [...path, name], name);
        }
      }
    };

    return {
      project(project) {
        walk(project.root, [], undefined);
      },
    };
  },
});
