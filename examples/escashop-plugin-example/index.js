// escashop-plugin-example: two rules of a (made-up) team, written against the same API as
// escashop-lint's built-in rules. Each rule's documentation is rules/<id>/README.md in this package.
import { defineRule } from 'escashop-lint';
import { blockLabel, effectiveDirective, locationOf, nginxRunOf, nginxSize, nginxTargets, PASS_DIRECTIVES } from 'escashop-lint/rule-api';

/** The version a service's image runs: its digest, else its tag, else `latest` as Docker reads a bare name. */
function versionOf(reference) {
  return reference.digest ?? reference.tag ?? 'latest';
}

/** Where the version is written in the image text: the tag (or digest) itself, else the whole image. */
function versionText(image, reference) {
  const written = reference.digest ? `@${reference.digest}` : reference.tag ? `:${reference.tag}` : undefined;
  const at = written === undefined ? -1 : image.value.lastIndexOf(written);
  return at === -1 ? image : image.slice(at + 1, at + written.length);
}

/**
 * Services built from one repository (an API and its worker, `shop/backend`) are released together:
 * one of them on another version is a half-done deploy. It reasons across services, which a
 * declarative policy, checking one service at a time, cannot.
 */
export const oneBackendVersion = defineRule({
  meta: {
    id: 'example/one-backend-version',
    description: 'Services that run the same image repository run the same version of it',
    severity: 'error',
    environments: { dev: 'warning', test: 'off' },
    tags: ['reliability'],
  },
  create: (context) => ({
    project(project) {
      const first = new Map();
      for (const service of project.services) {
        const image = service.image;
        const reference = service.imageReference;
        if (!image || !reference) continue;
        const earlier = first.get(reference.name);
        if (!earlier) {
          first.set(reference.name, { service, image, reference });
          continue;
        }
        if (versionOf(earlier.reference) === versionOf(reference)) continue;
        const there = versionText(earlier.image, earlier.reference).origin;
        context.report({
          at: versionText(image, reference),
          message: `service "${service.name}" runs ${reference.name} ${versionOf(reference)}, but service "${earlier.service.name}" runs ${versionOf(earlier.reference)}: services of one repository are released together`,
          related: [{ message: `service "${earlier.service.name}" runs ${versionOf(earlier.reference)} here`, file: there.file, range: there.range }],
        });
      }
    },
  }),
});

/**
 * Every nginx location that passes requests to a service of the project sets client_max_body_size
 * (there or in a block around it), at most the team's limit: the backend was sized for that much.
 */
export const uploadLimit = defineRule({
  meta: {
    id: 'example/upload-limit',
    description: 'An nginx location that passes requests to a compose service sets client_max_body_size, at most the team limit',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['reliability', 'security'],
    securitySeverity: 3.1,
    options: {
      schema: {
        type: 'object',
        properties: { max: { type: 'string', pattern: '^[0-9]+[kKmMgG]?$', description: 'The largest request body a service takes, in nginx size units' } },
        additionalProperties: false,
      },
      defaults: { max: '10m' },
    },
  },
  create: (context) => {
    const max = String(context.options.max);
    const limit = nginxSize(max);
    return {
      serviceConfigs(configs) {
        const run = nginxRunOf(configs);
        // Nothing can be changed in the image's own nginx.conf; a file linted on its own names no service.
        if (!run || run.imageMain) return;
        const reported = new Set();
        for (const target of nginxTargets(run.config)) {
          const pass = target.directive;
          const location = locationOf(pass);
          const backend = context.project.service(target.host);
          if (!PASS_DIRECTIVES.has(pass.name.value) || !location || !backend) continue;
          const set = effectiveDirective(run.config, pass.parent, 'client_max_body_size');
          const size = set?.args[0];
          if (!size) {
            context.report({
              at: pass.name,
              message: `${blockLabel(location)} passes requests to service "${backend.name}" under nginx's default client_max_body_size (1m): set the largest body it takes, at most ${max}`,
            });
            continue;
          }
          const bytes = nginxSize(size.value);
          if (bytes === undefined || (bytes !== 0 && bytes <= limit) || reported.has(size)) continue;
          reported.add(size);
          context.report({
            at: size,
            message: `"client_max_body_size ${size.value}" lets clients send service "${backend.name}" bodies ${bytes === 0 ? 'of any size' : `up to ${size.value}`}, above the team limit of ${max}`,
          });
        }
      },
    };
  },
});

export const rules = [oneBackendVersion, uploadLimit];
