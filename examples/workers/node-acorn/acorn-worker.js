'use strict';
// Example worker: parses JavaScript with acorn (npm install first) and describes what it finds.
const path = require('path');
const acorn = require('acorn');
const { Worker, handle, currentCall } = require(path.join(__dirname, '..', '..', '..', 'sdk', 'node', 'ggen-worker'));

const w = new Worker('acorn');

function parse(source, sourceType) {
  return acorn.parse(source, { ecmaVersion: 'latest', sourceType, locations: true });
}

function declarationNames(node) {
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return [node.id.name];
    case 'VariableDeclaration':
      return node.declarations.filter((d) => d.id.type === 'Identifier').map((d) => d.id.name);
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return node.declaration && node.declaration.id !== null ? declarationNames(node.declaration) : [];
    default:
      return [];
  }
}

/** Counts every node type in the tree; stops early if the platform cancels the call. */
function countNodeTypes(ast) {
  const { signal } = currentCall();
  const counts = {};
  const stack = [ast];
  while (stack.length) {
    if (signal.aborted) throw new Error('cancelled');
    const node = stack.pop();
    counts[node.type] = (counts[node.type] || 0) + 1;
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child.type === 'string') stack.push(child);
      }
    }
  }
  return counts;
}

// declarations("function f(a) {}") -> [{kind: "FunctionDeclaration", names: ["f"], line: 1}]
w.register('declarations', (source, sourceType = 'script') => parse(source, sourceType).body
  .map((node) => ({ kind: node.type, names: declarationNames(node), line: node.loc.start.line }))
  .filter((d) => d.names.length > 0));

w.register('nodeTypes', (source, sourceType = 'script') => countNodeTypes(parse(source, sourceType)));

// Parse once, ask many times: the tree stays in the worker as a handle (release it when done).
w.register('parseToHandle', (source, sourceType = 'script') => handle(parse(source, sourceType)));
w.register('countOf', (ast, type) => countNodeTypes(ast)[type] || 0);

w.register('version', () => acorn.version);

w.serve();
