import type { Service } from './service.js';

/** What a data store is, in words a message can use: `"PostgreSQL"`. */
export interface DataStore {
  /** The engine family, lower case: `postgres`, `redis`, `mysql`… */
  readonly engine: string;
  /** The product name for messages. */
  readonly product: string;
}

/**
 * Images of data stores by repository name (the image's last path component, so that
 * `bitnami/postgresql`, `postgis/postgis` and `docker.io/library/redis` are all found). A data store
 * holds state that other services read and write: databases, caches, search indexes, brokers.
 */
const STORES: ReadonlyMap<string, DataStore> = new Map(
  (
    [
      ['postgres', 'postgres', 'PostgreSQL'],
      ['postgresql', 'postgres', 'PostgreSQL'],
      ['postgis', 'postgres', 'PostgreSQL'],
      ['timescaledb', 'postgres', 'PostgreSQL'],
      ['timescaledb-ha', 'postgres', 'PostgreSQL'],
      ['pgvector', 'postgres', 'PostgreSQL'],
      ['redis', 'redis', 'Redis'],
      ['redis-stack-server', 'redis', 'Redis'],
      ['redis-stack', 'redis', 'Redis'],
      ['valkey', 'redis', 'Valkey'],
      ['keydb', 'redis', 'KeyDB'],
      ['dragonfly', 'redis', 'Dragonfly'],
      ['mysql', 'mysql', 'MySQL'],
      ['mysql-server', 'mysql', 'MySQL'],
      ['mariadb', 'mysql', 'MariaDB'],
      ['percona-server', 'mysql', 'Percona Server'],
      ['mongo', 'mongodb', 'MongoDB'],
      ['mongodb', 'mongodb', 'MongoDB'],
      ['mongodb-community-server', 'mongodb', 'MongoDB'],
      ['memcached', 'memcached', 'Memcached'],
      ['elasticsearch', 'elasticsearch', 'Elasticsearch'],
      ['opensearch', 'opensearch', 'OpenSearch'],
      ['cassandra', 'cassandra', 'Cassandra'],
      ['couchdb', 'couchdb', 'CouchDB'],
      ['neo4j', 'neo4j', 'Neo4j'],
      ['influxdb', 'influxdb', 'InfluxDB'],
      ['clickhouse-server', 'clickhouse', 'ClickHouse'],
      ['rabbitmq', 'rabbitmq', 'RabbitMQ'],
      ['mssql-server', 'mssql', 'SQL Server'],
    ] as const
  ).map(([repository, engine, product]) => [repository, { engine, product }]),
);

/** The repository name of a service's image: `bitnami/postgresql:16` → `postgresql`. */
export function imageRepository(service: Service): string | undefined {
  const path = service.imageReference?.path;
  return path === undefined ? undefined : path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The data store a service runs, judged by its image's repository name only: a service named `db`
 * that builds its own image is not guessed at, so rules about data stores never fire on a guess.
 */
export function dataStoreOf(service: Service): DataStore | undefined {
  const repository = imageRepository(service);
  return repository === undefined ? undefined : STORES.get(repository);
}
