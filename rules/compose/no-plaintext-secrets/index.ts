import {
  defineRule,
  get,
  isMap,
  isScalar,
  rangesOverlap,
  scalarString,
  secretDefaultTexts,
  secretTests,
  shellWords,
  Text,
  type Command,
  type KeyValue,
  type Report,
  type SecretTests,
  type Service,
} from '../../../src/engine/api.js';
import { assignedSecrets, flagSecrets, tokenShapes, urlPasswords, type Slice } from './detect.js';
import { secretMover } from './move.js';

/** A secret found in a value: where in the value, what to say about it and how to fix it. */
interface Hit extends Slice {
  says: string;
  fix: string;
  /** The whole value of an environment variable: its finding shares the project's move to Docker secrets (called when reported). */
  move?: () => Report['fix'];
}

type Place = Text['origin'];

const VARIABLE = 'a "${VARIABLE}" without a default';
const COMMAND_FIX = `use ${VARIABLE}, or read it from a file under /run/secrets`;

/** Well-known tokens and URLs with a password, in any value (a token that is a URL's password is named as the token). */
function shapes(value: string, fix: string, secrets: SecretTests): Hit[] {
  return [
    ...tokenShapes(value, secrets).map((t) => ({ start: t.start, end: t.end, says: `holds ${t.kind}`, fix })),
    ...urlPasswords(value, secrets).map((s) => ({ ...s, says: 'holds a URL with a plaintext password', fix: `write the password as ${VARIABLE}` })),
  ];
}

/**
 * Words of a command line, with `sh -c "…"` scripts and `CMD-SHELL` strings split into their own words.
 * A word the shell keeps whole although it holds spaces (`OPTS="--password x"`) is split at the spaces.
 */
function words(list: readonly Text[], depth = 0): Text[] {
  return list.flatMap((w) => {
    if (depth === 3 || !/\s/.test(w.value)) return [w];
    const split = shellWords(w);
    return words(split.length > 1 ? split : pieces(w), depth + 1);
  });
}

/** The parts of a text between spaces, without the quotes and backslashes at their ends. */
function pieces(text: Text): Text[] {
  return [...text.value.matchAll(/\S+/g)].flatMap((m) => {
    const [, lead, inner] = /^(["'\\]*)(.*?)["'\\]*$/s.exec(m[0])!;
    const start = m.index + lead!.length;
    return inner ? [text.slice(start, start + inner.length)] : [];
  });
}

/**
 * The literal defaults of secret variables in the service's values (`${DB_PASSWORD:-changeme}`):
 * those are `compose/secret-default-interpolation`'s findings, so this rule leaves them alone.
 */
function secretDefaultPlaces(service: Service, secrets: SecretTests): Place[] {
  const pairs = [...service.environment, ...service.labels, ...service.buildArgs];
  const commands = [service.command, service.entrypoint, service.healthcheck?.test].flatMap((c) => c?.words ?? []);
  return [
    ...pairs.flatMap((p) => (p.value ? secretDefaultTexts(p.value.node, p.form === 'map' ? p.name.value : undefined, secrets) : [])),
    ...commands.flatMap((w) => secretDefaultTexts(w.node, undefined, secrets)),
  ].map((t) => t.origin);
}

function overlaps(a: Place, b: Place): boolean {
  return a.file === b.file && rangesOverlap(a.range, b.range);
}

export default defineRule({
  meta: {
    id: 'compose/no-plaintext-secrets',
    description: 'No password, token or key is written in plain text in the compose file',
    severity: 'error',
    environments: { prod: 'error', dev: 'warning', test: 'warning' },
    tags: ['security', 'secrets'],
    securitySeverity: 9.0,
    fixable: 'fix',
    references: {
      cis: ['4.10'],
      kics: ['a88baa34-e2ad-44ea-ad6f-8cac87bc7c71'],
      cwe: ['CWE-798'],
    },
  },
  create: (context) => {
    /** Which names and values are secrets: the built-in reading, less the configuration's allowlists. */
    const secrets = secretTests(context.project.policy);
    /** The project's plaintext secrets that can move to Docker secrets, and their one fix. */
    const mover = secretMover(context.project);
    /** Places reported for the service being checked: a secret is reported once, by the first check that finds it. */
    let seen: Place[] = [];
    /** Reports the hits whose characters were all written in the file. */
    const report = (value: Text, hits: Hit[], subject: string) => {
      for (const hit of hits.sort((a, b) => a.start - b.start)) {
        if (!value.isLiteral(hit.start, hit.end)) continue;
        const secret = value.slice(hit.start, hit.end);
        if (seen.some((place) => overlaps(place, secret.origin))) continue;
        seen.push(secret.origin);
        const fix = hit.move?.();
        context.report({ at: secret, secret, message: `${subject} ${hit.says}; ${hit.fix}`, ...(fix ? { fix } : {}) });
      }
    };

    /** Secrets given to options (`--requirepass x`, `-Ddb.password=x`, `mysql -px`) and variables (`PGPASSWORD=x`). */
    const options = (list: readonly Text[], subject: string) => {
      const flags = flagSecrets(list.map((w) => w.value), secrets);
      for (const f of flags) {
        const says = f.flag.startsWith('-') ? `passes a plaintext secret to "${f.flag}"` : `sets "${f.flag}" to a plaintext secret`;
        report(list[f.word]!, [{ ...f, says, fix: COMMAND_FIX }], subject);
      }
    };

    /**
     * `environment`, `labels`, `build.args`: a literal on a secret-named key; in any value, options and secret shapes.
     * With `service`, a secret that is a variable's whole value, written in the file, can move to a Docker secret.
     */
    const pairs = (items: readonly KeyValue[], subject: (name: string) => string, fix: (name: string) => string, service?: Service) => {
      for (const { name, value } of items) {
        if (!value) continue;
        const movable = (hit: Hit): Hit =>
          service && hit.start === 0 && hit.end === value.value.length && value.isLiteral() ? { ...hit, move: () => mover.add(service, name.value, value) } : hit;
        if (secrets.name(name.value) && secrets.value(value.value)) {
          report(value, [movable({ start: 0, end: value.value.length, says: 'holds a plaintext secret', fix: fix(name.value) })], subject(name.value));
        }
        options(words([value]), subject(name.value));
        report(value, shapes(value.value, fix(name.value), secrets).map(movable), subject(name.value));
      }
    };

    /** `command`, `entrypoint`, `healthcheck.test`. */
    const command = (cmd: Command | undefined, subject: string) => {
      if (!cmd) return;
      const list = words(cmd.words);
      options(list, subject);
      for (const word of list) report(word, shapes(word.value, COMMAND_FIX, secrets), subject);
    };

    return {
      project(project) {
        const configs = get(project.root, 'configs');
        if (!isMap(configs)) return;
        for (const { key, value } of configs.entries) {
          const content = get(value, 'content');
          if (!isScalar(content) || content.value === null) continue;
          const text = Text.of(content);
          const fix = `keep it in a file outside the repository, or use ${VARIABLE}`;
          const named = assignedSecrets(text.value, secrets).map((a) => ({ ...a, says: `holds a plaintext secret in "${a.name}"`, fix }));
          report(text, [...named, ...shapes(text.value, fix, secrets)], `the content of config "${scalarString(key)}"`);
        }
      },
      service(service) {
        seen = secretDefaultPlaces(service, secrets);
        const of = `of service "${service.name}"`;
        pairs(
          service.environment,
          (name) => `environment variable "${name}" ${of}`,
          (name) => `use "secrets:" with ${name}_FILE, or "\${${name}}" without a default`,
          service,
        );
        pairs(service.labels, (name) => `label "${name}" ${of}`, () => 'keep secrets out of labels, anyone who can inspect the container reads them');
        pairs(service.buildArgs, (name) => `build argument "${name}" ${of}`, () => 'build arguments stay in the image history, use "build.secrets" instead');
        command(service.command, `the command ${of}`);
        command(service.entrypoint, `the entrypoint ${of}`);
        command(service.healthcheck?.test, `the healthcheck ${of}`);
      },
    };
  },
});
