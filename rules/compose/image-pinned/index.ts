import { defineRule, type ComposeProject, type Text } from '../../../src/engine/api.js';

/** The tag part of an image text (`nginx:1.27` → `1.27`), still mapped to its place in the file. */
function tagOf(image: Text): Text | undefined {
  const end = image.value.trimEnd().length;
  const colon = image.value.lastIndexOf(':', end - 1);
  return colon > image.value.lastIndexOf('/') ? image.slice(colon + 1, end) : undefined;
}

/**
 * True when the text is exactly a `${VAR}` that is unset or required: compose/unset-variable or
 * compose/undefined-variable already reports it there, and an empty tag is only its consequence.
 */
function reportedVariable(project: ComposeProject, text: Text): boolean {
  const { file, range } = text.origin;
  return project.problems.some(
    (p) =>
      (p.kind === 'unset' || p.kind === 'required') &&
      p.origin.file === file &&
      p.origin.range.start.line === range.start.line &&
      p.origin.range.start.column === range.start.column &&
      p.origin.range.end.column === range.end.column,
  );
}

export default defineRule({
  meta: {
    id: 'compose/image-pinned',
    description: 'Every image names an explicit tag other than latest, or a digest',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'info', test: 'info' },
    tags: ['security', 'reliability'],
    securitySeverity: 4.0,
    references: {
      cis: ['5.28'],
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          floatingTags: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Tags that move to a new image with each release, reported like "latest" (e.g. "stable", "edge", "main"); replaces the default list.',
          },
        },
      },
      defaults: { floatingTags: ['latest'] },
    },
  },
  create: (context) => ({
    service(service) {
      const floating = context.options.floatingTags as readonly string[];
      const image = service.image;
      const reference = service.imageReference;
      if (!image || !reference || image.value.trim() === '' || reference.digest !== undefined) return;
      const name = `service "${service.name}"`;
      const tag = tagOf(image);
      if (!tag) {
        context.report({ at: image, message: `image "${image.value.trim()}" of ${name} has no tag, so Compose pulls whatever "latest" is at the time` });
      } else if (tag.value === '') {
        if (reportedVariable(context.project, tag)) return;
        const from = tag.variables.map((v) => `\${${v}}`).join(', ');
        // An empty default (`${TAG:-}`) leaves no character to point at: the whole image value then.
        context.report({ at: from ? tag : image.node, message: `the image tag of ${name} is empty${from ? ` (${from} gives "")` : ''}; Compose refuses "${image.value.trim()}" as an invalid reference` });
      } else if (floating.includes(tag.value)) {
        context.report({ at: tag, message: `image "${image.value.trim()}" of ${name} uses the "${tag.value}" tag, which moves with every release` });
      }
    },
  }),
});
