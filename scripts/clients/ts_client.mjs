#!/usr/bin/env node
// Drive an MCP server with the official TypeScript SDK client (@modelcontextprotocol/client, v2, pinned by
// setup.sh) and print a JSON summary. Same command line and summary as python_client.py:
//
//   node ts_client.mjs --era modern|legacy|auto [--list] [--call NAME [--args JSON]] [--elicit accept|decline|cancel]
//                      (--url URL [--header 'Name: value']... | --stdio [--env K=V]... -- COMMAND ARGS...)
//
// Eras map to the SDK's versionNegotiation: modern = { pin: '2026-07-28' } (server/discover at connect, no
// fallback), legacy = 'legacy' (the SDK default: initialize handshake), auto = 'auto' (probe, fall back to
// initialize; on stdio the SDK probes on a short-lived second process spawned from the same command).
// The SDK is loaded from $OPENAPI_MCP_TS_CLIENT_DIR, else from the cache directory setup.sh installs into
// (${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/clients/ts-client-<version in versions.env>).
// --no-discover is accepted for symmetry and ignored: a pinned TypeScript client always sends server/discover.
// Exit code 0 when ok, 1 on a failure (the summary still printed), 2 on bad usage.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const TS_CLIENT_VERSION = readFileSync(new URL('./versions.env', import.meta.url), 'utf8')
  .match(/^TS_CLIENT_VERSION=(\S+)$/m)?.[1];
const CLIENT_NAME = 'openapi-mcp-ts-harness';

function usage(message) {
  process.stderr.write(`ts_client.mjs: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const split = argv.indexOf('--');
  const command = split >= 0 ? argv.slice(split + 1) : [];
  const opts = { era: 'auto', header: [], env: [], list: false, fullTools: false, noDiscover: false, timeout: 60 };
  const rest = split >= 0 ? argv.slice(0, split) : argv;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      if (i + 1 >= rest.length) usage(`${arg} needs a value`);
      return rest[++i];
    };
    switch (arg) {
      case '--era': opts.era = value(); break;
      case '--url': opts.url = value(); break;
      case '--stdio': opts.stdio = true; break;
      case '--header': opts.header.push(value()); break;
      case '--env': opts.env.push(value()); break;
      case '--list': opts.list = true; break;
      case '--full-tools': opts.fullTools = true; break;
      case '--call': opts.call = value(); break;
      case '--args': opts.args = value(); break;
      case '--elicit': opts.elicit = value(); break;
      case '--elicit-content': opts.elicitContent = value(); break;
      case '--no-discover': opts.noDiscover = true; break;
      case '--timeout': opts.timeout = Number(value()); break;
      case '-h': case '--help':
        process.stdout.write('See the header of scripts/clients/ts_client.mjs and python_client.py.\n');
        process.exit(0);
      default: usage(`unknown argument ${arg}`);
    }
  }
  if (!['modern', 'legacy', 'auto'].includes(opts.era)) usage('--era must be modern, legacy or auto');
  if (!!opts.url === !!opts.stdio) usage('give exactly one of --url URL or --stdio -- COMMAND');
  if (opts.stdio && command.length === 0) usage('--stdio needs the server command after --');
  if (opts.elicit && !['accept', 'decline', 'cancel'].includes(opts.elicit)) usage('--elicit must be accept, decline or cancel');
  try {
    opts.arguments = JSON.parse(opts.args ?? '{}');
    opts.content = opts.elicitContent ? JSON.parse(opts.elicitContent) : undefined;
  } catch (e) {
    usage(`--args / --elicit-content must be JSON: ${e.message}`);
  }
  if (typeof opts.arguments !== 'object' || opts.arguments === null || Array.isArray(opts.arguments)) {
    usage('--args must be a JSON object');
  }
  opts.command = command;
  return opts;
}

function sdkDir() {
  if (process.env.OPENAPI_MCP_TS_CLIENT_DIR) return process.env.OPENAPI_MCP_TS_CLIENT_DIR;
  const cache = process.env.OPENAPI_MCP_CACHE
    ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'openapi-mcp');
  return join(cache, 'clients', `ts-client-${TS_CLIENT_VERSION}`);
}

async function loadSdk() {
  const dir = sdkDir();
  if (!existsSync(join(dir, 'node_modules', '@modelcontextprotocol', 'client'))) {
    usage(`@modelcontextprotocol/client is not installed in ${dir}; run scripts/clients/setup.sh first`);
  }
  const require = createRequire(join(dir, 'package.json'));
  const load = (id) => import(pathToFileURL(require.resolve(id)).href);
  const main = await load('@modelcontextprotocol/client');
  const stdio = await load('@modelcontextprotocol/client/stdio');
  const pkgPath = join(dir, 'node_modules', '@modelcontextprotocol', 'client', 'package.json');
  const { version } = JSON.parse(readFileSync(pkgPath, 'utf8'));
  return { ...main, ...stdio, version };
}

// A form answer built from the requested schema: defaults first, then a plausible value per type; booleans are
// `true` (an accepted confirmation form says yes).
function fillForm(schema) {
  const content = {};
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    let value;
    if (prop.type === 'boolean') value = true;
    else if ('default' in prop) value = prop.default;
    else if (prop.enum) value = prop.enum[0];
    else if (prop.oneOf) value = prop.oneOf[0]?.const;
    else if (prop.type === 'number' || prop.type === 'integer') value = prop.minimum ?? 0;
    else if (prop.type === 'array') value = [];
    else value = 'yes';
    content[name] = value;
  }
  return content;
}

function describe(error) {
  const info = { type: error?.constructor?.name ?? typeof error, message: String(error?.message ?? error) };
  if (typeof error?.code === 'number') info.code = error.code;
  else if (error?.code !== undefined) info.sdkCode = error.code;
  if (error?.data !== undefined) info.data = error.data;
  return info;
}

async function run(opts, summary) {
  const sdk = await loadSdk();
  summary.client.version = sdk.version;
  const started = performance.now();
  const timings = (summary.timingsMs = {});
  const mark = (name) => { timings[name] = Math.round(performance.now() - started); };
  const elicitations = [];
  const mode = { modern: { pin: '2026-07-28' }, legacy: 'legacy', auto: 'auto' }[opts.era];
  const capabilities = opts.elicit ? { elicitation: { form: {}, url: {} } } : {};
  const client = new sdk.Client({ name: CLIENT_NAME, version: '1' }, { capabilities, versionNegotiation: { mode } });
  if (opts.elicit) {
    client.setRequestHandler('elicitation/create', async (request) => {
      const params = request.params;
      let answer;
      if (opts.elicit === 'accept') {
        answer = { action: 'accept' };
        if ((params.mode ?? 'form') === 'form') answer.content = opts.content ?? fillForm(params.requestedSchema);
      } else {
        answer = { action: opts.elicit };
      }
      elicitations.push({ request: params, answer });
      return answer;
    });
  }
  let transport;
  if (opts.stdio) {
    const env = { ...process.env };
    for (const kv of opts.env) {
      const at = kv.indexOf('=');
      env[kv.slice(0, at)] = kv.slice(at + 1);
    }
    transport = new sdk.StdioClientTransport({ command: opts.command[0], args: opts.command.slice(1), env, stderr: 'inherit' });
    summary.transport = 'stdio';
  } else {
    const headers = {};
    for (const h of opts.header) {
      const at = h.indexOf(':');
      headers[h.slice(0, at).trim()] = h.slice(at + 1).trim();
    }
    transport = new sdk.StreamableHTTPClientTransport(new URL(opts.url), { requestInit: { headers } });
    summary.transport = 'http';
  }
  try {
    await client.connect(transport);
    mark('connected');
    summary.protocolVersion = client.getNegotiatedProtocolVersion();
    summary.era = client.getDiscoverResult() ? 'modern' : 'legacy';
    summary.discover = client.getDiscoverResult() ?? null;
    summary.serverInfo = client.getServerVersion() ?? null;
    summary.capabilities = client.getServerCapabilities() ?? null;
    if (opts.list || opts.fullTools) {
      const listed = await client.listTools();
      summary.tools = opts.fullTools ? listed.tools : listed.tools.map((t) => t.name);
      const { tools, ...extras } = listed;
      summary.toolsListExtras = extras;
      mark('listed');
    }
    if (opts.call) {
      summary.call = { name: opts.call, arguments: opts.arguments };
      try {
        summary.call.result = await client.callTool({ name: opts.call, arguments: opts.arguments });
      } finally {
        summary.elicitations = elicitations;
      }
      mark('called');
    }
  } finally {
    await client.close().catch(() => {});
    mark('closed');
  }
  summary.ok = true;
}

const opts = parseArgs(process.argv.slice(2));
const summary = { client: { name: 'typescript-mcp-client', version: null }, requestedEra: opts.era, ok: false };
let timer;
try {
  await Promise.race([
    run(opts, summary),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${opts.timeout} s`)), opts.timeout * 1000);
    }),
  ]);
} catch (error) {
  summary.error = describe(error);
  if (process.env.HARNESS_DEBUG) console.error(error);
} finally {
  clearTimeout(timer);
}
process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
process.exit(summary.ok ? 0 : 1);
