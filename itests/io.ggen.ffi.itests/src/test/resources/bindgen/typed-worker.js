'use strict';
// A Node worker with typed functions, for BindgenIT: JavaScript functions carry no types, so each is
// registered with its JSDoc comment, which the SDK turns into its signature in the initialize answer.
const path = require('path');
const { Worker } = require(path.join(process.env.GGEN_SDK_NODE, 'ggen-worker.js'));

const w = new Worker('typed-worker');
w.register('add', (a, b) => a + b, `/**
  * Adds two integers.
  * @param {integer} a
  * @param {integer} b
  * @returns {integer}
  */`);
w.register('shout', (text, times = 1) => (text.toUpperCase() + '!').repeat(times), `/**
  * @param {string} text
  * @param {integer} [times]
  * @returns {string}
  */`);
w.register('evens', (values) => values.filter((v) => v % 2 === 0), `/**
  * @param {integer[]} values
  * @returns {integer[]}
  */`);
w.register('doubled', (table) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v * 2])), `/**
  * @param {Object<string, number>} table
  * @returns {Object<string, number>}
  */`);
w.register('find', (table, key) => (key in table ? table[key] : null), `/**
  * @param {Object<string, integer>} table
  * @param {string} key
  * @returns {?integer}
  */`);
w.serve();
