// Docker can't run here: the compose file is checked by parsing it and comparing its commands
// and volumes with the CLI's own commands and flags.
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS } from '../../src/cli/command.js';
import { loadAllCommands } from '../../src/cli/commands/index.js';

const COMMANDS = await loadAllCommands();

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number | string };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  healthcheck?: unknown;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;

/** Parses a service's command with the CLI's own option table, as main.ts would (strict). */
function parseCommand(service: Service) {
  const [name, ...args] = service.command ?? [];
  const command = COMMANDS.find((c) => c.name === name);
  expect(command, `command ${name}`).toBeDefined();
  const { values, positionals } = parseArgs({ args, options: { ...COMMON_OPTIONS, ...command!.options }, allowPositionals: true, strict: true });
  return { name, values, positionals };
}

/** A short-syntax volume `source:target[:mode]`; the source may hold `${VAR:-default}`. */
function volume(spec: string): { source: string; target: string; mode?: string } {
  const match = /^(.*):(\/[^:]*)(?::(ro|rw))?$/.exec(spec);
  if (!match) throw new Error(`not a volume: ${spec}`);
  return { source: match[1]!, target: match[2]!, ...(match[3] ? { mode: match[3] } : {}) };
}

/** The container path of each volume mount. */
const mounts = (service: Service) => (service.volumes ?? []).map((v) => volume(v).target);

describe('docker-compose.yml', () => {
  it('has Redis with AOF and noeviction, a producer, scalable workers and a finalizer', () => {
    expect(Object.keys(services).sort()).toEqual(['finalize', 'producer', 'redis', 'worker']);
    const redis = services.redis!.command!;
    expect(redis[0]).toBe('redis-server');
    expect(redis.join(' ')).toContain('--appendonly yes');
    expect(redis.join(' ')).toContain('--maxmemory-policy noeviction');
    expect(mounts(services.redis!)).toEqual(['/data']);
    expect(compose.volumes).toHaveProperty('redis-data');
    expect(String(services.worker!.deploy?.replicas)).toMatch(/^\$\{CRAWLSIFT_WORKERS:-\d+\}$|^\d+$/);
  });

  it('runs crawlsift commands with flags the CLI accepts, against the compose Redis', () => {
    const producer = parseCommand(services.producer!);
    const worker = parseCommand(services.worker!);
    const finalize = parseCommand(services.finalize!);
    expect([producer.name, worker.name, finalize.name]).toEqual(['produce', 'work', 'finalize']);
    for (const parsed of [producer, worker, finalize]) expect(parsed.values.redis).toBe('redis://redis:6379');
    expect(producer.values.run).toBe(finalize.values.run);
    expect(finalize.values.wait).toBe(true);
    expect(worker.positionals).toEqual([]);
    for (const name of ['producer', 'worker', 'finalize']) {
      expect(services[name]!.depends_on?.redis?.condition).toBe('service_healthy');
      expect(services[name]!.build ?? services[name]!.image).toBeTruthy();
    }
    expect(existsSync('Dockerfile')).toBe(true);
  });

  it('needs a run id of its own, bounds producer restarts, and says how to stop when the finalizer is done', () => {
    // A default run id would be reused by the next run: its producer refuses other inputs, its finalizer re-prints the old manifest.
    expect(String(parseCommand(services.producer!).values.run)).toMatch(/^\$\{CRAWLSIFT_RUN:\?[^}]+\}$/);
    expect(services.producer!.restart).toMatch(/^on-failure:\d+$/);
    expect(services.finalize!.restart).toBe('no');
    // `up --exit-code-from finalize` would stop the workers as soon as the producer exits 0.
    for (const file of ['docker-compose.yml', 'README.md']) expect(readFileSync(file, 'utf8')).toContain('docker compose wait --down-project finalize');
  });

  it('mounts the input for the producer and the same output for producer, workers and finalizer', () => {
    const producer = parseCommand(services.producer!);
    const out = producer.values.out as string;
    expect(producer.positionals).toHaveLength(1);
    expect(mounts(services.producer!)).toContain(producer.positionals[0]);
    expect(services.producer!.volumes!.map(volume).find((v) => v.target === producer.positionals[0])?.mode).toBe('ro');
    const outputSource = (service: Service) => service.volumes!.map(volume).find((v) => v.target === out)?.source;
    expect(outputSource(services.producer!)).toBeTruthy();
    for (const name of ['producer', 'worker', 'finalize']) expect(outputSource(services[name]!), name).toBe(outputSource(services.producer!));
  });
});
