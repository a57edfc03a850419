import { allServersKnown, catchAllServer, defineRule, enclosing, nginxRunOf, originRelated, passedThrough, PASS_DIRECTIVES, urlParts, variableDefinitions, variableOrigins, walkNginx, type NginxConfig, type NginxDirective, type NginxVariable, type NginxWord, type RequestOrigin } from '../../../src/engine/api.js';

interface AddressTaint {
  readonly part: 'scheme' | 'host';
  readonly origin: RequestOrigin;
}

/**
 * What a client controls in an address: the request-controlled variables of its scheme and host.
 * A variable of the host that a `set` or `map` defines is followed into each of its values, read as
 * an address in turn (so `set $target http://app$request_uri` gives a fixed host).
 */
function addressTaints(config: NginxConfig, at: NginxDirective, word: NginxWord, seen: ReadonlySet<string>): (AddressTaint & { variable: NginxVariable })[] {
  const { scheme, host } = urlParts(word, 'host');
  const whole = host[0]?.valueStart === 0;
  const found: (AddressTaint & { variable: NginxVariable })[] = [];
  for (const variable of scheme) for (const origin of variableOrigins(config, at, variable.name)) found.push({ part: 'scheme', origin, variable });
  for (const variable of host) {
    const definitions = variableDefinitions(config, variable.name);
    if (definitions.length === 0 || seen.has(variable.name)) {
      for (const origin of variableOrigins(config, at, variable.name)) found.push({ part: 'host', origin, variable });
      continue;
    }
    const inner = new Set([...seen, variable.name]);
    for (const definition of definitions) {
      for (const taint of addressTaints(config, definition.directive, definition.value, inner)) {
        // a variable that holds the whole address brings its own scheme; one inside the host is host only
        const part = whole && variable.valueStart === 0 ? taint.part : 'host';
        found.push({ part, origin: passedThrough(taint.origin, definition.directive), variable });
      }
    }
  }
  return found;
}

/** True when the block a directive sits in answers internal requests only: an `internal` location, or a named one (`@name`). */
function internalOnly(directive: NginxDirective): boolean {
  const location = enclosing(directive, 'location');
  if (!location) return false;
  return location.args[0]?.value.startsWith('@') === true || (location.block ?? []).some((d) => d.name.value === 'internal');
}

export default defineRule({
  meta: {
    id: 'nginx/ssrf-proxy-pass',
    description: "Pass directives outside internal locations do not take the upstream's host or scheme from the request (SSRF)",
    severity: 'error',
    tags: ['security'],
    securitySeverity: 8.6,
    references: {
      semgrep: ['generic.nginx.security.missing-internal.missing-internal', 'generic.nginx.security.dynamic-proxy-host.dynamic-proxy-host', 'generic.nginx.security.dynamic-proxy-scheme.dynamic-proxy-scheme'],
      cwe: ['CWE-918'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass', 'https://nginx.org/en/docs/http/ngx_http_core_module.html#internal', 'https://github.com/yandex/gixy/blob/master/docs/en/plugins/ssrf.md'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        const word = directive.args[0];
        if (!PASS_DIRECTIVES.has(directive.name.value) || !word || internalOnly(directive)) return;
        const reported = new Set<NginxVariable>();
        const server = enclosing(directive, 'server');
        // $host is one of the server's names unless the server answers any host
        const anyHost = server !== undefined && catchAllServer(run.config, server, allServersKnown(configs, run.config, server)) !== undefined;
        // a variable that brings both scheme and host is reported once, for its host
        const taints = addressTaints(run.config, directive, word, new Set()).sort((a, b) => Number(a.part === 'scheme') - Number(b.part === 'scheme'));
        for (const { part, origin, variable } of taints) {
          if (reported.has(variable) || (origin.source === 'host' && !anyHost)) continue;
          reported.add(variable);
          const name = directive.name.value;
          const message =
            part === 'host'
              ? `${name} connects to a host taken from ${origin.what}: a client can make nginx send requests to any server it can reach, internal services and cloud metadata included (SSRF)`
              : `the scheme of ${name} comes from ${origin.what}: a client chooses how nginx talks to the upstream (plain HTTP or TLS); use a fixed scheme or $scheme`;
          context.report({ at: variable, message, related: originRelated(origin) });
        }
      });
    },
  }),
});
