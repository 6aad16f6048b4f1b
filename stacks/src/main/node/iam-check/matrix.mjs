// The access matrix: from the resolved stacks of one synth output, every request the service and AWS's services
// make on its behalf (must be allowed) and the requests that must be refused (must be denied), each with the
// policies AWS would evaluate for it, wherever in the environment's stacks they live. Paths are derived only from
// what the stacks contain: no host role, no host paths; no replication configuration, no replication paths.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resolver } from './resolve.mjs'

const here = dirname(fileURLToPath(import.meta.url))

/** The pinned AWS-managed policies (managed-policies/*.json), by ARN. */
export const MANAGED = Object.fromEntries(readdirSync(join(here, 'managed-policies')).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(here, 'managed-policies', f), 'utf8'))).map((p) => [p.arn, p]))

const INSTANCE = 'i-0123456789abcdef0'

/**
 * The default access policy SNS gives a topic created without one (the stacks set none): the owner account's
 * principals may use it (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html).
 */
function defaultTopicPolicy(topicArn, account) {
  return {
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [{
      Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' },
      Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission',
        'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
      Resource: topicArn, Condition: { StringEquals: { 'AWS:SourceOwner': account } }
    }]
  }
}

/** One environment's resolved model: roles with their policies, buckets, keys, topics, secrets, log groups. */
export function model(stacks, environment, stackIds, account) {
  const r = new Resolver(stacks, account)
  const m = {
    environment, roles: [], buckets: {}, keys: {}, aliases: {}, topics: [], logGroups: [], databases: [], secrets: [],
    replications: [], flowLogs: [], albs: [], documents: [], errors: [], profiles: []
  }
  const safe = (what, fn) => {
    try {
      return fn()
    } catch (e) {
      m.errors.push({ resource: what, message: e.message })
      return null
    }
  }
  const ids = stackIds.filter((id) => stacks[id] && stacks[id].region)
  // First pass: things others point at.
  for (const id of ids) {
    const st = stacks[id]
    for (const res of st.all()) {
      const attrs = () => r.resource(st, res.type, res.name)
      const doc = (kind, value, principal) => {
        const d = safe(res.address, () => r.policy(st, value))
        if (d) m.documents.push({ kind, address: res.address, document: d, principal })
        return d
      }
      switch (res.type) {
        case 'aws_s3_bucket': {
          const a = safe(res.address, attrs)
          if (a) m.buckets[a.bucket] = { ...a, stack: id, region: st.region, address: res.address, policy: null, policyAddress: null, bpa: false, kms: null, logging: [] }
          break
        }
        case 'aws_kms_key': {
          const a = safe(res.address, attrs)
          if (!a) break
          m.keys[a.arn] = { ...a, stack: id, region: st.region, address: res.address, aliases: [] }
          m.keys[a.arn].policy = doc('key policy', res.body.policy)
          break
        }
        case 'aws_iam_role': {
          const a = safe(res.address, attrs)
          if (!a) break
          const trust = doc('trust policy', res.body.assume_role_policy)
          m.roles.push({ ...a, stack: id, region: st.region, address: res.address, trust, policies: [], ref: `${res.type}.${res.name}` })
          break
        }
        case 'aws_cloudwatch_log_group': {
          const a = safe(res.address, attrs)
          if (a) m.logGroups.push({ ...a, stack: id, region: st.region, address: res.address, kms: res.body.kms_key_id ? safe(res.address, () => r.string(st, res.body.kms_key_id)) : null })
          break
        }
        case 'aws_sns_topic': {
          const a = safe(res.address, attrs)
          if (a) m.topics.push({ ...a, stack: id, region: st.region, address: res.address, kms: res.body.kms_master_key_id ? safe(res.address, () => r.string(st, res.body.kms_master_key_id)) : null, policy: null })
          break
        }
        case 'aws_db_instance': {
          const a = safe(res.address, attrs)
          const monitoring = res.body.monitoring_role_arn ? safe(res.address, () => r.string(st, res.body.monitoring_role_arn)) : null
          if (a) m.databases.push({ ...a, stack: id, region: st.region, address: res.address, replica: !!res.body.replicate_source_db, monitoring })
          break
        }
        case 'aws_iam_instance_profile': {
          const role = safe(res.address, () => r.string(st, res.body.role))
          if (role) m.profiles.push({ role, stack: id, address: res.address })
          break
        }
        case 'aws_secretsmanager_secret': {
          const a = safe(res.address, attrs)
          if (!a) break
          m.secrets.push({ arn: a.arn, name: a.name, region: st.region, stack: id, address: res.address, kms: res.body.kms_key_id ? safe(res.address, () => r.string(st, res.body.kms_key_id)) : null, tags: {} })
          for (const rep of [].concat(res.body.replica ?? [])) {
            const region = safe(res.address, () => r.string(st, rep.region))
            if (region) {
              m.secrets.push({
                arn: a.arn.replace(`:${st.region}:`, `:${region}:`), name: a.name, region, stack: id,
                address: res.address, kms: rep.kms_key_id ? safe(res.address, () => r.string(st, rep.kms_key_id)) : null, tags: {}, replica: true
              })
            }
          }
          if (res.body.policy) doc('secret policy', res.body.policy)
          break
        }
        default:
      }
    }
  }
  // RDS-managed master secrets: the secret RDS creates, tagged with its instance's ARN, encrypted with the key named.
  for (const db of m.databases) {
    for (const sec of db.master_user_secret ?? []) {
      m.secrets.push({ arn: sec.secret_arn, name: sec.secret_arn.split(':secret:')[1], region: db.region, stack: db.stack, address: db.address,
        kms: sec.kms_key_id, tags: { 'aws:rds:primaryDBInstanceArn': db.arn }, rdsManaged: true, database: db.arn })
    }
  }
  // Second pass: what attaches to the first.
  for (const id of ids) {
    const st = stacks[id]
    for (const res of st.all()) {
      const s = (v) => safe(res.address, () => r.string(st, v))
      switch (res.type) {
        case 'aws_iam_role_policy': {
          const role = m.roles.find((x) => x.name === s(res.body.role) && x.stack === id) ?? m.roles.find((x) => x.name === s(res.body.role))
          const d = safe(res.address, () => r.policy(st, res.body.policy))
          if (d) m.documents.push({ kind: 'identity policy', address: res.address, document: d })
          if (role && d) role.policies.push({ name: s(res.body.name) ?? res.name, policy: d, address: res.address })
          break
        }
        case 'aws_iam_policy': {
          const d = safe(res.address, () => r.policy(st, res.body.policy))
          if (d) m.documents.push({ kind: 'identity policy', address: res.address, document: d })
          break
        }
        case 'aws_iam_role_policy_attachment': {
          const role = m.roles.find((x) => x.name === s(res.body.role))
          const arn = s(res.body.policy_arn)
          if (!role || !arn) break
          const managed = MANAGED[arn]
          if (managed) {
            role.policies.push({ name: arn.split('/').pop(), policy: managed.document, address: res.address, managed: arn })
          } else if (arn.startsWith('arn:aws:iam::aws:')) {
            m.errors.push({ resource: res.address, message: `AWS-managed policy ${arn} has no pinned copy in`
              + ' stacks/src/main/node/iam-check/managed-policies/: add it (with its source) so its grants can be evaluated' })
          } else {
            const own = st.of('aws_iam_policy').map((p) => ({ p, a: safe(p.address, () => r.resource(st, p.type, p.name)) }))
              .find((x) => x.a && x.a.arn === arn)
            if (own) role.policies.push({ name: own.a.name, policy: r.policy(st, own.p.body.policy), address: own.p.address })
          }
          break
        }
        case 'aws_s3_bucket_policy': {
          const b = m.buckets[s(res.body.bucket)]
          const d = safe(res.address, () => r.policy(st, res.body.policy))
          if (d) m.documents.push({ kind: 'bucket policy', address: res.address, document: d })
          if (b && d) {
            b.policy = d
            b.policyAddress = res.address
          }
          break
        }
        case 'aws_s3_bucket_public_access_block': {
          const b = m.buckets[s(res.body.bucket)]
          if (b) b.bpa = res.body.restrict_public_buckets === true
          break
        }
        case 'aws_s3_bucket_server_side_encryption_configuration': {
          const b = m.buckets[s(res.body.bucket)]
          const rule = [].concat(res.body.rule ?? [])[0]?.apply_server_side_encryption_by_default
          if (b && rule) b.kms = rule.sse_algorithm === 'aws:kms' ? s(rule.kms_master_key_id) ?? 'aws/s3' : null
          if (b) b.bucketKey = [].concat(res.body.rule ?? [])[0]?.bucket_key_enabled === true
          break
        }
        case 'aws_s3_bucket_logging': {
          const src = m.buckets[s(res.body.bucket)]
          if (src) src.logging.push({ target: s(res.body.target_bucket), prefix: s(res.body.target_prefix) ?? '', address: res.address })
          break
        }
        case 'aws_kms_alias': {
          const name = s(res.body.name)
          const target = s(res.body.target_key_id)
          const key = Object.values(m.keys).find((k) => k.key_id === target || k.arn === target)
          if (key) {
            key.aliases.push(name)
            m.aliases[`arn:aws:kms:${st.region}:${account}:${name}`] = key.arn
          }
          break
        }
        case 'aws_sns_topic_policy': {
          const arn = s(res.body.arn)
          const d = safe(res.address, () => r.policy(st, res.body.policy))
          if (d) m.documents.push({ kind: 'topic policy', address: res.address, document: d })
          const t = m.topics.find((x) => x.arn === arn)
          if (t && d) {
            t.policy = d
            t.policyAddress = res.address
          }
          break
        }
        case 'aws_s3_bucket_replication_configuration': {
          const rep = safe(res.address, () => r.deep(st, { bucket: res.body.bucket, role: res.body.role, rule: res.body.rule }))
          if (rep) m.replications.push({ ...rep, stack: id, region: st.region, address: res.address })
          break
        }
        case 'aws_flow_log': {
          const fl = safe(res.address, () => ({ ...r.resource(st, res.type, res.name), ...r.deep(st, { role: res.body.iam_role_arn, destination: res.body.log_destination, type: res.body.log_destination_type }) }))
          if (fl) m.flowLogs.push({ ...fl, stack: id, region: st.region, address: res.address })
          break
        }
        case 'aws_lb': {
          const logs = res.body.access_logs
          if (logs && logs.enabled !== false) {
            const bucket = s(logs.bucket)
            const prefix = logs.prefix ? s(logs.prefix) : ''
            m.albs.push({ stack: id, region: st.region, address: res.address, bucket, prefix, name: s(res.body.name) })
          }
          break
        }
        default:
      }
    }
  }
  for (const t of m.topics) t.effectivePolicy = t.policy ?? defaultTopicPolicy(t.arn, account)
  return m
}

/** A key's resolved ARN: a key ARN, an alias ARN (through the aliases), or null. */
function keyOf(m, ref) {
  if (!ref) return null
  if (m.keys[ref]) return m.keys[ref]
  if (m.aliases[ref]) return m.keys[m.aliases[ref]]
  return Object.values(m.keys).find((k) => k.key_id === ref) ?? null
}

function kmsContext(key, extra) {
  return { 'kms:CallerAccount': key.arn.split(':')[4], ...(key.aliases.length ? { 'kms:ResourceAliases': key.aliases } : {}), ...extra }
}

/**
 * The requests of one environment. Each: {path, step, description, expect: 'allow'|'deny', principal, action,
 * resource, context, identity: [{name, policy, address}], resourcePolicy, resourcePolicyAddress, address}.
 */
export function requests(m, account, others = []) {
  const out = []
  const tls = { 'aws:SecureTransport': 'true' }
  const add = (req) => out.push({ environment: m.environment, ...req })
  // The hosts' roles: those of the instance profiles the launch templates and instances use.
  const hostRoles = m.roles.filter((r) => m.profiles.some((p) => p.role === r.name && p.stack === r.stack))
  const session = (role) => `arn:aws:sts::${account}:assumed-role/${role.name}/${INSTANCE}`
  const roleCtx = (role, region) => ({ 'aws:PrincipalArn': role.arn, 'aws:PrincipalAccount': account, 'aws:RequestedRegion': region, ...tls })
  const addressOf = (role) => role.policies.find((p) => !p.managed)?.address ?? role.address

  for (const role of hostRoles) {
    const region = role.region
    const P = session(role)
    const base = { principal: P, identity: role.policies, address: addressOf(role) }
    add({ ...base, path: 'host-assume-role', step: 'ec2.amazonaws.com assumes the host role', expect: 'allow', principal: 'ec2.amazonaws.com', identity: [],
      action: 'sts:AssumeRole', resource: role.arn, context: { 'aws:SourceAccount': account, ...tls }, resourcePolicy: role.trust, resourcePolicyAddress: role.address, address: role.address })

    // The database secret: the one of the database these hosts use (in their region), as RDS manages it or as the
    // stacks create it (or replicate it into this region). A standby region's replica has none until the swap.
    const dbArns = role.policies.flatMap((p) => statements(p.policy)).filter((s) => [].concat(s.Action ?? []).includes('rds:DescribeDBInstances'))
      .flatMap((s) => [].concat(s.Resource ?? []))
    const db = m.databases.find((d) => dbArns.includes(d.arn))
    const wanted = role.policies.flatMap((p) => statements(p.policy)).some((s) => [].concat(s.Action ?? []).includes('secretsmanager:GetSecretValue'))
    let secrets = m.secrets.filter((s) => s.region === region && (db ? (s.database ? s.database === db.arn : true) : true))
    if (secrets.some((s) => s.rdsManaged && db && s.database === db.arn)) secrets = secrets.filter((s) => s.rdsManaged && s.database === db.arn)
    if (wanted && secrets.length === 0) {
      add({ ...base, path: 'host-reads-db-secret', step: `no database secret exists in ${region}`
        + (db?.replica ? ` (${db.identifier} is a read replica; its hosts read the secret after the swap)` : ''), expect: 'none' })
    }
    for (const sec of secrets) {
      add({ ...base, path: 'host-reads-db-secret', step: `GetSecretValue ${sec.name}`, expect: 'allow', action: 'secretsmanager:GetSecretValue', resource: sec.arn,
        context: { ...roleCtx(role, region), ...Object.fromEntries(Object.entries(sec.tags).map(([k, v]) => [`secretsmanager:ResourceTag/${k}`, v])) },
        resourcePolicy: null })
      const key = keyOf(m, sec.kms)
      if (key) {
        add({ ...base, path: 'host-reads-db-secret', step: `Secrets Manager decrypts ${sec.name} with the caller's kms:Decrypt`, expect: 'allow',
          action: 'kms:Decrypt', resource: key.arn,
          context: { ...roleCtx(role, region), ...kmsContext(key, { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com`,
            'kms:EncryptionContext:SecretARN': sec.arn, 'kms:EncryptionContextKeys': ['SecretARN', 'SecretVersionId'] }) },
          resourcePolicy: key.policy, resourcePolicyAddress: key.address })
      }
    }

    // Backups: the bucket the hosts' policy names, with its default encryption key.
    const bucketNames = role.policies.flatMap((p) => statements(p.policy)).flatMap((s) => [].concat(s.Resource ?? []))
      .map((a) => a.match(/^arn:aws:s3:::([^/]+)/)?.[1]).filter(Boolean)
    for (const name of [...new Set(bucketNames)]) {
      const b = m.buckets[name]
      if (!b) continue
      const obj = `${b.arn}/postgres/${m.environment}-backup.dump`
      const bctx = { ...roleCtx(role, region) }
      add({ ...base, path: 'host-writes-backups', step: `PutObject into ${name}`, expect: 'allow', action: 's3:PutObject', resource: obj,
        context: { ...bctx, 's3:x-amz-server-side-encryption': 'aws:kms' }, resourcePolicy: b.policy, resourcePolicyAddress: b.policyAddress, bpa: b.bpa, httpVariant: true })
      add({ ...base, path: 'host-reads-backups', step: `GetObject from ${name}`, expect: 'allow', action: 's3:GetObject', resource: obj,
        context: bctx, resourcePolicy: b.policy, resourcePolicyAddress: b.policyAddress, bpa: b.bpa, httpVariant: true })
      add({ ...base, path: 'host-reads-backups', step: `ListBucket ${name}`, expect: 'allow', action: 's3:ListBucket', resource: b.arn,
        context: bctx, resourcePolicy: b.policy, resourcePolicyAddress: b.policyAddress, bpa: b.bpa })
      const key = keyOf(m, b.kms)
      if (key) {
        const ctx = { ...roleCtx(role, region), ...kmsContext(key, { 'kms:ViaService': `s3.${region}.amazonaws.com`,
          'kms:EncryptionContext:aws:s3:arn': b.bucketKey ? b.arn : obj, 'kms:EncryptionContextKeys': ['aws:s3:arn'] }) }
        add({ ...base, path: 'host-writes-backups', step: `S3 asks for a data key (kms:GenerateDataKey) for ${name}`, expect: 'allow', action: 'kms:GenerateDataKey',
          resource: key.arn, context: ctx, resourcePolicy: key.policy, resourcePolicyAddress: key.address })
        add({ ...base, path: 'host-reads-backups', step: `S3 decrypts (kms:Decrypt) an object of ${name}`, expect: 'allow', action: 'kms:Decrypt',
          resource: key.arn, context: ctx, resourcePolicy: key.policy, resourcePolicyAddress: key.address })
      }
      for (const action of ['s3:DeleteObjectVersion', 's3:PutBucketVersioning', 's3:PutLifecycleConfiguration', 's3:DeleteBucketPolicy']) {
        const resource = action === 's3:DeleteObjectVersion' ? obj : b.arn
        add({ ...base, path: 'host-cannot-destroy-backups', step: `${action} on ${name}`, expect: 'deny', action, resource, context: bctx,
          resourcePolicy: b.policy, resourcePolicyAddress: b.policyAddress, bpa: b.bpa })
      }
    }

    // Logs: the groups the hosts' policy names (the container logs, written by Docker's awslogs driver).
    const groupArns = role.policies.filter((p) => !p.managed).flatMap((p) => statements(p.policy))
      .filter((s) => [].concat(s.Action ?? []).some((a) => a.startsWith('logs:')))
      .flatMap((s) => [].concat(s.Resource ?? []))
    for (const g of m.logGroups.filter((lg) => groupArns.includes(lg.arn))) {
      const stream = `${g.arn}:log-stream:${INSTANCE}`
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        add({ ...base, path: 'host-writes-logs', step: `${action} into ${g.name}`, expect: 'allow', action, resource: stream, context: roleCtx(role, region), resourcePolicy: null })
      }
    }

    // Session Manager (docs/runbook.md: shell access without SSH): what the SSM agent calls.
    {
      for (const [action, resource] of [['ssm:UpdateInstanceInformation', `arn:aws:ec2:${region}:${account}:instance/${INSTANCE}`],
        ['ssmmessages:CreateControlChannel', '*'], ['ssmmessages:OpenDataChannel', '*'], ['ec2messages:GetMessages', '*']]) {
        add({ ...base, path: 'host-managed-by-ssm', step: action, expect: 'allow', action, resource, context: roleCtx(role, region), resourcePolicy: null })
      }
    }

    // Another environment's secret, bucket and key: refused, even in the same account.
    for (const o of others) {
      for (const sec of o.secrets) {
        add({ ...base, path: 'cross-environment-denied', step: `${m.environment} hosts read ${o.environment}'s secret ${sec.name}`, expect: 'deny',
          action: 'secretsmanager:GetSecretValue', resource: sec.arn,
          context: { ...roleCtx(role, sec.region), ...Object.fromEntries(Object.entries(sec.tags).map(([k, v]) => [`secretsmanager:ResourceTag/${k}`, v])) }, resourcePolicy: null })
      }
      for (const b of Object.values(o.buckets)) {
        for (const action of ['s3:GetObject', 's3:PutObject']) {
          add({ ...base, path: 'cross-environment-denied', step: `${m.environment} hosts ${action} in ${o.environment}'s ${b.bucket}`, expect: 'deny',
            action, resource: `${b.arn}/x`, context: roleCtx(role, b.region), resourcePolicy: b.policy, resourcePolicyAddress: b.policyAddress, bpa: b.bpa })
        }
      }
      for (const k of Object.values(o.keys)) {
        add({ ...base, path: 'cross-environment-denied', step: `${m.environment} hosts kms:Decrypt with ${o.environment}'s key ${k.address}`, expect: 'deny',
          action: 'kms:Decrypt', resource: k.arn, context: { ...roleCtx(role, k.region), ...kmsContext(k, {}) },
          resourcePolicy: k.policy, resourcePolicyAddress: k.address })
        // Through a service, a key policy that trusts the account's principals via that service admits it: what
        // stops it is the service's own hop (the bucket, the secret), checked above. Shown, not judged (docs/iam.md).
        for (const via of ['s3', 'secretsmanager']) {
          add({ ...base, path: 'cross-environment-via-service', step: `${m.environment} hosts kms:Decrypt with ${o.environment}'s key ${k.address} via ${via}`, expect: 'info',
            action: 'kms:Decrypt', resource: k.arn, context: { ...roleCtx(role, k.region), ...kmsContext(k, { 'kms:ViaService': `${via}.${k.region}.amazonaws.com` }) },
            resourcePolicy: k.policy, resourcePolicyAddress: k.address })
        }
      }
    }
  }

  // CloudWatch Logs encrypting every encrypted log group (flow logs, containers, RDS log exports) with its key.
  for (const g of m.logGroups.filter((lg) => lg.kms)) {
    const key = keyOf(m, g.kms)
    const principal = `logs.${g.region}.amazonaws.com`
    if (!key) {
      add({ path: 'logs-encrypts-log-group', step: `${g.name}: its key ${g.kms} is not in this environment's stacks`, expect: 'allow', address: g.address, missing: true })
      continue
    }
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      add({ path: 'logs-encrypts-log-group', step: `${principal} ${action} for ${g.name}`, expect: 'allow', principal, identity: [], action, resource: key.arn,
        context: { 'kms:EncryptionContext:aws:logs:arn': g.arn, 'kms:EncryptionContextKeys': ['aws:logs:arn'], ...tls },
        resourcePolicy: key.policy, resourcePolicyAddress: key.address, address: g.address })
    }
  }

  // VPC flow logs: the service assumes the role, the role writes into the group.
  for (const fl of m.flowLogs.filter((f) => f.type === 'cloud-watch-logs')) {
    const role = m.roles.find((x) => x.arn === fl.role)
    if (!role) {
      add({ path: 'flow-logs-delivery', step: `the role ${fl.role} is not in this environment's stacks`, expect: 'allow', address: fl.address, missing: true })
      continue
    }
    add({ path: 'flow-logs-delivery', step: 'vpc-flow-logs.amazonaws.com assumes the flow-logs role', expect: 'allow', principal: 'vpc-flow-logs.amazonaws.com', identity: [],
      action: 'sts:AssumeRole', resource: role.arn, context: { 'aws:SourceAccount': account, 'aws:SourceArn': fl.arn, ...tls }, resourcePolicy: role.trust, resourcePolicyAddress: role.address, address: role.address })
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams']) {
      const resource = action === 'logs:DescribeLogStreams' ? fl.destination : `${fl.destination}:log-stream:eni-0123456789abcdef0-all`
      add({ path: 'flow-logs-delivery', step: `the flow-logs role ${action}`, expect: 'allow', principal: `arn:aws:sts::${account}:assumed-role/${role.name}/flow-logs`,
        identity: role.policies, action, resource, context: { 'aws:PrincipalArn': role.arn, ...tls }, resourcePolicy: null, address: role.policies[0]?.address ?? role.address })
    }
  }

  // CloudWatch alarms publishing to the encrypted alert topic.
  for (const t of m.topics) {
    const alarm = `arn:aws:cloudwatch:${t.region}:${account}:alarm:${m.environment}-alarm`
    add({ path: 'alarms-publish', step: `cloudwatch.amazonaws.com sns:Publish to ${t.name}` + (t.policy ? '' : ' (SNS\'s default topic policy: the stacks set none)'),
      expect: 'allow', principal: 'cloudwatch.amazonaws.com', identity: [], action: 'sns:Publish', resource: t.arn,
      context: { 'aws:SourceAccount': account, 'aws:SourceArn': alarm, 'AWS:SourceOwner': account, ...tls }, resourcePolicy: t.effectivePolicy,
      resourcePolicyAddress: t.policyAddress ?? t.address, address: t.address, sourceOwner: true })
    const key = keyOf(m, t.kms)
    if (t.kms && !key) {
      add({ path: 'alarms-publish', step: `${t.name}: its key ${t.kms} is not in this environment's stacks (an AWS-managed alias/aws/sns key cannot be used by CloudWatch)`, expect: 'allow', address: t.address, missing: true })
    }
    if (key) {
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
        add({ path: 'alarms-publish', step: `cloudwatch.amazonaws.com ${action} with ${t.name}'s key`, expect: 'allow', principal: 'cloudwatch.amazonaws.com', identity: [],
          action, resource: key.arn, context: { 'aws:SourceAccount': account, 'aws:SourceArn': alarm, 'kms:EncryptionContext:aws:sns:topicArn': t.arn, ...tls },
          resourcePolicy: key.policy, resourcePolicyAddress: key.address, address: key.address })
      }
    }
  }

  // Load balancer access logs into their bucket.
  for (const alb of m.albs) {
    const b = m.buckets[alb.bucket]
    if (!b) {
      add({ path: 'alb-access-logs-delivery', step: `bucket ${alb.bucket} is not in this environment's stacks`, expect: 'allow', address: alb.address, missing: true })
      continue
    }
    const key = `${b.arn}/${alb.prefix ? alb.prefix + '/' : ''}AWSLogs/${account}/elasticloadbalancing/${alb.region}/2026/12/04/log.gz`
    const elb = ELB(alb.region)
    add({ path: 'alb-access-logs-delivery', step: `${elb.principal} s3:PutObject into ${b.bucket}`, expect: 'allow', principal: elb.principal, identity: elb.identity,
      action: 's3:PutObject', resource: key, context: { 'aws:SourceAccount': account, ...tls }, resourcePolicy: b.policy, resourcePolicyAddress: b.policyAddress,
      bpa: b.bpa, address: b.policyAddress ?? b.address, httpVariant: true })
    if (b.kms && b.kms !== 'aws/s3') {
      add({ path: 'alb-access-logs-delivery', step: `${b.bucket} is encrypted with a KMS key: ALB access logs support only SSE-S3`, expect: 'allow', address: b.address, missing: true })
    }
  }

  // S3 server access logs into their target bucket.
  for (const src of Object.values(m.buckets)) {
    for (const lg of src.logging) {
      const t = m.buckets[lg.target]
      if (!t) {
        add({ path: 's3-access-logs-delivery', step: `target bucket ${lg.target} is not in this environment's stacks`, expect: 'allow', address: lg.address, missing: true })
        continue
      }
      add({ path: 's3-access-logs-delivery', step: `logging.s3.amazonaws.com s3:PutObject into ${t.bucket} for ${src.bucket}`, expect: 'allow',
        principal: 'logging.s3.amazonaws.com', identity: [], action: 's3:PutObject', resource: `${t.arn}/${lg.prefix}2026-12-04-00-00-00-0123456789ABCDEF`,
        context: { 'aws:SourceArn': src.arn, 'aws:SourceAccount': account, ...tls }, resourcePolicy: t.policy, resourcePolicyAddress: t.policyAddress,
        bpa: t.bpa, address: t.policyAddress ?? t.address, httpVariant: true })
    }
  }

  // S3 replication across regions and keys.
  for (const rep of m.replications) {
    const role = m.roles.find((x) => x.arn === rep.role)
    const src = m.buckets[rep.bucket]
    if (!role || !src) {
      add({ path: 's3-replication', step: `role ${rep.role} or bucket ${rep.bucket} is not in this environment's stacks`, expect: 'allow', address: rep.address, missing: true })
      continue
    }
    add({ path: 's3-replication', step: 's3.amazonaws.com assumes the replication role', expect: 'allow', principal: 's3.amazonaws.com', identity: [],
      action: 'sts:AssumeRole', resource: role.arn, context: { 'aws:SourceAccount': account, 'aws:SourceArn': src.arn, ...tls }, resourcePolicy: role.trust, resourcePolicyAddress: role.address, address: role.address })
    const P = `arn:aws:sts::${account}:assumed-role/${role.name}/s3-replication`
    const rbase = { principal: P, identity: role.policies, address: role.policies[0]?.address ?? role.address }
    const rctx = (region) => ({ 'aws:PrincipalArn': role.arn, 'aws:PrincipalAccount': account, 'aws:RequestedRegion': region, ...tls })
    const obj = `${src.arn}/postgres/backup.dump`
    for (const [action, resource] of [['s3:GetReplicationConfiguration', src.arn], ['s3:ListBucket', src.arn], ['s3:GetObjectVersionForReplication', obj],
      ['s3:GetObjectVersionAcl', obj], ['s3:GetObjectVersionTagging', obj]]) {
      add({ ...rbase, path: 's3-replication', step: `${action} on the source ${src.bucket}`, expect: 'allow', action, resource, context: rctx(src.region),
        resourcePolicy: src.policy, resourcePolicyAddress: src.policyAddress, bpa: src.bpa })
    }
    const srcKey = keyOf(m, src.kms)
    if (srcKey) {
      add({ ...rbase, path: 's3-replication', step: `kms:Decrypt with the source key via s3.${src.region}`, expect: 'allow', action: 'kms:Decrypt', resource: srcKey.arn,
        context: { ...rctx(src.region), ...kmsContext(srcKey, { 'kms:ViaService': `s3.${src.region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': src.bucketKey ? src.arn : obj }) },
        resourcePolicy: srcKey.policy, resourcePolicyAddress: srcKey.address })
    }
    for (const rule of [].concat(rep.rule ?? []).filter((x) => x.status === 'Enabled')) {
      const destArn = rule.destination?.bucket
      const dest = Object.values(m.buckets).find((b) => b.arn === destArn)
      if (!dest) {
        add({ path: 's3-replication', step: `destination ${destArn} is not in this environment's stacks`, expect: 'allow', address: rep.address, missing: true })
        continue
      }
      const dobj = `${dest.arn}/postgres/backup.dump`
      const actions = ['s3:ReplicateObject', 's3:ReplicateTags'].concat(rule.delete_marker_replication?.status === 'Enabled' ? ['s3:ReplicateDelete'] : [])
      for (const action of actions) {
        add({ ...rbase, path: 's3-replication', step: `${action} into ${dest.bucket}`, expect: 'allow', action, resource: dobj,
          context: { ...rctx(dest.region), 's3:x-amz-server-side-encryption': 'aws:kms' }, resourcePolicy: dest.policy, resourcePolicyAddress: dest.policyAddress, bpa: dest.bpa, httpVariant: true })
      }
      const destKeyRef = rule.destination?.encryption_configuration?.replica_kms_key_id
      const destKey = keyOf(m, destKeyRef)
      if (destKeyRef && !destKey) {
        add({ path: 's3-replication', step: `replica key ${destKeyRef} is not in this environment's stacks`, expect: 'allow', address: rep.address, missing: true })
      }
      if (destKey) {
        for (const action of ['kms:Encrypt', 'kms:GenerateDataKey']) {
          add({ ...rbase, path: 's3-replication', step: `${action} with the destination key via s3.${dest.region}`, expect: 'allow', action, resource: destKey.arn,
            context: { ...rctx(dest.region), ...kmsContext(destKey, { 'kms:ViaService': `s3.${dest.region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': dest.bucketKey ? dest.arn : dobj }) },
            resourcePolicy: destKey.policy, resourcePolicyAddress: destKey.address })
        }
      }
    }
  }

  // RDS enhanced monitoring.
  // The roles the databases name as monitoring_role_arn.
  for (const role of m.roles.filter((r) => m.databases.some((d) => d.monitoring === r.arn))) {
    add({ path: 'rds-enhanced-monitoring', step: 'monitoring.rds.amazonaws.com assumes the monitoring role', expect: 'allow', principal: 'monitoring.rds.amazonaws.com', identity: [],
      action: 'sts:AssumeRole', resource: role.arn, context: { 'aws:SourceAccount': account, ...tls }, resourcePolicy: role.trust, resourcePolicyAddress: role.address, address: role.address })
    const P = `arn:aws:sts::${account}:assumed-role/${role.name}/rds-monitoring`
    const group = `arn:aws:logs:${role.region}:${account}:log-group:RDSOSMetrics`
    for (const [action, resource] of [['logs:CreateLogGroup', group], ['logs:PutRetentionPolicy', group], ['logs:CreateLogStream', `${group}:log-stream:db-EXAMPLE`],
      ['logs:PutLogEvents', `${group}:log-stream:db-EXAMPLE`]]) {
      add({ path: 'rds-enhanced-monitoring', step: `the monitoring role ${action}`, expect: 'allow', principal: P, identity: role.policies, action, resource,
        context: { 'aws:PrincipalArn': role.arn, ...tls }, resourcePolicy: null, address: role.policies[0]?.address ?? role.address })
    }
  }

  // Nobody without credentials reads or writes any bucket.
  for (const b of Object.values(m.buckets)) {
    for (const [action, resource] of [['s3:GetObject', `${b.arn}/x`], ['s3:PutObject', `${b.arn}/x`], ['s3:ListBucket', b.arn]]) {
      add({ path: 'anonymous-denied', step: `anonymous ${action} on ${b.bucket}`, expect: 'deny', principal: 'anonymous', identity: [], action, resource,
        context: { ...tls }, resourcePolicy: b.policy, resourcePolicyAddress: b.policyAddress, bpa: b.bpa, address: b.policyAddress ?? b.address })
    }
  }

  // Plain HTTP: every allowed S3 request, repeated without TLS, is refused by the bucket policy.
  for (const req of out.filter((x) => x.httpVariant && x.expect === 'allow')) {
    out.push({ ...req, path: 'plain-http-denied', step: `${req.step}, over plain HTTP`, expect: 'deny', httpVariant: false,
      context: { ...req.context, 'aws:SecureTransport': 'false' }, address: req.resourcePolicyAddress ?? req.address })
  }
  return out
}

/** Who delivers a region's load balancer access logs, and the delivering account's own (AWS's) permission. */
function ELB(region) {
  const acct = ELB_ACCOUNTS_FOR[region]
  const own = [{ name: 'AWS side (not ours): the delivering account may write S3', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] } }]
  return acct ? { principal: `arn:aws:iam::${acct}:root`, identity: own } : { principal: 'logdelivery.elasticloadbalancing.amazonaws.com', identity: [] }
}

import { ELB_ACCOUNTS as ELB_ACCOUNTS_FOR } from './resolve.mjs'

export function statements(doc) {
  return doc ? [].concat(doc.Statement ?? []) : []
}
