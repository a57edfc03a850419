import { describe, expect, it } from 'vitest';
import { parseImage } from '../src/model/image.js';

describe('parseImage', () => {
  it('takes a Docker Hub reference apart', () => {
    expect(parseImage('bitnami/redis:7.2')).toEqual({ path: 'bitnami/redis', name: 'bitnami/redis', tag: '7.2' });
  });

  it('treats docker.io and library/ as Docker Hub', () => {
    expect(parseImage('docker.io/library/nginx:1.27-alpine')).toEqual({ path: 'nginx', name: 'nginx', tag: '1.27-alpine' });
    expect(parseImage('index.docker.io/nginxinc/nginx-unprivileged').name).toBe('nginxinc/nginx-unprivileged');
  });

  it('keeps other registries, with or without a port', () => {
    expect(parseImage('gcr.io/distroless/static-debian12:nonroot')).toEqual({
      registry: 'gcr.io',
      path: 'distroless/static-debian12',
      name: 'gcr.io/distroless/static-debian12',
      tag: 'nonroot',
    });
    expect(parseImage('registry.local:5000/team/app')).toEqual({ registry: 'registry.local:5000', path: 'team/app', name: 'registry.local:5000/team/app' });
    expect(parseImage('localhost/app:dev').registry).toBe('localhost');
  });

  it('splits off the digest, with or without a tag', () => {
    expect(parseImage('postgres:16@sha256:abc')).toEqual({ path: 'postgres', name: 'postgres', tag: '16', digest: 'sha256:abc' });
    expect(parseImage('postgres@sha256:abc')).toEqual({ path: 'postgres', name: 'postgres', digest: 'sha256:abc' });
  });

  it('reads a first component without a dot as part of the path', () => {
    expect(parseImage(' escashop/backend:1.0.0 ')).toEqual({ path: 'escashop/backend', name: 'escashop/backend', tag: '1.0.0' });
  });
});
