// Generated compose projects for the scaling figure: `services` services, one per file. The root
// compose.yaml includes every service file (Compose's top-level `include:`), so a project of N
// services is N + 1 files, as in a large repository that keeps a file per service.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The service file of service `i` (0-based) of a project: a realistic production service. */
export function serviceFile(i) {
  const name = serviceName(i);
  const lines = [
    'services:',
    `  ${name}:`,
    `    image: registry.example.com/shop/${name}:1.${i % 50}.${i % 7}`,
    '    restart: unless-stopped',
    '    user: "10001:10001"',
    '    read_only: true',
    '    cap_drop: [ALL]',
    '    security_opt: ["no-new-privileges:true"]',
    '    ports:',
    `      - "127.0.0.1:${20000 + i}:8080"`,
    '    environment:',
    `      SERVICE_NAME: ${name}`,
    '      LOG_LEVEL: info',
    `      DB_PASSWORD_FILE: /run/secrets/${name}-db`,
    '    volumes:',
    `      - ${name}-data:/var/lib/${name}`,
    `      - ./config/${name}.yml:/etc/${name}/config.yml:ro`,
    '    healthcheck:',
    '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]',
    '      interval: 30s',
    '      timeout: 5s',
    '      retries: 3',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          cpus: "0.50"',
    '          memory: 256M',
    '          pids: 200',
  ];
  // Each service after the first depends on the one before it: references between files.
  if (i > 0) lines.push('    depends_on:', `      ${serviceName(i - 1)}:`, '        condition: service_healthy');
  lines.push('volumes:', `  ${name}-data: {}`, '');
  return lines.join('\n');
}

export function serviceName(i) {
  return `svc${String(i).padStart(5, '0')}`;
}

/** Writes a project of `services` services under `dir` and returns the path of its root compose file. */
export function writeProject(dir, services) {
  mkdirSync(path.join(dir, 'services'), { recursive: true });
  mkdirSync(path.join(dir, 'config'), { recursive: true });
  const includes = [];
  for (let i = 0; i < services; i++) {
    const file = `services/${serviceName(i)}.yaml`;
    writeFileSync(path.join(dir, file), serviceFile(i));
    writeFileSync(path.join(dir, 'config', `${serviceName(i)}.yml`), 'listen: 8080\n');
    includes.push(`  - ${file}`);
  }
  const root = path.join(dir, 'compose.yaml');
  writeFileSync(root, ['name: generated', 'include:', ...includes, ''].join('\n'));
  return root;
}
