import {
  fileVariable,
  get,
  isMap,
  isSecretFile,
  moveToSecrets,
  type ComposeProject,
  type Fix,
  type FixSources,
  type Report,
  type SecretMove,
  type Service,
  type Text,
} from '../../../src/engine/api.js';

/**
 * The rule's fix: every plaintext secret of a project that is the whole value of an `environment`
 * variable, written in a compose file, moves to a Docker secret, in one fix shared by all their
 * findings (each secret defined once, each service's `secrets:` appended once). See the README's
 * "How to fix".
 */

/** A variable whose whole value is a plaintext secret written in the file. */
interface Candidate {
  readonly service: Service;
  readonly variable: string;
  readonly value: Text;
}

type Proposal = ReturnType<NonNullable<Report['fix']>>;

interface Built {
  readonly sources: FixSources;
  /** The project's fix, when any candidate can move. */
  readonly fix?: Fix;
  /** Why a candidate does not move. */
  readonly refused: Map<Candidate, string>;
}

/**
 * Collects a project's candidates while the rule visits it; `add()` gives the finding's `fix`
 * callback, which builds the project's fix once (the first time any finding asks) and returns that
 * same object to each finding it moves.
 */
export function secretMover(project: ComposeProject) {
  const candidates: Candidate[] = [];
  let built: Built | undefined;
  return {
    add(service: Service, variable: string, value: Text): NonNullable<Report['fix']> {
      const candidate = { service, variable, value };
      candidates.push(candidate);
      return (sources): Proposal => {
        if (built?.sources !== sources) built = build(project, candidates, sources);
        const refused = built.refused.get(candidate);
        return refused !== undefined ? { refused } : built.fix;
      };
    },
  };
}

/** `<service>_<variable>`, lower-cased, the service's name once (`postgres` + `POSTGRES_PASSWORD` → `postgres_password`). */
export function secretName(service: string, variable: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '_');
  const [s, v] = [clean(service), clean(variable)];
  return v === s || v.startsWith(`${s}_`) ? v : `${s}_${v}`;
}

/** A move and whether the image is known to read its `*_FILE` variable. */
interface Planned {
  readonly candidate: Candidate;
  readonly move: SecretMove;
  readonly read: boolean;
}

function build(project: ComposeProject, all: readonly Candidate[], sources: FixSources): Built {
  const refused = new Map<Candidate, string>();
  // A variable written twice in a list: Compose keeps the last, and so does the move.
  const candidates = all.filter((c, i) => !all.slice(i + 1).some((d) => d.service === c.service && d.variable === c.variable));
  for (const c of all) if (!candidates.includes(c)) refused.set(c, `${c.variable} is set again later in the service`);

  const readers = variablesByPlace(project);
  const names = namer(project);
  const planned: Planned[] = [];
  /** The `*_FILE` name each edited value gets: an anchored environment shared by services is renamed once. */
  const renamed = new Map<string, string>();
  for (const candidate of candidates) {
    const { service, variable, value } = candidate;
    // A service that builds its image runs the project's own code, whatever `image:` names.
    const known = service.get('build') === undefined ? fileVariable(service.imageReference, variable) : undefined;
    const move: SecretMove = { service: service.node, variable, fileVariable: known ?? `${variable}_FILE`, name: names(candidate) };
    const place = placeOf(value);
    const others = [...(readers.get(place) ?? [])].filter((name) => name !== variable);
    if (others.length > 0) {
      refused.set(candidate, `the value of ${variable} is anchored and also read as ${others.join(', ')}, which would read the secret's path`);
      continue;
    }
    const alone = moveToSecrets(project.root, [move], project.directory, sources);
    if ('refused' in alone) refused.set(candidate, alone.refused);
    else if ((renamed.get(place) ?? move.fileVariable) !== move.fileVariable) refused.set(candidate, `${variable} is shared with a service whose image reads another variable`);
    else {
      renamed.set(place, move.fileVariable);
      planned.push({ candidate, move, read: known !== undefined });
    }
  }
  if (planned.length === 0) return { sources, refused };
  const result = moveToSecrets(project.root, planned.map((p) => p.move), project.directory, sources);
  if ('refused' in result) {
    for (const p of planned) refused.set(p.candidate, result.refused);
    return { sources, refused };
  }
  const fix: Fix = { ...result, description: describe(planned), kind: planned.every((p) => p.read) ? 'fix' : 'suggestion' };
  return { sources, fix, refused };
}

/** Where a value is written: the anchored text for a value pulled in through an alias. */
function placeOf(value: Text): string {
  return `${value.origin.file}:${value.origin.range.start.line}:${value.origin.range.start.column}`;
}

/** Every variable name each written value is read as, in any service: an anchored value may be read under several names. */
function variablesByPlace(project: ComposeProject): Map<string, Set<string>> {
  const readers = new Map<string, Set<string>>();
  for (const service of project.services) {
    for (const { name, value } of service.environment) {
      if (!value) continue;
      const place = placeOf(value);
      readers.set(place, (readers.get(place) ?? new Set()).add(name.value));
    }
  }
  return readers;
}

/**
 * Names each candidate's secret: one value, one secret (services that share a password share its
 * file); otherwise `secretName()`, made unique among this fix's secrets and the project's top-level
 * secrets defined otherwise than by `./secrets/<name>.txt` (one defined so is used as it is).
 */
function namer(project: ComposeProject): (candidate: Candidate) => string {
  const defined = get(project.root, 'secrets');
  const takenElsewhere = (name: string) => {
    const entry = isMap(defined) ? defined.index.get(name) : undefined;
    return entry !== undefined && !isSecretFile(entry.value, name);
  };
  const byValue = new Map<string, string>();
  const used = new Set<string>();
  return ({ service, variable, value }) => {
    const known = byValue.get(value.value);
    if (known !== undefined) return known;
    const base = secretName(service.name, variable);
    let name = base;
    for (let n = 2; used.has(name) || takenElsewhere(name); n++) name = `${base}_${n}`;
    used.add(name);
    byValue.set(value.value, name);
    return name;
  };
}

/** What the fix does, in words: variables and secret names, never a value. */
function describe(planned: readonly Planned[]): string {
  const moves = planned.map(({ candidate, move }) => `${candidate.variable} of service "${candidate.service.name}" to the secret "${move.name}" (${move.fileVariable})`);
  const text = `move ${moves.join(', ')}; each value goes to ./secrets/<secret>.txt (mode 0600, ignored by git)`;
  const unread = new Map<string, string[]>();
  for (const { candidate, move, read } of planned) if (!read) unread.set(candidate.service.name, [...(unread.get(candidate.service.name) ?? []), move.fileVariable]);
  if (unread.size === 0) return text;
  const apps = [...unread].map(([service, variables]) => `the image of service "${service}" is not known to read ${variables.join(', ')}`);
  return `${text}. Review first: ${apps.join('; ')}; the app must read the file each names`;
}
