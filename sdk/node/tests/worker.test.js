'use strict';
// Drives a real worker process (fixture-worker.js) through real frames.
const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const { WorkerProcess, encodeFrame, notificationFrame, readFrames } = require('./rpc-client');

const FIXTURE = path.join(__dirname, 'fixture-worker.js');

function start(t) {
  const worker = new WorkerProcess([process.execPath, FIXTURE]);
  t.after(() => worker.kill());
  return worker;
}

function assertError(response, code) {
  assert.ok(response.error, JSON.stringify(response));
  assert.equal(response.error.code, code, JSON.stringify(response));
  return response.error;
}

test('handshake lists the functions', async (t) => {
  const { result } = await start(t).roundtrip('initialize', { protocolVersion: 1 });
  assert.equal(result.protocolVersion, 1);
  assert.equal(result.name, 'fixture');
  assert.equal(result.language, 'node');
  const add = result.functions.find((f) => f.name === 'add');
  assert.deepEqual([add.params, add.returns], [['a', 'b'], 'any']);
  assert.deepEqual(result.functions.find((f) => f.name === 'fail').params, ['text']);
});

test('handshake tells each signature, from JSDoc given at registration or else the source', async (t) => {
  const { result } = await start(t).roundtrip('initialize', { protocolVersion: 1 });
  const signatures = Object.fromEntries(result.functions.map((f) => [f.name, f.signature]));
  const param = (name, type, optional = false) => ({ name, type, optional });
  assert.deepEqual(signatures.add, { params: [param('a', 'any'), param('b', 'any')], returns: 'any', doc: '', variadic: false });
  assert.deepEqual(signatures.defaults,
    { params: [param('a', 'any'), param('b', 'any', true)], returns: 'any', doc: '', variadic: true });
  assert.deepEqual(signatures.typed, {
    params: [param('words', 'list<string>'), param('weights', 'map<float>'), param('limit', 'optional<int>', true)],
    returns: 'map<list<bigint>>', doc: 'Counts the words.', variadic: true,
  });
});

test('JSDoc types map to neutral type names', () => {
  const { typeName } = require('../ggen-worker');
  const cases = {
    number: 'float', integer: 'int', int32: 'int32', bigint: 'bigint', string: 'string', boolean: 'bool',
    Buffer: 'bytes', 'Array<number>': 'list<float>', 'string[][]': 'list<list<string>>', 'Object<number, string>': 'any',
    'string|null': 'optional<string>', '(number|undefined)': 'optional<float>', 'string|number': 'any', '*': 'any',
    'Promise<void>': 'null', Handle: 'handle', Date: 'any', 'Map<string, boolean>': 'map<bool>',
  };
  for (const [jsdoc, neutral] of Object.entries(cases)) assert.equal(typeName(jsdoc), neutral, jsdoc);
});

test('a one-line JSDoc comment carries its tags too', () => {
  const { signatureOf } = require('../ggen-worker');
  const signature = signatureOf((a, b) => a + b, '/** Adds. @param {integer} a @param {integer} [b] @returns {integer} */');
  assert.deepEqual(signature.params, [
    { name: 'a', type: 'int', optional: false }, { name: 'b', type: 'int', optional: true }]);
  assert.equal(signature.returns, 'int');
  assert.equal(signature.doc, 'Adds.');
});

test('another protocol version is refused', async (t) => {
  const error = assertError(await start(t).roundtrip('initialize', { protocolVersion: 2 }), -32002);
  assert.equal(error.message, 'protocol version 2 not supported; this worker speaks 1');
});

test('call returns the value, also of an async function', async (t) => {
  const worker = start(t);
  assert.deepEqual(await worker.call('add', 2, 3), { jsonrpc: '2.0', id: 1, result: 5 });
  assert.equal((await worker.call('asyncAdd', 20, 22)).result, 42);
});

test('a traced call sends its span before the answer, and the function can pass it on', async (t) => {
  const worker = start(t);
  const [traceId, parent] = ['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7'];
  const id = worker.request('call', { function: 'traceparent', args: [], trace: { traceparent: `00-${traceId}-${parent}-01` } });
  const spans = await worker.nextMessage();
  const answer = await worker.nextMessage();
  assert.equal(spans.method, '$/spans', JSON.stringify(spans));
  assert.equal(spans.params.id, id);
  const [span] = spans.params.spans;
  assert.deepEqual([span.traceId, span.parentSpanId, span.name], [traceId, parent, 'traceparent']);
  assert.match(span.spanId, /^[0-9a-f]{16}$/);
  assert.ok(span.start <= span.end && span.start > 1.6e18, JSON.stringify(span));
  assert.deepEqual([span.attributes['worker.language'], span.attributes['process.pid']], ['node', worker.child.pid]);
  assert.equal(span.error, undefined);
  assert.equal(answer.id, id);
  assert.equal(answer.result, `00-${traceId}-${span.spanId}-01`);
});

test('a failed traced call says so in its span; an untraced or badly traced one sends none', async (t) => {
  const worker = start(t);
  worker.request('call', { function: 'fail', args: ['boom'], trace: { traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` } });
  assert.match((await worker.nextMessage()).params.spans[0].error, /boom/);
  await worker.nextMessage();
  for (const trace of [undefined, { traceparent: 'not a header' }, '00-x']) {
    const id = worker.request('call', { function: 'traceparent', args: [], trace });
    assert.deepEqual(await worker.nextMessage(), { jsonrpc: '2.0', id, result: null });
  }
});

test('unknown function names it and lists the others', async (t) => {
  const error = assertError(await start(t).call('mul', 2, 3), -32601);
  assert.match(error.message, /'mul'/);
  assert.match(error.message, /: aMap, add, asyncAdd, chatty/);
});

test('too few arguments is invalid params', async (t) => {
  assertError(await start(t).call('add', 1), -32602);
});

test('a throw carries type, message and a traceback innermost last', async (t) => {
  const error = assertError(await start(t).call('fail', 'bad input'), -32000);
  assert.equal(error.message, 'RangeError: bad input');
  assert.equal(error.data.type, 'RangeError');
  assert.equal(error.data.message, 'bad input');
  const { traceback } = error.data;
  assert.match(traceback.at(-1), /fixture-worker\.js:\d+ in check$/);
  assert.match(traceback.at(-2), /fixture-worker\.js:\d+ in fail$/);
  assert.deepEqual(traceback.filter((line) => line.includes('ggen-worker.js')), []);
});

test('batch keeps order and a failing item does not stop it', async (t) => {
  const { result } = await start(t).roundtrip('callBatch', { function: 'div', argsList: [[6, 3], [1, 0], [8, 2]] });
  assert.deepEqual(result[0], { value: 2 });
  assert.equal(result[1].error.code, -32000);
  assert.equal(result[1].error.message, 'RangeError: division by zero');
  assert.deepEqual(result[2], { value: 4 });
});

test('two calls run at the same time', async (t) => {
  const worker = start(t);
  const first = worker.request('call', { function: 'rendezvous', args: [] });
  const second = worker.request('call', { function: 'rendezvous', args: [] });
  assert.equal((await worker.response(first, 15000)).result, 'met');
  assert.equal((await worker.response(second, 15000)).result, 'met');
});

test('a cancelled call answers cancelled and the worker goes on', async (t) => {
  const worker = start(t);
  const waiting = worker.request('call', { function: 'waitForCancel', args: [] });
  assert.equal((await worker.call('add', 4, 4)).result, 8); // the waiting call is in flight
  worker.notify('$/cancelRequest', { id: waiting });
  const error = assertError(await worker.response(waiting), -32800);
  assert.equal(error.message, 'cancelled');
  assert.equal((await worker.call('add', 1, 2)).result, 3);
});

test('a handle resolves to the object until released', async (t) => {
  const worker = start(t);
  const handle = (await worker.call('counter')).result;
  assert.deepEqual(Object.keys(handle), ['$handle']);
  assert.equal((await worker.call('increment', handle)).result, 1);
  assert.equal((await worker.call('increment', handle)).result, 2);
  assert.equal((await worker.roundtrip('release', { handles: [handle.$handle, 'h-unknown'] })).result, null);
  const error = assertError(await worker.call('increment', handle), -32602);
  assert.equal(error.message, `unknown or released handle ${handle.$handle}`);
});

test('bigints, bytes and special floats round trip', async (t) => {
  const value = [{ $bigint: '18446744073709551616' }, { $bigint: '-9007199254740993' }, 9007199254740991,
    { $bytes: 'AP8Q' }, { $float: 'NaN' }, { $float: '-Infinity' }, { $bigint: '7' },
    { nested: { $bytes: '' }, two: { $bytes: 'AA==', x: 1 } }];
  const expected = [...value.slice(0, 6), 7, { nested: { $bytes: '' }, two: { $bytes: 'AA==', x: 1 } }];
  assert.deepEqual((await start(t).call('echo', value)).result, expected);
});

test('a result that cannot be encoded is an internal error', async (t) => {
  const error = assertError(await start(t).call('aMap'), -32603);
  assert.match(error.message, /Map/);
});

test('malformed JSON is a parse error and the worker reads on', async (t) => {
  const worker = start(t);
  worker.writeRaw('Content-Length: 9\r\nContent-Type: application/json\r\n\r\n{not json');
  const response = await worker.nextMessage();
  assert.equal(response.id, null);
  assert.equal(response.error.code, -32700);
  assert.equal((await worker.call('add', 1, 2)).result, 3);
});

test('console.log goes to stderr, not into the frames', async (t) => {
  const worker = start(t);
  assert.equal((await worker.call('chatty')).result, 'ok');
  worker.child.stdin.end();
  assert.equal(await worker.exitCode(), 0);
  assert.match(worker.stderr, /hello from console\.log/);
  assert.match(worker.stderr, /hello from process\.stdout\.write/);
});

test('shutdown waits for calls in flight, then exit ends with 0', async (t) => {
  const worker = start(t);
  // all sent at once, in one write, as a one-shot pipe would: nothing may be lost; slow
  // outlasts the reading of the frames after it by far
  const [slow, slowFrame] = worker.requestFrame('call', { function: 'slow', args: ['done', 2000] });
  const [shutdown, shutdownFrame] = worker.requestFrame('shutdown');
  const [late, lateFrame] = worker.requestFrame('call', { function: 'add', args: [1, 2] });
  worker.writeRaw(Buffer.concat([slowFrame, shutdownFrame, lateFrame, notificationFrame('exit')]));
  const arrived = [await worker.nextMessage(), await worker.nextMessage(), await worker.nextMessage()];
  assert.deepEqual(arrived.map((m) => m.id), [late, slow, shutdown]);
  assert.equal(assertError(arrived[0], -32600).message, 'worker is shutting down');
  assert.equal(arrived[1].result, 'done');
  assert.deepEqual(arrived[2], { jsonrpc: '2.0', id: shutdown, result: null });
  assert.equal(await worker.exitCode(), 0);
});

test('end of stdin exits with 0 even with a call in flight', async (t) => {
  const worker = start(t);
  worker.request('call', { function: 'waitForCancel', args: [] });
  await new Promise((resolve) => setTimeout(resolve, 100));
  worker.child.stdin.end();
  assert.equal(await worker.exitCode(5000), 0);
});

test('broken framing exits with 2', async (t) => {
  const worker = start(t);
  worker.writeRaw('Content-Type: text/plain\r\n\r\n{}');
  assert.equal(await worker.exitCode(), 2);
  assert.match(worker.stderr, /frame without Content-Length/);
});

test('serves each connection over TCP', async (t) => {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, GGEN_WORKER_LISTEN: '127.0.0.1:0' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => child.kill());
  const port = await new Promise((resolve) => {
    let text = '';
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const match = /ggen-worker: listening on 127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
  });
  for (let i = 0; i < 2; i++) { // two connections, one after the other
    const responses = await new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      const received = {};
      socket.on('error', reject);
      readFrames(socket, (message) => {
        if (message === null) resolve(received);
        else received[message.id] = message;
      });
      socket.write(encodeFrame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1 } }));
      socket.write(encodeFrame({ jsonrpc: '2.0', id: 2, method: 'call', params: { function: 'asyncAdd', args: [20, 22] } }));
      socket.end();
    });
    assert.equal(responses[1].result.name, 'fixture');
    assert.equal(responses[2].result, 42);
  }
});
