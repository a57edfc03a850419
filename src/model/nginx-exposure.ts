import type { RelatedLocation } from '../findings/finding.js';
import type { NginxDirective } from '../parse/nginx.js';
import type { ServiceConfigFiles } from './configs.js';
import { serverListens } from './nginx-servers.js';
import { portPlace, publishedPortsOf, publishesTcp } from './port-binding.js';
import { describePort } from './port-description.js';

/**
 * The `ports:` entries of the service running nginx that publish a port `server` listens on, as
 * related locations: where the compose file makes that server reachable from outside the host.
 * None for a config file linted on its own, or a server only other containers reach.
 */
export function serverExposure(configs: ServiceConfigFiles, server: NginxDirective): RelatedLocation[] {
  const service = configs.setup.service;
  if (!service) return [];
  const listens = serverListens(server);
  // A server without `listen` listens on port 80.
  const ports = listens.length === 0 ? [80] : listens.filter((l) => !l.loopback && l.port !== undefined).map((l) => l.port!);
  return publishedPortsOf(service).flatMap((port) => {
    if (!ports.some((p) => publishesTcp(port, p))) return [];
    const place = portPlace(port);
    const origin = 'origin' in place ? place.origin : place;
    return [{ message: `service "${service.name}" publishes ${describePort(port)}`, file: origin.file, range: origin.range }];
  });
}
