'use strict';
// Write a worker for the GGen FFI RPC bridge in a few lines (protocol 1, docs/rpc-protocol.md).
//
//   const { Worker } = require('./ggen-worker');
//   const w = new Worker('math');
//   w.register('add', (a, b) => a + b);
//   w.serve();
//
// CommonJS, Node 18+, no dependencies.
const net = require('net');
const { AsyncLocalStorage } = require('async_hooks');

const PROTOCOL_VERSION = 1;
const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const Code = Object.freeze({
  PARSE_ERROR: -32700, INVALID_REQUEST: -32600, METHOD_NOT_FOUND: -32601, INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603, FUNCTION_FAILED: -32000, VERSION_NOT_SUPPORTED: -32002, CANCELLED: -32800,
});

class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  toJSON() {
    return this.data === undefined ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

class FramingError extends Error {}

/** Return handle(obj) from a function to keep obj in the worker and send {"$handle": id}. */
class Handle {
  constructor(object) { this.object = object; }
}
const handle = (object) => new Handle(object);

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The request a function runs for: currentCall() inside a worker function. When the caller traces
 * the call (the request's optional `trace`, W3C trace context), the worker records a span for it,
 * child of the caller's, and sends it back before the answer ($/spans): `traceId` and `spanId` are
 * then set, and `traceparent` is the header to pass the trace on with.
 */
class Call {
  constructor(id, trace) {
    this.id = id;
    this.controller = new AbortController();
    const match = trace && typeof trace.traceparent === 'string' ? TRACEPARENT.exec(trace.traceparent) : null;
    this.traceId = match ? match[1] : null;
    this.parentSpanId = match ? match[2] : null;
    this.flags = match ? match[3] : null;
    this.spanId = match ? require('crypto').randomBytes(8).toString('hex') : null;
    this.tracestate = match && typeof trace.tracestate === 'string' ? trace.tracestate : null;
  }

  /** This call's span as a W3C traceparent header, to trace further work under it; null untraced. */
  get traceparent() {
    return this.traceId ? `00-${this.traceId}-${this.spanId}-${this.flags}` : null;
  }

  /** An AbortSignal, aborted when the platform sends $/cancelRequest for this call. */
  get signal() { return this.controller.signal; }

  get cancelled() { return this.controller.signal.aborted; }
}

const calls = new AsyncLocalStorage();
/** Nanoseconds since the epoch, as the spans' start and end: the wall clock, advanced by the monotonic one. */
const epochAtStart = BigInt(Date.now()) * 1000000n - process.hrtime.bigint();
const nowNanos = () => Number(epochAtStart + process.hrtime.bigint());
function currentCall() {
  const call = calls.getStore();
  if (!call) throw new Error('currentCall() is only available inside a worker function');
  return call;
}

/** Splits a byte stream into frame bodies. */
class FrameReader {
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.buffer = Buffer.alloc(0);
  }

  /** Feeds bytes; returns the complete bodies. Throws FramingError when out of sync. */
  push(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const bodies = [];
    for (;;) {
      const headerEnd = this.headerEnd();
      if (headerEnd === null) {
        if (this.buffer.length > MAX_HEADER_BYTES) throw new FramingError('frame header too long');
        return bodies;
      }
      const length = this.contentLength(this.buffer.subarray(0, headerEnd.start).toString('latin1'));
      if (this.buffer.length < headerEnd.end + length) return bodies;
      bodies.push(this.buffer.subarray(headerEnd.end, headerEnd.end + length));
      this.buffer = this.buffer.subarray(headerEnd.end + length);
    }
  }

  /** True when the stream stopped between frames. */
  get atBoundary() { return this.buffer.length === 0; }

  headerEnd() {
    const crlf = this.buffer.indexOf('\r\n\r\n');
    const lf = this.buffer.indexOf('\n\n');
    if (crlf < 0 && lf < 0) return null;
    if (lf >= 0 && (crlf < 0 || lf < crlf)) return { start: lf, end: lf + 2 };
    return { start: crlf, end: crlf + 4 };
  }

  contentLength(header) {
    let length = null;
    for (const line of header.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) throw new FramingError(`header line without ':': ${JSON.stringify(line.slice(0, 80))}`);
      if (line.slice(0, colon).trim().toLowerCase() === 'content-length') {
        const value = line.slice(colon + 1).trim();
        if (!/^\d+$/.test(value)) throw new FramingError(`Content-Length is not a number: ${value}`);
        length = Number(value);
      }
    }
    if (length === null) throw new FramingError('frame without Content-Length');
    if (length > this.maxBytes) {
      throw new FramingError(`frame of ${length} bytes exceeds the limit of ${this.maxBytes} bytes`);
    }
    return length;
  }
}

/** One stream of frames (stdio, or one TCP connection): its handles and calls in flight. */
class Session {
  constructor(worker, write) {
    this.worker = worker;
    this.write = write;
    this.inFlight = new Map();
    this.shuttingDown = false;
    this.shutdownAnswered = Promise.resolve(); // exit waits for it: the shutdown answer goes out first
    this.idle = [];
    this.handles = new Map();
    this.nextHandle = 0;
  }

  send(message) {
    let body = Buffer.from(JSON.stringify(message), 'utf8');
    if (body.length > this.worker.maxFrameBytes) {
      const error = new RpcError(Code.INTERNAL_ERROR,
        `response of ${body.length} bytes exceeds the frame limit of ${this.worker.maxFrameBytes} bytes`);
      body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: message.id, error }), 'utf8');
    }
    // one write per frame: frames never interleave
    this.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** The call's span, before its answer: {id: request id, spans: [span]} as $/spans. */
  sendSpan(call, method, params, start, end, error) {
    const attributes = { 'rpc.method': method, 'worker.name': this.worker.name, 'worker.language': 'node', 'process.pid': process.pid };
    if (method === 'callBatch' && Array.isArray(params.argsList)) attributes['batch.size'] = params.argsList.length;
    const span = { traceId: call.traceId, spanId: call.spanId, parentSpanId: call.parentSpanId, name: String(params.function),
      start, end, attributes };
    if (error) span.error = typeof error === 'string' ? error : error.message;
    this.send({ jsonrpc: '2.0', method: '$/spans', params: { id: call.id, spans: [span] } });
  }

  respond(id, result, error) {
    this.send(error ? { jsonrpc: '2.0', id, error } : { jsonrpc: '2.0', id, result: result === undefined ? null : result });
  }

  /** Handles one frame body; returns 'exit' when the platform said exit. */
  receive(body) {
    let message;
    try {
      message = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (e) {
      this.respond(null, undefined, new RpcError(Code.PARSE_ERROR, `parse error: ${e.message}`));
      return undefined;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)
        || message.jsonrpc !== '2.0' || typeof message.method !== 'string') {
      const id = message && typeof message === 'object' && !Array.isArray(message) ? message.id ?? null : null;
      this.respond(id, undefined, new RpcError(Code.INVALID_REQUEST, 'not a JSON-RPC 2.0 request'));
      return undefined;
    }
    const { method, params } = message;
    if (!('id' in message)) return this.notification(method, params);
    try {
      this.request(message.id, method, params);
    } catch (e) {
      if (!(e instanceof RpcError)) throw e;
      this.respond(message.id, undefined, e);
    }
    return undefined;
  }

  notification(method, params) {
    if (method === 'exit') return 'exit';
    if (method === '$/cancelRequest' && params && 'id' in params) {
      const call = this.inFlight.get(JSON.stringify(params.id));
      if (call) call.controller.abort();
    }
    return undefined;
  }

  request(id, method, params) {
    switch (method) {
      case 'initialize':
        this.respond(id, this.worker.initialize(params));
        break;
      case 'release':
        if (!params || !Array.isArray(params.handles)) {
          throw new RpcError(Code.INVALID_PARAMS, 'release needs {"handles": [ids]}');
        }
        for (const handleId of params.handles) this.handles.delete(handleId);
        this.respond(id, null);
        break;
      case 'shutdown':
        this.shuttingDown = true;
        this.shutdownAnswered = new Promise((resolve) => this.whenIdle(() => {
          this.respond(id, null);
          resolve();
        }));
        break;
      case 'call':
      case 'callBatch': {
        if (this.shuttingDown) throw new RpcError(Code.INVALID_REQUEST, 'worker is shutting down');
        const key = JSON.stringify(id);
        const call = new Call(id, params && params.trace);
        this.inFlight.set(key, call);
        const start = nowNanos();
        this.run(method, params, call).then(({ result, error }) => {
          if (call.traceId) this.sendSpan(call, method, params, start, nowNanos(), call.cancelled ? 'cancelled' : error);
          if (call.cancelled) this.respond(id, undefined, new RpcError(Code.CANCELLED, 'cancelled'));
          else this.respond(id, result, error);
          this.inFlight.delete(key);
          if (this.inFlight.size === 0) this.idle.splice(0).forEach((action) => action());
        });
        break;
      }
      default:
        throw new RpcError(Code.METHOD_NOT_FOUND, `unknown method ${method}`);
    }
  }

  whenIdle(action) {
    if (this.inFlight.size === 0) action();
    else this.idle.push(action);
  }

  async run(method, params, call) {
    try {
      const result = method === 'call' ? await this.worker.call(this, params, call)
        : await this.worker.callBatch(this, params, call);
      return { result };
    } catch (e) {
      return { error: e instanceof RpcError ? e : new RpcError(Code.INTERNAL_ERROR, String(e && e.stack || e)) };
    }
  }

  putHandle(object) {
    const id = `h${++this.nextHandle}`;
    this.handles.set(id, object);
    return id;
  }

  decode(value) {
    if (Array.isArray(value)) return value.map((v) => this.decode(v));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && typeof value[keys[0]] === 'string') {
      const text = value[keys[0]];
      switch (keys[0]) {
        case '$bigint': {
          if (!/^-?\d+$/.test(text)) throw new RpcError(Code.INVALID_PARAMS, `bad $bigint ${JSON.stringify(text)}`);
          const n = BigInt(text);
          return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : n;
        }
        case '$bytes':
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
            throw new RpcError(Code.INVALID_PARAMS, 'bad $bytes (not base64)');
          }
          return Buffer.from(text, 'base64');
        case '$float':
          if (!['NaN', 'Infinity', '-Infinity'].includes(text)) {
            throw new RpcError(Code.INVALID_PARAMS, `bad $float ${JSON.stringify(text)}`);
          }
          return Number(text);
        case '$handle':
          if (!this.handles.has(text)) throw new RpcError(Code.INVALID_PARAMS, `unknown or released handle ${text}`);
          return this.handles.get(text);
        default:
      }
    }
    const decoded = {};
    for (const key of keys) decoded[key] = this.decode(value[key]);
    return decoded;
  }

  encode(value) {
    switch (typeof value) {
      case 'undefined': return null;
      case 'boolean': case 'string': return value;
      case 'number':
        if (Number.isNaN(value)) return { $float: 'NaN' };
        if (!Number.isFinite(value)) return { $float: value > 0 ? 'Infinity' : '-Infinity' };
        return value;
      case 'bigint': return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : { $bigint: value.toString() };
      case 'object': break;
      default: throw new TypeError(`cannot encode a ${typeof value}`);
    }
    if (value === null) return null;
    if (value instanceof Handle) return { $handle: this.putHandle(value.object) };
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    if (value instanceof ArrayBuffer) return { $bytes: Buffer.from(value).toString('base64') };
    if (Array.isArray(value)) return value.map((v) => this.encode(v));
    if (value instanceof Map || value instanceof Set) {
      throw new TypeError(`cannot encode a ${value.constructor.name}; return arrays, plain objects or handle(obj)`);
    }
    if (typeof value.toJSON === 'function') return this.encode(value.toJSON());
    const encoded = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) encoded[key] = this.encode(v);
    }
    return encoded;
  }
}

/** "file:line in function" lines, innermost last, without Node internals and this SDK. */
function traceback(error) {
  const lines = [];
  for (const line of String(error && error.stack || '').split('\n')) {
    const match = /^\s+at (?:(.+?) \()?(.+):(\d+):\d+\)?$/.exec(line);
    if (!match) continue;
    const [, fn, file, lineNo] = match;
    if (file === __filename || file.startsWith('node:')) continue;
    lines.push(`${file}:${lineNo} in ${fn || '<anonymous>'}`);
  }
  return lines.reverse();
}

function foreignError(e) {
  const isError = e instanceof Error;
  const type = isError ? (e.name || e.constructor.name) : typeof e;
  const message = isError ? e.message : String(e);
  return new RpcError(Code.FUNCTION_FAILED, `${type}: ${message}`, { type, message, traceback: traceback(e) });
}

/** Parameter names from a function's source, for initialize (informational). */
function paramNames(fn) {
  const source = Function.prototype.toString.call(fn);
  const match = /^(?:async\s*)?(?:function\s*\*?\s*[\w$]*\s*)?\(([^)]*)\)/.exec(source)
    || /^(?:async\s+)?([\w$]+)\s*=>/.exec(source);
  if (!match) return [];
  return match[1].split(',').map((p) => p.replace(/=[\s\S]*$/, '').trim()).filter(Boolean);
}

/** Splits a type expression at `separator` outside brackets: `Object<string, number>|null` at `|`. */
function splitTop(text, separator) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('<({['.includes(c)) depth++;
    else if ('>)}]'.includes(c)) depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

const SIMPLE_TYPES = Object.freeze({
  number: 'float', float: 'float', double: 'float', float32: 'float32', integer: 'int', int: 'int', int32: 'int32',
  bigint: 'bigint', string: 'string', boolean: 'bool', bool: 'bool', uint8array: 'bytes', buffer: 'bytes',
  null: 'null', undefined: 'null', void: 'null', object: 'map<any>', array: 'list<any>', handle: 'handle',
  '*': 'any', any: 'any', unknown: 'any',
});

/**
 * A JSDoc type's neutral type name (docs/rpc-protocol.md, "signature"): {number} is float, {integer}
 * int, {int32}, {bigint}, {string}, {boolean} bool, {Uint8Array} and {Buffer} bytes, {T[]} and
 * {Array<T>} list<T>, {Object<string, T>} and {Record<string, T>} map<T>, {?T} and {T|null}
 * optional<T>, {Promise<T>} T, {null}/{undefined}/{void} null, {Handle} handle; anything else any.
 */
function typeName(jsdoc) {
  let type = jsdoc.trim();
  if (type.startsWith('...')) type = type.slice(3);
  if (type.endsWith('=')) type = type.slice(0, -1);
  if (type.startsWith('(') && type.endsWith(')')) type = type.slice(1, -1).trim();
  if (type.startsWith('?')) return `optional<${typeName(type.slice(1))}>`;
  if (type.startsWith('!')) type = type.slice(1);
  const union = splitTop(type, '|');
  if (union.length > 1) {
    const rest = union.filter((t) => t !== 'null' && t !== 'undefined');
    return rest.length === 1 ? `optional<${typeName(rest[0])}>` : 'any';
  }
  if (type.endsWith('[]')) return `list<${typeName(type.slice(0, -2))}>`;
  const generic = /^([\w$]+)\.?<([\s\S]*)>$/.exec(type);
  if (generic) {
    const base = generic[1].toLowerCase();
    const args = splitTop(generic[2], ',');
    if (base === 'array') return `list<${typeName(args[0])}>`;
    if (base === 'promise') return typeName(args[0]);
    if ((base === 'object' || base === 'record' || base === 'map') && args.length === 2) {
      return args[0] === 'string' ? `map<${typeName(args[1])}>` : 'any';
    }
    return 'any';
  }
  return SIMPLE_TYPES[type.toLowerCase()] || 'any';
}

/** The text between a `{` at `from` and its matching `}`, and where it ends. */
function braced(text, from) {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return { type: text.slice(from + 1, i), end: i + 1 };
  }
  return null;
}

/** A JSDoc comment's description, @param tags (type, name, optional, rest) and @returns type. */
function parseJsdoc(comment) {
  const lines = comment.replace(/^\s*\/\*\*?/, '').replace(/\*\/\s*$/, '').split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''));
  const text = lines.join('\n');
  // A tag starts at an @word after white space, so one-line comments carry tags too.
  const firstTag = text.search(/(^|\s)@\w/);
  const doc = (firstTag < 0 ? text : text.slice(0, firstTag)).trim();
  const params = [];
  let returns = null;
  for (const tag of (firstTag < 0 ? '' : text.slice(firstTag)).split(/\s+(?=@\w)/)) {
    const name = /^\s*@(\w+)\s*/.exec(tag);
    if (!name) continue;
    let rest = tag.slice(name[0].length);
    let type = null;
    if (rest.startsWith('{')) {
      const found = braced(rest, 0);
      if (!found) continue;
      type = found.type;
      rest = rest.slice(found.end).trim();
    }
    if (name[1] === 'param' || name[1] === 'arg' || name[1] === 'argument') {
      const declared = /^(\[\s*([\w$]+)[^\]]*\]|[\w$.]+)/.exec(rest);
      const paramName = declared ? declared[2] || declared[1] : `arg${params.length}`;
      if (paramName.includes('.')) continue; // a member of an object parameter
      params.push({
        name: paramName, type: type === null ? 'any' : typeName(type),
        optional: Boolean(declared && declared[2]) || (type !== null && type.trim().endsWith('=')),
        rest: type !== null && type.trim().startsWith('...'),
      });
    } else if (name[1] === 'returns' || name[1] === 'return') {
      returns = type === null ? 'any' : typeName(type);
    }
  }
  return { doc, params, returns };
}

/**
 * A function's signature member of initialize: from its JSDoc comment, given at registration,
 * when it has @param or @returns tags; else from its source: its parameter names, those past
 * fn.length (they have defaults) optional, a ...rest parameter making it variadic, every type any.
 */
function signatureOf(fn, jsdoc) {
  const described = jsdoc ? parseJsdoc(jsdoc) : { doc: '', params: [], returns: null };
  if (described.params.length > 0 || described.returns !== null) {
    const rest = described.params.some((p) => p.rest);
    return {
      params: described.params.filter((p) => !p.rest).map(({ name, type, optional }) => ({ name, type, optional })),
      returns: described.returns || 'any', doc: described.doc, variadic: rest,
    };
  }
  const names = paramNames(fn);
  const variadic = names.length > 0 && names[names.length - 1].startsWith('...');
  const plain = variadic ? names.slice(0, -1) : names;
  return {
    params: plain.map((name, i) => ({
      name: /^[A-Za-z_$][\w$]*$/.test(name) ? name : `arg${i}`, type: 'any', optional: i >= fn.length,
    })),
    returns: 'any', doc: described.doc, variadic,
  };
}

class Worker {
  constructor(name, options = {}) {
    this.name = name;
    this.functions = new Map();
    this.jsdocs = new Map();
    this.maxFrameBytes = options.maxFrameBytes
      || Number(process.env.GGEN_WORKER_MAX_FRAME_BYTES) || DEFAULT_MAX_FRAME_BYTES;
  }

  /**
   * Offers fn (maybe async) under name. Returns this, so registrations chain. jsdoc, optional, is
   * the function's JSDoc comment (`/** Adds. @param {integer} a @returns {integer} *\/`): initialize
   * tells its signature from it (see signatureOf; a function's source does not hold the comment
   * before it, so it is given here).
   */
  register(name, fn, jsdoc) {
    if (typeof fn !== 'function') throw new TypeError(`${name} is not a function`);
    if (jsdoc !== undefined && typeof jsdoc !== 'string') throw new TypeError(`${name}: the JSDoc is not a string`);
    this.functions.set(name, fn);
    this.jsdocs.set(name, jsdoc);
    return this;
  }

  initialize(params) {
    if (!params || !('protocolVersion' in params)) {
      throw new RpcError(Code.INVALID_PARAMS, 'initialize needs {"protocolVersion": 1}');
    }
    if (params.protocolVersion !== PROTOCOL_VERSION) {
      throw new RpcError(Code.VERSION_NOT_SUPPORTED,
        `protocol version ${JSON.stringify(params.protocolVersion)} not supported; this worker speaks ${PROTOCOL_VERSION}`);
    }
    const functions = [...this.functions].map(([name, fn]) => {
      const signature = signatureOf(fn, this.jsdocs.get(name));
      return { name, params: paramNames(fn), returns: 'any', signature };
    });
    return { protocolVersion: PROTOCOL_VERSION, name: this.name, language: 'node', functions };
  }

  lookup(params) {
    if (!params || typeof params.function !== 'string') {
      throw new RpcError(Code.INVALID_PARAMS, 'params need a "function" name');
    }
    const fn = this.functions.get(params.function);
    if (!fn) {
      throw new RpcError(Code.METHOD_NOT_FOUND, `unknown function '${params.function}'; this worker has: ${
        [...this.functions.keys()].sort().join(', ') || '(nothing)'}`);
    }
    return fn;
  }

  async invoke(session, name, fn, args, call) {
    if (!Array.isArray(args)) throw new RpcError(Code.INVALID_PARAMS, 'args must be an array');
    const decoded = session.decode(args);
    if (decoded.length < fn.length) {
      throw new RpcError(Code.INVALID_PARAMS,
        `wrong number of arguments for ${name}: needs ${fn.length}, got ${decoded.length}`);
    }
    let value;
    try {
      value = await calls.run(call, () => fn(...decoded));
    } catch (e) {
      throw foreignError(e);
    }
    try {
      return session.encode(value);
    } catch (e) {
      throw new RpcError(Code.INTERNAL_ERROR, `result of ${name} cannot be encoded: ${e.message}`);
    }
  }

  call(session, params, call) {
    const fn = this.lookup(params);
    return this.invoke(session, params.function, fn, params.args === undefined ? [] : params.args, call);
  }

  async callBatch(session, params, call) {
    const fn = this.lookup(params);
    if (!Array.isArray(params.argsList)) throw new RpcError(Code.INVALID_PARAMS, 'callBatch needs "argsList": [[...], ...]');
    const results = [];
    for (const args of params.argsList) {
      if (call.cancelled) break;
      try {
        results.push({ value: await this.invoke(session, params.function, fn, args, call) });
      } catch (e) {
        results.push({ error: e instanceof RpcError ? e.toJSON() : new RpcError(Code.INTERNAL_ERROR, String(e)).toJSON() });
      }
    }
    return results;
  }

  /** Serves over stdio, or over TCP at options.listen / $GGEN_WORKER_LISTEN ("host:port"). */
  serve(options = {}) {
    const listen = options.listen || process.env.GGEN_WORKER_LISTEN;
    return listen ? this.serveTcp(listen) : this.serveStdio();
  }

  serveStdio() {
    const writeFrame = process.stdout.write.bind(process.stdout);
    // console.log and process.stdout.write now reach stderr; frames keep the original stream
    process.stdout.write = process.stderr.write.bind(process.stderr);
    const session = new Session(this, (bytes) => writeFrame(bytes));
    const reader = new FrameReader(this.maxFrameBytes);
    const fail = (message) => {
      process.stderr.write(`ggen-worker ${this.name}: broken framing on stdin, exiting: ${message}\n`);
      process.exit(2);
    };
    process.stdin.on('data', (chunk) => {
      let bodies;
      try {
        bodies = reader.push(chunk);
      } catch (e) {
        if (e instanceof FramingError) fail(e.message);
        throw e;
      }
      for (const body of bodies) {
        if (session.receive(body) === 'exit') session.shutdownAnswered.then(() => process.exit(0));
      }
    });
    process.stdin.on('end', () => {
      if (!reader.atBoundary) fail('end of stream inside a frame');
      process.exit(0); // do not wait for calls in flight: nobody is left to read their answers
    });
    process.stdout.on('error', () => process.exit(0)); // the platform is gone
  }

  serveTcp(address) {
    const colon = address.lastIndexOf(':');
    const host = address.slice(0, colon) || '127.0.0.1';
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      const session = new Session(this, (bytes) => socket.write(bytes));
      const reader = new FrameReader(this.maxFrameBytes);
      socket.on('data', (chunk) => {
        try {
          for (const body of reader.push(chunk)) {
            if (session.receive(body) === 'exit') session.shutdownAnswered.then(() => process.exit(0));
          }
        } catch (e) {
          if (!(e instanceof FramingError)) throw e;
          process.stderr.write(`ggen-worker ${this.name}: broken framing, closing the connection: ${e.message}\n`);
          socket.destroy();
        }
      });
      socket.on('end', () => session.whenIdle(() => socket.end()));
      socket.on('error', () => socket.destroy());
    });
    server.listen(Number(address.slice(colon + 1)), host, () => {
      const bound = server.address();
      process.stderr.write(`ggen-worker: listening on ${bound.address}:${bound.port}\n`);
    });
    return server;
  }
}

module.exports = { Worker, Handle, handle, currentCall, Call, RpcError, Code, PROTOCOL_VERSION, typeName, signatureOf };
