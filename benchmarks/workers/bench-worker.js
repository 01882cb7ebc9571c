'use strict';
// The Node worker of RpcCallBenchmark (sdk/node): add(a, b).
const path = require('path');
const { Worker } = require(path.join(__dirname, '..', '..', 'sdk', 'node', 'ggen-worker'));

const w = new Worker('bench-node');
w.register('add', (a, b) => a + b);
w.serve();
