import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError,
  __commonJS,
  __require,
  __toESM,
  errorMessage
} from "./chunk-SOSAWCCV.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap6 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar7 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq5 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar7(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap6;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar7;
    exports.isSeq = isSeq5;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit2(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit2;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit2 = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit2.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit2 = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit2.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit2 = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit2.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str3) => str3.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str3, indent, comment) => str3.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str3.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split2 = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split2 = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split2 = i;
          }
          if (i >= end) {
            if (split2) {
              folds.push(split2);
              end = split2 + endStep;
              split2 = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split2 = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str3) => /^(%|---|\.\.\.)/m.test(str3);
    function lineLengthOverLimit(str3, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str3.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str3[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str3 = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str3 += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str3 += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str3 += "\\0";
                    break;
                  case "0007":
                    str3 += "\\a";
                    break;
                  case "000b":
                    str3 += "\\v";
                    break;
                  case "001b":
                    str3 += "\\e";
                    break;
                  case "0085":
                    str3 += "\\N";
                    break;
                  case "00a0":
                    str3 += "\\_";
                    break;
                  case "2028":
                    str3 += "\\L";
                    break;
                  case "2029":
                    str3 += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str3 += "\\x" + code.substr(2);
                    else
                      str3 += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str3 += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str3 += "\n";
                  i += 2;
                }
                str3 += indent;
                if (json[i + 2] === " ")
                  str3 += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str3 = start ? str3 + json.slice(start) : json;
      return implicitKey ? str3 : foldFlowLines.foldFlowLines(str3, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal3 = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal3 ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal3) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str3 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str3);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str3 : foldFlowLines.foldFlowLines(str3, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt2 = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt2.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt2.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt2.indent === "number" ? " ".repeat(opt2.indent) : "  ",
        inFlow,
        options: opt2
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str3 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str3;
      return identity.isScalar(node) || str3[0] === "{" || str3[0] === "[" ? `${props} ${str3}` : `${props}
${ctx.indent}${str3}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str3 = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str3.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str3 === "" ? "?" : explicitKey ? `? ${str3}` : str3;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str3 = `? ${str3}`;
        if (keyComment && !keyCommentDone) {
          str3 += stringifyComment.lineComment(str3, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str3;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str3 += stringifyComment.lineComment(str3, ctx.indent, commentString(keyComment));
        str3 = `? ${str3}
${indent}:`;
      } else {
        str3 = `${str3}:`;
        if (keyComment)
          str3 += stringifyComment.lineComment(str3, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str3.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str3 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str3 += stringifyComment.lineComment(str3, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str3;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str4 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str4 += stringifyComment.lineComment(str4, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str4);
      }
      let str3;
      if (lines.length === 0) {
        str3 = flowChars.start + flowChars.end;
      } else {
        str3 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str3 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str3 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str3;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str3 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str3.includes("\n"));
        if (i < items.length - 1) {
          str3 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum2, line) => sum2 + line.length + 2, 2) + (str3.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str3 += ",";
          }
        }
        if (comment)
          str3 += stringifyComment.lineComment(str3, itemIndent, commentString(comment));
        lines.push(str3);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum2, line) => sum2 + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str3 = start;
          for (const line of lines)
            str3 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str3}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str3) => str3,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str3) => new Scalar.Scalar(str3[0] === "t" || str3[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str3) => str3.slice(-3).toLowerCase() === "nan" ? NaN : str3[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str3) => parseFloat(str3),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str3) {
        const node = new Scalar.Scalar(parseFloat(str3));
        const dot = str3.indexOf(".");
        if (dot !== -1 && str3[str3.length - 1] === "0")
          node.minFractionDigits = str3.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str3, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str3) : parseInt(str3.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str3, _onError, opt2) => intResolve(str3, 2, 8, opt2),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str3, _onError, opt2) => intResolve(str3, 0, 10, opt2),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str3, _onError, opt2) => intResolve(str3, 2, 16, opt2),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str3) => str3,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str3) => str3 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str3, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str3) : parseInt(str3, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str3) => parseFloat(str3),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str3, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str3)}`);
        return str3;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str3 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str3.length);
          for (let i = 0; i < str3.length; ++i)
            buffer[i] = str3.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str3;
        if (typeof node_buffer.Buffer === "function") {
          str3 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str3 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str3.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str3.substr(o, lineWidth);
          }
          str3 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str3 }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str3) => str3.slice(-3).toLowerCase() === "nan" ? NaN : str3[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str3) => parseFloat(str3.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str3) {
        const node = new Scalar.Scalar(parseFloat(str3.replace(/_/g, "")));
        const dot = str3.indexOf(".");
        if (dot !== -1) {
          const f = str3.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str3, offset, radix, { intAsBigInt }) {
      const sign = str3[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str3 = str3.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str3 = `0b${str3}`;
            break;
          case 8:
            str3 = `0o${str3}`;
            break;
          case 16:
            str3 = `0x${str3}`;
            break;
        }
        const n2 = BigInt(str3);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str3, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str3 = value.toString(radix);
        return value < 0 ? "-" + prefix + str3.substr(1) : prefix + str3;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str3, _onError, opt2) => intResolve(str3, 2, 2, opt2),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str3, _onError, opt2) => intResolve(str3, 1, 8, opt2),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str3, _onError, opt2) => intResolve(str3, 0, 10, opt2),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str3, _onError, opt2) => intResolve(str3, 2, 16, opt2),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str3, asBigInt) {
      const sign = str3[0];
      const parts = sign === "-" || sign === "+" ? str3.substring(1) : str3;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str3, _onError, { intAsBigInt }) => parseSexagesimal(str3, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str3) => parseSexagesimal(str3, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str3) {
        const match = str3.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document2 = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt2 = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt2;
        let { version } = opt2;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt2;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt2 = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt2 = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt2 = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt2)
          this.schema = new Schema.Schema(Object.assign(opt2, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document2;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap6 = fc.start.source === "{";
      const fcName = isMap6 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap6 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap6 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap6 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap6 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap6) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap6 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split2 = source.split(/\n( *)/);
      const first = split2[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split2.length; i += 2)
        lines.push([split2[i], split2[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document2 = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document2.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document2 = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document2.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit2(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    visit2.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit2.parentCollection = (cst, path) => {
      const parent = visit2.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit2;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar7 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar7;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i = 0; i < list2.length; ++i)
        if (list2[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i = 0; i < list2.length; ++i) {
        switch (list2[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document2 = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document2.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document2 = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit2 = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document2.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit2.visit;
    exports.visitAsync = visit2.visitAsync;
  }
});

// src/policy/address.ts
import { isIP } from "node:net";
function parseCidr(text) {
  const slash = text.indexOf("/");
  const address = slash === -1 ? text : text.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const rest = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(rest)) return null;
    prefix = Number(rest);
    if (prefix > max) return null;
  }
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}
var nets = /* @__PURE__ */ new Map();
function cidrContains(cidr, ip) {
  let net = nets.get(cidr);
  if (net === void 0) {
    const parsed = parseCidr(cidr);
    const bytes = parsed ? toBytes(parsed.address) : null;
    net = parsed && bytes ? { bytes, prefix: parsed.prefix } : null;
    if (nets.size > 1e4) nets.clear();
    nets.set(cidr, net);
  }
  return inNet(net, addressBytes(ip));
}
function inNet(net, addr) {
  if (!net || !addr || addr.length !== net.bytes.length) return false;
  const whole = net.prefix >> 3;
  for (let i = 0; i < whole; i++) if (addr[i] !== net.bytes[i]) return false;
  const bits = net.prefix & 7;
  if (bits === 0) return true;
  const mask = 255 << 8 - bits & 255;
  return (addr[whole] & mask) === (net.bytes[whole] & mask);
}
function addressBytes(ip) {
  const bytes = toBytes(ip);
  if (bytes?.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return bytes.slice(12);
  }
  return bytes;
}
function toBytes(ip) {
  const version = isIP(ip);
  if (version === 4) return Uint8Array.from(ip.split(".").map(Number));
  if (version !== 6) return null;
  let text = ip.split("%")[0];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${(a << 8 | b).toString(16)}:${(c << 8 | d).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const parse = (part) => part === "" ? [] : part.split(":").map((h) => Number.parseInt(h, 16));
  const left = parse(head);
  const right = rest === void 0 ? [] : parse(rest);
  const groups = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const out = new Uint8Array(16);
  groups.slice(0, 8).forEach((g, i) => {
    out[i * 2] = g >> 8 & 255;
    out[i * 2 + 1] = g & 255;
  });
  return out;
}
function unmapped(ip) {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return match ? match[1] : ip;
}
var INTERNAL = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "::/128",
  "::1/128",
  "fc00::/7",
  "fe80::/10",
  "ff00::/8"
];
var ALWAYS_BLOCKED = ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "::/128", "::1/128", "fe80::/10"];
var CONTROL_PLANE_PORTS = [2379, 2380, 6443, 10250, 10255];
function inAny(ranges, ip) {
  const addr = addressBytes(ip);
  if (addr === null) return true;
  return ranges.some((range) => {
    if (!nets.has(range)) cidrContains(range, ip);
    return inNet(nets.get(range) ?? null, addr);
  });
}
function isPrivateAddress(ip) {
  return inAny(INTERNAL, ip);
}
function isAlwaysBlocked(ip) {
  return inAny(ALWAYS_BLOCKED, ip);
}
function overlapsAlwaysBlocked(cidr) {
  const c = asIpv4(cidr);
  if (c.family === "ipv6" && c.prefix < 96) {
    const raw = toBytes(c.address);
    const net = raw ? { bytes: raw, prefix: c.prefix } : null;
    if (inNet(net, toBytes("::ffff:127.0.0.1")) || inNet(net, toBytes("::ffff:169.254.0.1"))) return true;
  }
  return ALWAYS_BLOCKED.some((range) => {
    const r = parseCidr(range);
    if (r.family !== c.family) return false;
    return r.prefix <= c.prefix ? cidrContains(range, c.address) : cidrContains(toText(c), r.address);
  });
}
function withinAlwaysBlocked(cidr) {
  const c = asIpv4(cidr);
  return ALWAYS_BLOCKED.some((range) => {
    const r = parseCidr(range);
    return r.family === c.family && r.prefix <= c.prefix && cidrContains(range, c.address);
  });
}
function asIpv4(cidr) {
  if (cidr.family !== "ipv6" || cidr.prefix < 96) return cidr;
  const bytes = addressBytes(cidr.address);
  if (bytes?.length !== 4) return cidr;
  return { address: [...bytes].join("."), prefix: cidr.prefix - 96, family: "ipv4" };
}
function toText(c) {
  return `${c.address}/${c.prefix}`;
}

// src/policy/decide.ts
import { isIP as isIP2 } from "node:net";

// src/policy/glob.ts
var LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
function normalizeHost(host) {
  const lower = host.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}
function checkHostPattern(pattern) {
  const host = normalizeHost(pattern);
  if (host === "*" || host === "**")
    return `host wildcard '${pattern}' matches all hosts; use specific patterns like '*.example.com'`;
  if (host.length > 253) return "a host name has at most 253 characters";
  const labels = host.split(".");
  const [first, ...rest] = labels;
  if (first === void 0) return "expected a host name";
  if (first.includes("**") && first !== "**")
    return `recursive host wildcard '**' is only allowed as the entire first DNS label, got '${pattern}'`;
  for (const label of rest) {
    if (label.includes("**"))
      return `recursive host wildcard '**' is only allowed as the entire first DNS label, got '${pattern}'`;
    if (label.includes("*") && label !== "*")
      return `middle DNS label wildcard must be the entire label '*', got '${pattern}'`;
  }
  if (host.includes("*") && labels.length <= 2)
    return `TLD wildcard '${pattern}' is not allowed; use subdomain wildcards like '*.example.com' instead`;
  if (first.includes("*")) {
    const literal3 = first.replaceAll("*", "");
    if (literal3 !== "" && !/^[a-z0-9_-]+$/.test(literal3)) return `invalid characters in \`${first}\``;
  } else if (!LABEL.test(first)) return `\`${first}\` is not a valid DNS label`;
  for (const label of rest)
    if (label !== "*" && !LABEL.test(label)) return `\`${label}\` is not a valid DNS label`;
  return null;
}
var hostCache = /* @__PURE__ */ new Map();
function hostMatches(pattern, host) {
  if (hasControlBytes(host)) return false;
  const p = normalizeHost(pattern);
  const h = normalizeHost(host);
  if (!p.includes("*")) return p === h;
  let re = hostCache.get(p);
  if (!re) {
    const [first = "", ...rest] = p.split(".");
    const head = first === "**" ? "[^.]+(?:\\.[^.]+)*" : first === "*" ? "[^.]+" : wildcard(first, "[^.]*");
    const tail = rest.map((l) => l === "*" ? "[^.]+" : literal(l));
    re = new RegExp(`^${[head, ...tail].join("\\.")}$`);
    if (hostCache.size > 1e4) hostCache.clear();
    hostCache.set(p, re);
  }
  return re.test(h);
}
function hasControlBytes(text) {
  return /[\u0000-\u001f\u007f]/.test(text);
}
function checkBinaryGlob(pattern) {
  if (!pattern.startsWith("/"))
    return "not an absolute path: it never matches an executable (use e.g. /usr/bin/curl or /usr/lib/jvm/*/bin/java)";
  if (pattern.split("/").includes(".."))
    return "contains `..`: executables are matched by their resolved path, so it never matches";
  if (!pattern.includes("*")) return null;
  let depth = 0;
  for (const c of pattern) {
    if (c === "[") depth++;
    if (c === "]") depth--;
    if (depth < 0 || depth > 1) return "unbalanced `[` `]` in the glob: it never matches";
  }
  return depth === 0 ? null : "unclosed `[` in the glob: it never matches";
}
var binaryCache = /* @__PURE__ */ new Map();
function binaryMatches(pattern, path) {
  if (!pattern.includes("*")) return pattern === path;
  let re = binaryCache.get(pattern);
  if (re === void 0) {
    re = checkBinaryGlob(pattern) === null ? binaryRegExp(pattern) : null;
    if (binaryCache.size > 1e4) binaryCache.clear();
    binaryCache.set(pattern, re);
  }
  return re?.test(path) ?? false;
}
function binaryRegExp(pattern) {
  const segments = pattern.split("/").map((s) => s === "**" ? "[^/]+(?:/[^/]+)*" : wildcard(s, "[^/]*", "[^/]"));
  return new RegExp(`^${segments.join("/")}$`);
}
function wildcard(segment, star, one) {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "*") {
      while (segment[i + 1] === "*") i++;
      out += star;
    } else if (c === "?" && one) out += one;
    else if (c === "[" && one) {
      const end = segment.indexOf("]", i + 2);
      if (end === -1) {
        out += literal(c);
        continue;
      }
      let body = segment.slice(i + 1, end);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      out += `[${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else out += literal(c);
  }
  return out;
}
function literal(text) {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
var requestCache = /* @__PURE__ */ new Map();
function requestGlobMatches(pattern, text, separator = "/") {
  const key = `${separator}\0${pattern}`;
  let re = requestCache.get(key);
  if (!re) {
    re = requestGlob(pattern, separator === "/" ? "[^/]" : "[\\s\\S]");
    if (requestCache.size > 1e4) requestCache.clear();
    requestCache.set(key, re);
  }
  return re.test(text);
}
function requestGlob(pattern, one) {
  let out = "";
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        while (pattern[i + 1] === "*") i++;
        out += "[\\s\\S]*";
      } else out += `${one}*`;
    } else if (c === "?") out += one;
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end === -1) return /$^/;
      let body = pattern.slice(i + 1, end);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      out += `[${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else if (c === "{") {
      depth++;
      out += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      out += ")";
    } else if (c === "," && depth > 0) out += "|";
    else out += literal(c);
  }
  return depth === 0 ? new RegExp(`^${out}$`) : /$^/;
}

// src/policy/decide.ts
function decide(policy, binary, dest) {
  const target = toTarget(dest);
  if (!target) return { action: "deny", policy: null, reason: "invalid destination" };
  const shown3 = `${target.name ?? target.ip}:${target.port}`;
  let blocked = null;
  let binaryMiss = null;
  let best = null;
  for (const entry of sorted(policy.network_policies)) {
    const results = entry.endpoints.map((e) => matchEndpoint(e, target));
    const match = results.find((r) => r.kind === "match" && r.endpoint.enforcement === "enforce") ?? results.find((r) => r.kind === "match");
    const blockedResult = results.find((r) => r.kind === "blocked");
    if (!match && !blockedResult) continue;
    if (!binaryAllowed(entry, binary)) {
      binaryMiss ??= binary === null ? `binary unknown: it cannot match policy '${entry.key}', which allows ${shown3} per binary` : binary.tainted ? `binary ${binary.exe} is tainted (${binary.tainted}): it cannot match policy '${entry.key}', which allows ${shown3} per binary` : `binary ${binary.exe} not allowed by policy '${entry.key}' for ${shown3}`;
      continue;
    }
    if (match?.kind === "match") {
      const action = match.endpoint.enforcement === "audit" ? "audit" : "allow";
      if (!best || best.action === "audit" && action === "allow") {
        best = {
          action,
          policy: entry.key,
          reason: action === "audit" ? `allowed for audit by policy '${entry.key}'` : `allowed by policy '${entry.key}'`
        };
      }
    } else if (blockedResult?.kind === "blocked") {
      blocked ??= { action: "deny", policy: entry.key, reason: blockedResult.reason };
    }
  }
  if (best) return best;
  if (blocked) return blocked;
  if (binaryMiss) return { action: "deny", policy: null, reason: binaryMiss };
  if (policy.network_policies.length === 0)
    return { action: "deny", policy: null, reason: "network connections not allowed by policy" };
  const ipNote = target.ip && !target.name && isPrivateAddress(target.ip) ? ` (${target.ip} is a private address)` : "";
  return { action: "deny", policy: null, reason: `no matching policy${ipNote}` };
}
function covers(policy, dest) {
  const target = toTarget(dest);
  if (!target) return false;
  return policy.network_policies.some(
    (entry) => entry.endpoints.some((e) => matchEndpoint(e, target).kind !== "none")
  );
}
function nameAllowed(policy, host) {
  const name = normalizeHost(host);
  if (isIP2(name) !== 0) return { allowed: false, policy: null };
  for (const entry of sorted(policy.network_policies)) {
    if (entry.binaries.length === 0) continue;
    const hit = entry.endpoints.some(
      (e) => e.host !== void 0 && e.enforceable && e.ports.length > 0 && hostMatches(e.host, name)
    );
    if (hit) return { allowed: true, policy: entry.key };
  }
  return { allowed: false, policy: null };
}
function binaryAllowed(entry, binary) {
  if (binary === null || binary.tainted) return false;
  const paths = [binary.exe, ...binary.ancestors];
  return entry.binaries.some((b) => paths.some((p) => binaryMatches(b.path, p)));
}
function matchEndpoint(e, t) {
  if (!e.ports.includes(t.port)) return { kind: "none" };
  if (e.host !== void 0) {
    if (t.name === void 0 || !hostMatches(e.host, t.name)) return { kind: "none" };
  } else if (e.ip !== void 0) {
    if (t.name !== void 0 || t.ip === void 0 || !cidrContains(e.ip, t.ip)) return { kind: "none" };
  } else if (t.ip === void 0) {
    return { kind: "none" };
  }
  const exact = e.host !== void 0 && !e.host.includes("*");
  const pinned = e.allowed_ips.length > 0 || e.ip !== void 0;
  if ((exact || pinned) && CONTROL_PLANE_PORTS.includes(t.port)) {
    return { kind: "blocked", reason: `port ${t.port} is a blocked control-plane port` };
  }
  const blocked = t.ip === void 0 ? null : addressProblem(e, t.ip, exact);
  if (blocked) return { kind: "blocked", reason: blocked };
  if (!e.enforceable) {
    const why = e.middleware?.length ? `middleware ${e.middleware.join(", ")} (on_error: fail_closed) is not run by Paddock` : "it has L7 rules Paddock cannot enforce yet";
    return {
      kind: "blocked",
      reason: `the matching endpoint (line ${e.line ?? "?"}) denies: ${why} (fail closed)`
    };
  }
  return { kind: "match", endpoint: e };
}
function addressProblem(e, ip, exact) {
  if (e.allowed_ips.length > 0) {
    return e.allowed_ips.some((c) => cidrContains(c, ip)) ? null : `${ip} is not in allowed_ips of the matching endpoint`;
  }
  if (e.ip !== void 0) return null;
  if (exact) {
    return isAlwaysBlocked(ip) ? `${ip} is a loopback, link-local or unspecified address; list it in allowed_ips to allow it` : null;
  }
  return isPrivateAddress(ip) ? `${ip} is an internal or special-use address, which a wildcard host never reaches; name the host exactly or list it in allowed_ips` : null;
}
function toTarget(dest) {
  if (!Number.isInteger(dest.port) || dest.port < 1 || dest.port > 65535) return null;
  if (dest.host !== void 0 && hasControlBytes(dest.host)) return null;
  let name = dest.host === void 0 || dest.host === "" ? void 0 : normalizeHost(dest.host.replace(/^\[(.*)\]$/, "$1"));
  let ip = dest.ip === void 0 || dest.ip === "" ? void 0 : unmapped(dest.ip);
  if (name !== void 0 && isIP2(name) !== 0) {
    ip ??= unmapped(name);
    name = void 0;
  }
  if (ip !== void 0 && isIP2(ip) === 0) return null;
  if (name === void 0 && ip === void 0) return null;
  return { ...name !== void 0 ? { name } : {}, ...ip !== void 0 ? { ip } : {}, port: dest.port };
}
function sorted(entries) {
  let out = order.get(entries);
  if (!out) {
    out = [...entries].sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    order.set(entries, out);
  }
  return out;
}
var order = /* @__PURE__ */ new WeakMap();

// src/policy/emit.ts
var import_yaml = __toESM(require_dist(), 1);
function policyToData(policy) {
  const out = { version: 1 };
  if (policy.extends) out.extends = policy.extends;
  out.filesystem_policy = {
    include_workdir: policy.filesystem_policy.include_workdir,
    read_only: [...policy.filesystem_policy.read_only],
    read_write: [...policy.filesystem_policy.read_write]
  };
  out.landlock = { compatibility: policy.landlock.compatibility };
  const process2 = {};
  if (policy.process.run_as_user !== void 0) process2.run_as_user = policy.process.run_as_user;
  if (policy.process.run_as_group !== void 0) process2.run_as_group = policy.process.run_as_group;
  if (policy.process.identity !== void 0) process2.identity = policy.process.identity;
  if (Object.keys(process2).length > 0) out.process = process2;
  if (policy.network_policies.length > 0) out.network_policies = networkToData(policy.network_policies);
  if (policy.network_middlewares?.length)
    out.network_middlewares = middlewaresToData(policy.network_middlewares);
  return out;
}
function networkToData(entries) {
  const out = {};
  for (const entry of entries) {
    out[entry.key] = {
      name: entry.name,
      endpoints: entry.endpoints.map(endpointToData),
      binaries: entry.binaries.map((b) => ({ path: b.path }))
    };
  }
  return out;
}
function endpointToData(e) {
  const out = {};
  if (e.host !== void 0) out.host = e.host;
  else if (e.ip !== void 0) out.host = e.ip;
  if (e.path !== void 0) out.path = e.path;
  if (e.ports.length === 1) out.port = e.ports[0];
  else if (e.ports.length > 1) out.ports = [...e.ports];
  if (e.protocol) out.protocol = e.protocol;
  if (e.tls) out.tls = e.tls;
  const l7 = e.protocol !== void 0 && e.protocol !== "tcp";
  if (l7 || e.protocol === void 0 && e.enforcement === "audit") out.enforcement = e.enforcement;
  const family = e.protocol === "mcp" || e.protocol === "json-rpc";
  if (e.access !== "full" || l7 && !family && !e.rules?.length) out.access = e.access;
  if (e.rules?.length) out.rules = e.rules;
  if (e.deny_rules?.length) out.deny_rules = e.deny_rules;
  if (e.allowed_ips.length > 0) out.allowed_ips = [...e.allowed_ips];
  if (e.allow_encoded_slash !== void 0) out.allow_encoded_slash = e.allow_encoded_slash;
  Object.assign(out, e.options ?? {});
  return out;
}
function middlewaresToData(middlewares) {
  const out = {};
  for (const m of middlewares) {
    out[m.key] = {
      ...m.name !== m.key ? { name: m.name } : {},
      middleware: m.middleware,
      ...m.order !== 0 ? { order: m.order } : {},
      ...m.config ? { config: m.config } : {},
      on_error: m.on_error,
      endpoints: { include: [...m.include], ...m.exclude.length > 0 ? { exclude: [...m.exclude] } : {} }
    };
  }
  return out;
}
function toDocument(data) {
  const doc = new import_yaml.Document(data);
  (0, import_yaml.visit)(doc, {
    Pair(_, pair) {
      const key = String(pair.key?.value);
      if ((0, import_yaml.isSeq)(pair.value) && (key === "ports" || key === "allowed_ips")) pair.value.flow = true;
    },
    Scalar(_, node) {
      if (typeof node.value === "string" && node.value.includes("##[")) node.type = "QUOTE_DOUBLE";
    }
  });
  return doc;
}
function yamlText(doc) {
  return doc.toString({ lineWidth: 0 }).replaceAll("##[", "##\\x5b");
}
function policyToYaml(policy) {
  return yamlText(toDocument(policyToData(policy)));
}

// src/policy/load.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join as join2, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// src/policy/middleware.ts
var import_yaml3 = __toESM(require_dist(), 1);

// src/policy/source.ts
var import_yaml2 = __toESM(require_dist(), 1);
var Source = class {
  constructor(file, lines) {
    this.file = file;
    this.lines = lines;
  }
  file;
  lines;
  errors = [];
  warnings = [];
  problem(node, field, message) {
    const offset = node?.range?.[0];
    if (offset === void 0) return { file: this.file, field: field || void 0, message };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, field: field || void 0, message };
  }
  error(node, field, message) {
    this.errors.push(this.problem(node, field, message));
  }
  warn(node, field, message) {
    this.warnings.push(this.problem(node, field, message));
  }
  /** 1-based line of a node, for messages that point back at the policy later. */
  line(node) {
    const offset = node?.range?.[0];
    return offset === void 0 ? void 0 : this.lines.linePos(offset).line;
  }
  /** The problem at an absolute offset (YAML syntax errors). */
  errorAt(offset, message) {
    const { line, col } = this.lines.linePos(offset);
    this.errors.push({ file: this.file, line, column: col, message });
  }
};
function join(parent, key) {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}
function readMap(src, node, field, known, what = "a mapping") {
  if (!(0, import_yaml2.isMap)(node)) {
    src.error(node, field, `expected ${what}, got ${describe(node)}`);
    return null;
  }
  const out = /* @__PURE__ */ new Map();
  for (const pair of node.items) {
    const keyNode = pair.key;
    const name = (0, import_yaml2.isScalar)(keyNode) ? String(keyNode.value) : null;
    if (name === null) {
      src.error(keyNode, field, "expected a plain key");
      continue;
    }
    if (known && !known.includes(name)) {
      const hint = closest(name, known);
      const expected = hint ? `did you mean \`${hint}\`?` : `expected one of: ${known.join(", ")}`;
      src.error(keyNode, join(field, name), `unknown field \`${name}\`; ${expected}`);
      continue;
    }
    out.set(name, { key: keyNode, value: pair.value ?? null });
  }
  return out;
}
function readSeq(src, node, field, what) {
  if (!(0, import_yaml2.isSeq)(node)) {
    src.error(node, field, `expected ${what}, got ${describe(node)}`);
    return null;
  }
  return node.items;
}
function readString(src, node, field) {
  if ((0, import_yaml2.isScalar)(node) && typeof node.value === "string" && node.value !== "") return node.value;
  src.error(node, field, `expected a non-empty string, got ${describe(node)}`);
  return null;
}
function readBool(src, node, field) {
  if ((0, import_yaml2.isScalar)(node) && typeof node.value === "boolean") return node.value;
  src.error(node, field, `expected true or false, got ${describe(node)}`);
  return null;
}
function readEnum(src, node, field, values) {
  if ((0, import_yaml2.isScalar)(node) && typeof node.value === "string" && values.includes(node.value)) {
    return node.value;
  }
  src.error(node, field, `expected one of ${values.join(", ")}, got ${describe(node)}`);
  return null;
}
function describe(node) {
  if (node === null || node === void 0) return "nothing";
  if ((0, import_yaml2.isMap)(node)) return "a mapping";
  if ((0, import_yaml2.isSeq)(node)) return "a list";
  if ((0, import_yaml2.isScalar)(node)) {
    if (node.value === null) return "null";
    if (typeof node.value === "string") return `"${node.value}"`;
    return String(node.value);
  }
  return "an alias";
}
function closest(name, known) {
  let best;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : void 0;
}
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

// src/policy/middleware.ts
var FIELDS = ["name", "middleware", "order", "config", "on_error", "endpoints"];
var MAX_CONFIGS = 10;
var MAX_PATTERNS = 32;
function readMiddlewares(src, node, field, network) {
  const entries = readMap(src, node, field, null);
  if (!entries) return [];
  if (entries.size > MAX_CONFIGS)
    src.error(node, field, `too many middleware configs (${entries.size} > ${MAX_CONFIGS})`);
  const out = [];
  const orders = /* @__PURE__ */ new Map();
  for (const [key, { value }] of [...entries].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const at = join(field, key);
    const fields = readMap(src, value, at, FIELDS);
    if (!fields) continue;
    const text = (name) => {
      const v = fields.get(name)?.value;
      if (v === void 0 || (0, import_yaml3.isScalar)(v) && v.value === null) return "";
      if ((0, import_yaml3.isScalar)(v) && typeof v.value === "string") return v.value;
      src.error(v, join(at, name), `expected a string, got ${describe(v)}`);
      return "";
    };
    const problem = (reason, n = value) => src.error(n, at, `middleware config '${key}' is invalid: ${reason}`);
    const middleware = text("middleware");
    if (!fields.has("middleware")) problem("missing field `middleware`");
    else if (middleware === "") problem("middleware must not be empty");
    const orderNode = fields.get("order")?.value;
    let order2 = 0;
    if (orderNode !== void 0) {
      if ((0, import_yaml3.isScalar)(orderNode) && typeof orderNode.value === "number" && Number.isInteger(orderNode.value))
        order2 = orderNode.value;
      else src.error(orderNode, join(at, "order"), `expected a whole number, got ${describe(orderNode)}`);
    }
    const first = orders.get(order2);
    if (first !== void 0)
      src.error(
        orderNode ?? value,
        join(at, "order"),
        `middleware configs '${first}' and '${key}' use duplicate order ${order2}`
      );
    else orders.set(order2, key);
    const onError = text("on_error");
    if (!["", "fail_closed", "fail_open"].includes(onError))
      problem(`invalid on_error '${onError}'`, fields.get("on_error")?.value);
    const configNode = fields.get("config")?.value;
    const config = configNode ? readMap(src, configNode, join(at, "config"), null) && configNode.toJSON() : void 0;
    const selector2 = fields.get("endpoints")?.value;
    let include = [];
    let exclude = [];
    if (selector2 === void 0 || (0, import_yaml3.isScalar)(selector2) && selector2.value === null)
      problem("endpoint selector is required");
    else {
      const sel = readMap(src, selector2, join(at, "endpoints"), ["include", "exclude"]);
      include = patterns(src, sel?.get("include")?.value, join(at, "endpoints.include"));
      exclude = patterns(src, sel?.get("exclude")?.value, join(at, "endpoints.exclude"));
      if (include.length === 0) problem("endpoint selector must include at least one host pattern", selector2);
      if (include.length + exclude.length > MAX_PATTERNS)
        problem(
          `too many selector patterns (${include.length + exclude.length} > ${MAX_PATTERNS})`,
          selector2
        );
      for (const p of [...include, ...exclude]) {
        const reason = selectorProblem(p);
        if (reason) problem(`endpoint selector pattern '${p}' is invalid: ${reason}`, selector2);
      }
    }
    const m = {
      key,
      name: text("name") || key,
      middleware,
      order: order2,
      on_error: onError === "fail_open" ? "fail_open" : "fail_closed",
      include,
      exclude,
      ...config ? { config } : {},
      line: src.line(value)
    };
    if (m.on_error === "fail_closed") {
      for (const entry of network)
        for (const e of entry.endpoints)
          if (e.tls === "skip" && e.host !== void 0 && selects(m, e.host, true))
            src.error(
              value,
              at,
              `middleware config '${key}' selects network policy '${entry.name}' tls: skip endpoint '${e.host}'`
            );
    }
    src.warn(
      value,
      at,
      m.on_error === "fail_closed" ? `middleware '${middleware}' is not run by Paddock: connections to the hosts it selects are denied (on_error: fail_closed)` : `middleware '${middleware}' is not run by Paddock: connections to the hosts it selects go through unfiltered (on_error: fail_open)`
    );
    out.push(m);
  }
  return out;
}
function patterns(src, node, field) {
  if (node === void 0 || node === null || (0, import_yaml3.isScalar)(node) && node.value === null) return [];
  const items = readSeq(src, node, field, "a list of host patterns") ?? [];
  return items.flatMap((n, i) => {
    if ((0, import_yaml3.isScalar)(n) && typeof n.value === "string") return [n.value];
    src.error(n, join(field, i), `expected a host pattern, got ${describe(n)}`);
    return [];
  });
}
function selectorProblem(pattern) {
  const p = pattern.trim().toLowerCase();
  if (p === "" || p !== pattern.trim()) return "pattern must not be empty";
  const labels = p.replace(/\.$/, "").split(".");
  if (labels.some((l) => l === "")) return "empty DNS label";
  for (const [i, l] of labels.entries()) {
    if (l === "**" && i !== 0) return "'**' is only allowed as the first label";
    if (l.includes("*") && l !== "*" && l !== "**") return "wildcards must be a whole label";
    if (!l.includes("*") && !/^[a-z0-9_-]+$/.test(l)) return `invalid DNS label '${l}'`;
  }
  return null;
}
function selects(m, host, mayMatch = false) {
  const hit = (p) => hostMatches(p, host) || mayMatch && (hostMatches(host, p) || p === host);
  return m.include.some(hit) && !m.exclude.some((p) => hostMatches(p, host));
}
function applyMiddlewares(middlewares, network) {
  if (middlewares.length === 0) return [...network];
  return network.map((entry) => ({
    ...entry,
    endpoints: entry.endpoints.map((e) => {
      const hits2 = middlewares.filter((m) => e.host !== void 0 && selects(m, e.host, true));
      if (hits2.length === 0) return e;
      const closed = hits2.filter((m) => m.on_error === "fail_closed");
      const notes = hits2.map(
        (m) => m.on_error === "fail_closed" ? `middleware '${m.key}' (${m.middleware}) is not run by Paddock: every connection to this endpoint is denied (on_error: fail_closed)` : `middleware '${m.key}' (${m.middleware}) is not run by Paddock: connections go through without it (on_error: fail_open)`
      );
      const keys = [.../* @__PURE__ */ new Set([...e.middleware ?? [], ...closed.map((m) => m.key)])];
      return {
        ...e,
        enforceable: e.enforceable && closed.length === 0,
        ...keys.length > 0 ? { middleware: keys } : {},
        notEnforced: [.../* @__PURE__ */ new Set([...e.notEnforced ?? [], ...notes])]
      };
    })
  }));
}

// src/policy/merge.ts
function mergePolicies(base, child) {
  const wrote = (s) => child.declared?.includes(s) ?? true;
  const childKeys = new Set(child.network_policies.map((e) => e.key));
  const network = [
    ...base.network_policies.filter((e) => !childKeys.has(e.key)),
    ...child.network_policies
  ];
  const fs = wrote("filesystem_policy") ? {
    include_workdir: child.filesystem_policy.include_workdir,
    read_only: union(base.filesystem_policy.read_only, child.filesystem_policy.read_only),
    read_write: union(base.filesystem_policy.read_write, child.filesystem_policy.read_write)
  } : base.filesystem_policy;
  const declared = [.../* @__PURE__ */ new Set([...base.declared ?? [], ...child.declared ?? []])];
  const childMiddlewares = new Set((child.network_middlewares ?? []).map((m) => m.key));
  const middlewares = [
    ...(base.network_middlewares ?? []).filter((m) => !childMiddlewares.has(m.key)),
    ...child.network_middlewares ?? []
  ];
  return {
    version: 1,
    source: child.source,
    filesystem_policy: fs,
    landlock: wrote("landlock") ? child.landlock : base.landlock,
    process: wrote("process") ? { ...base.process, ...child.process } : base.process,
    network_policies: applyMiddlewares(middlewares, network),
    ...middlewares.length > 0 ? { network_middlewares: middlewares } : {},
    declared
  };
}
function union(a, b) {
  return [.../* @__PURE__ */ new Set([...a, ...b])];
}
function staticChanges(current, next) {
  const wrote = (s) => next.declared?.includes(s) ?? true;
  return compare(current, next).filter((s) => wrote(s));
}
function compare(current, next) {
  const out = [];
  const fsA = current.filesystem_policy;
  const fsB = next.filesystem_policy;
  if (fsA.include_workdir !== fsB.include_workdir || !sameList(fsA.read_only, fsB.read_only) || !sameList(fsA.read_write, fsB.read_write)) {
    out.push("filesystem_policy");
  }
  if (current.landlock.compatibility !== next.landlock.compatibility) out.push("landlock");
  if (String(current.process.run_as_user ?? "") !== String(next.process.run_as_user ?? "") || String(current.process.run_as_group ?? "") !== String(next.process.run_as_group ?? "") || current.process.identity !== next.process.identity) {
    out.push("process");
  }
  return out;
}
function sameList(a, b) {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

// src/policy/parse.ts
var import_yaml8 = __toESM(require_dist(), 1);

// src/policy/ambiguity.ts
var import_yaml4 = __toESM(require_dist(), 1);
function checkAmbiguity(src, node, field, entries) {
  const all = [...entries].sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0).flatMap((entry) => entry.endpoints.map((e, index) => ({ entry, index, e })));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const left = all[i];
      const right = all[j];
      const ports = left.e.ports.filter((p) => right.e.ports.includes(p));
      if (ports.length === 0 || !hostsOverlap(selector(left.e), selector(right.e))) continue;
      const conflicts = connectionConflicts(left.e, right.e);
      if (carriesRequestSettings(left.e) && carriesRequestSettings(right.e) && pathsOverlap(left.e.path ?? "", right.e.path ?? "") && specificity(left.e.path ?? "") === specificity(right.e.path ?? "")) {
        conflicts.push(...requestConflicts(left.e, right.e));
      }
      if (conflicts.length === 0) continue;
      const at = `${field}.${right.entry.key}.endpoints[${right.index}]`;
      const target = (0, import_yaml4.isMap)(node) ? node.getIn([right.entry.key, "endpoints", right.index], true) : node;
      src.error(
        target,
        at,
        `network policies '${left.entry.name}' endpoint[${left.index}] (${shown(left.e)}) and '${right.entry.name}' endpoint[${right.index}] (${shown(right.e)}) overlap on port(s) ${ports.join(",")} with conflicting metadata: ${conflicts.join("; ")}`
      );
    }
  }
}
var selector = (e) => e.host ?? e.ip ?? "";
var shown = (e) => `${selector(e) || "<any-host>"}:${e.ports.join(",")}${e.path ?? ""}`;
var opt = (e, key) => e.options?.[key];
function connectionConflicts(a, b) {
  const out = [];
  differ(out, "transparent_tcp_eligible", a.protocol === "tcp", b.protocol === "tcp");
  differ(out, "tls", a.tls === "skip" ? "skip" : "auto", b.tls === "skip" ? "skip" : "auto");
  differ(out, "allowed_ips", normalized(a.allowed_ips), normalized(b.allowed_ips));
  return out;
}
function carriesRequestSettings(e) {
  return e.protocol !== void 0 && e.protocol !== "tcp" || e.allowed_ips.length > 0 || e.tls !== void 0 || opt(e, "credential_binding") !== void 0;
}
function requestConflicts(a, b) {
  const out = [];
  const proto = (e) => e.protocol === "tcp" ? "" : e.protocol ?? "";
  differ(out, "protocol", proto(a), proto(b));
  differ(out, "enforcement", a.enforcement, b.enforcement);
  differ(out, "allow_encoded_slash", a.allow_encoded_slash === true, b.allow_encoded_slash === true);
  for (const key of ["websocket_credential_rewrite", "request_body_credential_rewrite"])
    differ(out, key, opt(a, key) === true, opt(b, key) === true);
  if (a.protocol === "websocket" && b.protocol === "websocket")
    differ(out, "websocket_graphql_policy", websocketGraphql(a), websocketGraphql(b));
  for (const key of ["credential_signing", "signing_service", "signing_region"])
    differ(out, key, String(opt(a, key) ?? ""), String(opt(b, key) ?? ""));
  const provider = (e) => String(opt(e, "credential_binding")?.provider ?? "");
  differ(out, "credential_binding.provider", provider(a), provider(b));
  const limit = (v) => typeof v === "number" && v > 0 ? v : 65536;
  if (a.protocol === "graphql" && b.protocol === "graphql")
    differ(
      out,
      "graphql_max_body_bytes",
      limit(opt(a, "graphql_max_body_bytes")),
      limit(opt(b, "graphql_max_body_bytes"))
    );
  const family = (e) => e.protocol === "json-rpc" || e.protocol === "mcp";
  const body = (e) => {
    const stanza = opt(e, "mcp") ?? opt(e, "json_rpc");
    return limit(stanza?.max_body_bytes);
  };
  if (a.protocol === b.protocol && family(a)) differ(out, "json_rpc_max_body_bytes", body(a), body(b));
  const strict = (e) => opt(e, "mcp")?.strict_tool_names !== false;
  if (a.protocol === "mcp" && b.protocol === "mcp")
    differ(out, "mcp.strict_tool_names", strict(a), strict(b));
  return out;
}
function websocketGraphql(e) {
  const graphql = (r) => {
    const x = r ?? {};
    return Boolean(x.operation_type) || Boolean(x.operation_name) || x.fields !== void 0;
  };
  const pq = opt(e, "persisted_queries");
  return opt(e, "graphql_persisted_queries") !== void 0 || typeof pq === "string" && pq !== "" && pq !== "deny" || (e.rules ?? []).some((r) => graphql(r.allow)) || (e.deny_rules ?? []).some(graphql);
}
function differ(out, field, a, b) {
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  if (sa !== sb) out.push(`${field}=${sa} vs ${sb}`);
}
function normalized(values) {
  return [...new Set(values.map((v) => v.trim().toLowerCase()))].sort();
}
function specificity(path) {
  return path.replaceAll("*", "").length;
}
function hostsOverlap(a, b) {
  if (a === "" || b === "") return true;
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (!x.includes("*") && !y.includes("*")) return x === y;
  return overlap(hostTokens(x), hostTokens(y));
}
function pathsOverlap(a, b) {
  if (a === "" || b === "" || ["**", "/**"].includes(a) || ["**", "/**"].includes(b)) return true;
  return overlap(pathTokens(a), pathTokens(b));
}
var DOT = 46;
var literal2 = (c) => ({ kind: "char", test: (x) => x === c, samples: [c] });
var ANY = (x) => x >= 0;
function hostTokens(p) {
  const out = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] !== "*") {
      out.push(literal2(p.charCodeAt(i)));
      continue;
    }
    let n = 0;
    while (p[i + n] === "*") n++;
    i += n - 1;
    out.push({ kind: "star", test: n >= 2 ? ANY : (x) => x !== DOT });
  }
  return out;
}
function pathTokens(p) {
  const out = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "*") {
      while (p[i + 1] === "*") i++;
      out.push({ kind: "star", test: ANY });
    } else if (c === "?") out.push({ kind: "char", test: ANY, samples: [97] });
    else if (c === "[" && p.indexOf("]", i + 2) !== -1) {
      const end = p.indexOf("]", i + 2);
      let body = p.slice(i + 1, end);
      const negated = body.startsWith("!");
      if (negated) body = body.slice(1);
      const ranges = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === "-" && k + 2 < body.length) {
          ranges.push([body.charCodeAt(k), body.charCodeAt(k + 2)]);
          k += 2;
        } else ranges.push([body.charCodeAt(k), body.charCodeAt(k)]);
      }
      const inside = (x) => ranges.some(([lo, hi]) => x >= lo && x <= hi);
      const samples = ranges.flatMap(([lo, hi]) => [lo, hi, lo - 1, hi + 1]).concat([97, 126, 48]);
      out.push({ kind: "char", test: negated ? (x) => !inside(x) : inside, samples });
      i = end;
    } else out.push(literal2(p.charCodeAt(i)));
  }
  return out;
}
function share(a, b) {
  const samples = [
    ...a.kind === "char" ? a.samples : [],
    ...b.kind === "char" ? b.samples : [],
    97,
    48,
    45,
    47,
    DOT
  ];
  return samples.some((c) => c >= 0 && a.test(c) && b.test(c));
}
function overlap(a, b) {
  const queue = [[0, 0]];
  const seen = /* @__PURE__ */ new Set();
  while (queue.length > 0) {
    const [i, j] = queue.shift();
    const id = `${i},${j}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    if (ta?.kind === "star") queue.push([i + 1, j]);
    if (tb?.kind === "star") queue.push([i, j + 1]);
    if (!ta || !tb || !share(ta, tb)) continue;
    queue.push([ta.kind === "star" ? i : i + 1, tb.kind === "star" ? j : j + 1]);
  }
  return false;
}

// src/policy/network.ts
var import_yaml7 = __toESM(require_dist(), 1);

// src/policy/endpoint.ts
var import_yaml6 = __toESM(require_dist(), 1);
import { isIP as isIP3 } from "node:net";

// src/policy/allowed-ips.ts
var import_yaml5 = __toESM(require_dist(), 1);
function readAllowedIps(src, node, field, present) {
  if (!present || (0, import_yaml5.isScalar)(node) && node.value === null) return null;
  const items = readSeq(src, node, field, "a list of IP addresses or CIDRs") ?? [];
  const parsed = items.map((n) => {
    const text = (0, import_yaml5.isScalar)(n) && (typeof n.value === "string" || typeof n.value === "number") ? String(n.value).trim() : null;
    return { n, text, cidr: text === null ? null : parseCidr(text) };
  });
  const local = parsed.filter((p) => p.cidr && withinAlwaysBlocked(p.cidr));
  const out = [];
  parsed.forEach(({ n, text, cidr }, i) => {
    const at = join(field, i);
    if (!cidr) {
      src.error(
        n,
        at,
        `invalid CIDR/IP in allowed_ips: ${text ?? describe(n)} (expected e.g. 10.0.5.0/24 or 10.0.5.20)`
      );
      return;
    }
    const blockedReason = `allowed_ips entry ${text} falls within always-blocked range (loopback/link-local/unspecified); remove this entry \u2014 SSRF hardening prevents traffic to these destinations regardless of policy`;
    if (overlapsAlwaysBlocked(cidr) && !withinAlwaysBlocked(cidr)) src.error(n, at, blockedReason);
    else if (withinAlwaysBlocked(cidr) && local.length !== parsed.length)
      src.error(n, at, `${blockedReason} (Paddock allows loopback/link-local only in a list of its own)`);
    else if (withinAlwaysBlocked(cidr))
      src.warn(
        n,
        at,
        `${text} is loopback or link-local: OpenShell refuses it; Paddock allows it because it is listed on its own`
      );
    else if (cidr.prefix < (cidr.family === "ipv4" ? 16 : 48))
      src.warn(
        n,
        at,
        `allowed_ips entry has a very broad CIDR ${text} (/${cidr.prefix}); this may expose control-plane services on the same network`
      );
    out.push(text);
  });
  return out.length > 0 ? out : null;
}

// src/policy/l7.ts
var KNOWN = ["rest", "websocket", "graphql", "sql", "json-rpc", "mcp"];
var HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "*"];
var WS_METHODS = ["GET", "WEBSOCKET_TEXT", "*"];
var GRAPHQL_OPS = ["query", "mutation", "subscription", "*"];
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v) => typeof v === "string" ? v : "";
var list = (v) => Array.isArray(v) ? v : null;
function checkL7(input) {
  const { ep, protocol, error, warn } = input;
  const known = KNOWN.includes(protocol);
  const tcp = protocol === "tcp";
  const jsonrpcFamily = protocol === "json-rpc" || protocol === "mcp";
  const access = str(ep.access);
  const rules = list(ep.rules);
  const denyRules = list(ep.deny_rules);
  const hasRules = (rules?.length ?? 0) > 0;
  const hasDeny = (denyRules?.length ?? 0) > 0;
  const mcp = isObject(ep.mcp) ? ep.mcp : {};
  const allowAll = mcp.allow_all_known_mcp_methods === true;
  const strictToolNames = mcp.strict_tool_names !== false;
  if (protocol !== "" && !known && !tcp) {
    error(
      ["protocol"],
      `unknown protocol '${protocol}' (expected tcp, rest, websocket, graphql, sql, json-rpc, or mcp)`
    );
  }
  if (tcp && (access !== "" || hasRules || hasDeny)) {
    error(["protocol"], "protocol tcp does not support access, rules, or deny_rules; remove those L7 fields");
  }
  if (hasRules && access !== "") error(["access"], "rules and access are mutually exclusive");
  if (jsonrpcFamily && access !== "") {
    error(
      ["access"],
      protocol === "mcp" ? "protocol mcp does not support access presets; use rules/deny_rules or set mcp.allow_all_known_mcp_methods: true for an allow-all MCP policy" : 'protocol json-rpc does not support access presets; use explicit rules with allow.method such as "*"'
    );
  }
  if (protocol === "json-rpc" && !hasRules && access === "")
    error(["protocol"], "protocol json-rpc requires explicit rules with allow.method");
  if (known && !jsonrpcFamily && !hasRules && access === "")
    error(["protocol"], "protocol requires rules or access to define allowed traffic");
  if (protocol === "mcp" && !hasRules && access === "" && !allowAll)
    error(["protocol"], "protocol mcp requires rules when mcp.allow_all_known_mcp_methods is false");
  if (hasRules && rules.every((r) => deniesAll(r)) && !(protocol === "mcp" && allowAll)) {
    error(
      ["rules"],
      "rules would deny all traffic (no allow clause found). Use `access: full` or add allow clauses to rules."
    );
  }
  if (hasDeny && !known) error(["deny_rules"], "deny_rules require protocol (L7 inspection must be enabled)");
  if (hasDeny && protocol !== "mcp" && !hasRules && access === "")
    error(["deny_rules"], "deny_rules require rules or access to define the base allow set");
  if (rules && rules.length === 0)
    error(
      ["rules"],
      "rules list cannot be empty (would deny all traffic). Use `access: full` or remove rules."
    );
  if (denyRules && denyRules.length === 0)
    error(
      ["deny_rules"],
      "deny_rules list cannot be empty (would have no effect). Remove it if no denials are needed."
    );
  if (access !== "" && !["read-only", "read-write", "full"].includes(access) && known && !jsonrpcFamily) {
    warn(
      ["access"],
      `unsupported L7 access preset '${access}' ignored; expected one of: read-only, read-write, full`
    );
  }
  if (protocol === "sql" && str(ep.enforcement) === "enforce") {
    error(
      ["enforcement"],
      "SQL enforcement requires full SQL parsing (not available in v1). Use `enforcement: audit`."
    );
  }
  const tls = str(ep.tls);
  const ports = portsOf(ep);
  if (tls === "skip" && protocol !== "" && ports.includes(443)) {
    warn(["tls"], "'tls: skip' with L7 rules on port 443 \u2014 L7 inspection cannot work on encrypted traffic");
  }
  checkEndpointOptions(input);
  const toolAllow = protocol === "mcp" && (rules ?? []).some((r) => hasToolSelector(isObject(r) ? r.allow ?? r : r));
  rules?.forEach((rule, i) => {
    const allow = isObject(rule) && isObject(rule.allow) ? rule.allow : {};
    const at = ["rules", i, "allow"];
    const report = (p, m) => error([...at, ...p], m);
    const note = (p, m) => warn([...at, ...p], m);
    if (toolAllow && !hasToolSelector(allow)) {
      const method = str(allow.method);
      if (matchesToolsCall(method) || method === "" && allowAll) {
        report(
          [],
          "method matcher allows every tool call and conflicts with MCP tool allow rules; add tool or params.name to narrow tools/call, or remove the tool allow rules"
        );
      }
    }
    checkRule(allow, protocol, { strictToolNames, allowAll }, report, note, true);
  });
  denyRules?.forEach((rule, i) => {
    const deny = isObject(rule) ? rule : {};
    const report = (p, m) => error(["deny_rules", i, ...p], m);
    const note = (p, m) => warn(["deny_rules", i, ...p], m);
    if (toolAllow && matchesToolsCall(str(deny.method)) && deny.method !== void 0 && !hasToolSelector(deny)) {
      report(
        ["method"],
        "method matcher denies every tool call and conflicts with MCP tool allow rules; add tool or params.name to deny specific tools, or remove the tool allow rules"
      );
    }
    checkRule(deny, protocol, { strictToolNames, allowAll }, report, note, false);
  });
}
function portsOf(ep) {
  const ports = list(ep.ports);
  if (ports && ports.length > 0) return ports.filter((p) => typeof p === "number");
  return typeof ep.port === "number" && ep.port > 0 ? [ep.port] : [];
}
function checkEndpointOptions({ ep, protocol, error, warn }) {
  const pq = str(ep.persisted_queries);
  if (pq !== "" && pq !== "deny" && pq !== "allow_registered")
    error(["persisted_queries"], `persisted_queries must be 'deny' or 'allow_registered', got '${pq}'`);
  if (ep.graphql_max_body_bytes !== void 0 && !positive(ep.graphql_max_body_bytes))
    error(["graphql_max_body_bytes"], "graphql_max_body_bytes must be a positive integer");
  const family = protocol === "json-rpc" || protocol === "mcp";
  for (const stanza of ["json_rpc", "mcp"]) {
    const s = ep[stanza];
    if (isObject(s) && s.max_body_bytes !== void 0 && !positive(s.max_body_bytes))
      error([stanza, "max_body_bytes"], "json_rpc_max_body_bytes must be a positive integer");
    if (isObject(s) && s.max_body_bytes !== void 0 && !family)
      warn([stanza], "JSON-RPC-specific endpoint fields are ignored unless protocol is json-rpc or mcp");
  }
  if (isObject(ep.mcp)) {
    for (const key of ["strict_tool_names", "allow_all_known_mcp_methods"]) {
      if (ep.mcp[key] === void 0) continue;
      if (typeof ep.mcp[key] !== "boolean") error(["mcp", key], `mcp.${key} must be boolean`);
      if (protocol !== "mcp") error(["mcp", key], `mcp.${key} is only valid for protocol mcp`);
    }
  }
  if (protocol !== "graphql" && protocol !== "websocket" && (ep.persisted_queries !== void 0 || ep.graphql_persisted_queries !== void 0 || ep.graphql_max_body_bytes !== void 0)) {
    warn([], "GraphQL-specific endpoint fields are ignored unless protocol is graphql or websocket");
  }
  if (ep.websocket_credential_rewrite === true && protocol !== "rest" && protocol !== "websocket")
    warn(
      ["websocket_credential_rewrite"],
      "websocket_credential_rewrite is ignored unless protocol is rest or websocket"
    );
  if (ep.request_body_credential_rewrite === true && protocol !== "rest")
    warn(
      ["request_body_credential_rewrite"],
      "request_body_credential_rewrite is ignored unless protocol is rest"
    );
  const registry = ep.graphql_persisted_queries;
  if (registry !== void 0) {
    if (!isObject(registry))
      error(
        ["graphql_persisted_queries"],
        "graphql_persisted_queries must be a map keyed by hash or saved-query id"
      );
    else
      for (const [key, op] of Object.entries(registry)) {
        const r = (p, m) => error(["graphql_persisted_queries", key, ...p], m);
        const w = (p, m) => warn(["graphql_persisted_queries", key, ...p], m);
        checkGraphqlRule(isObject(op) ? op : {}, r, w);
      }
  }
}
function checkRule(rule, protocol, mcp, error, warn, allowSide) {
  const method = str(rule.method);
  if ((protocol === "rest" || protocol === "websocket") && method !== "") {
    const valid = protocol === "websocket" ? WS_METHODS : HTTP_METHODS;
    if (!valid.includes(method.toUpperCase()))
      warn(["method"], `Unknown HTTP/WebSocket method '${method}'. Standard methods: ${valid.join(", ")}.`);
  }
  for (const key of ["path", "operation_name"]) {
    const g = str(rule[key]);
    const problem = g === "" ? null : globProblem(g);
    if (problem) warn([key], problem);
  }
  if (rule.query !== void 0 && rule.query !== null) checkMatcherMap(rule.query, ["query"], error, warn);
  checkJsonRpc(rule, protocol, mcp, error, warn);
  if (!allowSide && str(rule.command) !== "" && protocol === "rest")
    warn([], "command is for SQL protocol, not REST");
  const graphqlFields = hasGraphqlFields(rule);
  if (protocol === "websocket" && graphqlFields && hasTransportFields(rule)) {
    error(
      [],
      `WebSocket GraphQL ${allowSide ? "allow" : "deny"} rules must not combine method/path/query with operation_type/operation_name/fields`
    );
  }
  if (protocol === "graphql" || protocol === "websocket" && graphqlFields)
    checkGraphqlRule(rule, error, warn);
  else if (graphqlFields) warn([], "GraphQL rule fields are ignored unless protocol is graphql or websocket");
}
function checkJsonRpc(rule, protocol, mcp, error, warn) {
  const method = str(rule.method);
  const hasParams = rule.params !== void 0 && rule.params !== null;
  const hasTool = rule.tool !== void 0 && rule.tool !== null;
  const pathOrQuery = str(rule.path) !== "" || isObject(rule.query) && Object.keys(rule.query).length > 0;
  if (protocol === "json-rpc") {
    if (method === "") error(["method"], "required for json-rpc L7 rules");
    else if (method !== "*" && usesWildcard(method))
      error(
        ["method"],
        'generic JSON-RPC method rules do not support glob or wildcard matchers; use "*" to allow all methods or an exact method name'
      );
    if (hasParams) error([], "JSON-RPC rules do not support params matchers yet");
    if (hasTool) error(["tool"], "MCP tool matching is only valid for protocol mcp");
    if (pathOrQuery) error([], "json-rpc L7 rules must use method, not path/query");
    return;
  }
  if (protocol === "mcp") {
    if (method !== "") {
      const problem = globProblem(method);
      if (problem) warn(["method"], problem);
      if (usesWildcard(method) && !method.startsWith("tools/"))
        error(
          ["method"],
          "MCP method globs are only valid for the tools/ method family; omit method to use the endpoint method profile"
        );
    }
    if (method === "" && !mcp.allowAll)
      error(["method"], "required when mcp.allow_all_known_mcp_methods is false");
    else if (hasToolSelector(rule) && method !== "" && method !== "tools/call")
      error(["method"], `must be tools/call when an MCP rule uses tool or params.name, got '${method}'`);
    if (hasTool) {
      checkMatcher(rule.tool, ["tool"], error, warn);
      if (!mcp.strictToolNames && matcherUsesWildcard(rule.tool))
        error(["tool"], "wildcard tool-name matchers require mcp.strict_tool_names to remain enabled");
    }
    if (hasParams) {
      if (!isObject(rule.params)) error(["params"], "expected map of matchers");
      else {
        if (hasTool && "name" in rule.params)
          error([], "MCP rules must use either tool or params.name, not both");
        for (const key of Object.keys(rule.params))
          if (key !== "name") error(["params", key], "MCP tool argument matching is not supported yet");
        if (rule.params.name !== void 0) {
          checkMatcher(rule.params.name, ["params", "name"], error, warn);
          if (!mcp.strictToolNames && matcherUsesWildcard(rule.params.name))
            error(
              ["params", "name"],
              "wildcard tool-name matchers require mcp.strict_tool_names to remain enabled"
            );
        }
      }
    }
    if (pathOrQuery) error([], "mcp L7 rules must use method/tool, not path/query");
    return;
  }
  if (hasTool) error(["tool"], "MCP tool matching is only valid for protocol mcp");
  if (hasParams) error(["params"], "params matching is only valid for protocol mcp");
}
function checkGraphqlRule(rule, error, warn) {
  const op = str(rule.operation_type);
  if (op === "") error(["operation_type"], "required for GraphQL L7 rules");
  else if (!GRAPHQL_OPS.includes(op.toLowerCase()))
    error(["operation_type"], `expected query, mutation, subscription, or *, got '${op}'`);
  const name = str(rule.operation_name);
  const problem = name === "" ? null : globProblem(name);
  if (problem) warn(["operation_name"], problem);
  if (rule.fields === void 0) return;
  const fields = list(rule.fields);
  if (!fields) error(["fields"], "expected array of GraphQL root field globs");
  else if (fields.length === 0)
    error(["fields"], "list must not be empty; omit fields to match all root fields");
  else
    for (const f of fields) {
      if (typeof f !== "string") error(["fields"], "all values must be strings");
      else if (f === "") error(["fields"], "field glob must not be empty");
      else {
        const p = globProblem(f);
        if (p) warn(["fields"], p);
      }
    }
}
function checkMatcherMap(value, at, error, warn) {
  if (!isObject(value)) {
    error(at, "expected map of matchers");
    return;
  }
  for (const [key, m] of Object.entries(value)) checkMatcher(m, [...at, key], error, warn);
}
function checkMatcher(m, at, error, warn) {
  if (typeof m === "string") {
    const p = globProblem(m);
    if (p) warn(at, p);
    return;
  }
  if (!isObject(m)) {
    error(at, "expected string glob or matcher object");
    return;
  }
  const keys = Object.keys(m);
  if (keys.length === 0 || keys.some((k) => k !== "any")) {
    error(at, "unknown matcher keys; only a glob string or `any` are supported");
    return;
  }
  const any = list(m.any);
  if (!any) error([...at, "any"], "expected array of glob strings");
  else if (any.length === 0) error([...at, "any"], "list must not be empty");
  else if (any.some((v) => typeof v !== "string")) error([...at, "any"], "all values must be strings");
  else
    for (const g of any) {
      const p = globProblem(g);
      if (p) warn([...at, "any"], p);
    }
}
function globProblem(pattern) {
  for (const [open2, close] of [
    ["[", "]"],
    ["{", "}"]
  ]) {
    let depth = 0;
    for (const c of pattern) {
      if (c === open2) depth++;
      else if (c === close) {
        if (depth === 0) return `glob pattern '${pattern}' has unmatched '${close}'`;
        depth--;
      }
    }
    if (depth > 0) return `glob pattern '${pattern}' has unclosed '${open2}'`;
  }
  return null;
}
function deniesAll(rule) {
  const allow = isObject(rule) ? rule.allow : void 0;
  if (!isObject(allow)) return true;
  return ["method", "path", "command", "operation_type", "operation_name"].every((k) => str(allow[k]) === "") && !hasToolSelector(allow);
}
function hasToolSelector(rule) {
  if (!isObject(rule)) return false;
  if (rule.tool !== void 0 && rule.tool !== null) return true;
  return isObject(rule.params) && rule.params.name !== void 0 && rule.params.name !== null;
}
function matchesToolsCall(method) {
  if (method === "tools/call" || method === "*") return true;
  if (!usesWildcard(method)) return false;
  const re = new RegExp(
    `^${method.replace(/[.+^${}()|\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".")}$`
  );
  return re.test("tools/call");
}
function usesWildcard(glob) {
  return /[*?[\]{}]/.test(glob);
}
function matcherUsesWildcard(m) {
  if (typeof m === "string") return usesWildcard(m);
  const any = isObject(m) ? list(m.any) : null;
  return (any ?? []).some((v) => typeof v === "string" && usesWildcard(v));
}
function hasGraphqlFields(rule) {
  return str(rule.operation_type) !== "" || str(rule.operation_name) !== "" || rule.fields !== void 0;
}
function hasTransportFields(rule) {
  return rule.method !== void 0 || rule.path !== void 0 || rule.query !== void 0;
}
function positive(v) {
  return typeof v === "number" && Number.isInteger(v) && v > 0;
}
function allowsEveryRequest(ep, protocol) {
  if (protocol !== "rest" && protocol !== "websocket") return false;
  if ((list(ep.deny_rules)?.length ?? 0) > 0 || str(ep.path) !== "") return false;
  if (str(ep.access) === "full") return true;
  return (list(ep.rules) ?? []).some((r) => {
    const a = isObject(r) && isObject(r.allow) ? r.allow : null;
    if (!a) return false;
    const keys = Object.keys(a).filter((k) => a[k] !== void 0 && a[k] !== "");
    return str(a.method) === "*" && ["**", "/**"].includes(str(a.path)) && keys.every((k) => k === "method" || k === "path");
  });
}

// src/policy/unenforced.ts
var CREDENTIALS = [
  "credential_binding",
  "credential_signing",
  "request_body_credential_rewrite",
  "websocket_credential_rewrite",
  "allow_uninspected_credentials"
];
function describeUnenforced(data, protocol, restricted, enforcement) {
  const out = [];
  const what = [
    `protocol: ${protocol}`,
    data.access !== void 0 ? `access: ${String(data.access)}` : null,
    data.rules !== void 0 ? "rules" : null,
    data.deny_rules !== void 0 ? "deny_rules" : null,
    data.path !== void 0 ? `path: ${String(data.path)}` : null
  ].filter((x) => x !== null).join(", ");
  if (restricted && enforcement === "enforce")
    out.push(
      `${what}: requests are not inspected by Paddock, so every connection to this endpoint is denied (enforcement: enforce, fail closed)`
    );
  else if (restricted)
    out.push(
      `${what}: requests are not inspected by Paddock; connections are allowed and logged as audit (enforcement: audit${data.enforcement === void 0 ? ", the OpenShell default for L7 endpoints" : ""})`
    );
  else if (protocol === "" && (data.rules !== void 0 || data.deny_rules !== void 0 || data.access !== void 0))
    out.push(
      "access/rules/deny_rules without `protocol` are not inspected by OpenShell either: the endpoint allows every connection to its host and port"
    );
  const credentials = CREDENTIALS.filter((k) => data[k] !== void 0 && data[k] !== false);
  if (credentials.length > 0)
    out.push(
      `${credentials.join(", ")}: no credential is injected, rewritten or signed for this endpoint; requests go out as the client sent them`
    );
  const inspection = [
    "allow_encoded_slash",
    "persisted_queries",
    "graphql_persisted_queries",
    "graphql_max_body_bytes",
    "json_rpc",
    "mcp"
  ].filter((k) => data[k] !== void 0);
  if (inspection.length > 0)
    out.push(
      `${inspection.join(", ")}: request-inspection settings for protocols Paddock does not inspect (it inspects REST only)`
    );
  if (data.tls === "skip" && protocol !== "")
    out.push("tls: skip: requests are not inspected, so L7 rules cannot be enforced on this endpoint");
  return out;
}

// src/policy/endpoint.ts
var ENDPOINT = [
  "host",
  "path",
  "port",
  "ports",
  "protocol",
  "tls",
  "enforcement",
  "access",
  "rules",
  "deny_rules",
  "allowed_ips",
  "allow_encoded_slash",
  "websocket_credential_rewrite",
  "request_body_credential_rewrite",
  "allow_uninspected_credentials",
  "persisted_queries",
  "graphql_persisted_queries",
  "graphql_max_body_bytes",
  "credential_signing",
  "signing_service",
  "signing_region",
  "credential_binding",
  "json_rpc",
  "mcp"
];
var OPTIONS = ENDPOINT.slice(12);
var BOOLEANS = [
  "allow_encoded_slash",
  "websocket_credential_rewrite",
  "request_body_credential_rewrite",
  "allow_uninspected_credentials"
];
var STRINGS = [
  "host",
  "path",
  "protocol",
  "tls",
  "enforcement",
  "access",
  "persisted_queries",
  "credential_signing",
  "signing_service",
  "signing_region"
];
var L7_ONLY = [
  "enforcement",
  "path",
  "allow_encoded_slash",
  "websocket_credential_rewrite",
  "request_body_credential_rewrite",
  "persisted_queries",
  "graphql_persisted_queries",
  "graphql_max_body_bytes",
  "json_rpc",
  "mcp",
  "credential_signing",
  "signing_service",
  "signing_region",
  "credential_binding"
];
var RULE = [
  "method",
  "path",
  "command",
  "query",
  "operation_type",
  "operation_name",
  "fields",
  "tool",
  "params"
];
function readEndpoint(src, node, field, policyName = "") {
  const before = src.errors.length;
  const fields = readMap(src, node, field, ENDPOINT, "an endpoint mapping");
  if (!fields || src.errors.length > before) return null;
  const f = (name) => fields.get(name)?.value ?? null;
  const at = (name) => join(field, name);
  const nodeAt = (path) => {
    let cur = node;
    for (const step of path) {
      const next = (0, import_yaml6.isMap)(cur) || (0, import_yaml6.isSeq)(cur) ? cur.get(step, true) : void 0;
      if (!next) break;
      cur = next;
    }
    return cur;
  };
  const pathText = (path) => path.reduce((acc, k) => join(acc, k), field);
  const who = `network policy '${policyName}'`;
  for (const name of STRINGS) {
    const v = f(name);
    if (fields.has(name) && !((0, import_yaml6.isScalar)(v) && (typeof v.value === "string" || v.value === null)))
      scalarAsString(src, v, at(name));
  }
  for (const name of BOOLEANS) {
    const v = f(name);
    if (fields.has(name) && !((0, import_yaml6.isScalar)(v) && typeof v.value === "boolean"))
      src.error(v, at(name), `expected true or false, got ${describe(v)}`);
  }
  const port = (fields.has("port") ? readPortValue(src, f("port"), at("port")) : 0) ?? 0;
  const listed = [];
  if (fields.has("ports")) {
    const items = readSeq(src, f("ports"), at("ports"), "a list of port numbers") ?? [];
    items.forEach((n, i) => {
      const p = readPortValue(src, n, join(at("ports"), i));
      if (p !== null) listed.push(p);
    });
  }
  readStanza(src, f("credential_binding"), at("credential_binding"), ["provider"], { provider: "string" });
  readStanza(src, f("json_rpc"), at("json_rpc"), ["max_body_bytes"], {});
  readStanza(
    src,
    f("mcp"),
    at("mcp"),
    ["max_body_bytes", "strict_tool_names", "allow_all_known_mcp_methods"],
    {}
  );
  if (fields.has("graphql_max_body_bytes"))
    readCount(src, f("graphql_max_body_bytes"), at("graphql_max_body_bytes"));
  if (fields.has("graphql_persisted_queries")) {
    const reg = readMap(src, f("graphql_persisted_queries"), at("graphql_persisted_queries"), null);
    for (const [key, { value }] of reg ?? [])
      readMap(src, value, join(at("graphql_persisted_queries"), key), [
        "operation_type",
        "operation_name",
        "fields"
      ]);
  }
  const rules = fields.has("rules") ? readRules(src, f("rules"), at("rules"), true) : void 0;
  const denyRules = fields.has("deny_rules") ? readRules(src, f("deny_rules"), at("deny_rules"), false) : void 0;
  if (src.errors.length > before) return null;
  const data = node?.toJSON() ?? {};
  const text = (name) => {
    const v = data[name];
    return v === void 0 || v === null ? "" : String(v);
  };
  const protocolText = text("protocol").toLowerCase();
  const tcp = protocolText === "tcp";
  const hostText = text("host");
  const hostNode = f("host");
  const allowedIps = readAllowedIps(src, f("allowed_ips"), at("allowed_ips"), fields.has("allowed_ips"));
  if (hostText.trim() === "" && tcp)
    src.error(
      node,
      at("host"),
      `${who}: protocol tcp requires a DNS hostname; hostless allowed_ips endpoints are supported only by the forward proxy`
    );
  else if (hostText.trim() === "" && allowedIps === null)
    src.error(
      node,
      at("host"),
      `${who}: endpoint host must not be empty unless allowed_ips constrains a non-TCP proxy endpoint`
    );
  else if (tcp && isIP3(hostText.replace(/^\[(.*)\]$/, "$1")) !== 0)
    src.error(
      hostNode,
      at("host"),
      `${who}: protocol tcp endpoint '${hostText}' must use a DNS hostname, not an IP literal; direct IP connections bypass policy DNS and are blocked`
    );
  else if (tcp) {
    const reason = tcpHostProblem(hostText);
    if (reason)
      src.error(
        hostNode,
        at("host"),
        `${who}: protocol tcp endpoint has invalid DNS host selector '${hostText}': ${reason}`
      );
  }
  const ports = listed.length > 0 ? [...new Set(listed)] : port ? [port] : [];
  if (ports.length === 0)
    src.error(node, at("port"), `${who}: endpoint '${hostText}' must declare at least one port`);
  for (const p of ports)
    if (p < 1)
      src.error(
        f("ports") ?? f("port"),
        at("ports"),
        `${who}: endpoint '${hostText}' has invalid port ${p}; expected 1..=65535`
      );
  if (port > 0 && listed.length > 0)
    src.error(
      fields.get("ports").key,
      at("ports"),
      "port and ports are mutually exclusive; use ports for multiple ports"
    );
  const endpointPath = text("path");
  if (endpointPath !== "" && !endpointPath.startsWith("/") && endpointPath !== "**")
    src.error(f("path"), at("path"), `endpoint path must start with '/' or be '**', got '${endpointPath}'`);
  if (protocolText === "mcp" && hostText.trim() === "")
    src.error(node, at("host"), "protocol mcp requires host; protocol alone is not a wildcard endpoint");
  const signing = text("credential_signing");
  if (signing !== "" && !["sigv4", "sigv4:body", "sigv4:no_body"].includes(signing))
    src.error(
      f("credential_signing"),
      at("credential_signing"),
      `${who}: endpoint '${hostText}' has unrecognized credential_signing value '${signing}' (expected sigv4, sigv4:body, or sigv4:no_body)`
    );
  if (signing !== "" && text("signing_service") === "")
    src.error(
      f("credential_signing"),
      at("credential_signing"),
      `${who}: endpoint '${hostText}' has credential_signing set but signing_service is empty`
    );
  if (signing !== "" && data.request_body_credential_rewrite === true)
    src.error(
      f("credential_signing"),
      at("credential_signing"),
      `${who}: endpoint '${hostText}' has both credential_signing and request_body_credential_rewrite set; these options are mutually exclusive`
    );
  if (tcp) {
    const present = L7_ONLY.filter((k) => {
      const v = data[k];
      return v !== void 0 && v !== null && v !== "" && v !== false;
    });
    if (present.length > 0)
      src.error(
        f("protocol"),
        at("protocol"),
        `protocol tcp does not support L7-only fields: ${present.join(", ")}; remove those fields`
      );
  }
  checkL7({
    ep: data,
    protocol: protocolText,
    error: (p, m) => src.error(nodeAt(p), pathText(p), m),
    warn: (p, m) => src.warn(nodeAt(p), pathText(p), m)
  });
  let host;
  let ip;
  if (hostText.trim() !== "") {
    const cidr = parseCidr(hostText.replace(/^\[(.*)\]$/, "$1"));
    if (cidr) {
      ip = `${cidr.address}${hostText.includes("/") ? `/${cidr.prefix}` : ""}`;
      if (overlapsAlwaysBlocked(cidr))
        src.warn(
          hostNode,
          at("host"),
          `${hostText} is loopback, link-local or unspecified space: OpenShell never allows it; Paddock does because it is named`
        );
    } else {
      const problem = checkHostPattern(hostText);
      if (problem && (hostText.includes("*") || hasControlBytes(hostText)))
        src.error(hostNode, at("host"), problem);
      else if (problem)
        src.warn(hostNode, at("host"), `${problem}: this endpoint never matches a connection`);
      host = normalizeHost(hostText);
    }
  }
  for (const [name, value] of [
    ["tls", text("tls")],
    ["enforcement", text("enforcement")]
  ]) {
    const known = name === "tls" ? ["", "skip", "terminate", "passthrough"] : ["", "enforce", "audit"];
    if (!known.includes(value))
      src.warn(
        f(name),
        at(name),
        `unknown ${name} \`${value}\`: OpenShell treats it as ${name === "tls" ? "automatic TLS" : "audit"}, and so does Paddock`
      );
  }
  const tls = text("tls");
  if (tls === "terminate" || tls === "passthrough")
    src.warn(
      f("tls"),
      at("tls"),
      `'tls: ${tls}' is deprecated; TLS termination is now automatic. Use 'tls: skip' to disable.`
    );
  if (src.errors.length > before) return null;
  const l7 = protocolText !== "" && !tcp;
  const access = text("access");
  const written = text("enforcement");
  const enforcement = l7 ? written === "enforce" ? "enforce" : "audit" : written === "audit" ? "audit" : "enforce";
  const restricted = l7 && !allowsEveryRequest(data, protocolText);
  const inspected = protocolText === "rest" && tls !== "skip";
  const enforceable = !restricted || enforcement === "audit" || inspected;
  const notEnforced = describeUnenforced(data, protocolText, restricted && !inspected, enforcement);
  const options = Object.fromEntries(OPTIONS.filter((k) => data[k] !== void 0).map((k) => [k, data[k]]));
  if (restricted && !inspected || !l7 && (rules || denyRules || access !== "" && access !== "full"))
    src.warn(node, field, notEnforced[0] ?? "L7 fields not enforced");
  const credentials = CREDENTIALS.filter((k) => data[k] !== void 0 && data[k] !== false);
  if (credentials.length > 0)
    src.warn(
      fields.get(credentials[0])?.key,
      at(credentials[0]),
      `${credentials.join(", ")}: Paddock does not inject, rewrite or sign credentials from policy fields; requests are forwarded as the client sent them`
    );
  return {
    ...host !== void 0 ? { host } : {},
    ...ip !== void 0 ? { ip } : {},
    ports,
    ...protocolText !== "" ? { protocol: protocolText } : {},
    ...tls !== "" ? { tls } : {},
    enforcement,
    access: ["read-only", "read-write", "full"].includes(access) ? access : "full",
    ...rules ? { rules } : {},
    ...denyRules ? { deny_rules: denyRules } : {},
    allowed_ips: allowedIps ?? [],
    enforceable,
    line: src.line(node),
    ...typeof data.allow_encoded_slash === "boolean" ? { allow_encoded_slash: data.allow_encoded_slash } : {},
    ...endpointPath !== "" ? { path: endpointPath } : {},
    ...Object.keys(options).length > 0 ? { options } : {},
    ...notEnforced.length > 0 ? { notEnforced } : {}
  };
}
function tcpHostProblem(host) {
  if (host.trim() !== host) return "leading or trailing whitespace is not allowed";
  if (host.endsWith(".")) return "omit the trailing DNS root dot";
  if (hasControlBytes(host)) return "control characters are not allowed";
  if (/\s/.test(host)) return "whitespace is not allowed in a DNS name";
  if (host.split(".").includes("")) return "empty DNS labels are not allowed";
  const representative = host.split(".").map((l) => l === "**" ? "x" : l.replaceAll("*", "x")).join(".");
  if (representative === "" || representative.length > 253)
    return "selector cannot represent a valid DNS name";
  for (const label of representative.split(".")) {
    if (label === "") return "selector cannot represent a valid DNS name: empty label";
    if (label.length > 63)
      return "selector cannot represent a valid DNS name: label longer than 63 characters";
    if (!/^[A-Za-z0-9_-]+$/.test(label))
      return `selector cannot represent a valid DNS name: invalid label '${label}'`;
  }
  return null;
}
function scalarAsString(src, node, field) {
  if ((0, import_yaml6.isScalar)(node) && ["number", "boolean"].includes(typeof node.value)) return;
  src.error(node, field, `expected a string, got ${describe(node)}`);
}
function readPortValue(src, node, field) {
  if ((0, import_yaml6.isScalar)(node) && typeof node.value === "number" && Number.isInteger(node.value) && node.value >= 0 && node.value <= 65535)
    return node.value;
  src.error(node, field, `expected a port number from 1 to 65535, got ${describe(node)}`);
  return null;
}
function readCount(src, node, field) {
  if ((0, import_yaml6.isScalar)(node) && typeof node.value === "number" && Number.isInteger(node.value) && node.value >= 0 && node.value <= 4294967295)
    return;
  src.error(node, field, `expected a whole number of bytes, got ${describe(node)}`);
}
function readStanza(src, node, field, known, types) {
  if (node === null) return;
  const fields = readMap(src, node, field, known);
  for (const [key, { value }] of fields ?? []) {
    const at = join(field, key);
    if (types[key] === "string") {
      if (!((0, import_yaml6.isScalar)(value) && typeof value.value === "string"))
        src.error(value, at, `expected a string, got ${describe(value)}`);
    } else if (key === "max_body_bytes") readCount(src, value, at);
    else if (!((0, import_yaml6.isScalar)(value) && typeof value.value === "boolean"))
      src.error(value, at, `expected true or false, got ${describe(value)}`);
  }
}
function readRules(src, node, field, allow) {
  const items = readSeq(
    src,
    node,
    field,
    allow ? "a list of `- allow: {...}` rules" : "a list of deny rules"
  );
  if (!items) return void 0;
  items.forEach((item, i) => {
    const at = join(field, i);
    if (allow) {
      const fields = readMap(src, item, at, ["allow"], "a mapping `allow: {...}`");
      const body = fields?.get("allow");
      if (fields && !body) src.error(item, join(at, "allow"), "missing `allow`");
      else if (body) readMap(src, body.value, join(at, "allow"), RULE, "an allow rule mapping");
    } else readMap(src, item, at, RULE, "a deny rule mapping");
  });
  return items.map((n) => n.toJSON());
}

// src/policy/network.ts
var ENTRY = ["name", "endpoints", "binaries"];
var BINARY = ["path", "harness"];
function readNetworkPolicies(src, node, field) {
  if ((0, import_yaml7.isScalar)(node) && node.value === null) return [];
  const entries = readMap(src, node, field, null);
  if (!entries) return [];
  const out = [];
  for (const [key, { key: keyNode, value }] of entries) {
    const at = join(field, key);
    if (key.startsWith("_provider_")) {
      src.error(keyNode, at, "keys starting with `_provider_` are reserved for provider rules");
      continue;
    }
    const fields = readMap(src, value, at, ENTRY);
    if (!fields) continue;
    const nameNode = fields.get("name")?.value;
    const name = nameNode !== void 0 ? readString(src, nameNode, join(at, "name")) : null;
    const shownName = name ?? key;
    const endpoints = readList(
      src,
      fields.get("endpoints")?.value,
      join(at, "endpoints"),
      "a list of endpoints",
      (s, n, f) => readEndpoint(s, n, f, shownName)
    );
    const binaries = readList(
      src,
      fields.get("binaries")?.value,
      join(at, "binaries"),
      "a list of binaries",
      readBinary
    );
    if (endpoints.length === 0) src.warn(value, at, "no endpoints: this entry allows nothing");
    if (binaries.length === 0)
      src.warn(value, at, "no binaries: this entry matches no binary and allows nothing");
    out.push({ key, name: name ?? key, endpoints, binaries });
  }
  return out;
}
function readList(src, node, field, what, item) {
  if (node === void 0 || (0, import_yaml7.isScalar)(node) && node.value === null) return [];
  const items = readSeq(src, node, field, what) ?? [];
  return items.map((n, i) => item(src, n, join(field, i))).filter((x) => x !== null);
}
function readBinary(src, node, field) {
  const fields = readMap(src, node, field, BINARY, "a binary mapping like { path: /usr/bin/curl }");
  if (!fields) return null;
  const harness = fields.get("harness");
  if (harness)
    src.warn(harness.key, join(field, "harness"), "`harness` is deprecated and ignored (as in OpenShell)");
  const pathNode = fields.get("path");
  if (!pathNode) {
    src.error(node, join(field, "path"), "missing `path`: expected an executable path or glob");
    return null;
  }
  const path = readString(src, pathNode.value, join(field, "path"));
  if (path === null) return null;
  const problem = checkBinaryGlob(path);
  if (problem) src.warn(pathNode.value, join(field, "path"), problem);
  return { path, line: src.line(node) };
}

// src/policy/parse.ts
var TOP = [
  "version",
  "filesystem_policy",
  "landlock",
  "process",
  "network_policies",
  "extends",
  "network_middlewares"
];
var MAX_PATHS = 256;
function parsePolicy(text, file, options = {}) {
  const lines = new import_yaml8.LineCounter();
  const src = new Source(file, lines);
  const doc = (0, import_yaml8.parseDocument)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) src.errorAt(e.pos[0], e.message.split("\n")[0] ?? e.message);
  let field = "";
  let node = doc.contents;
  let parent = node;
  for (const step of options.at ?? []) {
    field = join(field, step);
    parent = node ?? parent;
    node = (0, import_yaml8.isMap)(node) || (0, import_yaml8.isSeq)(node) ? node.get(step, true) ?? null : null;
  }
  let policy = null;
  if (doc.errors.length === 0 && node === null && (options.at ?? []).length > 0) {
    src.error(parent, field, "missing: expected a policy mapping here");
  } else if (doc.errors.length === 0) policy = readPolicy(src, node, field, file);
  if (src.errors.length > 0 || !policy) {
    const n = src.errors.length;
    throw new PaddockError("POLICY_INVALID", `${file}: ${n} problem${n === 1 ? "" : "s"} in the policy`, {
      problems: byPosition(src.errors)
    });
  }
  return { policy, warnings: byPosition(src.warnings) };
}
function byPosition(problems) {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i).map(({ p }) => p);
}
function readPolicy(src, node, base, file) {
  if (base === "" && (0, import_yaml8.isScalar)(node) && node.value !== null) {
    src.error(
      node,
      base,
      `expected a policy mapping (version, filesystem_policy, \u2026), got a ${typeof node.value} (not shown)`
    );
    return null;
  }
  const fields = readMap(
    src,
    node,
    base,
    TOP,
    "a policy mapping (version, filesystem_policy, network_policies, \u2026)"
  );
  if (!fields) return null;
  const at = (name) => join(base, name);
  const version = fields.get("version");
  if (!version) src.error(node, at("version"), "missing `version`: expected `version: 1`");
  else if (!(0, import_yaml8.isScalar)(version.value) || version.value.value !== 1) {
    src.error(version.value, at("version"), "expected `version: 1`");
  }
  const declared = [];
  for (const s of ["filesystem_policy", "landlock", "process"]) if (fields.has(s)) declared.push(s);
  const fsNode = fields.get("filesystem_policy")?.value;
  const filesystem = fsNode === void 0 ? defaultFilesystem() : readFilesystem(src, fsNode, at("filesystem_policy"));
  let compatibility = "best_effort";
  const landlock = fields.get("landlock");
  if (landlock) {
    const ll = readMap(src, landlock.value, at("landlock"), ["compatibility"]);
    const c = ll?.get("compatibility");
    if (c) {
      compatibility = readEnum(src, c.value, join(at("landlock"), "compatibility"), ["best_effort", "hard_requirement"]) ?? compatibility;
    }
  }
  const processNode = fields.get("process")?.value;
  const process2 = processNode === void 0 ? {} : readProcess(src, processNode, at("process"));
  const networkNode = fields.get("network_policies")?.value;
  const parsedNetwork = networkNode === void 0 ? [] : readNetworkPolicies(src, networkNode, at("network_policies"));
  const middlewareNode = fields.get("network_middlewares")?.value;
  const middlewares = middlewareNode === void 0 || middlewareNode === null ? [] : readMiddlewares(src, middlewareNode, at("network_middlewares"), parsedNetwork);
  const network_policies = applyMiddlewares(middlewares, parsedNetwork);
  checkAmbiguity(src, networkNode ?? null, at("network_policies"), network_policies);
  const extendsNode = fields.get("extends")?.value;
  const ext = extendsNode === void 0 ? null : readString(src, extendsNode, at("extends"));
  return {
    version: 1,
    source: file,
    filesystem_policy: filesystem,
    landlock: { compatibility },
    process: process2,
    network_policies,
    ...middlewares.length > 0 ? { network_middlewares: middlewares } : {},
    ...ext ? { extends: ext } : {},
    declared
  };
}
function defaultFilesystem() {
  return { include_workdir: true, read_only: [], read_write: [] };
}
function readFilesystem(src, node, field) {
  const fields = readMap(src, node, field, ["include_workdir", "read_only", "read_write"]);
  if (!fields) return defaultFilesystem();
  const inc = fields.get("include_workdir");
  const include_workdir = inc ? readBool(src, inc.value, join(field, "include_workdir")) ?? false : false;
  const read_only = readPaths(src, fields.get("read_only")?.value, join(field, "read_only"), false);
  const read_write = readPaths(src, fields.get("read_write")?.value, join(field, "read_write"), true);
  if (read_only.length + read_write.length > MAX_PATHS) {
    src.error(node, field, `at most ${MAX_PATHS} paths in read_only and read_write together`);
  }
  return { include_workdir, read_only, read_write };
}
function readPaths(src, node, field, writable) {
  if (node === void 0 || (0, import_yaml8.isScalar)(node) && node.value === null) return [];
  const items = readSeq(src, node, field, "a list of absolute paths") ?? [];
  const out = [];
  items.forEach((n, i) => {
    const at = join(field, i);
    const path = readString(src, n, at);
    if (path === null) return;
    if (!path.startsWith("/")) src.error(n, at, `expected an absolute path, got "${path}"`);
    else if (path.split("/").includes("..")) src.error(n, at, "a path must not contain `..`");
    else if (path.length > 4096) src.error(n, at, "a path has at most 4096 characters");
    else if (writable && path.replace(/\/+$/, "") === "")
      src.error(n, at, "`/` cannot be read-write; name narrower paths");
    else out.push(path);
  });
  return out;
}
function readProcess(src, node, field) {
  const fields = readMap(src, node, field, ["run_as_user", "run_as_group", "identity"]);
  if (!fields) return {};
  const out = {};
  const identity = fields.get("identity");
  if (identity && readEnum(src, identity.value, join(field, "identity"), ["connect-time"]))
    out.identity = "connect-time";
  for (const key of ["run_as_user", "run_as_group"]) {
    const entry = fields.get(key);
    if (!entry) continue;
    const value = (0, import_yaml8.isScalar)(entry.value) ? entry.value.value : void 0;
    if (value === null || value === "") continue;
    const text = typeof value === "number" || typeof value === "string" ? String(value) : null;
    const id = text !== null && /^\d+$/.test(text) ? Number(text) : null;
    if (text === "sandbox" || id !== null && id >= 1 && id <= 4294967294)
      out[key] = value;
    else
      src.error(
        entry.value,
        join(field, key),
        `${key} must be 'sandbox' or a numeric UID/GID in range [1, 4294967294], got '${text ?? describe(entry.value)}'`
      );
  }
  return out;
}

// src/policy/load.ts
var SHIPPED = ["default", "strict", "setup"];
async function loadPolicy(ref, options = {}) {
  return load(ref, options.baseDir ?? process.cwd(), []);
}
async function resolveExtends(parsed, options = {}) {
  return withBase(parsed, options.baseDir ?? process.cwd(), []);
}
async function load(ref, baseDir, chain) {
  const path = locate(ref, baseDir);
  if (chain.includes(path)) {
    throw new PaddockError(
      "POLICY_INVALID",
      `policy extends itself: ${[...chain, path].map(shown2).join(" -> ")}`,
      {
        problems: [
          {
            file: shown2(chain.at(-1) ?? path),
            field: "extends",
            message: `cycle: ${[...chain, path].map(shown2).join(" -> ")}`
          }
        ]
      }
    );
  }
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = error.code;
    throw new PaddockError(
      "POLICY_INVALID",
      `cannot read policy ${shown2(path)} (${code ?? "error"}): expected a file path or one of ${SHIPPED.join(", ")}`,
      { cause: error }
    );
  }
  const read = parsePolicy(text, shown2(path));
  const parsed = isShipped(ref) ? { ...read, policy: { ...read.policy, source: ref } } : read;
  return withBase(parsed, dirname(path), [...chain, path], text);
}
async function withBase(parsed, dir, chain, text) {
  const ref = parsed.policy.extends;
  if (ref === void 0) return parsed;
  let base;
  try {
    base = await load(ref, dir, chain);
  } catch (error) {
    if (error instanceof PaddockError && error.problems.length === 0) {
      const line = text === void 0 ? void 0 : lineOf(text, /^extends\s*:/m);
      const problem = {
        file: parsed.policy.source,
        ...line ? { line, column: 1 } : {},
        field: "extends",
        message: error.message
      };
      throw new PaddockError("POLICY_INVALID", `${parsed.policy.source}: bad \`extends\``, {
        cause: error,
        problems: [problem]
      });
    }
    throw error;
  }
  return {
    policy: mergePolicies(base.policy, parsed.policy),
    warnings: [...base.warnings, ...parsed.warnings]
  };
}
function isShipped(ref) {
  return SHIPPED.includes(ref);
}
function locate(ref, baseDir) {
  if (isShipped(ref)) return join2(shippedDir(), `${ref}.yaml`);
  return isAbsolute(ref) ? ref : resolve(baseDir, ref);
}
var shipped;
function shippedDir() {
  if (shipped) return shipped;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    if (existsSync(join2(dir, "policies", "default.yaml"))) {
      shipped = join2(dir, "policies");
      return shipped;
    }
    const up = dirname(dir);
    if (up === dir) throw new PaddockError("INTERNAL", "cannot find the shipped policies/ folder");
    dir = up;
  }
}
function shown2(path) {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
function lineOf(text, re) {
  const m = re.exec(text);
  return m ? text.slice(0, m.index).split("\n").length : void 0;
}

// src/policy/request.ts
var PRESETS = {
  "read-only": ["GET", "HEAD", "OPTIONS"],
  "read-write": ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"],
  full: ["*"]
};
var isObject2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str2 = (v) => typeof v === "string" ? v : "";
function inspectsRequests(e) {
  if (e.protocol === void 0 || e.protocol === "tcp") return false;
  return (e.rules?.length ?? 0) > 0 || (e.deny_rules?.length ?? 0) > 0 || e.access !== "full" || e.path !== void 0;
}
function endpointsFor(policy, binary, dest) {
  const out = [];
  const name = dest.host?.toLowerCase();
  for (const entry of [...policy.network_policies].sort(
    (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0
  )) {
    if (!binaryAllowed(entry, binary)) continue;
    for (const endpoint of entry.endpoints) {
      if (!endpoint.ports.includes(dest.port)) continue;
      if (endpoint.host !== void 0 ? name !== void 0 && hostMatches(endpoint.host, name) : false)
        out.push({ key: entry.key, endpoint });
    }
  }
  return out;
}
function inspects(policy, binary, dest) {
  return endpointsFor(policy, binary, dest).some(
    ({ endpoint }) => inspectsRequests(endpoint) || endpoint.tls === "terminate"
  );
}
function allowMatchers(e) {
  if ((e.rules?.length ?? 0) > 0)
    return (e.rules ?? []).flatMap((r, i) => {
      const allow = isObject2(r) && isObject2(r.allow) ? r.allow : null;
      if (!allow || str2(allow.method) === "") return [];
      return [
        {
          method: str2(allow.method),
          path: str2(allow.path) || "**",
          ...isObject2(allow.query) ? { query: allow.query } : {},
          name: `rules[${i}]`
        }
      ];
    });
  return (PRESETS[e.access] ?? []).map((method) => ({ method, path: "**", name: `access: ${e.access}` }));
}
function denyMatchers(e) {
  return (e.deny_rules ?? []).flatMap((r, i) => {
    const d = isObject2(r) ? r : null;
    if (!d || str2(d.method) === "") return [];
    return [
      {
        method: str2(d.method),
        path: str2(d.path) || "**",
        ...isObject2(d.query) ? { query: d.query } : {},
        name: `deny_rules[${i}]`
      }
    ];
  });
}
function methodMatches(actual, expected) {
  if (expected === "*") return true;
  const a = actual.toUpperCase();
  const e = expected.toUpperCase();
  return a === e || a === "HEAD" && e === "GET";
}
function pathMatches(path, pattern) {
  return pattern === "**" || requestGlobMatches(pattern, path, "/");
}
function valueMatches(value, matcher) {
  if (typeof matcher === "string") return requestGlobMatches(matcher, value, "");
  if (!isObject2(matcher)) return false;
  if (str2(matcher.glob) !== "") return requestGlobMatches(str2(matcher.glob), value, "");
  const any = Array.isArray(matcher.any) ? matcher.any : [];
  return any.some((g) => typeof g === "string" && requestGlobMatches(g, value, ""));
}
function allowQuery(req, query) {
  for (const [key, matcher] of Object.entries(query ?? {})) {
    const values = req.query[key];
    if (!values || values.length === 0 || !values.every((v) => valueMatches(v, matcher))) return false;
  }
  return true;
}
function denyQuery(req, query) {
  for (const [key, matcher] of Object.entries(query ?? {})) {
    const values = req.query[key];
    if (!values || values.length === 0 || !values.some((v) => valueMatches(v, matcher))) return false;
  }
  return true;
}
var hits = (req, m, deny) => methodMatches(req.method, m.method) && pathMatches(req.path, m.path) && (deny ? denyQuery(req, m.query) : allowQuery(req, m.query));
function decideRequest(policy, binary, dest, req) {
  const connection = decide(policy, binary, dest);
  if (connection.action === "deny") return connection;
  const shown3 = `${req.method} ${req.path}`;
  const scoped = endpointsFor(policy, binary, dest).filter(
    ({ endpoint }) => endpoint.path === void 0 || pathMatches(req.path, endpoint.path)
  );
  for (const { key, endpoint } of scoped) {
    const rule = denyMatchers(endpoint).find((m) => hits(req, m, true));
    if (rule)
      return verdict(
        endpoint,
        key,
        `${shown3} denied by ${rule.name} of policy '${key}' (line ${endpoint.line ?? "?"})`
      );
  }
  let refused = null;
  for (const { key, endpoint } of scoped) {
    if (!inspectsRequests(endpoint)) {
      const action = endpoint.enforcement === "audit" ? "audit" : "allow";
      return { action, policy: key, reason: `${shown3} allowed by policy '${key}' (no request rules)` };
    }
    if (req.encodedSlash && endpoint.allow_encoded_slash !== true) {
      refused ??= {
        key,
        endpoint,
        reason: `${shown3}: encoded slash (%2F) in the path, and the endpoint does not set allow_encoded_slash`
      };
      continue;
    }
    if (endpoint.protocol !== "rest") {
      refused ??= {
        key,
        endpoint,
        reason: `${shown3}: protocol ${endpoint.protocol} requests are not inspected by Paddock (fail closed)`
      };
      continue;
    }
    const rule = allowMatchers(endpoint).find((m) => hits(req, m, false));
    if (rule)
      return { action: "allow", policy: key, reason: `${shown3} allowed by ${rule.name} of policy '${key}'` };
    refused ??= {
      key,
      endpoint,
      reason: `${shown3} not permitted by policy '${key}' (line ${endpoint.line ?? "?"}): no rule allows it`
    };
  }
  if (refused) return verdict(refused.endpoint, refused.key, refused.reason);
  return { action: "deny", policy: null, reason: `${shown3}: no endpoint covers this path` };
}
function verdict(endpoint, key, reason) {
  return endpoint.enforcement === "audit" ? { action: "audit", policy: key, reason: `audit: ${reason}` } : { action: "deny", policy: key, reason };
}

// src/policy/request-path.ts
function canonicalPath(raw, allowEncodedSlash = false) {
  if (!raw.startsWith("/"))
    return { error: `request target ${JSON.stringify(raw.slice(0, 80))} is not an absolute path` };
  if (!allowEncodedSlash && /%2f/i.test(raw)) return { error: "encoded slash (%2F) in the path" };
  const out = [];
  for (const part of raw.split("/").slice(1)) {
    let seg;
    try {
      seg = decodeURIComponent(part.split(";")[0] ?? "");
    } catch {
      return { error: "bad percent-encoding in the path" };
    }
    if (/[\u0000-\u001f\u007f]/.test(seg)) return { error: "control bytes in the path" };
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length === 0) return { error: "the path climbs above the root" };
      out.pop();
      continue;
    }
    out.push(seg);
  }
  const trailing = raw.endsWith("/") && out.length > 0 ? "/" : "";
  return { path: `/${out.join("/")}${trailing}` };
}
function parseTarget(target, allowEncodedSlash = false) {
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const canonical = canonicalPath(rawPath, allowEncodedSlash);
  if ("error" in canonical) return canonical;
  const query = {};
  if (q >= 0) {
    for (const [key, value] of new URLSearchParams(target.slice(q + 1))) {
      const values = query[key] ?? [];
      values.push(value);
      query[key] = values;
    }
  }
  return { request: { path: canonical.path, query } };
}
function redactedTarget(target) {
  const q = target.indexOf("?");
  if (q < 0) return target.slice(0, 2048);
  const keys = target.slice(q + 1).split("&").filter((p) => p !== "").map((p) => `${p.split("=")[0] ?? ""}=\u2026`);
  return `${target.slice(0, Math.min(q, 2048))}?${keys.join("&")}`;
}

// src/policy/resolve.ts
var MAX_LINKS = 40;
var MAX_GLOB_ENTRIES = 256;
async function resolvePath(fs, path, options = {}) {
  const where = options.jail ? "" : " in the sandbox";
  const pending = split(path).reverse();
  const done = [];
  for (const part of split(options.plain ?? "")) {
    if (part === ".." || pending.at(-1) !== part) break;
    pending.pop();
    done.push(`${done.at(-1) ?? ""}/${part}`);
  }
  const links = [];
  while (pending.length > 0) {
    const part = pending.pop();
    if (part === "..") {
      if (options.jail && done.length === 0) return { ok: false, reason: "it leads outside the destination" };
      done.pop();
      continue;
    }
    const here = `${done.at(-1) ?? ""}/${part}`;
    const found = await fs.lookup(here);
    if (found.kind === "missing") return { ok: false, reason: `${here} does not exist${where}` };
    if (found.kind === "other") {
      done.push(here);
      continue;
    }
    links.push(here);
    if (links.length > MAX_LINKS)
      return { ok: false, reason: `more than ${MAX_LINKS} symlinks (a loop?) at ${here}` };
    if (found.target.startsWith("/")) {
      if (options.jail) return { ok: false, reason: `${here} is a symlink to an absolute path` };
      done.length = 0;
    }
    pending.push(...split(found.target).reverse());
  }
  return { ok: true, path: done.at(-1) ?? "/", links };
}
function split(path) {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}
async function bindBinaries(policy, fs) {
  const writableRoots = ["/sandbox", "/tmp", ...policy.filesystem_policy.read_write];
  const cache = /* @__PURE__ */ new Map();
  const out = [];
  for (const entry of policy.network_policies) {
    for (const rule of entry.binaries) {
      let result = cache.get(rule.path);
      if (!result) {
        result = bindOne(fs, rule.path, writableRoots);
        cache.set(rule.path, result);
      }
      out.push({
        policy: entry.key,
        path: rule.path,
        ...rule.line ? { line: rule.line } : {},
        ...await result
      });
    }
  }
  return out;
}
async function bindOne(fs, path, writableRoots) {
  const isWritable = (p) => writableRoots.some((w) => under(p, w));
  const parts = path.split("/").filter(Boolean);
  const firstGlob = parts.findIndex((p) => /[*?[]/.test(p));
  const literal3 = firstGlob === -1 ? path : `/${parts.slice(0, firstGlob).join("/")}`;
  const head = await resolvePath(fs, literal3);
  if (!head.ok) return { resolved: [], writable: [], problem: head.reason };
  const planted = head.links.find(isWritable);
  if (planted) {
    return {
      resolved: [],
      writable: isWritable(path) ? [path] : [],
      problem: `resolves through ${planted}, a symlink in a writable location (not followed)`
    };
  }
  const resolved = [];
  if (firstGlob === -1) resolved.push(head.path);
  else {
    const rest = parts.slice(firstGlob).join("/");
    resolved.push(join3(head.path, rest));
    if (firstGlob === parts.length - 1)
      resolved.push(...await globEntries(fs, head.path, rest, isWritable));
  }
  const distinct = [...new Set(resolved)].filter((p) => p !== path);
  return { resolved: distinct, writable: [path, ...distinct].filter(isWritable) };
}
async function globEntries(fs, dir, segment, isWritable) {
  const names = (await fs.list(dir) ?? []).filter((n) => binaryMatches(`/${segment}`, `/${n}`));
  const out = [];
  for (const name of names.slice(0, MAX_GLOB_ENTRIES)) {
    const r = await resolvePath(fs, join3(dir, name));
    if (r.ok && r.path !== join3(dir, name) && !r.links.some(isWritable)) out.push(r.path);
  }
  return out;
}
function join3(dir, rest) {
  return dir === "/" ? `/${rest}` : `${dir}/${rest}`;
}
function under(path, root) {
  const r = root.replace(/\/+$/, "");
  return path === r || path.startsWith(`${r}/`);
}
function withBindings(policy, bindings) {
  const byEntry = /* @__PURE__ */ new Map();
  for (const b of bindings) {
    const paths = byEntry.get(b.policy) ?? /* @__PURE__ */ new Map();
    paths.set(b.path, b.resolved);
    byEntry.set(b.policy, paths);
  }
  const bound = (entry) => {
    const paths = byEntry.get(entry.key);
    if (!paths) return entry;
    const binaries = [];
    for (const rule of entry.binaries) {
      binaries.push(rule);
      for (const p of paths.get(rule.path) ?? []) binaries.push({ ...rule, path: p });
    }
    return { ...entry, binaries };
  };
  return { ...policy, network_policies: policy.network_policies.map(bound) };
}

// src/policy/suggest.ts
var import_yaml9 = __toESM(require_dist(), 1);
import { isIP as isIP4 } from "node:net";

// src/common/event.ts
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";

// src/common/plural.ts
function plural(count, word, many = `${word}s`) {
  return `${count} ${count === 1 ? word : many}`;
}

// src/common/event.ts
var LABEL2 = { allow: "ALLOWED", deny: "DENIED", audit: "AUDIT" };
function escapeText(text) {
  const controls = /[\\\u0000-\u001f\u007f-\u009f]/g;
  return text.replace(controls, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).replaceAll("##[", "##\\x5b");
}
function formatEvent(e) {
  const who = `${e.binary ?? "unknown"}${e.pid !== null ? `(${e.pid})` : ""}`;
  const where = `${e.host ?? e.ip ?? "?"}${e.port !== null ? `:${e.port}` : ""}`;
  const dest = e.method ? `${e.method} ${where}${e.path ?? ""}` : where;
  return escapeText(`${LABEL2[e.action]} ${who} -> ${dest} [policy:${e.policy ?? "-"} reason:${e.reason}]`);
}
function parseEvents(text) {
  const events = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const event = parseEvent(line);
    if (event) events.push(event);
    else skipped++;
  }
  return { events, skipped };
}
function parseEvent(line) {
  try {
    const value = JSON.parse(line);
    return value && typeof value === "object" && typeof value.action === "string" && typeof value.layer === "string" ? value : null;
  } catch {
    return null;
  }
}
async function readEventLog(path, options = {}) {
  const events = [];
  let skipped = 0;
  const keep = (line) => {
    if (line.trim() === "") return;
    const event = parseEvent(line);
    if (!event) skipped++;
    else if (options.sandbox === void 0 || event.sandbox === options.sandbox) events.push(event);
  };
  try {
    const file = await open(path, "r");
    try {
      const decoder = new StringDecoder("utf8");
      const chunk = Buffer.alloc(1 << 20);
      let rest = "";
      for (; ; ) {
        const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        const lines = (rest + decoder.write(chunk.subarray(0, bytesRead))).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) keep(line);
      }
      keep(rest + decoder.end());
    } finally {
      await file.close();
    }
  } catch (error) {
    if (options.missing === "empty" && error.code === "ENOENT") return [];
    throw new PaddockError(
      "EVIDENCE_INCOMPLETE",
      `cannot read the decision log ${path}: ${errorMessage(error)}`,
      {
        cause: error
      }
    );
  }
  if (options.skipped) options.skipped(skipped);
  else if (skipped > 0) {
    throw new PaddockError(
      "EVIDENCE_INCOMPLETE",
      `the decision log ${path} has ${plural(skipped, "line")} that ${skipped === 1 ? "is not an event" : "are not events"}: its evidence is incomplete`
    );
  }
  return events;
}

// src/policy/suggest-requests.ts
var ID = /^(\d+|[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
function pathPattern(path) {
  const bare = path.split("?")[0] ?? "/";
  return bare.split("/").map((s) => ID.test(s) || /[*?[\]{}]/.test(s) ? "*" : s).join("/") || "/";
}
var deniedByRule = (e) => / denied by deny_rules\[\d+\]/.test(e.reason);
function requestOf(e, host) {
  if (e.layer !== "http" || !e.method || e.path === void 0 || e.binary === null || e.port === null)
    return null;
  return { binary: e.binary, host, port: e.port, method: e.method.toUpperCase(), path: pathPattern(e.path) };
}
function requestEntries(rules, keyFor) {
  const out = {};
  const binaries = [...new Set(rules.map((r) => r.binary))].sort();
  for (const binary of binaries) {
    const mine = rules.filter((r) => r.binary === binary);
    const places = [...new Set(mine.map((r) => `${r.host}\0${r.port}`))].sort();
    const endpoints = places.map((place) => {
      const [host, port] = place.split("\0");
      const here = mine.filter((r) => r.host === host && r.port === Number(port));
      const allow = [...new Set(here.map((r) => `${r.method} ${r.path}`))].sort().map((mp) => {
        const [method, path] = [mp.slice(0, mp.indexOf(" ")), mp.slice(mp.indexOf(" ") + 1)];
        return { allow: { method, path } };
      });
      return { host, port: Number(port), protocol: "rest", enforcement: "enforce", rules: allow };
    });
    const key = keyFor(binary);
    out[key] = { name: key, endpoints, binaries: [{ path: binary }] };
  }
  return out;
}

// src/policy/suggest.ts
function suggestPolicy(events, base, options = {}) {
  const counts = /* @__PURE__ */ new Map();
  const unattributed = /* @__PURE__ */ new Map();
  const skipped = /* @__PURE__ */ new Map();
  const bump = (map, key, action) => {
    const c = map.get(key) ?? { deny: 0, audit: 0 };
    c[action]++;
    map.set(key, c);
  };
  let covered = 0;
  const requests = /* @__PURE__ */ new Map();
  const byDenyRule = /* @__PURE__ */ new Map();
  for (const e of events) {
    if (e.action !== "deny" && e.action !== "audit") continue;
    const dest = e.host ?? e.ip;
    if (dest === null || e.port === null || e.protocol !== "tcp") {
      const why = e.protocol !== "tcp" ? `${e.protocol} (policies cover TCP only)` : e.port === null ? "no port (e.g. DNS lookup only)" : "no destination";
      const label = `${e.binary ?? "unknown"} -> ${dest ?? "?"}${e.port !== null ? `:${e.port}` : ""}: ${why}`;
      skipped.set(label, (skipped.get(label) ?? 0) + 1);
      continue;
    }
    const host = isIP4(dest) !== 0 ? dest : normalizeHost(dest);
    if (isIP4(host) === 0 && (host.includes("*") || checkHostPattern(host) !== null)) {
      const label = `${e.binary ?? "unknown"} -> ${dest}:${e.port}: not a valid host name`;
      skipped.set(label, (skipped.get(label) ?? 0) + 1);
      continue;
    }
    if (e.binary === null) {
      bump(unattributed, `${host}:${e.port}`, e.action);
      continue;
    }
    if (base && decide(
      base,
      { exe: e.binary, ancestors: [] },
      isIP4(host) ? { ip: host, port: e.port } : { host, port: e.port }
    ).action === "allow") {
      const request = requestOf(e, host);
      if (request && deniedByRule(e)) {
        const label = `${request.binary} -> ${e.method} ${host}:${e.port}${e.path}: ${e.reason}`;
        byDenyRule.set(label, (byDenyRule.get(label) ?? 0) + 1);
      } else if (request) requests.set(JSON.stringify(request), request);
      else covered++;
      continue;
    }
    bump(counts, [e.binary, host, e.port].join("\0"), e.action);
  }
  const triples = [...counts.keys()].map((k) => {
    const [binary, host, port] = k.split("\0");
    return { binary, host, port: Number(port) };
  }).sort((a, b) => cmp(a.binary, b.binary) || cmp(a.host, b.host) || a.port - b.port);
  const taken = new Set(base?.network_policies.map((e) => e.key) ?? []);
  const byBinary = /* @__PURE__ */ new Map();
  for (const t of triples) byBinary.set(t.binary, [...byBinary.get(t.binary) ?? [], t]);
  const network = {};
  const comments = /* @__PURE__ */ new Map();
  for (const [binary, list2] of byBinary) {
    const key = uniqueKey(binary, taken);
    const hosts = [...new Set(list2.map((t) => t.host))];
    const endpoints = hosts.map((host) => {
      const ports = list2.filter((t) => t.host === host).map((t) => t.port);
      return ports.length === 1 ? { host, port: ports[0] } : { host, ports };
    });
    network[key] = { name: key, endpoints, binaries: [{ path: binary }] };
    const total = list2.reduce((n, t) => n + sum(counts.get([t.binary, t.host, t.port].join("\0"))), 0);
    comments.set(key, {
      entry: ` ${binary}: ${total} event${total === 1 ? "" : "s"}`,
      endpoints: hosts.map((host) => {
        const parts = list2.filter((t) => t.host === host).map((t) => `${t.port}: ${describeCount(counts.get([t.binary, t.host, t.port].join("\0")))}`);
        return ` ${host} ${parts.join(", ")}`;
      })
    });
  }
  const rules = [...requests.values()].sort(
    (a, b) => cmp(a.binary, b.binary) || cmp(a.host, b.host) || a.port - b.port || cmp(a.method, b.method) || cmp(a.path, b.path)
  );
  Object.assign(
    network,
    requestEntries(rules, (binary) => uniqueKey(binary, taken, "requests"))
  );
  const data = { version: 1 };
  if (base && options.extends) data.extends = options.extends;
  data.network_policies = network;
  const doc = toDocument(data);
  const denied = events.filter((e) => e.action === "deny").length;
  const audited = events.filter((e) => e.action === "audit").length;
  const header = [
    ` Suggested by \`paddock policy suggest\` from ${denied} denied and ${audited} audited events.`,
    ` It allows exactly ${triples.length} (binary, host, port) triple${triples.length === 1 ? "" : "s"} and nothing else.`
  ];
  if (base)
    header.push(
      ` Adds to ${options.extends ?? base.source}; ${covered} event${covered === 1 ? " was" : "s were"} already allowed there.`
    );
  if (rules.length > 0)
    header.push(
      ` It adds ${rules.length} request rule${rules.length === 1 ? "" : "s"} (method and path) for requests refused on connections the base allows.`
    );
  if (byDenyRule.size > 0) {
    header.push(" Not allowed: refused by a deny rule, which no added rule overrides:");
    for (const [label, n] of [...byDenyRule].sort(([a], [b]) => cmp(a, b))) header.push(`   ${label} (${n})`);
  }
  if (unattributed.size > 0) {
    header.push(" Not allowed: the binary was unknown, so these cannot be allowed per binary:");
    for (const [dest, c] of [...unattributed].sort(([a], [b]) => cmp(a, b)))
      header.push(`   ${dest} (${describeCount(c)})`);
  }
  if (skipped.size > 0) {
    header.push(" Not allowed: not a TCP connection to a named host or IP:");
    for (const [label, n] of [...skipped].sort(([a], [b]) => cmp(a, b))) header.push(`   ${label} (${n})`);
  }
  doc.commentBefore = header.map(escapeText).join("\n");
  for (const [key, c] of comments) {
    const entry = doc.getIn(["network_policies", key], true);
    if ((0, import_yaml9.isMap)(entry)) entry.commentBefore = escapeText(c.entry);
    c.endpoints.forEach((text, i) => {
      const node = doc.getIn(["network_policies", key, "endpoints", i], true);
      if (node) node.commentBefore = escapeText(text);
    });
  }
  if (triples.length === 0 && rules.length === 0) doc.set("network_policies", {});
  const yaml = yamlText(doc);
  const addition = parsePolicy(yaml, "<suggested>").policy;
  const { extends: _, ...plain } = addition;
  const policy = base ? mergePolicies(base, plain) : plain;
  return { yaml, policy, triples, requests: rules };
}
function uniqueKey(binary, taken, suffix = "") {
  const stem = (binary.split("/").pop() ?? "binary").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "binary";
  const base = suffix ? `allow_${stem}_${suffix}` : `allow_${stem}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}
function sum(c) {
  return c.deny + c.audit;
}
function describeCount(c) {
  return [c.deny ? `${c.deny} denied` : "", c.audit ? `${c.audit} audited` : ""].filter(Boolean).join(", ");
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/policy/writable.ts
var ALWAYS_WRITABLE = ["/sandbox", "/tmp"];
function writablePaths(policy) {
  return [.../* @__PURE__ */ new Set([...ALWAYS_WRITABLE, ...policy.filesystem_policy.read_write])];
}

// src/policy/summary.ts
function enforcementSummary(policy) {
  const enforced = [];
  const notEnforced = [];
  enforced.push(`filesystem: read-only root; writable: ${writablePaths(policy).join(", ")}`);
  notEnforced.push(
    "filesystem: paths outside read_only/read_write stay readable (no Landlock); landlock.compatibility has no effect"
  );
  const user = policy.process.run_as_user;
  enforced.push(
    `process: runs as ${user !== void 0 ? `user ${user}` : "the image user"}${policy.process.run_as_group !== void 0 ? `, group ${policy.process.run_as_group}` : ""}; root is refused`
  );
  const entries = policy.network_policies;
  enforced.push(
    entries.length === 0 ? "network: every connection and DNS name denied (no network_policies)" : `network: ${entries.length} entr${entries.length === 1 ? "y" : "ies"}, decided per connection on binary (exe or ancestor), host and port; everything else denied`
  );
  for (const entry of entries) {
    entry.endpoints.forEach((e, i) => {
      const where = `network_policies.${entry.key}.endpoints[${i}] (${e.host ?? e.ip ?? "allowed_ips"}:${e.ports.join(",")})`;
      const notes = e.notEnforced ?? [];
      if (e.enforceable && notes.length === 0) {
        enforced.push(
          `${where}: ${e.enforcement === "audit" ? "allowed and logged as audit" : "allowed"} at the connection${addressRule(e)}`
        );
      } else if (e.enforceable)
        enforced.push(
          `${where}: connection allowed${e.enforcement === "audit" ? " and logged as audit" : ""}${addressRule(e)}`
        );
      else enforced.push(`${where}: every connection denied (fail closed)`);
      for (const note of notes) notEnforced.push(`${where}: ${note}`);
      if (e.enforceable && notes.length === 0 && e.enforcement === "audit")
        notEnforced.push(`${where}: enforcement: audit; connections allowed and logged as audit`);
    });
  }
  for (const m of policy.network_middlewares ?? [])
    notEnforced.push(
      `network_middlewares.${m.key} (${m.middleware}): not run by Paddock; ${m.on_error === "fail_closed" ? "endpoints it selects deny every connection (on_error: fail_closed)" : "endpoints it selects go through without it (on_error: fail_open)"}`
    );
  return { enforced, notEnforced };
}
function addressRule(e) {
  if (e.allowed_ips.length > 0)
    return `; addresses must be in ${e.allowed_ips.join(", ")}; control-plane ports refused`;
  if (e.ip !== void 0) return `; address ${e.ip}; control-plane ports refused`;
  if (e.host?.includes("*")) return "; public addresses only";
  return "; any address but loopback/link-local; control-plane ports refused";
}

export {
  plural,
  escapeText,
  formatEvent,
  parseEvents,
  readEventLog,
  parseCidr,
  cidrContains,
  isPrivateAddress,
  normalizeHost,
  hostMatches,
  binaryMatches,
  decide,
  covers,
  nameAllowed,
  binaryAllowed,
  require_dist,
  policyToData,
  policyToYaml,
  mergePolicies,
  staticChanges,
  parsePolicy,
  SHIPPED,
  loadPolicy,
  resolveExtends,
  isShipped,
  shippedDir,
  inspects,
  decideRequest,
  canonicalPath,
  parseTarget,
  redactedTarget,
  resolvePath,
  bindBinaries,
  withBindings,
  suggestPolicy,
  ALWAYS_WRITABLE,
  writablePaths,
  enforcementSummary
};
