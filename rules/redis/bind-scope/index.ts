import {
  configOwner,
  defineRule,
  describePort,
  networkModeOf,
  portPlace,
  publishedBeyondLoopback,
  redisAuth,
  redisBind,
  redisImageKind,
  redisPort,
  redisProtectedMode,
  redisServerKnown,
  redisSettings,
  type RedisBind,
  type RelatedLocation,
  type ServiceConfigFiles,
} from '../../../src/engine/api.js';
import { configFileStart } from '../../../src/engine/api.js';

/** Where "every interface" comes from, in words. */
function bindSource(configs: ServiceConfigFiles, bind: RedisBind, imageDefault: boolean): string {
  if (bind.directive) return `"bind ${bind.directive.args.map((a) => a.value).join(' ')}"`;
  if (bind.by === 'bitnami') return 'Bitnami\'s image writes "bind 0.0.0.0 ::"';
  if (imageDefault) return redisImageKind(configs) === 'official' ? 'the image\'s default "bind * -::*"' : 'the image\'s defaults, which bind every interface';
  return configs.redis ? 'no bind line, so redis\'s default "bind * -::*"' : 'no config file and no --bind, so redis\'s default "bind * -::*"';
}

export default defineRule({
  meta: {
    id: 'redis/bind-scope',
    description: 'A redis server bound to every interface neither shares the host\'s network nor is published without a password',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 7.0,
    references: {
      cwe: ['CWE-1327', 'CWE-306'],
      urls: [
        'https://redis.io/docs/latest/operate/oss_and_stack/management/security/#network-security',
        'https://raw.githubusercontent.com/redis/redis/7.2/redis.conf',
        'https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      const auth = redisAuth(configs);
      // A config file the project does not hold may bind, or set a password.
      if (!settings || !auth || auth.how === 'unknown' || !redisServerKnown(configs, settings)) return;
      const port = redisPort(settings);
      const bind = redisBind(configs, settings);
      if (port === 0 || !bind.everywhere) return;
      const noPassword = auth.how === 'none';
      // Protected mode answers no other address when there is no password: nothing is open then.
      if (noPassword && redisProtectedMode(configs, settings).on) return;
      const service = configs.setup.service;
      const published = service && port !== undefined ? publishedBeyondLoopback(service, port) : undefined;
      const mode = service && networkModeOf(service);
      const hostNetwork = mode?.kind === 'host' ? mode.value : undefined;
      // Without a published port or host networking, only the containers on its networks reach it:
      // binding every interface is what lets them, and a missing password is redis/auth-required's.
      // A published port of a server with a password is compose/ingress-only-ports' (prod) and
      // compose/ports-bind-host-ip's (dev, test) finding, at the same port.
      const at = hostNetwork ?? (published && noPassword ? portPlace(published) : undefined);
      if (!at) return;

      const owner = configOwner(configs);
      const reach: string[] = [];
      if (hostNetwork) reach.push('network_mode: host puts it on every interface of the host');
      else if (published) reach.push(`${describePort(published)} publishes it`);
      if (noPassword) reach.push('it asks for no password');
      const who = 'anyone who reaches the host on its port';
      const consequence = noPassword ? `${who} can read, change and delete every key` : `${who} can try passwords against it as fast as the network allows (redis does not slow down failed AUTH attempts)`;
      const fixes: string[] = [];
      if (hostNetwork) fixes.push('leave network_mode: host, or bind the addresses its clients use');
      else fixes.push('drop the port (the other services reach redis over the compose network) or publish it on 127.0.0.1');
      if (noPassword) fixes.push('set a password (see redis/auth-required)');
      const message = `redis${owner.in} listens on every interface (${bindSource(configs, bind, auth.imageDefault)}) and ${reach.join(', and ')}: ${consequence}; ${fixes.join(', and ')}`;

      const bindHere: RelatedLocation[] = bind.directive ? [{ message: 'every interface is bound here', file: bind.directive.origin.file, range: bind.directive.origin.range }] : configFileStart(configs, configs.redis?.file, 'the config file has no bind line');
      context.report({ at, message, related: bindHere });
    },
  }),
});
