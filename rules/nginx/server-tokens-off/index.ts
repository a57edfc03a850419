import { addNginxDirective, combine, configOwner, defineRule, directiveNamed, fixWith, httpBlocks, httpServers, effectiveDirective, nginxImageDefaultOnly, nginxRunOf, replaceArgs, unreadIncludes, walkNginx, type FixSources, type NginxDirective } from '../../../src/engine/api.js';

const CONSEQUENCE = "nginx's default `server_tokens on` puts its version in the Server header and on every error page";

/** `server_tokens off;` added at the end of each block (the http block, or each server of mounted conf.d files under the image's nginx.conf). */
const addOff = (blocks: readonly NginxDirective[], where: string) => (sources: FixSources) =>
  fixWith(`add "server_tokens off;" to ${where}`, combine(blocks.map((block) => addNginxDirective(block, 'server_tokens', ['off'], sources))));

export default defineRule({
  meta: {
    id: 'nginx/server-tokens-off',
    description: 'nginx does not tell clients its version: server_tokens is off in every virtual server',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 3.1,
    reportsAbsence: true,
    fixable: 'fix',
    references: {
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens',
        'https://gixy.getpagespeed.com/en/plugins/version_disclosure/',
        'https://github.com/dev-sec/nginx-baseline',
      ],
      cwe: ['CWE-200'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const owner = configOwner(configs);
      if (nginxImageDefaultOnly(configs)) {
        context.report({ at: owner.at, message: `${owner.label} runs nginx with the image's default nginx.conf, which leaves server_tokens on: ${CONSEQUENCE}` });
        return;
      }
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        const value = directive.args[0];
        if (directive.name.value === 'server_tokens' && value && value.value !== 'off') {
          context.report({
            at: value,
            message: `"server_tokens ${value.value}" tells clients nginx's version in the Server header and on error pages; set it to off`,
            fix: (sources) => fixWith('set "server_tokens off"', replaceArgs(directive, ['off'], sources)),
          });
        }
      });
      for (const http of httpBlocks(run.config)) {
        if (directiveNamed(http, 'server_tokens') || unreadIncludes(run.config, http, true).length > 0) continue;
        const bare = httpServers(http).filter((server) => !effectiveDirective(run.config, server, 'server_tokens') && unreadIncludes(run.config, server).length === 0);
        if (bare.length === 0 && httpServers(http).length > 0) continue;
        const related = bare.map((server) => ({ message: 'this server uses the default', file: server.name.file, range: server.name.range }));
        if (run.imageMain) {
          context.report({ at: owner.at, message: `${owner.label} runs nginx with the image's nginx.conf, and no mounted conf.d file sets server_tokens off for every server: ${CONSEQUENCE}`, related, fix: addOff(bare, bare.length === 1 ? 'its server' : `its ${bare.length} servers`) });
        } else {
          context.report({ at: http.name, message: `the http block does not set "server_tokens off": ${CONSEQUENCE}`, related, fix: addOff([http], 'the http block') });
        }
      }
    },
  }),
});
