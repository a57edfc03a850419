/**
 * Everything a rule may use: the typed model, `defineRule`, and the types of `report()`.
 * Rules import from here and nowhere else in src/.
 */
export { defineRule, fixWith, type Report, type Rule, type RuleContext, type RuleVisitors, type Target } from './rule.js';
// The edit builders a rule's `fix` is made of (docs/fix-design.md): edits on the files the model was read from.
export type { EditResult, FileWrite, Fix, TextEdit } from '../fix/types.js';
export { combine, isRefused, refuse } from '../fix/types.js';
export type { FixSources } from '../fix/sources.js';
export { raw } from '../fix/yaml-values.js';
export { addMapEntry, appendSeqItem, ensureMapEntry, ensureSeqItem, removeEntry, removeMapEntry, removeSeqItem, renameKey, replaceNode, setEntryValue, setScalar } from '../fix/yaml.js';
export { ensureListItem, portsToExpose } from '../fix/compose.js';
export { isSecretFile, moveToSecrets, type SecretMove } from '../fix/secrets.js';
export { fileVariable } from '../fix/file-variables.js';
export { addNginxDirective, appendLine, configWord, ensureNginxDirective, ensureRedisDirective, replaceArgs, replaceWord } from '../fix/configs.js';
export type { Environment, RuleMeta } from './meta.js';
export type { ComposeProject, ModelProblem } from '../model/project.js';
export { describePlace, problemsOf, type LocatedProblem, type Place } from '../model/problems.js';
export type { Healthcheck, Hook, ResourceLimits, Service } from '../model/service.js';
export { noNewPrivilegesOf, type SecurityOpt } from '../model/security-opt.js';
export { isTrue, trueScalar } from '../model/boolean.js';
export type { Port } from '../model/ports.js';
export { isHostPath, isWithin, PROPAGATION_MODES, type Volume } from '../model/volumes.js';
export { engineSocketOf, sensitiveMountOf, type SensitiveMount } from '../model/host-paths.js';
export { parseImage, type ImageReference } from '../model/image.js';
export { describePort, isLoopback } from '../model/port-description.js';
export { isIngress, isIngressName } from '../model/ingress.js';
export { nameGlobs, type Policy } from '../model/policy.js';
export type { KeyValue } from '../model/keyvalues.js';
export type { Command } from '../model/command.js';
export { shellWords } from '../model/command.js';
export { cgroupParent, hostNamespace, type NamespaceKey } from '../model/namespaces.js';
export { definedNames, dependenciesOf, referencesOf, type Dependency, type ReferencedSection, type ServiceReference } from '../model/service-references.js';
export { baseName, commandWords, invocationsOf, type Invocation } from '../model/invocations.js';
export { amountOf, bytesOf, isUnlimited } from '../model/amount.js';
export { durationOf } from '../model/duration.js';
export { jobsOf } from '../model/jobs.js';
export { dataStoreOf, imageRepository, type DataStore } from '../model/roles.js';
export type { Ulimit } from '../model/ulimits.js';
export { rawText, Text } from '../model/text.js';
export { variableExpressions, type VariableExpression } from '../model/interpolate.js';
export { get, getPath, isMap, isScalar, isSeq, scalarString, type YMap, type YNode, type YScalar, type YSeq } from '../parse/tree.js';
export { capabilityName } from '../model/capabilities.js';
export {
  DEFAULT_BRIDGE,
  defaultBridgeOf,
  joinedNetworks,
  networkDeclaration,
  networkIdentity,
  networkModeOf,
  networksOf,
  type JoinedNetworks,
  type NetworkAttachment,
  type NetworkDeclaration,
  type NetworkMode,
} from '../model/networks.js';
export { FIRST_UNPRIVILEGED_PORT, hostPortsOf, isUnspecifiedAddress, portPlace, publishedPortsOf, type HostPorts } from '../model/port-binding.js';
export { couldBeSecret, nameWords, secretName, secretTests, type SecretTests } from '../model/secret-names.js';
export { BindingIndex, bindingsConflict, describeHostBinding, hostBindingOf, type BindAddress, type HostBinding } from '../model/port-conflicts.js';
export { mayRunTogether } from '../model/profiles.js';
export { replicasOf, type Replicas } from '../model/replicas.js';
export { buildContextOf, envFilesOf, octalMode, pathBase, type BuildContext, type ContextMembership, type EnvFileEntry, type HostFiles, type HostStat } from '../model/host-files.js';
export { secretDefaults, secretDefaultTexts } from '../model/secret-defaults.js';
export { configOwner, type ConfigOwner, type ServiceConfigFiles } from '../model/configs.js';
export { postgresFlag, type ConfigEntry, type ConfigKind, type ConfigProgram, type ServiceConfigs } from '../model/service-configs.js';
export type { ContainerMount } from '../model/container-files.js';
export type { NginxConfig, NginxDirective, NginxVariable, NginxWord } from '../parse/nginx.js';
export { ancestorsOf, contextOf, directiveNamed, directivesNamed, effectiveDirective, effectiveDirectives, enclosing, walkNginx } from '../parse/nginx-tree.js';
export { droppedHeaders, effectiveHeaders, headerAlways, headerField, headerInheritance, intendedHeaders } from '../model/nginx-headers.js';
export { answeringBlocks, answersWithReturn, serverListens, type NginxListen } from '../model/nginx-servers.js';
export { cipherElements, weakCipherElements, WEAK_CIPHER_KIND_NAMES, type CipherElement, type WeakCipherElement, type WeakCipherKind } from '../model/openssl-ciphers.js';
export { httpBlocks, httpServers, inHttp, nginxAtLeast, nginxImageDefaultOnly, nginxImageVersion, nginxRunOf, nginxVersionText, officialNginxImage, type NginxVersion, serverLabel, tlsMarker, tlsMarkerWord, tlsServers, unreadIncludes, type NginxRun } from '../model/nginx-http.js';
export type { RedisConfig } from '../parse/redis.js';
export type { PostgresConfig } from '../parse/postgres-conf.js';
export type { HbaFile, HbaRecord } from '../parse/pg-hba.js';
export type { ConfigWord } from '../parse/config-words.js';
export { postgresSettings, redisSettings, type EffectiveSettings } from '../model/config-settings.js';
export type { RedisDirective } from '../parse/redis.js';
export type { PgSettingEntry } from '../parse/postgres-conf.js';
export {
  describeVersion,
  hbaHostRecords,
  imageHbaLine,
  passwordEncryption,
  postgresVersion,
  postgresPort,
  postgresVersionOfTag,
  publishedPostgresPort,
  runsImageInit,
  PG_SCRAM_DEFAULT_MAJOR,
  type ImageHbaLine,
  type PostgresVersion,
} from '../model/postgres-image.js';
export { declaredContainerPorts, declaresPort, hasExtraHost, hostAnswers, type DeclaredPort, type HostAnswer, type HostKind } from '../model/service-dns.js';
export { nginxTargets, PASS_DIRECTIVES, upstreamNames, wordPart, type NginxTarget } from '../model/nginx-targets.js';
export { captureRegex, originRelated, passedThrough, redirectWord, regexOf, requestVariable, urlParts, variableDefinitions, variableOrigins, wordOrigins, type RegexMatch, type RequestOrigin, type VariableDefinition } from '../model/nginx-variables.js';
export { regexFacts, type CaptureFacts, type RegexFacts } from '../model/nginx-regex.js';
export { allServersKnown, catchAllServer, type CatchAll } from '../model/nginx-default-server.js';
export { authConfigured, redisAuth, redisImageKind, type RedisAuth, type RedisImageKind, type RedisPassword } from '../model/redis-auth.js';
export { redisBytes, redisYes } from '../parse/redis.js';
export type { Origin } from '../parse/position.js';
export type { RelatedLocation } from '../findings/finding.js';
export { nginxIncludes, unreadConfigMounts, type UnreadMount, type UnreadReason } from '../model/config-mounts.js';
export { isMountedPath, mountsUnder, resolveContainerPath, type ResolvedPath } from '../model/container-files.js';
export { isEvictingPolicy, redisMaxmemory, redisPersistence, type RedisPersistence } from '../model/redis-memory.js';
export { pgBool } from '../parse/postgres-conf.js';
export { describeSeconds, nginxSize, nginxTime } from '../model/nginx-values.js';
export { blockLabel, clientLocationOf, isInternalLocation, isPublicHostName, locationOf, passDirectivesIn, replacedDirectives } from '../model/nginx-locations.js';
export { addressScope, type AddressScope } from '../model/ip-address.js';
export { accessRulesIn, effectiveAccessRules, matchesEveryone } from '../model/nginx-access.js';
export { accessRestriction, type Restriction } from '../model/nginx-restriction.js';
export { DOCKER_DNS, resolverAddresses, runtimeLookups, type ResolverAddress, type RuntimeLookup } from '../model/nginx-resolver.js';
export { postgresMemory, type PgNumber, type PostgresMemory } from '../model/postgres-memory.js';
export { healthcheckCommand, healthcheckProbes, redisCliAuthenticates, type HealthcheckProbe, type ProbeTool } from '../model/healthcheck-probes.js';
export { publishedBeyondLoopback } from '../model/port-binding.js';
export { officialPostgresImage } from '../model/postgres-image.js';
export { REDIS_PORT, redisBind, redisMajorVersion, redisPort, redisProtectedMode, redisServerKnown, type RedisBind } from '../model/redis-network.js';
export { keptAcrossRecreate, redisDataDir, redisRole, type RedisDataDir, type RedisRole, type TransientHolder } from '../model/redis-data.js';
export {
  clientConnections,
  connectionNaming,
  describeSource,
  entryFileSource,
  entrySource,
  fileSource,
  knownValue,
  mountsOf,
  parseConnectionUrl,
  sameSource,
  textSource,
  type ClientConnection,
  type ClientCredential,
  type ConnectionNaming,
  type ConnectionUrl,
  type ConnectionVariable,
  type CredentialSource,
} from '../model/client-credentials.js';
export { describeListenPorts, listenPorts, listensOn, mountedOver, runsProgram, type ListenPorts } from '../model/listen-ports.js';
export { unsetCommandVariables } from '../model/command-variables.js';
export { FILE_START, rangesOverlap } from '../parse/position.js';
export { configFileStart } from '../model/config-location.js';
export { isRootUser } from '../model/user.js';
export { serverExposure } from '../model/nginx-exposure.js';
export { containerPortRange, publishesTcp } from '../model/port-binding.js';
