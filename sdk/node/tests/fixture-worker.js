'use strict';
// The worker the SDK tests drive: one function per behaviour under test.
const { execSync } = require('child_process');
const { Worker, handle, currentCall } = require('../ggen-worker');

const w = new Worker('fixture');
let waiting = null; // the first rendezvous() waits here for the second

function check(text) {
  throw new RangeError(text);
}

w.register('add', (a, b) => a + b)
  .register('fail', function fail(text) { check(text); })
  .register('div', (a, b) => {
    if (b === 0) throw new RangeError('division by zero');
    return a / b;
  })
  .register('echo', (value) => value)
  .register('traceparent', () => currentCall().traceparent)
  .register('asyncAdd', async (a, b) => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return a + b;
  })
  .register('rendezvous', () => new Promise((resolve, reject) => {
    if (waiting) {
      waiting('met');
      waiting = null;
      resolve('met');
      return;
    }
    waiting = resolve;
    setTimeout(() => reject(new Error('no second call came')), 10000);
  }))
  .register('waitForCancel', () => new Promise((resolve) => {
    const { signal } = currentCall();
    const timer = setTimeout(() => resolve('never cancelled'), 10000);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve('cancelled'); });
  }))
  .register('slow', (value, ms) => new Promise((resolve) => setTimeout(() => resolve(value), ms)))
  .register('counter', () => handle({ n: 0 }))
  .register('typed', async (words, weights, limit, ...more) => ({}), `/**
     * Counts the words.
     *
     * @param {string[]} words the words
     * @param {Object<string, number>} weights by word
     * @param {?integer} [limit=10] at most this many
     * @param {...Uint8Array} more extra bytes
     * @returns {Promise<Record<string, Array<bigint>>>} counts
     */`)
  .register('defaults', (a, b = 2, ...rest) => a + b)
  .register('increment', (c) => ++c.n)
  .register('chatty', () => {
    console.log('hello from console.log');
    process.stdout.write('hello from process.stdout.write\n');
    return 'ok';
  })
  .register('aMap', () => new Map([[1, 2]]));

w.serve();
