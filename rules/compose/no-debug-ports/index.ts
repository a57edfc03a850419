import { commandWords, defineRule, invocationsOf, shellWords, type Service, type Text } from '../../../src/engine/api.js';

/** Container ports that only a debugger listens on, with the debugger. 9000 is left out: it is php-fpm's port too. */
const DEBUG_PORTS: ReadonlyMap<number, string> = new Map([
  [9229, 'the Node.js inspector'],
  [9230, 'the Node.js inspector'],
  [5005, 'JDWP, the Java debugger'],
  [5678, 'debugpy, the Python debugger'],
  [2345, 'Delve, the Go debugger'],
  [9003, 'Xdebug'],
]);

/** Images whose own server listens on one of those ports (the repository name, as `parseImage` names its last part). */
const SERVES_ON: ReadonlyMap<string, readonly number[]> = new Map([['n8n', [5678]]]);

/** Programs that are debuggers themselves. */
const DEBUGGERS: ReadonlyMap<string, string> = new Map([
  ['debugpy', 'debugpy, the Python debugger'],
  ['dlv', 'Delve, the Go debugger'],
]);

/** A word that switches a debugger on, alone or as the value of `NAME=`: `--inspect[-brk|-wait][=addr]`, the JDWP agent. */
const DEBUG_FLAG = /^(?:[A-Za-z_][A-Za-z0-9_]*=)?(--inspect(?:-brk|-wait)?(?:=.*)?|-agentlib:jdwp=.*|-Xrunjdwp:.*)$/;

/** The debugger ports of a run: the built-in ones less `ignorePorts`, with the team's `extraPorts`. */
function debugPorts(options: Readonly<Record<string, unknown>>): ReadonlyMap<number, string> {
  const ignored = options.ignorePorts as readonly number[];
  const extra = options.extraPorts as readonly number[];
  if (ignored.length === 0 && extra.length === 0) return DEBUG_PORTS;
  const ports = new Map([...DEBUG_PORTS].filter(([port]) => !ignored.includes(port)));
  for (const port of extra) if (!ports.has(port)) ports.set(port, 'a debugger (the configuration\'s extraPorts)');
  return ports;
}

/** The debugger a container port or range (`9229`, `9229-9230`) is for, when every port of it is a debugger's. */
function debuggerOn(port: Text, service: Service, ports: ReadonlyMap<number, string>): string | undefined {
  const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(port.value);
  if (!m || !port.isLiteral()) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (to < from || to - from > 2) return undefined;
  const path = service.imageReference?.path ?? '';
  const own = SERVES_ON.get(path.slice(path.lastIndexOf('/') + 1)) ?? [];
  for (let p = from; p <= to; p++) if (!ports.has(p) || own.includes(p)) return undefined;
  return ports.get(from);
}

/** The part of a word that switches a debugger on, if it does. */
function debugFlagIn(word: Text): Text | undefined {
  const m = DEBUG_FLAG.exec(word.value);
  return m && word.isLiteral() ? word.slice(word.value.length - m[1]!.length) : undefined;
}

function describe(flag: Text): string {
  return flag.value.startsWith('--inspect') ? `the Node.js inspector ("${flag.value}")` : `the JDWP debugger agent ("${flag.value.split('=')[0]}")`;
}

export default defineRule({
  meta: {
    id: 'compose/no-debug-ports',
    description: 'No debugger port in ports or expose, and no debugger switched on in command, entrypoint or environment',
    severity: 'error',
    environments: { prod: 'error', dev: 'warning', test: 'warning' },
    tags: ['security'],
    securitySeverity: 8.0,
    references: {
      cwe: ['CWE-489', 'CWE-94'],
      urls: ['https://nodejs.org/en/learn/getting-started/debugging#security-implications'],
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          extraPorts: {
            type: 'array',
            items: { type: 'integer', minimum: 1, maximum: 65535 },
            uniqueItems: true,
            description: 'More container ports that only a debugger of the team listens on, reported like the built-in ones.',
          },
          ignorePorts: {
            type: 'array',
            items: { type: 'integer', minimum: 1, maximum: 65535 },
            uniqueItems: true,
            description: 'Built-in debugger ports that an application of the team serves on instead (e.g. 5005), not reported.',
          },
        },
      },
      defaults: { extraPorts: [], ignorePorts: [] },
    },
  },
  create: (context) => {
    const ports = debugPorts(context.options);
    const report = (service: Service, at: Text, what: string) =>
      context.report({ at, message: `service "${service.name}" ${what}; whoever reaches a debugger can run any code in the container` });
    return {
      service(service) {
        for (const port of service.ports) {
          const debuggerName = port.target && port.protocol === 'tcp' ? debuggerOn(port.target, service, ports) : undefined;
          if (debuggerName) report(service, port.target!, `publishes container port ${port.target!.value.trim()} of ${debuggerName} in "ports"`);
        }
        for (const item of service.list('expose')) {
          const slash = item.value.indexOf('/');
          const port = slash === -1 ? item : item.slice(0, slash);
          const debuggerName = slash === -1 || item.value.slice(slash + 1).trim().toLowerCase() === 'tcp' ? debuggerOn(port, service, ports) : undefined;
          if (debuggerName) report(service, port, `exposes port ${port.value.trim()} of ${debuggerName} in "expose"`);
        }
        for (const key of ['command', 'entrypoint'] as const) {
          const command = key === 'command' ? service.command : service.entrypoint;
          for (const word of commandWords(command)) {
            const flag = debugFlagIn(word);
            if (flag) report(service, flag, `starts ${describe(flag)} in "${key}"`);
          }
          for (const run of invocationsOf(command)) {
            const debuggerName = DEBUGGERS.get(run.name);
            if (debuggerName && run.program.isLiteral()) report(service, run.program, `runs ${debuggerName} in "${key}"`);
          }
        }
        for (const { name, value } of service.environment) {
          for (const word of value ? shellWords(value) : []) {
            const flag = debugFlagIn(word);
            if (flag) report(service, flag, `starts ${describe(flag)} through "environment" ${name.value}`);
          }
        }
      },
    };
  },
});
