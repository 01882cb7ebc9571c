// The binding generator's TypeScript reader: appended to TypeScript's own typescript.js (which
// defines the global `ts`) and run through the platform's JavaScript bridge. ggenDeclarations
// parses one file (.d.ts, .ts, or .js with JSDoc types), binds it with TypeScript's checker and
// returns, as JSON, its top-level functions in the platform's neutral type names:
// [{name, params: [{name, type, optional}], returns, doc, variadic}].

var ggenK = ts.SyntaxKind;

function ggenDeclarations(fileName, text) {
  var isJs = /\.[cm]?jsx?$/i.test(fileName);
  var source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true,
    isJs ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  var host = {
    getSourceFile: function (name) { return name === fileName ? source : undefined; },
    getDefaultLibFileName: function () { return "lib.d.ts"; },
    writeFile: function () {},
    getCurrentDirectory: function () { return ""; },
    getCanonicalFileName: function (name) { return name; },
    useCaseSensitiveFileNames: function () { return true; },
    getNewLine: function () { return "\n"; },
    fileExists: function (name) { return name === fileName; },
    readFile: function (name) { return name === fileName ? text : undefined; }
  };
  // No standard library: Array, Promise, Record... are recognised by name, so nothing but the
  // file itself is parsed and bound.
  var program = ts.createProgram([fileName], {noLib: true, noResolve: true, allowJs: true, types: []}, host);
  var checker = program.getTypeChecker();
  var functions = [];
  var seen = {};

  function add(name, nameNode, declaration) {
    if (seen[name]) {
      return; // a later overload of a function already taken: the first declaration binds
    }
    seen[name] = true;
    var params = [];
    var variadic = false;
    declaration.parameters.forEach(function (p, i) {
      if (p.dotDotDotToken) {
        variadic = true;
        return;
      }
      var typeNode = p.type || ts.getJSDocType(p);
      var tags = ts.getJSDocParameterTags(p);
      var optional = !!p.questionToken || !!p.initializer
        || (typeNode && typeNode.kind === ggenK.JSDocOptionalType)
        || tags.some(function (tag) { return tag.isBracketed; });
      params.push({name: ts.isIdentifier(p.name) ? p.name.text : "arg" + i, type: neutral(typeNode, 0), optional: optional});
    });
    var returnNode = declaration.type || ts.getJSDocReturnType(declaration);
    functions.push({name: name, params: params, returns: neutral(returnNode, 0), doc: doc(nameNode, declaration),
      variadic: variadic});
  }

  function doc(nameNode, declaration) {
    var symbol = checker.getSymbolAtLocation(nameNode);
    var text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)) : "";
    var lines = [];
    declaration.parameters.forEach(function (p) {
      ts.getJSDocParameterTags(p).forEach(function (tag) {
        var comment = ts.getTextOfJSDocComment(tag.comment);
        if (comment && ts.isIdentifier(p.name)) {
          lines.push(p.name.text + ": " + comment.replace(/^\s*-\s*/, ""));
        }
      });
    });
    ts.getJSDocReturnTag && ts.getJSDocReturnTag(declaration) && (function (tag) {
      var comment = ts.getTextOfJSDocComment(tag.comment);
      if (comment) {
        lines.push("returns: " + comment);
      }
    })(ts.getJSDocReturnTag(declaration));
    return lines.length === 0 ? text : (text ? text + "\n\n" : "") + lines.join("\n");
  }

  function neutral(node, depth) {
    if (!node || depth > 32) {
      return "any";
    }
    switch (node.kind) {
      case ggenK.NumberKeyword: return "float";
      case ggenK.BigIntKeyword: return "bigint";
      case ggenK.StringKeyword: return "string";
      case ggenK.BooleanKeyword: return "bool";
      case ggenK.VoidKeyword: case ggenK.UndefinedKeyword: case ggenK.NeverKeyword: return "null";
      case ggenK.ObjectKeyword: case ggenK.JSDocTypeLiteral: return "map<any>";
      case ggenK.TupleType: return "list<any>";
      case ggenK.ParenthesizedType: case ggenK.JSDocOptionalType: case ggenK.JSDocNonNullableType:
        return neutral(node.type, depth + 1);
      case ggenK.JSDocNullableType: return optional(neutral(node.type, depth + 1));
      case ggenK.ArrayType: return "list<" + neutral(node.elementType, depth + 1) + ">";
      case ggenK.TypeOperator:
        return node.operator === ggenK.ReadonlyKeyword ? neutral(node.type, depth + 1) : "any";
      case ggenK.LiteralType: return literal(node.literal);
      case ggenK.TypeLiteral: return typeLiteral(node, depth);
      case ggenK.UnionType: return union(node.types, depth);
      case ggenK.TypeReference: return reference(node, depth);
      default: return "any";
    }
  }

  function literal(node) {
    switch (node.kind) {
      case ggenK.NullKeyword: return "null";
      case ggenK.StringLiteral: case ggenK.NoSubstitutionTemplateLiteral: return "string";
      case ggenK.NumericLiteral: return "float";
      case ggenK.BigIntLiteral: return "bigint";
      case ggenK.TrueKeyword: case ggenK.FalseKeyword: return "bool";
      default: return "any";
    }
  }

  // {[key: string]: T} is map<T>; any other object type is a map of anything.
  function typeLiteral(node, depth) {
    if (node.members.length === 1 && node.members[0].kind === ggenK.IndexSignature) {
      var index = node.members[0];
      if (index.parameters.length === 1 && index.parameters[0].type
          && index.parameters[0].type.kind === ggenK.StringKeyword) {
        return "map<" + neutral(index.type, depth + 1) + ">";
      }
    }
    return "map<any>";
  }

  // T | null | undefined is optional<T>; a union of one type (string literals, true | false) is that type.
  function union(members, depth) {
    var nullable = false;
    var types = [];
    members.forEach(function (member) {
      var type = neutral(member, depth + 1);
      if (type === "null") {
        nullable = true;
      } else if (types.indexOf(type) < 0) {
        types.push(type);
      }
    });
    var type = types.length === 0 ? "null" : types.length === 1 ? types[0] : "any";
    return nullable ? optional(type) : type;
  }

  function optional(type) {
    return type === "null" || type === "any" || type.indexOf("optional<") === 0 ? type : "optional<" + type + ">";
  }

  function reference(node, depth) {
    var name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
    var args = node.typeArguments || [];
    switch (name) {
      case "int": case "integer": return "int";
      case "int32": return "int32";
      case "float32": return "float32";
      case "Number": return "float";
      case "String": return "string";
      case "Boolean": return "bool";
      case "BigInt": return "bigint";
      case "Uint8Array": return "bytes";
      case "Array": case "ReadonlyArray":
        return "list<" + (args.length === 1 ? neutral(args[0], depth + 1) : "any") + ">";
      case "Promise": case "PromiseLike":
        return args.length === 1 ? neutral(args[0], depth + 1) : "any";
      case "Record": case "Object":
        if (args.length === 2 && args[0].kind === ggenK.StringKeyword) {
          return "map<" + neutral(args[1], depth + 1) + ">";
        }
        return args.length === 0 && name === "Object" ? "map<any>" : "any";
    }
    var symbol = checker.getSymbolAtLocation(node.typeName);
    if (symbol && (symbol.flags & ts.SymbolFlags.Alias)) {
      symbol = checker.getAliasedSymbol(symbol);
    }
    var declaration = symbol && symbol.declarations && symbol.declarations[0];
    if (!declaration) {
      return "any";
    }
    switch (declaration.kind) {
      case ggenK.TypeAliasDeclaration: return neutral(declaration.type, depth + 1);
      case ggenK.JSDocTypedefTag: case ggenK.JSDocCallbackTag:
        return declaration.typeExpression && declaration.typeExpression.kind === ggenK.JSDocTypeExpression
          ? neutral(declaration.typeExpression.type, depth + 1) : "map<any>";
      case ggenK.InterfaceDeclaration: case ggenK.ClassDeclaration: return "map<any>";
      default: return "any";
    }
  }

  source.statements.forEach(function (statement) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      add(statement.name.text, statement.name, statement);
    } else if (ts.isVariableStatement(statement)) {
      statement.declarationList.declarations.forEach(function (variable) {
        if (!ts.isIdentifier(variable.name)) {
          return;
        }
        var fn = variable.type && ts.isFunctionTypeNode(variable.type) ? variable.type
          : variable.initializer && (ts.isArrowFunction(variable.initializer)
            || ts.isFunctionExpression(variable.initializer)) ? variable.initializer : null;
        if (fn) {
          add(variable.name.text, variable.name, fn);
        }
      });
    }
  });
  return JSON.stringify(functions);
}
