// Resolves the Terraform references in opsstack's synthesized JSON (cdktf.out/stacks/*/cdk.tf.json) to concrete
// values, as they would be after an apply in one fake account: ARNs, names, ids. Deterministic: the same input gives
// the same values (generated ids are hashes of the stack and resource name). Only what the IAM matrix needs is
// modelled; an unknown reference throws, naming it, so a new kind of reference is never silently read as "".
import { createHash } from 'node:crypto'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

export const ACCOUNT = '123456789012'

// The regional Elastic Load Balancing accounts of AWS's "Enable access logs for your Application Load Balancer"
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html), the value the
// data source aws_elb_service_account returns. Regions opened after August 2022 have no such account: their log
// delivery is the service principal logdelivery.elasticloadbalancing.amazonaws.com.
export const ELB_ACCOUNTS = {
  'us-east-1': '127311923021', 'us-east-2': '033677994240', 'us-west-1': '027434742980',
  'us-west-2': '797873946194', 'af-south-1': '098369216593', 'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580', 'ap-south-1': '718504428378', 'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887', 'ap-southeast-1': '114774131450', 'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864', 'ca-central-1': '985666609251', 'eu-central-1': '054676820928',
  'eu-west-1': '156460612806', 'eu-west-2': '652711504416', 'eu-south-1': '635631232127',
  'eu-west-3': '009996457667', 'eu-north-1': '897822967062', 'me-south-1': '076674570225',
  'sa-east-1': '507241528517'
}

function hash(...parts) {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

function uuid(...parts) {
  const h = hash(...parts)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/** The 6-character suffix Secrets Manager appends to a secret's name in its ARN. */
function secretSuffix(...parts) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  const h = hash(...parts)
  let out = ''
  for (let i = 0; i < 6; i++) out += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alphabet.length]
  return out
}

/** One synthesized stack: its region, resources and data sources, and the construct address of each. */
export class Stack {
  constructor(id, json) {
    this.id = id
    this.json = json
    const aws = [].concat(json.provider?.aws ?? [])
    this.region = aws.find((p) => !p.alias)?.region ?? aws[0]?.region ?? null
    this.resources = json.resource ?? {}
    this.data = json.data ?? {}
    this.outputs = json.output ?? {}
  }

  /** Every resource as {type, name, body, address}. */
  all() {
    const out = []
    for (const [type, group] of Object.entries(this.resources)) {
      for (const [name, body] of Object.entries(group)) out.push({ type, name, body, address: this.address(body, name) })
    }
    return out
  }

  of(type) {
    return this.all().filter((r) => r.type === type)
  }

  address(body, name) {
    const path = body?.['//']?.metadata?.path
    return this.id + '/' + (path ? path.replace(/^[^/]+\//, '') : name)
  }
}

/** The stacks of one synth output directory, by id. */
export function loadStacks(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
  const stacks = {}
  for (const [id, entry] of Object.entries(manifest.stacks ?? {})) {
    const file = join(dir, entry.synthesizedStackPath)
    if (existsSync(file)) stacks[id] = new Stack(id, JSON.parse(readFileSync(file, 'utf8')))
  }
  let environments = {}
  const contents = join(dir, 'opsstack.json')
  if (existsSync(contents)) {
    environments = JSON.parse(readFileSync(contents, 'utf8')).environments ?? {}
  } else {
    for (const id of Object.keys(stacks)) {
      const env = id.replace(/-(dr-)?(network|data|app)$/, '')
      ;(environments[env] ??= []).push(id)
    }
  }
  return { stacks, environments }
}

/** Resolves expressions against every stack of one synth output (remote state reads another stack's outputs). */
export class Resolver {
  constructor(stacks, account = ACCOUNT) {
    this.stacks = stacks
    this.account = account
  }

  /** Resolves every "${...}" in a string (a whole-string reference keeps its type: a list stays a list). */
  string(stack, value) {
    if (typeof value !== 'string') return value
    const whole = value.match(/^\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}$/)
    if (whole && !value.slice(2, -1).includes('${')) return this.expr(stack, whole[1])
    return value.replace(/\$\{([^{}]*)\}/g, (_, e) => {
      const v = this.expr(stack, e)
      if (typeof v !== 'string' && typeof v !== 'number') {
        throw new Error(`${stack.id}: \${${e}} is not a string (${JSON.stringify(v)})`)
      }
      return String(v)
    })
  }

  /** Deep-resolves a JSON value. */
  deep(stack, value) {
    if (typeof value === 'string') return this.string(stack, value)
    if (Array.isArray(value)) return value.map((v) => this.deep(stack, v))
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, this.deep(stack, v)]))
    }
    return value
  }

  /** A policy document held as a JSON string with references in it. */
  policy(stack, value) {
    if (value === undefined || value === null) return null
    const text = typeof value === 'string' ? this.string(stack, value) : JSON.stringify(this.deep(stack, value))
    return typeof text === 'string' ? JSON.parse(text) : text
  }

  expr(stack, e) {
    e = e.trim()
    const one = e.match(/^one\((.*)\)$/)
    if (one) {
      const v = this.expr(stack, one[1])
      if (!Array.isArray(v)) return v
      if (v.length > 1) throw new Error(`${stack.id}: one() of ${v.length} values in \${${e}}`)
      return v.length ? v[0] : null
    }
    if (e === 'terraform.workspace') return 'default'
    const parts = e.split('.')
    let value
    let rest
    if (parts[0] === 'data') {
      value = this.dataAttr(stack, parts[1], parts[2], parts.slice(3))
      rest = []
    } else {
      const [type, name] = parts
      const spec = stack.resources[type]?.[name]
      if (!spec) throw new Error(`${stack.id}: unknown reference \${${e}}`)
      value = this.resource(stack, type, name)
      rest = parts.slice(2)
    }
    return walk(value, rest, `${stack.id}: \${${e}}`)
  }

  dataAttr(stack, type, name, rest) {
    const spec = stack.data[type]?.[name]
    if (!spec) throw new Error(`${stack.id}: unknown data source data.${type}.${name}`)
    switch (type) {
      case 'aws_caller_identity':
        return walk({ account_id: this.account, arn: `arn:aws:iam::${this.account}:root` }, rest, type)
      case 'aws_partition':
        return walk({ partition: 'aws', dns_suffix: 'amazonaws.com' }, rest, type)
      case 'aws_region':
        return walk({ name: stack.region, id: stack.region }, rest, type)
      case 'aws_elb_service_account': {
        const acct = ELB_ACCOUNTS[spec.region ?? stack.region]
        if (!acct) throw new Error(`${stack.id}: no regional ELB account for ${stack.region} (a region opened after`
          + ` August 2022 delivers as logdelivery.elasticloadbalancing.amazonaws.com)`)
        return walk({ id: acct, arn: `arn:aws:iam::${acct}:root` }, rest, type)
      }
      case 'terraform_remote_state': {
        if (rest[0] !== 'outputs') throw new Error(`${stack.id}: remote state ${name}.${rest.join('.')}`)
        const other = this.remoteStack(stack, name, spec)
        const outName = rest[1].replace(/\[[^\]]*\]$/, '')
        const output = other.outputs[outName]
        if (!output) throw new Error(`${stack.id}: ${other.id} has no output ${outName}`)
        const tail = rest[1] === outName ? rest.slice(2) : ['' + rest[1].slice(outName.length), ...rest.slice(2)]
        return walk(this.deep(other, output.value), tail, `${stack.id}: ${name}.${rest.join('.')}`)
      }
      default:
        throw new Error(`${stack.id}: data source type ${type} is not modelled (data.${type}.${name})`)
    }
  }

  remoteStack(stack, name, spec) {
    const byName = name.replace(/^cross-stack-reference-input-/, '')
    if (this.stacks[byName]) return this.stacks[byName]
    const key = spec.config?.key ?? spec.config?.path ?? ''
    const file = key.split('/').pop().replace(/\.tfstate$/, '')
    if (this.stacks[file]) return this.stacks[file]
    throw new Error(`${stack.id}: remote state ${name} names no stack of this output`)
  }

  /** The attributes of one resource after apply. */
  resource(stack, type, name) {
    const body = stack.resources[type][name]
    const s = (v) => this.string(stack, v)
    const acct = this.account
    const region = stack.region
    switch (type) {
      case 'aws_s3_bucket': {
        const bucket = s(body.bucket)
        return { bucket, id: bucket, arn: `arn:aws:s3:::${bucket}` }
      }
      case 'aws_s3_bucket_policy':
      case 'aws_s3_bucket_logging':
      case 'aws_s3_bucket_versioning':
      case 'aws_s3_bucket_server_side_encryption_configuration':
      case 'aws_s3_bucket_public_access_block': {
        const bucket = s(body.bucket)
        return { bucket, id: bucket }
      }
      case 'aws_kms_key': {
        const id = uuid(stack.id, type, name)
        return { key_id: id, id, arn: `arn:aws:kms:${region}:${acct}:key/${id}` }
      }
      case 'aws_kms_alias': {
        const n = s(body.name)
        return { name: n, id: n, arn: `arn:aws:kms:${region}:${acct}:${n}` }
      }
      case 'aws_iam_role': {
        const n = s(body.name)
        return { name: n, id: n, arn: `arn:aws:iam::${acct}:role/${n}`, unique_id: 'AROA' + hash(n).slice(0, 17).toUpperCase() }
      }
      case 'aws_iam_policy': {
        const n = s(body.name)
        return { name: n, id: `arn:aws:iam::${acct}:policy/${n}`, arn: `arn:aws:iam::${acct}:policy/${n}` }
      }
      case 'aws_iam_instance_profile': {
        const n = s(body.name)
        return { name: n, id: n, arn: `arn:aws:iam::${acct}:instance-profile/${n}` }
      }
      case 'aws_cloudwatch_log_group': {
        const n = s(body.name)
        // The provider's arn has no trailing ":*" (provider v4+).
        return { name: n, id: n, arn: `arn:aws:logs:${region}:${acct}:log-group:${n}` }
      }
      case 'aws_sns_topic': {
        const n = s(body.name)
        const arn = `arn:aws:sns:${region}:${acct}:${n}`
        return { name: n, id: arn, arn }
      }
      case 'aws_db_instance': {
        const identifier = s(body.identifier)
        const arn = `arn:aws:rds:${region}:${acct}:db:${identifier}`
        const out = { identifier, id: identifier, arn, resource_id: 'db-' + hash(identifier).slice(0, 26).toUpperCase() }
        if (body.manage_master_user_password === true) {
          out.master_user_secret = [{
            secret_arn: `arn:aws:secretsmanager:${region}:${acct}:secret:rds!db-${uuid(stack.id, name, 'secret')}-`
              + secretSuffix(stack.id, name),
            kms_key_id: body.master_user_secret_kms_key_id ? s(body.master_user_secret_kms_key_id) : null,
            secret_status: 'active'
          }]
        } else {
          out.master_user_secret = []
        }
        return out
      }
      case 'aws_secretsmanager_secret': {
        const n = s(body.name)
        const arn = `arn:aws:secretsmanager:${region}:${acct}:secret:${n}-${secretSuffix(stack.id, name)}`
        return { name: n, id: arn, arn }
      }
      case 'aws_vpc':
        return { id: 'vpc-' + hash(stack.id, name).slice(0, 17) }
      case 'aws_flow_log': {
        const id = 'fl-' + hash(stack.id, name).slice(0, 17)
        return { id, arn: `arn:aws:ec2:${region}:${acct}:vpc-flow-log/${id}` }
      }
      default:
        return { id: `${type}-${hash(stack.id, name).slice(0, 12)}` }
    }
  }
}

function walk(value, rest, what) {
  for (let part of rest) {
    const splat = part === '*' || part.endsWith('[*]')
    const idx = part.match(/^(.*)\[(\d+)\]$/)
    if (idx) {
      value = walk(value, idx[1] ? [idx[1]] : [], what)
      value = Array.isArray(value) ? value[Number(idx[2])] : undefined
    } else if (splat) {
      const key = part.replace(/\[\*\]$/, '')
      value = key ? value?.[key] : value
      value = Array.isArray(value) ? value : value == null ? [] : [value]
      value = { __splat: value }
    } else if (value && value.__splat) {
      value = value.__splat.map((v) => v?.[part])
    } else {
      value = value?.[part]
    }
    if (value === undefined) throw new Error(`${what}: no attribute ${part}`)
  }
  return value && value.__splat ? value.__splat : value
}
