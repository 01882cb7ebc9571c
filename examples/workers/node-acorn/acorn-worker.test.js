'use strict';
// Drives acorn-worker.js as a real worker process over real frames (run npm install first).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { WorkerProcess } = require(path.join(__dirname, '..', '..', '..', 'sdk', 'node', 'tests', 'rpc-client'));

function start(t) {
  const worker = new WorkerProcess([process.execPath, path.join(__dirname, 'acorn-worker.js')]);
  t.after(() => worker.kill());
  return worker;
}

test('declarations lists a function declaration', async (t) => {
  const worker = start(t);
  const { result } = await worker.call('declarations', 'function add(a, b) { return a + b; }\nconst x = 1, y = 2;');
  assert.deepEqual(result, [
    { kind: 'FunctionDeclaration', names: ['add'], line: 1 },
    { kind: 'VariableDeclaration', names: ['x', 'y'], line: 2 },
  ]);
});

test('nodeTypes counts the node types', async (t) => {
  const { result } = await start(t).call('nodeTypes', 'function add(a, b) { return a + b; }');
  assert.deepEqual(result, {
    Program: 1, FunctionDeclaration: 1, Identifier: 5, BlockStatement: 1, ReturnStatement: 1, BinaryExpression: 1,
  });
});

test('a syntax error comes back as a SyntaxError with acorn\'s message', async (t) => {
  const { error } = await start(t).call('declarations', 'function (');
  assert.equal(error.code, -32000);
  assert.equal(error.data.type, 'SyntaxError');
  assert.match(error.message, /^SyntaxError: Unexpected token \(1:9\)$/);
});

test('a parsed tree stays in the worker as a handle', async (t) => {
  const worker = start(t);
  const ast = (await worker.call('parseToHandle', 'let a = 1; let b = 2; f(a, b);')).result;
  assert.equal((await worker.call('countOf', ast, 'VariableDeclaration')).result, 2);
  assert.equal((await worker.call('countOf', ast, 'CallExpression')).result, 1);
  await worker.roundtrip('release', { handles: [ast.$handle] });
  assert.equal((await worker.call('countOf', ast, 'CallExpression')).error.code, -32602);
});
