import type { Origin } from '../parse/position.js';
import { get, getPath, isMap, isScalar, isSeq, keyText, type YMap, type YNode, type YScalar } from '../parse/tree.js';
import { parseCommand, type Command } from './command.js';
import { parseImage, type ImageReference } from './image.js';
import { keyValues, type KeyValue } from './keyvalues.js';
import { parsePort, type Port } from './ports.js';
import { trueScalar } from './boolean.js';
import { parseSecurityOpt, type SecurityOpt } from './security-opt.js';
import { Text } from './text.js';
import { ulimitsOf, type Ulimit } from './ulimits.js';
import { parseVolume, type Volume } from './volumes.js';

/** What a service's healthcheck says, with the nodes that say it. */
export interface Healthcheck {
  readonly node: YMap;
  readonly test?: Command;
  /** The node that switches the healthcheck off: `disable: true` or the `NONE` in `test`. */
  readonly disabledBy?: YNode;
}

/** One `post_start` or `pre_stop` lifecycle hook: a command Compose runs in the container. */
export interface Hook {
  readonly event: 'post_start' | 'pre_stop';
  readonly node: YMap;
  /** Set when the hook runs privileged: the `privileged` value that says so. */
  readonly privileged?: YScalar;
}

export interface ResourceLimits {
  /** `deploy.resources.limits.memory` or `mem_limit`. */
  readonly memory?: Text;
  /** `deploy.resources.limits.cpus` or `cpus`. */
  readonly cpus?: Text;
  /** `cpu_quota`: CPU time per scheduler period, in microseconds; a CPU limit too. */
  readonly cpuQuota?: Text;
  /** `deploy.resources.limits.pids` or `pids_limit`: how many processes and threads the container may have. */
  readonly pids?: Text;
  /** The key each limit above was read from, as compose spells it: `mem_limit`, `deploy.resources.limits.cpus`. */
  readonly keys: { readonly memory?: string; readonly cpus?: string; readonly cpuQuota?: string; readonly pids?: string };
}

/** Where each resource limit can be written; when two places are set, the first one is read. */
const LIMIT_KEYS: Readonly<Record<'memory' | 'cpus' | 'cpuQuota' | 'pids', readonly (readonly string[])[]>> = {
  memory: [['deploy', 'resources', 'limits', 'memory'], ['mem_limit']],
  cpus: [['deploy', 'resources', 'limits', 'cpus'], ['cpus']],
  cpuQuota: [['cpu_quota']],
  pids: [['deploy', 'resources', 'limits', 'pids'], ['pids_limit']],
};

/**
 * A service of the effective model. Typed views are computed on first use and kept, so a rule pays
 * only for what it reads; `get()` reaches any other key.
 */
export class Service {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly name: string,
    /** The service's name key: where findings about something missing point. */
    readonly key: YScalar,
    readonly node: YMap,
  ) {}

  get origin(): Origin {
    return this.key.origin;
  }

  /** The value of a key of the service, or of a path of keys (`['deploy', 'resources']`). */
  get(key: string | readonly (string | number)[]): YNode | undefined {
    return typeof key === 'string' ? get(this.node, key) : getPath(this.node, key);
  }

  /** The key node of one of the service's keys: where a finding about that key as a whole points. */
  keyOf(key: string): YScalar | undefined {
    return this.node.index.get(key)?.key;
  }

  /** A scalar key's value as text, if set and not null. */
  text(key: string | readonly (string | number)[]): Text | undefined {
    const node = this.get(key);
    return isScalar(node) && node.value !== null ? Text.of(node) : undefined;
  }

  /** Items of a list key (`cap_drop`, `expose`, …) that are scalars, as texts. */
  list(key: string | readonly (string | number)[]): Text[] {
    const node = this.get(key);
    if (isScalar(node) && node.value !== null) return [Text.of(node)];
    return isSeq(node) ? node.items.filter(isScalar).filter((n) => n.value !== null).map((n) => Text.of(n)) : [];
  }

  private memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  get image(): Text | undefined {
    return this.memo('image', () => this.text('image'));
  }

  /** `image:` taken apart into registry, path, tag and digest. */
  get imageReference(): ImageReference | undefined {
    return this.memo('imageReference', () => (this.image ? parseImage(this.image.value) : undefined));
  }

  get user(): Text | undefined {
    return this.memo('user', () => this.text('user'));
  }

  get ports(): readonly Port[] {
    return this.memo('ports', () => {
      const node = this.get('ports');
      return isSeq(node) ? node.items.map(parsePort).filter((p): p is Port => p !== undefined) : [];
    });
  }

  /** `volumes:`, short and long syntax, each item normalized (binds, named and anonymous volumes, tmpfs). */
  get volumes(): readonly Volume[] {
    return this.memo('volumes', () => {
      const node = this.get('volumes');
      return isSeq(node) ? node.items.map(parseVolume).filter((v): v is Volume => v !== undefined) : [];
    });
  }

  get environment(): readonly KeyValue[] {
    return this.memo('environment', () => keyValues(this.get('environment')));
  }

  /** The `environment` entry of a variable; when it is written twice, the last one, which Compose keeps. */
  environmentVariable(name: string): KeyValue | undefined {
    return this.environment.filter((e) => e.name.value === name).at(-1);
  }

  get labels(): readonly KeyValue[] {
    return this.memo('labels', () => keyValues(this.get('labels')));
  }

  get buildArgs(): readonly KeyValue[] {
    return this.memo('buildArgs', () => keyValues(this.get(['build', 'args'])));
  }

  get command(): Command | undefined {
    return this.memo('command', () => parseCommand(this.get('command')));
  }

  get entrypoint(): Command | undefined {
    return this.memo('entrypoint', () => parseCommand(this.get('entrypoint')));
  }

  get capDrop(): readonly Text[] {
    return this.memo('capDrop', () => this.list('cap_drop'));
  }

  get capAdd(): readonly Text[] {
    return this.memo('capAdd', () => this.list('cap_add'));
  }

  /** Set when the container runs privileged: the `privileged` value that says so (`true`, `"true"`, `${PRIV:-true}`…). */
  get privileged(): YScalar | undefined {
    return this.memo('privileged', () => {
      return trueScalar(this.get('privileged'));
    });
  }

  /** `ulimits`, each entry with its soft and hard value. */
  get ulimits(): readonly Ulimit[] {
    return this.memo('ulimits', () => ulimitsOf(this.get('ulimits')));
  }

  /** Set when the kernel's OOM killer is switched off for the container: the `oom_kill_disable` value that says so. */
  get oomKillDisable(): YScalar | undefined {
    return this.memo('oomKillDisable', () => {
      return trueScalar(this.get('oom_kill_disable'));
    });
  }

  /** `security_opt` items, each taken apart into option name and value. */
  get securityOpt(): readonly SecurityOpt[] {
    return this.memo('securityOpt', () => this.list('security_opt').map(parseSecurityOpt));
  }

  /** The `post_start` and `pre_stop` hooks, in that order. */
  get hooks(): readonly Hook[] {
    return this.memo('hooks', () =>
      (['post_start', 'pre_stop'] as const).flatMap((event) => {
        const list = this.get(event);
        return isSeq(list)
          ? list.items.filter(isMap).map((node) => {
              const privileged = trueScalar(get(node, 'privileged'));
              return { event, node, ...(privileged ? { privileged } : {}) };
            })
          : [];
      }),
    );
  }

  get profiles(): readonly string[] {
    return this.memo('profiles', () => this.list('profiles').map((t) => t.value));
  }

  get healthcheck(): Healthcheck | undefined {
    return this.memo('healthcheck', () => {
      const node = this.get('healthcheck');
      if (!isMap(node)) return undefined;
      const test = parseCommand(get(node, 'test'));
      const disable = get(node, 'disable');
      const disabledByFlag = isScalar(disable) && (disable.value === true || String(disable.value).toLowerCase() === 'true') ? disable : undefined;
      const first = test?.words[0];
      const disabledByTest = test?.form === 'exec' && first?.value === 'NONE' ? first.node : test?.form === 'shell' && test.words.length === 1 && first?.value === 'NONE' ? first.node : undefined;
      const disabledBy = disabledByFlag ?? disabledByTest;
      return { node, ...(test ? { test } : {}), ...(disabledBy ? { disabledBy } : {}) };
    });
  }

  get limits(): ResourceLimits {
    return this.memo('limits', () => {
      const values: Partial<Record<keyof typeof LIMIT_KEYS, Text>> = {};
      const keys: Partial<Record<keyof typeof LIMIT_KEYS, string>> = {};
      for (const limit of ['memory', 'cpus', 'cpuQuota', 'pids'] as const) {
        for (const path of LIMIT_KEYS[limit]) {
          const value = this.text(path);
          if (!value) continue;
          values[limit] = value;
          keys[limit] = path.join('.');
          break;
        }
      }
      return { ...values, keys };
    });
  }
}

export function servicesOf(root: YNode | undefined): Service[] {
  const services = get(root, 'services');
  if (!isMap(services)) return [];
  return services.entries.filter((e) => isMap(e.value)).map((e) => new Service(keyText(e.key), e.key, e.value as YMap));
}
