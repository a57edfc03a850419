import { defineRule, definedNames, referencesOf, type ReferencedSection } from '../../../src/engine/api.js';

/** What one entry of each section is called in a message. */
const SINGULAR: Readonly<Record<ReferencedSection, string>> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
};

/** Compose gives every project a network called `default` without it being declared. */
const IMPLICIT: Readonly<Partial<Record<ReferencedSection, readonly string[]>>> = { networks: ['default'] };

export default defineRule({
  meta: {
    id: 'compose/undefined-references',
    description: 'Every network, named volume, secret, config and service a service refers to is defined in the project',
    severity: 'error',
    tags: ['reliability'],
    references: { urls: ['https://docs.docker.com/reference/compose-file/services/#networks', 'https://docs.docker.com/reference/compose-file/services/#depends_on'] },
    reportsAbsence: true,
  },
  create: (context) => {
    const defined = new Map<ReferencedSection, Set<string>>();
    const isDefined = (section: ReferencedSection, name: string) => {
      if (IMPLICIT[section]?.includes(name)) return true;
      let names = defined.get(section);
      if (!names) defined.set(section, (names = definedNames(context.project.root, section)));
      return names.has(name);
    };
    return {
      service(service) {
        for (const reference of referencesOf(service)) {
          if (isDefined(reference.section, reference.name.value)) continue;
          const what = SINGULAR[reference.section];
          const where = reference.section === 'services' ? 'is not a service of the project' : `is not defined under the top-level "${reference.section}"`;
          context.report({
            at: reference.name,
            message: `${reference.key} of service "${service.name}" refers to ${what} "${reference.name.value}", which ${where}; Compose refuses the project`,
          });
        }
      },
    };
  },
});
