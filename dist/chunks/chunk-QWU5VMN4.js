import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  DEFAULT_IMAGE
} from "./chunk-2A5L4NOG.js";
import {
  formatDuration,
  parseDuration
} from "./chunk-J4MSTGMR.js";
import {
  resolveCredentials
} from "./chunk-M2VQG5J7.js";
import {
  pathMatcher,
  require_picomatch
} from "./chunk-FZYK36Y7.js";
import {
  HEADER_NAME,
  formatHostPort,
  parseHostPort
} from "./chunk-27NLCFX3.js";
import {
  chownToInvoker,
  writeFileAtomic
} from "./chunk-HMOPORX4.js";
import {
  escapeText,
  isShipped,
  loadPolicy,
  plural,
  readEventLog,
  require_dist,
  suggestPolicy
} from "./chunk-4AY27MHB.js";
import {
  PaddockError,
  __commonJS,
  __require,
  __toESM,
  errorMessage,
  isPaddockError
} from "./chunk-SOSAWCCV.js";

// node_modules/junit-report-builder/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/junit-report-builder/dist/index.js"(exports, module) {
    "use strict";
    var require$$1 = __require("path");
    var require$$0 = __require("fs");
    var require$$2 = __require("util");
    var commonjsGlobal = typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof global !== "undefined" ? global : typeof self !== "undefined" ? self : {};
    function getDefaultExportFromCjs(x) {
      return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, "default") ? x["default"] : x;
    }
    var makeDir$2 = { exports: {} };
    var semver$1 = { exports: {} };
    (function(module2, exports$1) {
      exports$1 = module2.exports = SemVer;
      var debug;
      if (typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG)) {
        debug = function() {
          var args = Array.prototype.slice.call(arguments, 0);
          args.unshift("SEMVER");
          console.log.apply(console, args);
        };
      } else {
        debug = function() {
        };
      }
      exports$1.SEMVER_SPEC_VERSION = "2.0.0";
      var MAX_LENGTH = 256;
      var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
      9007199254740991;
      var MAX_SAFE_COMPONENT_LENGTH = 16;
      var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
      var re = exports$1.re = [];
      var safeRe = exports$1.safeRe = [];
      var src = exports$1.src = [];
      var t = exports$1.tokens = {};
      var R = 0;
      function tok(n) {
        t[n] = R++;
      }
      var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
      var safeRegexReplacements = [
        ["\\s", 1],
        ["\\d", MAX_LENGTH],
        [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
      ];
      function makeSafeRe(value) {
        for (var i2 = 0; i2 < safeRegexReplacements.length; i2++) {
          var token = safeRegexReplacements[i2][0];
          var max = safeRegexReplacements[i2][1];
          value = value.split(token + "*").join(token + "{0," + max + "}").split(token + "+").join(token + "{1," + max + "}");
        }
        return value;
      }
      tok("NUMERICIDENTIFIER");
      src[t.NUMERICIDENTIFIER] = "0|[1-9]\\d*";
      tok("NUMERICIDENTIFIERLOOSE");
      src[t.NUMERICIDENTIFIERLOOSE] = "\\d+";
      tok("NONNUMERICIDENTIFIER");
      src[t.NONNUMERICIDENTIFIER] = "\\d*[a-zA-Z-]" + LETTERDASHNUMBER + "*";
      tok("MAINVERSION");
      src[t.MAINVERSION] = "(" + src[t.NUMERICIDENTIFIER] + ")\\.(" + src[t.NUMERICIDENTIFIER] + ")\\.(" + src[t.NUMERICIDENTIFIER] + ")";
      tok("MAINVERSIONLOOSE");
      src[t.MAINVERSIONLOOSE] = "(" + src[t.NUMERICIDENTIFIERLOOSE] + ")\\.(" + src[t.NUMERICIDENTIFIERLOOSE] + ")\\.(" + src[t.NUMERICIDENTIFIERLOOSE] + ")";
      tok("PRERELEASEIDENTIFIER");
      src[t.PRERELEASEIDENTIFIER] = "(?:" + src[t.NUMERICIDENTIFIER] + "|" + src[t.NONNUMERICIDENTIFIER] + ")";
      tok("PRERELEASEIDENTIFIERLOOSE");
      src[t.PRERELEASEIDENTIFIERLOOSE] = "(?:" + src[t.NUMERICIDENTIFIERLOOSE] + "|" + src[t.NONNUMERICIDENTIFIER] + ")";
      tok("PRERELEASE");
      src[t.PRERELEASE] = "(?:-(" + src[t.PRERELEASEIDENTIFIER] + "(?:\\." + src[t.PRERELEASEIDENTIFIER] + ")*))";
      tok("PRERELEASELOOSE");
      src[t.PRERELEASELOOSE] = "(?:-?(" + src[t.PRERELEASEIDENTIFIERLOOSE] + "(?:\\." + src[t.PRERELEASEIDENTIFIERLOOSE] + ")*))";
      tok("BUILDIDENTIFIER");
      src[t.BUILDIDENTIFIER] = LETTERDASHNUMBER + "+";
      tok("BUILD");
      src[t.BUILD] = "(?:\\+(" + src[t.BUILDIDENTIFIER] + "(?:\\." + src[t.BUILDIDENTIFIER] + ")*))";
      tok("FULL");
      tok("FULLPLAIN");
      src[t.FULLPLAIN] = "v?" + src[t.MAINVERSION] + src[t.PRERELEASE] + "?" + src[t.BUILD] + "?";
      src[t.FULL] = "^" + src[t.FULLPLAIN] + "$";
      tok("LOOSEPLAIN");
      src[t.LOOSEPLAIN] = "[v=\\s]*" + src[t.MAINVERSIONLOOSE] + src[t.PRERELEASELOOSE] + "?" + src[t.BUILD] + "?";
      tok("LOOSE");
      src[t.LOOSE] = "^" + src[t.LOOSEPLAIN] + "$";
      tok("GTLT");
      src[t.GTLT] = "((?:<|>)?=?)";
      tok("XRANGEIDENTIFIERLOOSE");
      src[t.XRANGEIDENTIFIERLOOSE] = src[t.NUMERICIDENTIFIERLOOSE] + "|x|X|\\*";
      tok("XRANGEIDENTIFIER");
      src[t.XRANGEIDENTIFIER] = src[t.NUMERICIDENTIFIER] + "|x|X|\\*";
      tok("XRANGEPLAIN");
      src[t.XRANGEPLAIN] = "[v=\\s]*(" + src[t.XRANGEIDENTIFIER] + ")(?:\\.(" + src[t.XRANGEIDENTIFIER] + ")(?:\\.(" + src[t.XRANGEIDENTIFIER] + ")(?:" + src[t.PRERELEASE] + ")?" + src[t.BUILD] + "?)?)?";
      tok("XRANGEPLAINLOOSE");
      src[t.XRANGEPLAINLOOSE] = "[v=\\s]*(" + src[t.XRANGEIDENTIFIERLOOSE] + ")(?:\\.(" + src[t.XRANGEIDENTIFIERLOOSE] + ")(?:\\.(" + src[t.XRANGEIDENTIFIERLOOSE] + ")(?:" + src[t.PRERELEASELOOSE] + ")?" + src[t.BUILD] + "?)?)?";
      tok("XRANGE");
      src[t.XRANGE] = "^" + src[t.GTLT] + "\\s*" + src[t.XRANGEPLAIN] + "$";
      tok("XRANGELOOSE");
      src[t.XRANGELOOSE] = "^" + src[t.GTLT] + "\\s*" + src[t.XRANGEPLAINLOOSE] + "$";
      tok("COERCE");
      src[t.COERCE] = "(^|[^\\d])(\\d{1," + MAX_SAFE_COMPONENT_LENGTH + "})(?:\\.(\\d{1," + MAX_SAFE_COMPONENT_LENGTH + "}))?(?:\\.(\\d{1," + MAX_SAFE_COMPONENT_LENGTH + "}))?(?:$|[^\\d])";
      tok("COERCERTL");
      re[t.COERCERTL] = new RegExp(src[t.COERCE], "g");
      safeRe[t.COERCERTL] = new RegExp(makeSafeRe(src[t.COERCE]), "g");
      tok("LONETILDE");
      src[t.LONETILDE] = "(?:~>?)";
      tok("TILDETRIM");
      src[t.TILDETRIM] = "(\\s*)" + src[t.LONETILDE] + "\\s+";
      re[t.TILDETRIM] = new RegExp(src[t.TILDETRIM], "g");
      safeRe[t.TILDETRIM] = new RegExp(makeSafeRe(src[t.TILDETRIM]), "g");
      var tildeTrimReplace = "$1~";
      tok("TILDE");
      src[t.TILDE] = "^" + src[t.LONETILDE] + src[t.XRANGEPLAIN] + "$";
      tok("TILDELOOSE");
      src[t.TILDELOOSE] = "^" + src[t.LONETILDE] + src[t.XRANGEPLAINLOOSE] + "$";
      tok("LONECARET");
      src[t.LONECARET] = "(?:\\^)";
      tok("CARETTRIM");
      src[t.CARETTRIM] = "(\\s*)" + src[t.LONECARET] + "\\s+";
      re[t.CARETTRIM] = new RegExp(src[t.CARETTRIM], "g");
      safeRe[t.CARETTRIM] = new RegExp(makeSafeRe(src[t.CARETTRIM]), "g");
      var caretTrimReplace = "$1^";
      tok("CARET");
      src[t.CARET] = "^" + src[t.LONECARET] + src[t.XRANGEPLAIN] + "$";
      tok("CARETLOOSE");
      src[t.CARETLOOSE] = "^" + src[t.LONECARET] + src[t.XRANGEPLAINLOOSE] + "$";
      tok("COMPARATORLOOSE");
      src[t.COMPARATORLOOSE] = "^" + src[t.GTLT] + "\\s*(" + src[t.LOOSEPLAIN] + ")$|^$";
      tok("COMPARATOR");
      src[t.COMPARATOR] = "^" + src[t.GTLT] + "\\s*(" + src[t.FULLPLAIN] + ")$|^$";
      tok("COMPARATORTRIM");
      src[t.COMPARATORTRIM] = "(\\s*)" + src[t.GTLT] + "\\s*(" + src[t.LOOSEPLAIN] + "|" + src[t.XRANGEPLAIN] + ")";
      re[t.COMPARATORTRIM] = new RegExp(src[t.COMPARATORTRIM], "g");
      safeRe[t.COMPARATORTRIM] = new RegExp(makeSafeRe(src[t.COMPARATORTRIM]), "g");
      var comparatorTrimReplace = "$1$2$3";
      tok("HYPHENRANGE");
      src[t.HYPHENRANGE] = "^\\s*(" + src[t.XRANGEPLAIN] + ")\\s+-\\s+(" + src[t.XRANGEPLAIN] + ")\\s*$";
      tok("HYPHENRANGELOOSE");
      src[t.HYPHENRANGELOOSE] = "^\\s*(" + src[t.XRANGEPLAINLOOSE] + ")\\s+-\\s+(" + src[t.XRANGEPLAINLOOSE] + ")\\s*$";
      tok("STAR");
      src[t.STAR] = "(<|>)?=?\\s*\\*";
      for (var i = 0; i < R; i++) {
        debug(i, src[i]);
        if (!re[i]) {
          re[i] = new RegExp(src[i]);
          safeRe[i] = new RegExp(makeSafeRe(src[i]));
        }
      }
      exports$1.parse = parse;
      function parse(version, options) {
        if (!options || typeof options !== "object") {
          options = {
            loose: !!options,
            includePrerelease: false
          };
        }
        if (version instanceof SemVer) {
          return version;
        }
        if (typeof version !== "string") {
          return null;
        }
        if (version.length > MAX_LENGTH) {
          return null;
        }
        var r = options.loose ? safeRe[t.LOOSE] : safeRe[t.FULL];
        if (!r.test(version)) {
          return null;
        }
        try {
          return new SemVer(version, options);
        } catch (er) {
          return null;
        }
      }
      exports$1.valid = valid;
      function valid(version, options) {
        var v = parse(version, options);
        return v ? v.version : null;
      }
      exports$1.clean = clean2;
      function clean2(version, options) {
        var s = parse(version.trim().replace(/^[=v]+/, ""), options);
        return s ? s.version : null;
      }
      exports$1.SemVer = SemVer;
      function SemVer(version, options) {
        if (!options || typeof options !== "object") {
          options = {
            loose: !!options,
            includePrerelease: false
          };
        }
        if (version instanceof SemVer) {
          if (version.loose === options.loose) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError("Invalid Version: " + version);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError("version is longer than " + MAX_LENGTH + " characters");
        }
        if (!(this instanceof SemVer)) {
          return new SemVer(version, options);
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        var m = version.trim().match(options.loose ? safeRe[t.LOOSE] : safeRe[t.FULL]);
        if (!m) {
          throw new TypeError("Invalid Version: " + version);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map(function(id) {
            if (/^[0-9]+$/.test(id)) {
              var num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      SemVer.prototype.format = function() {
        this.version = this.major + "." + this.minor + "." + this.patch;
        if (this.prerelease.length) {
          this.version += "-" + this.prerelease.join(".");
        }
        return this.version;
      };
      SemVer.prototype.toString = function() {
        return this.version;
      };
      SemVer.prototype.compare = function(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof SemVer)) {
          other = new SemVer(other, this.options);
        }
        return this.compareMain(other) || this.comparePre(other);
      };
      SemVer.prototype.compareMain = function(other) {
        if (!(other instanceof SemVer)) {
          other = new SemVer(other, this.options);
        }
        return compareIdentifiers(this.major, other.major) || compareIdentifiers(this.minor, other.minor) || compareIdentifiers(this.patch, other.patch);
      };
      SemVer.prototype.comparePre = function(other) {
        if (!(other instanceof SemVer)) {
          other = new SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        var i2 = 0;
        do {
          var a = this.prerelease[i2];
          var b = other.prerelease[i2];
          debug("prerelease compare", i2, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i2);
      };
      SemVer.prototype.compareBuild = function(other) {
        if (!(other instanceof SemVer)) {
          other = new SemVer(other, this.options);
        }
        var i2 = 0;
        do {
          var a = this.build[i2];
          var b = other.build[i2];
          debug("prerelease compare", i2, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i2);
      };
      SemVer.prototype.inc = function(release, identifier) {
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier);
            this.inc("pre", identifier);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier);
            }
            this.inc("pre", identifier);
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 "pre" would become 1.0.0-0 which is the wrong direction.
          case "pre":
            if (this.prerelease.length === 0) {
              this.prerelease = [0];
            } else {
              var i2 = this.prerelease.length;
              while (--i2 >= 0) {
                if (typeof this.prerelease[i2] === "number") {
                  this.prerelease[i2]++;
                  i2 = -2;
                }
              }
              if (i2 === -1) {
                this.prerelease.push(0);
              }
            }
            if (identifier) {
              if (this.prerelease[0] === identifier) {
                if (isNaN(this.prerelease[1])) {
                  this.prerelease = [identifier, 0];
                }
              } else {
                this.prerelease = [identifier, 0];
              }
            }
            break;
          default:
            throw new Error("invalid increment argument: " + release);
        }
        this.format();
        this.raw = this.version;
        return this;
      };
      exports$1.inc = inc;
      function inc(version, release, loose, identifier) {
        if (typeof loose === "string") {
          identifier = loose;
          loose = void 0;
        }
        try {
          return new SemVer(version, loose).inc(release, identifier).version;
        } catch (er) {
          return null;
        }
      }
      exports$1.diff = diff;
      function diff(version1, version2) {
        if (eq(version1, version2)) {
          return null;
        } else {
          var v1 = parse(version1);
          var v2 = parse(version2);
          var prefix = "";
          if (v1.prerelease.length || v2.prerelease.length) {
            prefix = "pre";
            var defaultResult = "prerelease";
          }
          for (var key in v1) {
            if (key === "major" || key === "minor" || key === "patch") {
              if (v1[key] !== v2[key]) {
                return prefix + key;
              }
            }
          }
          return defaultResult;
        }
      }
      exports$1.compareIdentifiers = compareIdentifiers;
      var numeric = /^[0-9]+$/;
      function compareIdentifiers(a, b) {
        var anum = numeric.test(a);
        var bnum = numeric.test(b);
        if (anum && bnum) {
          a = +a;
          b = +b;
        }
        return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
      }
      exports$1.rcompareIdentifiers = rcompareIdentifiers;
      function rcompareIdentifiers(a, b) {
        return compareIdentifiers(b, a);
      }
      exports$1.major = major;
      function major(a, loose) {
        return new SemVer(a, loose).major;
      }
      exports$1.minor = minor;
      function minor(a, loose) {
        return new SemVer(a, loose).minor;
      }
      exports$1.patch = patch;
      function patch(a, loose) {
        return new SemVer(a, loose).patch;
      }
      exports$1.compare = compare;
      function compare(a, b, loose) {
        return new SemVer(a, loose).compare(new SemVer(b, loose));
      }
      exports$1.compareLoose = compareLoose;
      function compareLoose(a, b) {
        return compare(a, b, true);
      }
      exports$1.compareBuild = compareBuild;
      function compareBuild(a, b, loose) {
        var versionA = new SemVer(a, loose);
        var versionB = new SemVer(b, loose);
        return versionA.compare(versionB) || versionA.compareBuild(versionB);
      }
      exports$1.rcompare = rcompare;
      function rcompare(a, b, loose) {
        return compare(b, a, loose);
      }
      exports$1.sort = sort;
      function sort(list2, loose) {
        return list2.sort(function(a, b) {
          return exports$1.compareBuild(a, b, loose);
        });
      }
      exports$1.rsort = rsort;
      function rsort(list2, loose) {
        return list2.sort(function(a, b) {
          return exports$1.compareBuild(b, a, loose);
        });
      }
      exports$1.gt = gt;
      function gt(a, b, loose) {
        return compare(a, b, loose) > 0;
      }
      exports$1.lt = lt;
      function lt(a, b, loose) {
        return compare(a, b, loose) < 0;
      }
      exports$1.eq = eq;
      function eq(a, b, loose) {
        return compare(a, b, loose) === 0;
      }
      exports$1.neq = neq;
      function neq(a, b, loose) {
        return compare(a, b, loose) !== 0;
      }
      exports$1.gte = gte;
      function gte(a, b, loose) {
        return compare(a, b, loose) >= 0;
      }
      exports$1.lte = lte;
      function lte(a, b, loose) {
        return compare(a, b, loose) <= 0;
      }
      exports$1.cmp = cmp;
      function cmp(a, op, b, loose) {
        switch (op) {
          case "===":
            if (typeof a === "object")
              a = a.version;
            if (typeof b === "object")
              b = b.version;
            return a === b;
          case "!==":
            if (typeof a === "object")
              a = a.version;
            if (typeof b === "object")
              b = b.version;
            return a !== b;
          case "":
          case "=":
          case "==":
            return eq(a, b, loose);
          case "!=":
            return neq(a, b, loose);
          case ">":
            return gt(a, b, loose);
          case ">=":
            return gte(a, b, loose);
          case "<":
            return lt(a, b, loose);
          case "<=":
            return lte(a, b, loose);
          default:
            throw new TypeError("Invalid operator: " + op);
        }
      }
      exports$1.Comparator = Comparator;
      function Comparator(comp, options) {
        if (!options || typeof options !== "object") {
          options = {
            loose: !!options,
            includePrerelease: false
          };
        }
        if (comp instanceof Comparator) {
          if (comp.loose === !!options.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        if (!(this instanceof Comparator)) {
          return new Comparator(comp, options);
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug("comparator", comp, options);
        this.options = options;
        this.loose = !!options.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug("comp", this);
      }
      var ANY = {};
      Comparator.prototype.parse = function(comp) {
        var r = this.options.loose ? safeRe[t.COMPARATORLOOSE] : safeRe[t.COMPARATOR];
        var m = comp.match(r);
        if (!m) {
          throw new TypeError("Invalid comparator: " + comp);
        }
        this.operator = m[1] !== void 0 ? m[1] : "";
        if (this.operator === "=") {
          this.operator = "";
        }
        if (!m[2]) {
          this.semver = ANY;
        } else {
          this.semver = new SemVer(m[2], this.options.loose);
        }
      };
      Comparator.prototype.toString = function() {
        return this.value;
      };
      Comparator.prototype.test = function(version) {
        debug("Comparator.test", version, this.options.loose);
        if (this.semver === ANY || version === ANY) {
          return true;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version, this.operator, this.semver, this.options);
      };
      Comparator.prototype.intersects = function(comp, options) {
        if (!(comp instanceof Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (!options || typeof options !== "object") {
          options = {
            loose: !!options,
            includePrerelease: false
          };
        }
        var rangeTmp;
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          rangeTmp = new Range(comp.value, options);
          return satisfies(this.value, rangeTmp, options);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          rangeTmp = new Range(this.value, options);
          return satisfies(comp.semver, rangeTmp, options);
        }
        var sameDirectionIncreasing = (this.operator === ">=" || this.operator === ">") && (comp.operator === ">=" || comp.operator === ">");
        var sameDirectionDecreasing = (this.operator === "<=" || this.operator === "<") && (comp.operator === "<=" || comp.operator === "<");
        var sameSemVer = this.semver.version === comp.semver.version;
        var differentDirectionsInclusive = (this.operator === ">=" || this.operator === "<=") && (comp.operator === ">=" || comp.operator === "<=");
        var oppositeDirectionsLessThan = cmp(this.semver, "<", comp.semver, options) && ((this.operator === ">=" || this.operator === ">") && (comp.operator === "<=" || comp.operator === "<"));
        var oppositeDirectionsGreaterThan = cmp(this.semver, ">", comp.semver, options) && ((this.operator === "<=" || this.operator === "<") && (comp.operator === ">=" || comp.operator === ">"));
        return sameDirectionIncreasing || sameDirectionDecreasing || sameSemVer && differentDirectionsInclusive || oppositeDirectionsLessThan || oppositeDirectionsGreaterThan;
      };
      exports$1.Range = Range;
      function Range(range, options) {
        if (!options || typeof options !== "object") {
          options = {
            loose: !!options,
            includePrerelease: false
          };
        }
        if (range instanceof Range) {
          if (range.loose === !!options.loose && range.includePrerelease === !!options.includePrerelease) {
            return range;
          } else {
            return new Range(range.raw, options);
          }
        }
        if (range instanceof Comparator) {
          return new Range(range.value, options);
        }
        if (!(this instanceof Range)) {
          return new Range(range, options);
        }
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        this.raw = range.trim().split(/\s+/).join(" ");
        this.set = this.raw.split("||").map(function(range2) {
          return this.parseRange(range2.trim());
        }, this).filter(function(c) {
          return c.length;
        });
        if (!this.set.length) {
          throw new TypeError("Invalid SemVer Range: " + this.raw);
        }
        this.format();
      }
      Range.prototype.format = function() {
        this.range = this.set.map(function(comps) {
          return comps.join(" ").trim();
        }).join("||").trim();
        return this.range;
      };
      Range.prototype.toString = function() {
        return this.range;
      };
      Range.prototype.parseRange = function(range) {
        var loose = this.options.loose;
        var hr = loose ? safeRe[t.HYPHENRANGELOOSE] : safeRe[t.HYPHENRANGE];
        range = range.replace(hr, hyphenReplace);
        debug("hyphen replace", range);
        range = range.replace(safeRe[t.COMPARATORTRIM], comparatorTrimReplace);
        debug("comparator trim", range, safeRe[t.COMPARATORTRIM]);
        range = range.replace(safeRe[t.TILDETRIM], tildeTrimReplace);
        range = range.replace(safeRe[t.CARETTRIM], caretTrimReplace);
        range = range.split(/\s+/).join(" ");
        var compRe = loose ? safeRe[t.COMPARATORLOOSE] : safeRe[t.COMPARATOR];
        var set = range.split(" ").map(function(comp) {
          return parseComparator(comp, this.options);
        }, this).join(" ").split(/\s+/);
        if (this.options.loose) {
          set = set.filter(function(comp) {
            return !!comp.match(compRe);
          });
        }
        set = set.map(function(comp) {
          return new Comparator(comp, this.options);
        }, this);
        return set;
      };
      Range.prototype.intersects = function(range, options) {
        if (!(range instanceof Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some(function(thisComparators) {
          return isSatisfiable(thisComparators, options) && range.set.some(function(rangeComparators) {
            return isSatisfiable(rangeComparators, options) && thisComparators.every(function(thisComparator) {
              return rangeComparators.every(function(rangeComparator) {
                return thisComparator.intersects(rangeComparator, options);
              });
            });
          });
        });
      };
      function isSatisfiable(comparators, options) {
        var result = true;
        var remainingComparators = comparators.slice();
        var testComparator = remainingComparators.pop();
        while (result && remainingComparators.length) {
          result = remainingComparators.every(function(otherComparator) {
            return testComparator.intersects(otherComparator, options);
          });
          testComparator = remainingComparators.pop();
        }
        return result;
      }
      exports$1.toComparators = toComparators;
      function toComparators(range, options) {
        return new Range(range, options).set.map(function(comp) {
          return comp.map(function(c) {
            return c.value;
          }).join(" ").trim().split(" ");
        });
      }
      function parseComparator(comp, options) {
        debug("comp", comp, options);
        comp = replaceCarets(comp, options);
        debug("caret", comp);
        comp = replaceTildes(comp, options);
        debug("tildes", comp);
        comp = replaceXRanges(comp, options);
        debug("xrange", comp);
        comp = replaceStars(comp, options);
        debug("stars", comp);
        return comp;
      }
      function isX(id) {
        return !id || id.toLowerCase() === "x" || id === "*";
      }
      function replaceTildes(comp, options) {
        return comp.trim().split(/\s+/).map(function(comp2) {
          return replaceTilde(comp2, options);
        }).join(" ");
      }
      function replaceTilde(comp, options) {
        var r = options.loose ? safeRe[t.TILDELOOSE] : safeRe[t.TILDE];
        return comp.replace(r, function(_2, M, m, p, pr) {
          debug("tilde", comp, _2, M, m, p, pr);
          var ret;
          if (isX(M)) {
            ret = "";
          } else if (isX(m)) {
            ret = ">=" + M + ".0.0 <" + (+M + 1) + ".0.0";
          } else if (isX(p)) {
            ret = ">=" + M + "." + m + ".0 <" + M + "." + (+m + 1) + ".0";
          } else if (pr) {
            debug("replaceTilde pr", pr);
            ret = ">=" + M + "." + m + "." + p + "-" + pr + " <" + M + "." + (+m + 1) + ".0";
          } else {
            ret = ">=" + M + "." + m + "." + p + " <" + M + "." + (+m + 1) + ".0";
          }
          debug("tilde return", ret);
          return ret;
        });
      }
      function replaceCarets(comp, options) {
        return comp.trim().split(/\s+/).map(function(comp2) {
          return replaceCaret(comp2, options);
        }).join(" ");
      }
      function replaceCaret(comp, options) {
        debug("caret", comp, options);
        var r = options.loose ? safeRe[t.CARETLOOSE] : safeRe[t.CARET];
        return comp.replace(r, function(_2, M, m, p, pr) {
          debug("caret", comp, _2, M, m, p, pr);
          var ret;
          if (isX(M)) {
            ret = "";
          } else if (isX(m)) {
            ret = ">=" + M + ".0.0 <" + (+M + 1) + ".0.0";
          } else if (isX(p)) {
            if (M === "0") {
              ret = ">=" + M + "." + m + ".0 <" + M + "." + (+m + 1) + ".0";
            } else {
              ret = ">=" + M + "." + m + ".0 <" + (+M + 1) + ".0.0";
            }
          } else if (pr) {
            debug("replaceCaret pr", pr);
            if (M === "0") {
              if (m === "0") {
                ret = ">=" + M + "." + m + "." + p + "-" + pr + " <" + M + "." + m + "." + (+p + 1);
              } else {
                ret = ">=" + M + "." + m + "." + p + "-" + pr + " <" + M + "." + (+m + 1) + ".0";
              }
            } else {
              ret = ">=" + M + "." + m + "." + p + "-" + pr + " <" + (+M + 1) + ".0.0";
            }
          } else {
            debug("no pr");
            if (M === "0") {
              if (m === "0") {
                ret = ">=" + M + "." + m + "." + p + " <" + M + "." + m + "." + (+p + 1);
              } else {
                ret = ">=" + M + "." + m + "." + p + " <" + M + "." + (+m + 1) + ".0";
              }
            } else {
              ret = ">=" + M + "." + m + "." + p + " <" + (+M + 1) + ".0.0";
            }
          }
          debug("caret return", ret);
          return ret;
        });
      }
      function replaceXRanges(comp, options) {
        debug("replaceXRanges", comp, options);
        return comp.split(/\s+/).map(function(comp2) {
          return replaceXRange(comp2, options);
        }).join(" ");
      }
      function replaceXRange(comp, options) {
        comp = comp.trim();
        var r = options.loose ? safeRe[t.XRANGELOOSE] : safeRe[t.XRANGE];
        return comp.replace(r, function(ret, gtlt, M, m, p, pr) {
          debug("xRange", comp, ret, gtlt, M, m, p, pr);
          var xM = isX(M);
          var xm = xM || isX(m);
          var xp = xm || isX(p);
          var anyX = xp;
          if (gtlt === "=" && anyX) {
            gtlt = "";
          }
          pr = options.includePrerelease ? "-0" : "";
          if (xM) {
            if (gtlt === ">" || gtlt === "<") {
              ret = "<0.0.0-0";
            } else {
              ret = "*";
            }
          } else if (gtlt && anyX) {
            if (xm) {
              m = 0;
            }
            p = 0;
            if (gtlt === ">") {
              gtlt = ">=";
              if (xm) {
                M = +M + 1;
                m = 0;
                p = 0;
              } else {
                m = +m + 1;
                p = 0;
              }
            } else if (gtlt === "<=") {
              gtlt = "<";
              if (xm) {
                M = +M + 1;
              } else {
                m = +m + 1;
              }
            }
            ret = gtlt + M + "." + m + "." + p + pr;
          } else if (xm) {
            ret = ">=" + M + ".0.0" + pr + " <" + (+M + 1) + ".0.0" + pr;
          } else if (xp) {
            ret = ">=" + M + "." + m + ".0" + pr + " <" + M + "." + (+m + 1) + ".0" + pr;
          }
          debug("xRange return", ret);
          return ret;
        });
      }
      function replaceStars(comp, options) {
        debug("replaceStars", comp, options);
        return comp.trim().replace(safeRe[t.STAR], "");
      }
      function hyphenReplace($0, from, fM, fm, fp, fpr, fb, to, tM, tm, tp, tpr, tb) {
        if (isX(fM)) {
          from = "";
        } else if (isX(fm)) {
          from = ">=" + fM + ".0.0";
        } else if (isX(fp)) {
          from = ">=" + fM + "." + fm + ".0";
        } else {
          from = ">=" + from;
        }
        if (isX(tM)) {
          to = "";
        } else if (isX(tm)) {
          to = "<" + (+tM + 1) + ".0.0";
        } else if (isX(tp)) {
          to = "<" + tM + "." + (+tm + 1) + ".0";
        } else if (tpr) {
          to = "<=" + tM + "." + tm + "." + tp + "-" + tpr;
        } else {
          to = "<=" + to;
        }
        return (from + " " + to).trim();
      }
      Range.prototype.test = function(version) {
        if (!version) {
          return false;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        for (var i2 = 0; i2 < this.set.length; i2++) {
          if (testSet(this.set[i2], version, this.options)) {
            return true;
          }
        }
        return false;
      };
      function testSet(set, version, options) {
        for (var i2 = 0; i2 < set.length; i2++) {
          if (!set[i2].test(version)) {
            return false;
          }
        }
        if (version.prerelease.length && !options.includePrerelease) {
          for (i2 = 0; i2 < set.length; i2++) {
            debug(set[i2].semver);
            if (set[i2].semver === ANY) {
              continue;
            }
            if (set[i2].semver.prerelease.length > 0) {
              var allowed = set[i2].semver;
              if (allowed.major === version.major && allowed.minor === version.minor && allowed.patch === version.patch) {
                return true;
              }
            }
          }
          return false;
        }
        return true;
      }
      exports$1.satisfies = satisfies;
      function satisfies(version, range, options) {
        try {
          range = new Range(range, options);
        } catch (er) {
          return false;
        }
        return range.test(version);
      }
      exports$1.maxSatisfying = maxSatisfying;
      function maxSatisfying(versions, range, options) {
        var max = null;
        var maxSV = null;
        try {
          var rangeObj = new Range(range, options);
        } catch (er) {
          return null;
        }
        versions.forEach(function(v) {
          if (rangeObj.test(v)) {
            if (!max || maxSV.compare(v) === -1) {
              max = v;
              maxSV = new SemVer(max, options);
            }
          }
        });
        return max;
      }
      exports$1.minSatisfying = minSatisfying;
      function minSatisfying(versions, range, options) {
        var min = null;
        var minSV = null;
        try {
          var rangeObj = new Range(range, options);
        } catch (er) {
          return null;
        }
        versions.forEach(function(v) {
          if (rangeObj.test(v)) {
            if (!min || minSV.compare(v) === 1) {
              min = v;
              minSV = new SemVer(min, options);
            }
          }
        });
        return min;
      }
      exports$1.minVersion = minVersion;
      function minVersion(range, loose) {
        range = new Range(range, loose);
        var minver = new SemVer("0.0.0");
        if (range.test(minver)) {
          return minver;
        }
        minver = new SemVer("0.0.0-0");
        if (range.test(minver)) {
          return minver;
        }
        minver = null;
        for (var i2 = 0; i2 < range.set.length; ++i2) {
          var comparators = range.set[i2];
          comparators.forEach(function(comparator) {
            var compver = new SemVer(comparator.semver.version);
            switch (comparator.operator) {
              case ">":
                if (compver.prerelease.length === 0) {
                  compver.patch++;
                } else {
                  compver.prerelease.push(0);
                }
                compver.raw = compver.format();
              /* fallthrough */
              case "":
              case ">=":
                if (!minver || gt(minver, compver)) {
                  minver = compver;
                }
                break;
              case "<":
              case "<=":
                break;
              /* istanbul ignore next */
              default:
                throw new Error("Unexpected operation: " + comparator.operator);
            }
          });
        }
        if (minver && range.test(minver)) {
          return minver;
        }
        return null;
      }
      exports$1.validRange = validRange;
      function validRange(range, options) {
        try {
          return new Range(range, options).range || "*";
        } catch (er) {
          return null;
        }
      }
      exports$1.ltr = ltr;
      function ltr(version, range, options) {
        return outside(version, range, "<", options);
      }
      exports$1.gtr = gtr;
      function gtr(version, range, options) {
        return outside(version, range, ">", options);
      }
      exports$1.outside = outside;
      function outside(version, range, hilo, options) {
        version = new SemVer(version, options);
        range = new Range(range, options);
        var gtfn, ltefn, ltfn, comp, ecomp;
        switch (hilo) {
          case ">":
            gtfn = gt;
            ltefn = lte;
            ltfn = lt;
            comp = ">";
            ecomp = ">=";
            break;
          case "<":
            gtfn = lt;
            ltefn = gte;
            ltfn = gt;
            comp = "<";
            ecomp = "<=";
            break;
          default:
            throw new TypeError('Must provide a hilo val of "<" or ">"');
        }
        if (satisfies(version, range, options)) {
          return false;
        }
        for (var i2 = 0; i2 < range.set.length; ++i2) {
          var comparators = range.set[i2];
          var high = null;
          var low = null;
          comparators.forEach(function(comparator) {
            if (comparator.semver === ANY) {
              comparator = new Comparator(">=0.0.0");
            }
            high = high || comparator;
            low = low || comparator;
            if (gtfn(comparator.semver, high.semver, options)) {
              high = comparator;
            } else if (ltfn(comparator.semver, low.semver, options)) {
              low = comparator;
            }
          });
          if (high.operator === comp || high.operator === ecomp) {
            return false;
          }
          if ((!low.operator || low.operator === comp) && ltefn(version, low.semver)) {
            return false;
          } else if (low.operator === ecomp && ltfn(version, low.semver)) {
            return false;
          }
        }
        return true;
      }
      exports$1.prerelease = prerelease;
      function prerelease(version, options) {
        var parsed = parse(version, options);
        return parsed && parsed.prerelease.length ? parsed.prerelease : null;
      }
      exports$1.intersects = intersects;
      function intersects(r1, r2, options) {
        r1 = new Range(r1, options);
        r2 = new Range(r2, options);
        return r1.intersects(r2);
      }
      exports$1.coerce = coerce;
      function coerce(version, options) {
        if (version instanceof SemVer) {
          return version;
        }
        if (typeof version === "number") {
          version = String(version);
        }
        if (typeof version !== "string") {
          return null;
        }
        options = options || {};
        var match = null;
        if (!options.rtl) {
          match = version.match(safeRe[t.COERCE]);
        } else {
          var next;
          while ((next = safeRe[t.COERCERTL].exec(version)) && (!match || match.index + match[0].length !== version.length)) {
            if (!match || next.index + next[0].length !== match.index + match[0].length) {
              match = next;
            }
            safeRe[t.COERCERTL].lastIndex = next.index + next[1].length + next[2].length;
          }
          safeRe[t.COERCERTL].lastIndex = -1;
        }
        if (match === null) {
          return null;
        }
        return parse(match[2] + "." + (match[3] || "0") + "." + (match[4] || "0"), options);
      }
    })(semver$1, semver$1.exports);
    var semverExports = semver$1.exports;
    var fs = require$$0;
    var path = require$$1;
    var { promisify } = require$$2;
    var semver = semverExports;
    var useNativeRecursiveOption = semver.satisfies(process.version, ">=10.12.0");
    var checkPath = (pth) => {
      if (process.platform === "win32") {
        const pathHasInvalidWinCharacters = /[<>:"|?*]/.test(pth.replace(path.parse(pth).root, ""));
        if (pathHasInvalidWinCharacters) {
          const error = new Error(`Path contains invalid characters: ${pth}`);
          error.code = "EINVAL";
          throw error;
        }
      }
    };
    var processOptions = (options) => {
      const defaults = {
        mode: 511,
        fs
      };
      return {
        ...defaults,
        ...options
      };
    };
    var permissionError = (pth) => {
      const error = new Error(`operation not permitted, mkdir '${pth}'`);
      error.code = "EPERM";
      error.errno = -4048;
      error.path = pth;
      error.syscall = "mkdir";
      return error;
    };
    var makeDir = async (input, options) => {
      checkPath(input);
      options = processOptions(options);
      const mkdir2 = promisify(options.fs.mkdir);
      const stat4 = promisify(options.fs.stat);
      if (useNativeRecursiveOption && options.fs.mkdir === fs.mkdir) {
        const pth = path.resolve(input);
        await mkdir2(pth, {
          mode: options.mode,
          recursive: true
        });
        return pth;
      }
      const make = async (pth) => {
        try {
          await mkdir2(pth, options.mode);
          return pth;
        } catch (error) {
          if (error.code === "EPERM") {
            throw error;
          }
          if (error.code === "ENOENT") {
            if (path.dirname(pth) === pth) {
              throw permissionError(pth);
            }
            if (error.message.includes("null bytes")) {
              throw error;
            }
            await make(path.dirname(pth));
            return make(pth);
          }
          try {
            const stats = await stat4(pth);
            if (!stats.isDirectory()) {
              throw new Error("The path is not a directory");
            }
          } catch (_2) {
            throw error;
          }
          return pth;
        }
      };
      return make(path.resolve(input));
    };
    makeDir$2.exports = makeDir;
    makeDir$2.exports.sync = (input, options) => {
      checkPath(input);
      options = processOptions(options);
      if (useNativeRecursiveOption && options.fs.mkdirSync === fs.mkdirSync) {
        const pth = path.resolve(input);
        fs.mkdirSync(pth, {
          mode: options.mode,
          recursive: true
        });
        return pth;
      }
      const make = (pth) => {
        try {
          options.fs.mkdirSync(pth, options.mode);
        } catch (error) {
          if (error.code === "EPERM") {
            throw error;
          }
          if (error.code === "ENOENT") {
            if (path.dirname(pth) === pth) {
              throw permissionError(pth);
            }
            if (error.message.includes("null bytes")) {
              throw error;
            }
            make(path.dirname(pth));
            return make(pth);
          }
          try {
            if (!options.fs.statSync(pth).isDirectory()) {
              throw new Error("The path is not a directory");
            }
          } catch (_2) {
            throw error;
          }
        }
        return pth;
      };
      return make(path.resolve(input));
    };
    var makeDirExports = makeDir$2.exports;
    var makeDir$1 = /* @__PURE__ */ getDefaultExportFromCjs(makeDirExports);
    var lodash = { exports: {} };
    lodash.exports;
    (function(module2, exports$1) {
      (function() {
        var undefined$1;
        var VERSION = "4.18.1";
        var LARGE_ARRAY_SIZE = 200;
        var CORE_ERROR_TEXT = "Unsupported core-js use. Try https://npms.io/search?q=ponyfill.", FUNC_ERROR_TEXT = "Expected a function", INVALID_TEMPL_VAR_ERROR_TEXT = "Invalid `variable` option passed into `_.template`", INVALID_TEMPL_IMPORTS_ERROR_TEXT = "Invalid `imports` option passed into `_.template`";
        var HASH_UNDEFINED = "__lodash_hash_undefined__";
        var MAX_MEMOIZE_SIZE = 500;
        var PLACEHOLDER = "__lodash_placeholder__";
        var CLONE_DEEP_FLAG = 1, CLONE_FLAT_FLAG = 2, CLONE_SYMBOLS_FLAG = 4;
        var COMPARE_PARTIAL_FLAG = 1, COMPARE_UNORDERED_FLAG = 2;
        var WRAP_BIND_FLAG = 1, WRAP_BIND_KEY_FLAG = 2, WRAP_CURRY_BOUND_FLAG = 4, WRAP_CURRY_FLAG = 8, WRAP_CURRY_RIGHT_FLAG = 16, WRAP_PARTIAL_FLAG = 32, WRAP_PARTIAL_RIGHT_FLAG = 64, WRAP_ARY_FLAG = 128, WRAP_REARG_FLAG = 256, WRAP_FLIP_FLAG = 512;
        var DEFAULT_TRUNC_LENGTH = 30, DEFAULT_TRUNC_OMISSION = "...";
        var HOT_COUNT = 800, HOT_SPAN = 16;
        var LAZY_FILTER_FLAG = 1, LAZY_MAP_FLAG = 2, LAZY_WHILE_FLAG = 3;
        var INFINITY = 1 / 0, MAX_SAFE_INTEGER = 9007199254740991, MAX_INTEGER = 17976931348623157e292, NAN = 0 / 0;
        var MAX_ARRAY_LENGTH = 4294967295, MAX_ARRAY_INDEX = MAX_ARRAY_LENGTH - 1, HALF_MAX_ARRAY_LENGTH = MAX_ARRAY_LENGTH >>> 1;
        var wrapFlags = [
          ["ary", WRAP_ARY_FLAG],
          ["bind", WRAP_BIND_FLAG],
          ["bindKey", WRAP_BIND_KEY_FLAG],
          ["curry", WRAP_CURRY_FLAG],
          ["curryRight", WRAP_CURRY_RIGHT_FLAG],
          ["flip", WRAP_FLIP_FLAG],
          ["partial", WRAP_PARTIAL_FLAG],
          ["partialRight", WRAP_PARTIAL_RIGHT_FLAG],
          ["rearg", WRAP_REARG_FLAG]
        ];
        var argsTag = "[object Arguments]", arrayTag = "[object Array]", asyncTag = "[object AsyncFunction]", boolTag = "[object Boolean]", dateTag = "[object Date]", domExcTag = "[object DOMException]", errorTag = "[object Error]", funcTag = "[object Function]", genTag = "[object GeneratorFunction]", mapTag = "[object Map]", numberTag = "[object Number]", nullTag = "[object Null]", objectTag = "[object Object]", promiseTag = "[object Promise]", proxyTag = "[object Proxy]", regexpTag = "[object RegExp]", setTag = "[object Set]", stringTag = "[object String]", symbolTag = "[object Symbol]", undefinedTag = "[object Undefined]", weakMapTag = "[object WeakMap]", weakSetTag = "[object WeakSet]";
        var arrayBufferTag = "[object ArrayBuffer]", dataViewTag = "[object DataView]", float32Tag = "[object Float32Array]", float64Tag = "[object Float64Array]", int8Tag = "[object Int8Array]", int16Tag = "[object Int16Array]", int32Tag = "[object Int32Array]", uint8Tag = "[object Uint8Array]", uint8ClampedTag = "[object Uint8ClampedArray]", uint16Tag = "[object Uint16Array]", uint32Tag = "[object Uint32Array]";
        var reEmptyStringLeading = /\b__p \+= '';/g, reEmptyStringMiddle = /\b(__p \+=) '' \+/g, reEmptyStringTrailing = /(__e\(.*?\)|\b__t\)) \+\n'';/g;
        var reEscapedHtml = /&(?:amp|lt|gt|quot|#39);/g, reUnescapedHtml = /[&<>"']/g, reHasEscapedHtml = RegExp(reEscapedHtml.source), reHasUnescapedHtml = RegExp(reUnescapedHtml.source);
        var reEscape = /<%-([\s\S]+?)%>/g, reEvaluate = /<%([\s\S]+?)%>/g, reInterpolate = /<%=([\s\S]+?)%>/g;
        var reIsDeepProp = /\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/, reIsPlainProp = /^\w*$/, rePropName = /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
        var reRegExpChar = /[\\^$.*+?()[\]{}|]/g, reHasRegExpChar = RegExp(reRegExpChar.source);
        var reTrimStart = /^\s+/;
        var reWhitespace = /\s/;
        var reWrapComment = /\{(?:\n\/\* \[wrapped with .+\] \*\/)?\n?/, reWrapDetails = /\{\n\/\* \[wrapped with (.+)\] \*/, reSplitDetails = /,? & /;
        var reAsciiWord = /[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/g;
        var reForbiddenIdentifierChars = /[()=,{}\[\]\/\s]/;
        var reEscapeChar = /\\(\\)?/g;
        var reEsTemplate = /\$\{([^\\}]*(?:\\.[^\\}]*)*)\}/g;
        var reFlags = /\w*$/;
        var reIsBadHex = /^[-+]0x[0-9a-f]+$/i;
        var reIsBinary = /^0b[01]+$/i;
        var reIsHostCtor = /^\[object .+?Constructor\]$/;
        var reIsOctal = /^0o[0-7]+$/i;
        var reIsUint = /^(?:0|[1-9]\d*)$/;
        var reLatin = /[\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u017f]/g;
        var reNoMatch = /($^)/;
        var reUnescapedString = /['\n\r\u2028\u2029\\]/g;
        var rsAstralRange = "\\ud800-\\udfff", rsComboMarksRange = "\\u0300-\\u036f", reComboHalfMarksRange = "\\ufe20-\\ufe2f", rsComboSymbolsRange = "\\u20d0-\\u20ff", rsComboRange = rsComboMarksRange + reComboHalfMarksRange + rsComboSymbolsRange, rsDingbatRange = "\\u2700-\\u27bf", rsLowerRange = "a-z\\xdf-\\xf6\\xf8-\\xff", rsMathOpRange = "\\xac\\xb1\\xd7\\xf7", rsNonCharRange = "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\xbf", rsPunctuationRange = "\\u2000-\\u206f", rsSpaceRange = " \\t\\x0b\\f\\xa0\\ufeff\\n\\r\\u2028\\u2029\\u1680\\u180e\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u202f\\u205f\\u3000", rsUpperRange = "A-Z\\xc0-\\xd6\\xd8-\\xde", rsVarRange = "\\ufe0e\\ufe0f", rsBreakRange = rsMathOpRange + rsNonCharRange + rsPunctuationRange + rsSpaceRange;
        var rsApos = "['\u2019]", rsAstral = "[" + rsAstralRange + "]", rsBreak = "[" + rsBreakRange + "]", rsCombo = "[" + rsComboRange + "]", rsDigits = "\\d+", rsDingbat = "[" + rsDingbatRange + "]", rsLower = "[" + rsLowerRange + "]", rsMisc = "[^" + rsAstralRange + rsBreakRange + rsDigits + rsDingbatRange + rsLowerRange + rsUpperRange + "]", rsFitz = "\\ud83c[\\udffb-\\udfff]", rsModifier = "(?:" + rsCombo + "|" + rsFitz + ")", rsNonAstral = "[^" + rsAstralRange + "]", rsRegional = "(?:\\ud83c[\\udde6-\\uddff]){2}", rsSurrPair = "[\\ud800-\\udbff][\\udc00-\\udfff]", rsUpper = "[" + rsUpperRange + "]", rsZWJ = "\\u200d";
        var rsMiscLower = "(?:" + rsLower + "|" + rsMisc + ")", rsMiscUpper = "(?:" + rsUpper + "|" + rsMisc + ")", rsOptContrLower = "(?:" + rsApos + "(?:d|ll|m|re|s|t|ve))?", rsOptContrUpper = "(?:" + rsApos + "(?:D|LL|M|RE|S|T|VE))?", reOptMod = rsModifier + "?", rsOptVar = "[" + rsVarRange + "]?", rsOptJoin = "(?:" + rsZWJ + "(?:" + [rsNonAstral, rsRegional, rsSurrPair].join("|") + ")" + rsOptVar + reOptMod + ")*", rsOrdLower = "\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=\\b|[A-Z_])", rsOrdUpper = "\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=\\b|[a-z_])", rsSeq = rsOptVar + reOptMod + rsOptJoin, rsEmoji = "(?:" + [rsDingbat, rsRegional, rsSurrPair].join("|") + ")" + rsSeq, rsSymbol = "(?:" + [rsNonAstral + rsCombo + "?", rsCombo, rsRegional, rsSurrPair, rsAstral].join("|") + ")";
        var reApos = RegExp(rsApos, "g");
        var reComboMark = RegExp(rsCombo, "g");
        var reUnicode = RegExp(rsFitz + "(?=" + rsFitz + ")|" + rsSymbol + rsSeq, "g");
        var reUnicodeWord = RegExp([
          rsUpper + "?" + rsLower + "+" + rsOptContrLower + "(?=" + [rsBreak, rsUpper, "$"].join("|") + ")",
          rsMiscUpper + "+" + rsOptContrUpper + "(?=" + [rsBreak, rsUpper + rsMiscLower, "$"].join("|") + ")",
          rsUpper + "?" + rsMiscLower + "+" + rsOptContrLower,
          rsUpper + "+" + rsOptContrUpper,
          rsOrdUpper,
          rsOrdLower,
          rsDigits,
          rsEmoji
        ].join("|"), "g");
        var reHasUnicode = RegExp("[" + rsZWJ + rsAstralRange + rsComboRange + rsVarRange + "]");
        var reHasUnicodeWord = /[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]/;
        var contextProps = [
          "Array",
          "Buffer",
          "DataView",
          "Date",
          "Error",
          "Float32Array",
          "Float64Array",
          "Function",
          "Int8Array",
          "Int16Array",
          "Int32Array",
          "Map",
          "Math",
          "Object",
          "Promise",
          "RegExp",
          "Set",
          "String",
          "Symbol",
          "TypeError",
          "Uint8Array",
          "Uint8ClampedArray",
          "Uint16Array",
          "Uint32Array",
          "WeakMap",
          "_",
          "clearTimeout",
          "isFinite",
          "parseInt",
          "setTimeout"
        ];
        var templateCounter = -1;
        var typedArrayTags = {};
        typedArrayTags[float32Tag] = typedArrayTags[float64Tag] = typedArrayTags[int8Tag] = typedArrayTags[int16Tag] = typedArrayTags[int32Tag] = typedArrayTags[uint8Tag] = typedArrayTags[uint8ClampedTag] = typedArrayTags[uint16Tag] = typedArrayTags[uint32Tag] = true;
        typedArrayTags[argsTag] = typedArrayTags[arrayTag] = typedArrayTags[arrayBufferTag] = typedArrayTags[boolTag] = typedArrayTags[dataViewTag] = typedArrayTags[dateTag] = typedArrayTags[errorTag] = typedArrayTags[funcTag] = typedArrayTags[mapTag] = typedArrayTags[numberTag] = typedArrayTags[objectTag] = typedArrayTags[regexpTag] = typedArrayTags[setTag] = typedArrayTags[stringTag] = typedArrayTags[weakMapTag] = false;
        var cloneableTags = {};
        cloneableTags[argsTag] = cloneableTags[arrayTag] = cloneableTags[arrayBufferTag] = cloneableTags[dataViewTag] = cloneableTags[boolTag] = cloneableTags[dateTag] = cloneableTags[float32Tag] = cloneableTags[float64Tag] = cloneableTags[int8Tag] = cloneableTags[int16Tag] = cloneableTags[int32Tag] = cloneableTags[mapTag] = cloneableTags[numberTag] = cloneableTags[objectTag] = cloneableTags[regexpTag] = cloneableTags[setTag] = cloneableTags[stringTag] = cloneableTags[symbolTag] = cloneableTags[uint8Tag] = cloneableTags[uint8ClampedTag] = cloneableTags[uint16Tag] = cloneableTags[uint32Tag] = true;
        cloneableTags[errorTag] = cloneableTags[funcTag] = cloneableTags[weakMapTag] = false;
        var deburredLetters = {
          // Latin-1 Supplement block.
          "\xC0": "A",
          "\xC1": "A",
          "\xC2": "A",
          "\xC3": "A",
          "\xC4": "A",
          "\xC5": "A",
          "\xE0": "a",
          "\xE1": "a",
          "\xE2": "a",
          "\xE3": "a",
          "\xE4": "a",
          "\xE5": "a",
          "\xC7": "C",
          "\xE7": "c",
          "\xD0": "D",
          "\xF0": "d",
          "\xC8": "E",
          "\xC9": "E",
          "\xCA": "E",
          "\xCB": "E",
          "\xE8": "e",
          "\xE9": "e",
          "\xEA": "e",
          "\xEB": "e",
          "\xCC": "I",
          "\xCD": "I",
          "\xCE": "I",
          "\xCF": "I",
          "\xEC": "i",
          "\xED": "i",
          "\xEE": "i",
          "\xEF": "i",
          "\xD1": "N",
          "\xF1": "n",
          "\xD2": "O",
          "\xD3": "O",
          "\xD4": "O",
          "\xD5": "O",
          "\xD6": "O",
          "\xD8": "O",
          "\xF2": "o",
          "\xF3": "o",
          "\xF4": "o",
          "\xF5": "o",
          "\xF6": "o",
          "\xF8": "o",
          "\xD9": "U",
          "\xDA": "U",
          "\xDB": "U",
          "\xDC": "U",
          "\xF9": "u",
          "\xFA": "u",
          "\xFB": "u",
          "\xFC": "u",
          "\xDD": "Y",
          "\xFD": "y",
          "\xFF": "y",
          "\xC6": "Ae",
          "\xE6": "ae",
          "\xDE": "Th",
          "\xFE": "th",
          "\xDF": "ss",
          // Latin Extended-A block.
          "\u0100": "A",
          "\u0102": "A",
          "\u0104": "A",
          "\u0101": "a",
          "\u0103": "a",
          "\u0105": "a",
          "\u0106": "C",
          "\u0108": "C",
          "\u010A": "C",
          "\u010C": "C",
          "\u0107": "c",
          "\u0109": "c",
          "\u010B": "c",
          "\u010D": "c",
          "\u010E": "D",
          "\u0110": "D",
          "\u010F": "d",
          "\u0111": "d",
          "\u0112": "E",
          "\u0114": "E",
          "\u0116": "E",
          "\u0118": "E",
          "\u011A": "E",
          "\u0113": "e",
          "\u0115": "e",
          "\u0117": "e",
          "\u0119": "e",
          "\u011B": "e",
          "\u011C": "G",
          "\u011E": "G",
          "\u0120": "G",
          "\u0122": "G",
          "\u011D": "g",
          "\u011F": "g",
          "\u0121": "g",
          "\u0123": "g",
          "\u0124": "H",
          "\u0126": "H",
          "\u0125": "h",
          "\u0127": "h",
          "\u0128": "I",
          "\u012A": "I",
          "\u012C": "I",
          "\u012E": "I",
          "\u0130": "I",
          "\u0129": "i",
          "\u012B": "i",
          "\u012D": "i",
          "\u012F": "i",
          "\u0131": "i",
          "\u0134": "J",
          "\u0135": "j",
          "\u0136": "K",
          "\u0137": "k",
          "\u0138": "k",
          "\u0139": "L",
          "\u013B": "L",
          "\u013D": "L",
          "\u013F": "L",
          "\u0141": "L",
          "\u013A": "l",
          "\u013C": "l",
          "\u013E": "l",
          "\u0140": "l",
          "\u0142": "l",
          "\u0143": "N",
          "\u0145": "N",
          "\u0147": "N",
          "\u014A": "N",
          "\u0144": "n",
          "\u0146": "n",
          "\u0148": "n",
          "\u014B": "n",
          "\u014C": "O",
          "\u014E": "O",
          "\u0150": "O",
          "\u014D": "o",
          "\u014F": "o",
          "\u0151": "o",
          "\u0154": "R",
          "\u0156": "R",
          "\u0158": "R",
          "\u0155": "r",
          "\u0157": "r",
          "\u0159": "r",
          "\u015A": "S",
          "\u015C": "S",
          "\u015E": "S",
          "\u0160": "S",
          "\u015B": "s",
          "\u015D": "s",
          "\u015F": "s",
          "\u0161": "s",
          "\u0162": "T",
          "\u0164": "T",
          "\u0166": "T",
          "\u0163": "t",
          "\u0165": "t",
          "\u0167": "t",
          "\u0168": "U",
          "\u016A": "U",
          "\u016C": "U",
          "\u016E": "U",
          "\u0170": "U",
          "\u0172": "U",
          "\u0169": "u",
          "\u016B": "u",
          "\u016D": "u",
          "\u016F": "u",
          "\u0171": "u",
          "\u0173": "u",
          "\u0174": "W",
          "\u0175": "w",
          "\u0176": "Y",
          "\u0177": "y",
          "\u0178": "Y",
          "\u0179": "Z",
          "\u017B": "Z",
          "\u017D": "Z",
          "\u017A": "z",
          "\u017C": "z",
          "\u017E": "z",
          "\u0132": "IJ",
          "\u0133": "ij",
          "\u0152": "Oe",
          "\u0153": "oe",
          "\u0149": "'n",
          "\u017F": "s"
        };
        var htmlEscapes = {
          "&": "&amp;",
          "<": "&lt;",
          ">": "&gt;",
          '"': "&quot;",
          "'": "&#39;"
        };
        var htmlUnescapes = {
          "&amp;": "&",
          "&lt;": "<",
          "&gt;": ">",
          "&quot;": '"',
          "&#39;": "'"
        };
        var stringEscapes = {
          "\\": "\\",
          "'": "'",
          "\n": "n",
          "\r": "r",
          "\u2028": "u2028",
          "\u2029": "u2029"
        };
        var freeParseFloat = parseFloat, freeParseInt = parseInt;
        var freeGlobal = typeof commonjsGlobal == "object" && commonjsGlobal && commonjsGlobal.Object === Object && commonjsGlobal;
        var freeSelf = typeof self == "object" && self && self.Object === Object && self;
        var root = freeGlobal || freeSelf || Function("return this")();
        var freeExports = exports$1 && !exports$1.nodeType && exports$1;
        var freeModule = freeExports && true && module2 && !module2.nodeType && module2;
        var moduleExports = freeModule && freeModule.exports === freeExports;
        var freeProcess = moduleExports && freeGlobal.process;
        var nodeUtil = (function() {
          try {
            var types = freeModule && freeModule.require && freeModule.require("util").types;
            if (types) {
              return types;
            }
            return freeProcess && freeProcess.binding && freeProcess.binding("util");
          } catch (e) {
          }
        })();
        var nodeIsArrayBuffer = nodeUtil && nodeUtil.isArrayBuffer, nodeIsDate = nodeUtil && nodeUtil.isDate, nodeIsMap = nodeUtil && nodeUtil.isMap, nodeIsRegExp = nodeUtil && nodeUtil.isRegExp, nodeIsSet = nodeUtil && nodeUtil.isSet, nodeIsTypedArray = nodeUtil && nodeUtil.isTypedArray;
        function apply(func, thisArg, args) {
          switch (args.length) {
            case 0:
              return func.call(thisArg);
            case 1:
              return func.call(thisArg, args[0]);
            case 2:
              return func.call(thisArg, args[0], args[1]);
            case 3:
              return func.call(thisArg, args[0], args[1], args[2]);
          }
          return func.apply(thisArg, args);
        }
        function arrayAggregator(array, setter, iteratee, accumulator) {
          var index2 = -1, length = array == null ? 0 : array.length;
          while (++index2 < length) {
            var value = array[index2];
            setter(accumulator, value, iteratee(value), array);
          }
          return accumulator;
        }
        function arrayEach(array, iteratee) {
          var index2 = -1, length = array == null ? 0 : array.length;
          while (++index2 < length) {
            if (iteratee(array[index2], index2, array) === false) {
              break;
            }
          }
          return array;
        }
        function arrayEachRight(array, iteratee) {
          var length = array == null ? 0 : array.length;
          while (length--) {
            if (iteratee(array[length], length, array) === false) {
              break;
            }
          }
          return array;
        }
        function arrayEvery(array, predicate) {
          var index2 = -1, length = array == null ? 0 : array.length;
          while (++index2 < length) {
            if (!predicate(array[index2], index2, array)) {
              return false;
            }
          }
          return true;
        }
        function arrayFilter(array, predicate) {
          var index2 = -1, length = array == null ? 0 : array.length, resIndex = 0, result = [];
          while (++index2 < length) {
            var value = array[index2];
            if (predicate(value, index2, array)) {
              result[resIndex++] = value;
            }
          }
          return result;
        }
        function arrayIncludes(array, value) {
          var length = array == null ? 0 : array.length;
          return !!length && baseIndexOf(array, value, 0) > -1;
        }
        function arrayIncludesWith(array, value, comparator) {
          var index2 = -1, length = array == null ? 0 : array.length;
          while (++index2 < length) {
            if (comparator(value, array[index2])) {
              return true;
            }
          }
          return false;
        }
        function arrayMap(array, iteratee) {
          var index2 = -1, length = array == null ? 0 : array.length, result = Array(length);
          while (++index2 < length) {
            result[index2] = iteratee(array[index2], index2, array);
          }
          return result;
        }
        function arrayPush(array, values) {
          var index2 = -1, length = values.length, offset = array.length;
          while (++index2 < length) {
            array[offset + index2] = values[index2];
          }
          return array;
        }
        function arrayReduce(array, iteratee, accumulator, initAccum) {
          var index2 = -1, length = array == null ? 0 : array.length;
          if (initAccum && length) {
            accumulator = array[++index2];
          }
          while (++index2 < length) {
            accumulator = iteratee(accumulator, array[index2], index2, array);
          }
          return accumulator;
        }
        function arrayReduceRight(array, iteratee, accumulator, initAccum) {
          var length = array == null ? 0 : array.length;
          if (initAccum && length) {
            accumulator = array[--length];
          }
          while (length--) {
            accumulator = iteratee(accumulator, array[length], length, array);
          }
          return accumulator;
        }
        function arraySome(array, predicate) {
          var index2 = -1, length = array == null ? 0 : array.length;
          while (++index2 < length) {
            if (predicate(array[index2], index2, array)) {
              return true;
            }
          }
          return false;
        }
        var asciiSize = baseProperty("length");
        function asciiToArray(string) {
          return string.split("");
        }
        function asciiWords(string) {
          return string.match(reAsciiWord) || [];
        }
        function baseFindKey(collection, predicate, eachFunc) {
          var result;
          eachFunc(collection, function(value, key, collection2) {
            if (predicate(value, key, collection2)) {
              result = key;
              return false;
            }
          });
          return result;
        }
        function baseFindIndex(array, predicate, fromIndex, fromRight) {
          var length = array.length, index2 = fromIndex + (fromRight ? 1 : -1);
          while (fromRight ? index2-- : ++index2 < length) {
            if (predicate(array[index2], index2, array)) {
              return index2;
            }
          }
          return -1;
        }
        function baseIndexOf(array, value, fromIndex) {
          return value === value ? strictIndexOf(array, value, fromIndex) : baseFindIndex(array, baseIsNaN, fromIndex);
        }
        function baseIndexOfWith(array, value, fromIndex, comparator) {
          var index2 = fromIndex - 1, length = array.length;
          while (++index2 < length) {
            if (comparator(array[index2], value)) {
              return index2;
            }
          }
          return -1;
        }
        function baseIsNaN(value) {
          return value !== value;
        }
        function baseMean(array, iteratee) {
          var length = array == null ? 0 : array.length;
          return length ? baseSum(array, iteratee) / length : NAN;
        }
        function baseProperty(key) {
          return function(object) {
            return object == null ? undefined$1 : object[key];
          };
        }
        function basePropertyOf(object) {
          return function(key) {
            return object == null ? undefined$1 : object[key];
          };
        }
        function baseReduce(collection, iteratee, accumulator, initAccum, eachFunc) {
          eachFunc(collection, function(value, index2, collection2) {
            accumulator = initAccum ? (initAccum = false, value) : iteratee(accumulator, value, index2, collection2);
          });
          return accumulator;
        }
        function baseSortBy(array, comparer) {
          var length = array.length;
          array.sort(comparer);
          while (length--) {
            array[length] = array[length].value;
          }
          return array;
        }
        function baseSum(array, iteratee) {
          var result, index2 = -1, length = array.length;
          while (++index2 < length) {
            var current = iteratee(array[index2]);
            if (current !== undefined$1) {
              result = result === undefined$1 ? current : result + current;
            }
          }
          return result;
        }
        function baseTimes(n, iteratee) {
          var index2 = -1, result = Array(n);
          while (++index2 < n) {
            result[index2] = iteratee(index2);
          }
          return result;
        }
        function baseToPairs(object, props) {
          return arrayMap(props, function(key) {
            return [key, object[key]];
          });
        }
        function baseTrim(string) {
          return string ? string.slice(0, trimmedEndIndex(string) + 1).replace(reTrimStart, "") : string;
        }
        function baseUnary(func) {
          return function(value) {
            return func(value);
          };
        }
        function baseValues(object, props) {
          return arrayMap(props, function(key) {
            return object[key];
          });
        }
        function cacheHas(cache, key) {
          return cache.has(key);
        }
        function charsStartIndex(strSymbols, chrSymbols) {
          var index2 = -1, length = strSymbols.length;
          while (++index2 < length && baseIndexOf(chrSymbols, strSymbols[index2], 0) > -1) {
          }
          return index2;
        }
        function charsEndIndex(strSymbols, chrSymbols) {
          var index2 = strSymbols.length;
          while (index2-- && baseIndexOf(chrSymbols, strSymbols[index2], 0) > -1) {
          }
          return index2;
        }
        function countHolders(array, placeholder) {
          var length = array.length, result = 0;
          while (length--) {
            if (array[length] === placeholder) {
              ++result;
            }
          }
          return result;
        }
        var deburrLetter = basePropertyOf(deburredLetters);
        var escapeHtmlChar = basePropertyOf(htmlEscapes);
        function escapeStringChar(chr) {
          return "\\" + stringEscapes[chr];
        }
        function getValue(object, key) {
          return object == null ? undefined$1 : object[key];
        }
        function hasUnicode(string) {
          return reHasUnicode.test(string);
        }
        function hasUnicodeWord(string) {
          return reHasUnicodeWord.test(string);
        }
        function iteratorToArray(iterator) {
          var data, result = [];
          while (!(data = iterator.next()).done) {
            result.push(data.value);
          }
          return result;
        }
        function mapToArray(map) {
          var index2 = -1, result = Array(map.size);
          map.forEach(function(value, key) {
            result[++index2] = [key, value];
          });
          return result;
        }
        function overArg(func, transform) {
          return function(arg) {
            return func(transform(arg));
          };
        }
        function replaceHolders(array, placeholder) {
          var index2 = -1, length = array.length, resIndex = 0, result = [];
          while (++index2 < length) {
            var value = array[index2];
            if (value === placeholder || value === PLACEHOLDER) {
              array[index2] = PLACEHOLDER;
              result[resIndex++] = index2;
            }
          }
          return result;
        }
        function setToArray(set) {
          var index2 = -1, result = Array(set.size);
          set.forEach(function(value) {
            result[++index2] = value;
          });
          return result;
        }
        function setToPairs(set) {
          var index2 = -1, result = Array(set.size);
          set.forEach(function(value) {
            result[++index2] = [value, value];
          });
          return result;
        }
        function strictIndexOf(array, value, fromIndex) {
          var index2 = fromIndex - 1, length = array.length;
          while (++index2 < length) {
            if (array[index2] === value) {
              return index2;
            }
          }
          return -1;
        }
        function strictLastIndexOf(array, value, fromIndex) {
          var index2 = fromIndex + 1;
          while (index2--) {
            if (array[index2] === value) {
              return index2;
            }
          }
          return index2;
        }
        function stringSize(string) {
          return hasUnicode(string) ? unicodeSize(string) : asciiSize(string);
        }
        function stringToArray(string) {
          return hasUnicode(string) ? unicodeToArray(string) : asciiToArray(string);
        }
        function trimmedEndIndex(string) {
          var index2 = string.length;
          while (index2-- && reWhitespace.test(string.charAt(index2))) {
          }
          return index2;
        }
        var unescapeHtmlChar = basePropertyOf(htmlUnescapes);
        function unicodeSize(string) {
          var result = reUnicode.lastIndex = 0;
          while (reUnicode.test(string)) {
            ++result;
          }
          return result;
        }
        function unicodeToArray(string) {
          return string.match(reUnicode) || [];
        }
        function unicodeWords(string) {
          return string.match(reUnicodeWord) || [];
        }
        var runInContext = (function runInContext2(context) {
          context = context == null ? root : _2.defaults(root.Object(), context, _2.pick(root, contextProps));
          var Array2 = context.Array, Date2 = context.Date, Error2 = context.Error, Function2 = context.Function, Math2 = context.Math, Object2 = context.Object, RegExp2 = context.RegExp, String2 = context.String, TypeError2 = context.TypeError;
          var arrayProto = Array2.prototype, funcProto = Function2.prototype, objectProto = Object2.prototype;
          var coreJsData = context["__core-js_shared__"];
          var funcToString = funcProto.toString;
          var hasOwnProperty = objectProto.hasOwnProperty;
          var idCounter = 0;
          var maskSrcKey = (function() {
            var uid = /[^.]+$/.exec(coreJsData && coreJsData.keys && coreJsData.keys.IE_PROTO || "");
            return uid ? "Symbol(src)_1." + uid : "";
          })();
          var nativeObjectToString = objectProto.toString;
          var objectCtorString = funcToString.call(Object2);
          var oldDash = root._;
          var reIsNative = RegExp2(
            "^" + funcToString.call(hasOwnProperty).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
          );
          var Buffer2 = moduleExports ? context.Buffer : undefined$1, Symbol2 = context.Symbol, Uint8Array = context.Uint8Array, allocUnsafe = Buffer2 ? Buffer2.allocUnsafe : undefined$1, getPrototype = overArg(Object2.getPrototypeOf, Object2), objectCreate = Object2.create, propertyIsEnumerable = objectProto.propertyIsEnumerable, splice = arrayProto.splice, spreadableSymbol = Symbol2 ? Symbol2.isConcatSpreadable : undefined$1, symIterator = Symbol2 ? Symbol2.iterator : undefined$1, symToStringTag = Symbol2 ? Symbol2.toStringTag : undefined$1;
          var defineProperty = (function() {
            try {
              var func = getNative(Object2, "defineProperty");
              func({}, "", {});
              return func;
            } catch (e) {
            }
          })();
          var ctxClearTimeout = context.clearTimeout !== root.clearTimeout && context.clearTimeout, ctxNow = Date2 && Date2.now !== root.Date.now && Date2.now, ctxSetTimeout = context.setTimeout !== root.setTimeout && context.setTimeout;
          var nativeCeil = Math2.ceil, nativeFloor = Math2.floor, nativeGetSymbols = Object2.getOwnPropertySymbols, nativeIsBuffer = Buffer2 ? Buffer2.isBuffer : undefined$1, nativeIsFinite = context.isFinite, nativeJoin = arrayProto.join, nativeKeys = overArg(Object2.keys, Object2), nativeMax = Math2.max, nativeMin = Math2.min, nativeNow = Date2.now, nativeParseInt = context.parseInt, nativeRandom = Math2.random, nativeReverse = arrayProto.reverse;
          var DataView = getNative(context, "DataView"), Map2 = getNative(context, "Map"), Promise2 = getNative(context, "Promise"), Set2 = getNative(context, "Set"), WeakMap = getNative(context, "WeakMap"), nativeCreate = getNative(Object2, "create");
          var metaMap = WeakMap && new WeakMap();
          var realNames = {};
          var dataViewCtorString = toSource(DataView), mapCtorString = toSource(Map2), promiseCtorString = toSource(Promise2), setCtorString = toSource(Set2), weakMapCtorString = toSource(WeakMap);
          var symbolProto = Symbol2 ? Symbol2.prototype : undefined$1, symbolValueOf = symbolProto ? symbolProto.valueOf : undefined$1, symbolToString = symbolProto ? symbolProto.toString : undefined$1;
          function lodash2(value) {
            if (isObjectLike(value) && !isArray(value) && !(value instanceof LazyWrapper)) {
              if (value instanceof LodashWrapper) {
                return value;
              }
              if (hasOwnProperty.call(value, "__wrapped__")) {
                return wrapperClone(value);
              }
            }
            return new LodashWrapper(value);
          }
          var baseCreate = /* @__PURE__ */ (function() {
            function object() {
            }
            return function(proto) {
              if (!isObject(proto)) {
                return {};
              }
              if (objectCreate) {
                return objectCreate(proto);
              }
              object.prototype = proto;
              var result2 = new object();
              object.prototype = undefined$1;
              return result2;
            };
          })();
          function baseLodash() {
          }
          function LodashWrapper(value, chainAll) {
            this.__wrapped__ = value;
            this.__actions__ = [];
            this.__chain__ = !!chainAll;
            this.__index__ = 0;
            this.__values__ = undefined$1;
          }
          lodash2.templateSettings = {
            /**
             * Used to detect `data` property values to be HTML-escaped.
             *
             * @memberOf _.templateSettings
             * @type {RegExp}
             */
            "escape": reEscape,
            /**
             * Used to detect code to be evaluated.
             *
             * @memberOf _.templateSettings
             * @type {RegExp}
             */
            "evaluate": reEvaluate,
            /**
             * Used to detect `data` property values to inject.
             *
             * @memberOf _.templateSettings
             * @type {RegExp}
             */
            "interpolate": reInterpolate,
            /**
             * Used to reference the data object in the template text.
             *
             * @memberOf _.templateSettings
             * @type {string}
             */
            "variable": "",
            /**
             * Used to import variables into the compiled template.
             *
             * @memberOf _.templateSettings
             * @type {Object}
             */
            "imports": {
              /**
               * A reference to the `lodash` function.
               *
               * @memberOf _.templateSettings.imports
               * @type {Function}
               */
              "_": lodash2
            }
          };
          lodash2.prototype = baseLodash.prototype;
          lodash2.prototype.constructor = lodash2;
          LodashWrapper.prototype = baseCreate(baseLodash.prototype);
          LodashWrapper.prototype.constructor = LodashWrapper;
          function LazyWrapper(value) {
            this.__wrapped__ = value;
            this.__actions__ = [];
            this.__dir__ = 1;
            this.__filtered__ = false;
            this.__iteratees__ = [];
            this.__takeCount__ = MAX_ARRAY_LENGTH;
            this.__views__ = [];
          }
          function lazyClone() {
            var result2 = new LazyWrapper(this.__wrapped__);
            result2.__actions__ = copyArray(this.__actions__);
            result2.__dir__ = this.__dir__;
            result2.__filtered__ = this.__filtered__;
            result2.__iteratees__ = copyArray(this.__iteratees__);
            result2.__takeCount__ = this.__takeCount__;
            result2.__views__ = copyArray(this.__views__);
            return result2;
          }
          function lazyReverse() {
            if (this.__filtered__) {
              var result2 = new LazyWrapper(this);
              result2.__dir__ = -1;
              result2.__filtered__ = true;
            } else {
              result2 = this.clone();
              result2.__dir__ *= -1;
            }
            return result2;
          }
          function lazyValue() {
            var array = this.__wrapped__.value(), dir = this.__dir__, isArr = isArray(array), isRight = dir < 0, arrLength = isArr ? array.length : 0, view = getView(0, arrLength, this.__views__), start = view.start, end = view.end, length = end - start, index2 = isRight ? end : start - 1, iteratees = this.__iteratees__, iterLength = iteratees.length, resIndex = 0, takeCount = nativeMin(length, this.__takeCount__);
            if (!isArr || !isRight && arrLength == length && takeCount == length) {
              return baseWrapperValue(array, this.__actions__);
            }
            var result2 = [];
            outer:
              while (length-- && resIndex < takeCount) {
                index2 += dir;
                var iterIndex = -1, value = array[index2];
                while (++iterIndex < iterLength) {
                  var data = iteratees[iterIndex], iteratee2 = data.iteratee, type = data.type, computed = iteratee2(value);
                  if (type == LAZY_MAP_FLAG) {
                    value = computed;
                  } else if (!computed) {
                    if (type == LAZY_FILTER_FLAG) {
                      continue outer;
                    } else {
                      break outer;
                    }
                  }
                }
                result2[resIndex++] = value;
              }
            return result2;
          }
          LazyWrapper.prototype = baseCreate(baseLodash.prototype);
          LazyWrapper.prototype.constructor = LazyWrapper;
          function Hash(entries) {
            var index2 = -1, length = entries == null ? 0 : entries.length;
            this.clear();
            while (++index2 < length) {
              var entry = entries[index2];
              this.set(entry[0], entry[1]);
            }
          }
          function hashClear() {
            this.__data__ = nativeCreate ? nativeCreate(null) : {};
            this.size = 0;
          }
          function hashDelete(key) {
            var result2 = this.has(key) && delete this.__data__[key];
            this.size -= result2 ? 1 : 0;
            return result2;
          }
          function hashGet(key) {
            var data = this.__data__;
            if (nativeCreate) {
              var result2 = data[key];
              return result2 === HASH_UNDEFINED ? undefined$1 : result2;
            }
            return hasOwnProperty.call(data, key) ? data[key] : undefined$1;
          }
          function hashHas(key) {
            var data = this.__data__;
            return nativeCreate ? data[key] !== undefined$1 : hasOwnProperty.call(data, key);
          }
          function hashSet(key, value) {
            var data = this.__data__;
            this.size += this.has(key) ? 0 : 1;
            data[key] = nativeCreate && value === undefined$1 ? HASH_UNDEFINED : value;
            return this;
          }
          Hash.prototype.clear = hashClear;
          Hash.prototype["delete"] = hashDelete;
          Hash.prototype.get = hashGet;
          Hash.prototype.has = hashHas;
          Hash.prototype.set = hashSet;
          function ListCache(entries) {
            var index2 = -1, length = entries == null ? 0 : entries.length;
            this.clear();
            while (++index2 < length) {
              var entry = entries[index2];
              this.set(entry[0], entry[1]);
            }
          }
          function listCacheClear() {
            this.__data__ = [];
            this.size = 0;
          }
          function listCacheDelete(key) {
            var data = this.__data__, index2 = assocIndexOf(data, key);
            if (index2 < 0) {
              return false;
            }
            var lastIndex = data.length - 1;
            if (index2 == lastIndex) {
              data.pop();
            } else {
              splice.call(data, index2, 1);
            }
            --this.size;
            return true;
          }
          function listCacheGet(key) {
            var data = this.__data__, index2 = assocIndexOf(data, key);
            return index2 < 0 ? undefined$1 : data[index2][1];
          }
          function listCacheHas(key) {
            return assocIndexOf(this.__data__, key) > -1;
          }
          function listCacheSet(key, value) {
            var data = this.__data__, index2 = assocIndexOf(data, key);
            if (index2 < 0) {
              ++this.size;
              data.push([key, value]);
            } else {
              data[index2][1] = value;
            }
            return this;
          }
          ListCache.prototype.clear = listCacheClear;
          ListCache.prototype["delete"] = listCacheDelete;
          ListCache.prototype.get = listCacheGet;
          ListCache.prototype.has = listCacheHas;
          ListCache.prototype.set = listCacheSet;
          function MapCache(entries) {
            var index2 = -1, length = entries == null ? 0 : entries.length;
            this.clear();
            while (++index2 < length) {
              var entry = entries[index2];
              this.set(entry[0], entry[1]);
            }
          }
          function mapCacheClear() {
            this.size = 0;
            this.__data__ = {
              "hash": new Hash(),
              "map": new (Map2 || ListCache)(),
              "string": new Hash()
            };
          }
          function mapCacheDelete(key) {
            var result2 = getMapData(this, key)["delete"](key);
            this.size -= result2 ? 1 : 0;
            return result2;
          }
          function mapCacheGet(key) {
            return getMapData(this, key).get(key);
          }
          function mapCacheHas(key) {
            return getMapData(this, key).has(key);
          }
          function mapCacheSet(key, value) {
            var data = getMapData(this, key), size2 = data.size;
            data.set(key, value);
            this.size += data.size == size2 ? 0 : 1;
            return this;
          }
          MapCache.prototype.clear = mapCacheClear;
          MapCache.prototype["delete"] = mapCacheDelete;
          MapCache.prototype.get = mapCacheGet;
          MapCache.prototype.has = mapCacheHas;
          MapCache.prototype.set = mapCacheSet;
          function SetCache(values2) {
            var index2 = -1, length = values2 == null ? 0 : values2.length;
            this.__data__ = new MapCache();
            while (++index2 < length) {
              this.add(values2[index2]);
            }
          }
          function setCacheAdd(value) {
            this.__data__.set(value, HASH_UNDEFINED);
            return this;
          }
          function setCacheHas(value) {
            return this.__data__.has(value);
          }
          SetCache.prototype.add = SetCache.prototype.push = setCacheAdd;
          SetCache.prototype.has = setCacheHas;
          function Stack(entries) {
            var data = this.__data__ = new ListCache(entries);
            this.size = data.size;
          }
          function stackClear() {
            this.__data__ = new ListCache();
            this.size = 0;
          }
          function stackDelete(key) {
            var data = this.__data__, result2 = data["delete"](key);
            this.size = data.size;
            return result2;
          }
          function stackGet(key) {
            return this.__data__.get(key);
          }
          function stackHas(key) {
            return this.__data__.has(key);
          }
          function stackSet(key, value) {
            var data = this.__data__;
            if (data instanceof ListCache) {
              var pairs = data.__data__;
              if (!Map2 || pairs.length < LARGE_ARRAY_SIZE - 1) {
                pairs.push([key, value]);
                this.size = ++data.size;
                return this;
              }
              data = this.__data__ = new MapCache(pairs);
            }
            data.set(key, value);
            this.size = data.size;
            return this;
          }
          Stack.prototype.clear = stackClear;
          Stack.prototype["delete"] = stackDelete;
          Stack.prototype.get = stackGet;
          Stack.prototype.has = stackHas;
          Stack.prototype.set = stackSet;
          function arrayLikeKeys(value, inherited) {
            var isArr = isArray(value), isArg = !isArr && isArguments(value), isBuff = !isArr && !isArg && isBuffer(value), isType = !isArr && !isArg && !isBuff && isTypedArray(value), skipIndexes = isArr || isArg || isBuff || isType, result2 = skipIndexes ? baseTimes(value.length, String2) : [], length = result2.length;
            for (var key in value) {
              if ((inherited || hasOwnProperty.call(value, key)) && !(skipIndexes && // Safari 9 has enumerable `arguments.length` in strict mode.
              (key == "length" || // Node.js 0.10 has enumerable non-index properties on buffers.
              isBuff && (key == "offset" || key == "parent") || // PhantomJS 2 has enumerable non-index properties on typed arrays.
              isType && (key == "buffer" || key == "byteLength" || key == "byteOffset") || // Skip index properties.
              isIndex(key, length)))) {
                result2.push(key);
              }
            }
            return result2;
          }
          function arraySample(array) {
            var length = array.length;
            return length ? array[baseRandom(0, length - 1)] : undefined$1;
          }
          function arraySampleSize(array, n) {
            return shuffleSelf(copyArray(array), baseClamp(n, 0, array.length));
          }
          function arrayShuffle(array) {
            return shuffleSelf(copyArray(array));
          }
          function assignMergeValue(object, key, value) {
            if (value !== undefined$1 && !eq(object[key], value) || value === undefined$1 && !(key in object)) {
              baseAssignValue(object, key, value);
            }
          }
          function assignValue(object, key, value) {
            var objValue = object[key];
            if (!(hasOwnProperty.call(object, key) && eq(objValue, value)) || value === undefined$1 && !(key in object)) {
              baseAssignValue(object, key, value);
            }
          }
          function assocIndexOf(array, key) {
            var length = array.length;
            while (length--) {
              if (eq(array[length][0], key)) {
                return length;
              }
            }
            return -1;
          }
          function baseAggregator(collection, setter, iteratee2, accumulator) {
            baseEach(collection, function(value, key, collection2) {
              setter(accumulator, value, iteratee2(value), collection2);
            });
            return accumulator;
          }
          function baseAssign(object, source) {
            return object && copyObject(source, keys(source), object);
          }
          function baseAssignIn(object, source) {
            return object && copyObject(source, keysIn(source), object);
          }
          function baseAssignValue(object, key, value) {
            if (key == "__proto__" && defineProperty) {
              defineProperty(object, key, {
                "configurable": true,
                "enumerable": true,
                "value": value,
                "writable": true
              });
            } else {
              object[key] = value;
            }
          }
          function baseAt(object, paths) {
            var index2 = -1, length = paths.length, result2 = Array2(length), skip = object == null;
            while (++index2 < length) {
              result2[index2] = skip ? undefined$1 : get(object, paths[index2]);
            }
            return result2;
          }
          function baseClamp(number, lower, upper) {
            if (number === number) {
              if (upper !== undefined$1) {
                number = number <= upper ? number : upper;
              }
              if (lower !== undefined$1) {
                number = number >= lower ? number : lower;
              }
            }
            return number;
          }
          function baseClone(value, bitmask, customizer, key, object, stack) {
            var result2, isDeep = bitmask & CLONE_DEEP_FLAG, isFlat = bitmask & CLONE_FLAT_FLAG, isFull = bitmask & CLONE_SYMBOLS_FLAG;
            if (customizer) {
              result2 = object ? customizer(value, key, object, stack) : customizer(value);
            }
            if (result2 !== undefined$1) {
              return result2;
            }
            if (!isObject(value)) {
              return value;
            }
            var isArr = isArray(value);
            if (isArr) {
              result2 = initCloneArray(value);
              if (!isDeep) {
                return copyArray(value, result2);
              }
            } else {
              var tag = getTag(value), isFunc = tag == funcTag || tag == genTag;
              if (isBuffer(value)) {
                return cloneBuffer(value, isDeep);
              }
              if (tag == objectTag || tag == argsTag || isFunc && !object) {
                result2 = isFlat || isFunc ? {} : initCloneObject(value);
                if (!isDeep) {
                  return isFlat ? copySymbolsIn(value, baseAssignIn(result2, value)) : copySymbols(value, baseAssign(result2, value));
                }
              } else {
                if (!cloneableTags[tag]) {
                  return object ? value : {};
                }
                result2 = initCloneByTag(value, tag, isDeep);
              }
            }
            stack || (stack = new Stack());
            var stacked = stack.get(value);
            if (stacked) {
              return stacked;
            }
            stack.set(value, result2);
            if (isSet(value)) {
              value.forEach(function(subValue) {
                result2.add(baseClone(subValue, bitmask, customizer, subValue, value, stack));
              });
            } else if (isMap3(value)) {
              value.forEach(function(subValue, key2) {
                result2.set(key2, baseClone(subValue, bitmask, customizer, key2, value, stack));
              });
            }
            var keysFunc = isFull ? isFlat ? getAllKeysIn : getAllKeys : isFlat ? keysIn : keys;
            var props = isArr ? undefined$1 : keysFunc(value);
            arrayEach(props || value, function(subValue, key2) {
              if (props) {
                key2 = subValue;
                subValue = value[key2];
              }
              assignValue(result2, key2, baseClone(subValue, bitmask, customizer, key2, value, stack));
            });
            return result2;
          }
          function baseConforms(source) {
            var props = keys(source);
            return function(object) {
              return baseConformsTo(object, source, props);
            };
          }
          function baseConformsTo(object, source, props) {
            var length = props.length;
            if (object == null) {
              return !length;
            }
            object = Object2(object);
            while (length--) {
              var key = props[length], predicate = source[key], value = object[key];
              if (value === undefined$1 && !(key in object) || !predicate(value)) {
                return false;
              }
            }
            return true;
          }
          function baseDelay(func, wait, args) {
            if (typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            return setTimeout2(function() {
              func.apply(undefined$1, args);
            }, wait);
          }
          function baseDifference(array, values2, iteratee2, comparator) {
            var index2 = -1, includes2 = arrayIncludes, isCommon = true, length = array.length, result2 = [], valuesLength = values2.length;
            if (!length) {
              return result2;
            }
            if (iteratee2) {
              values2 = arrayMap(values2, baseUnary(iteratee2));
            }
            if (comparator) {
              includes2 = arrayIncludesWith;
              isCommon = false;
            } else if (values2.length >= LARGE_ARRAY_SIZE) {
              includes2 = cacheHas;
              isCommon = false;
              values2 = new SetCache(values2);
            }
            outer:
              while (++index2 < length) {
                var value = array[index2], computed = iteratee2 == null ? value : iteratee2(value);
                value = comparator || value !== 0 ? value : 0;
                if (isCommon && computed === computed) {
                  var valuesIndex = valuesLength;
                  while (valuesIndex--) {
                    if (values2[valuesIndex] === computed) {
                      continue outer;
                    }
                  }
                  result2.push(value);
                } else if (!includes2(values2, computed, comparator)) {
                  result2.push(value);
                }
              }
            return result2;
          }
          var baseEach = createBaseEach(baseForOwn);
          var baseEachRight = createBaseEach(baseForOwnRight, true);
          function baseEvery(collection, predicate) {
            var result2 = true;
            baseEach(collection, function(value, index2, collection2) {
              result2 = !!predicate(value, index2, collection2);
              return result2;
            });
            return result2;
          }
          function baseExtremum(array, iteratee2, comparator) {
            var index2 = -1, length = array.length;
            while (++index2 < length) {
              var value = array[index2], current = iteratee2(value);
              if (current != null && (computed === undefined$1 ? current === current && !isSymbol(current) : comparator(current, computed))) {
                var computed = current, result2 = value;
              }
            }
            return result2;
          }
          function baseFill(array, value, start, end) {
            var length = array.length;
            start = toInteger(start);
            if (start < 0) {
              start = -start > length ? 0 : length + start;
            }
            end = end === undefined$1 || end > length ? length : toInteger(end);
            if (end < 0) {
              end += length;
            }
            end = start > end ? 0 : toLength(end);
            while (start < end) {
              array[start++] = value;
            }
            return array;
          }
          function baseFilter(collection, predicate) {
            var result2 = [];
            baseEach(collection, function(value, index2, collection2) {
              if (predicate(value, index2, collection2)) {
                result2.push(value);
              }
            });
            return result2;
          }
          function baseFlatten(array, depth, predicate, isStrict, result2) {
            var index2 = -1, length = array.length;
            predicate || (predicate = isFlattenable);
            result2 || (result2 = []);
            while (++index2 < length) {
              var value = array[index2];
              if (depth > 0 && predicate(value)) {
                if (depth > 1) {
                  baseFlatten(value, depth - 1, predicate, isStrict, result2);
                } else {
                  arrayPush(result2, value);
                }
              } else if (!isStrict) {
                result2[result2.length] = value;
              }
            }
            return result2;
          }
          var baseFor = createBaseFor();
          var baseForRight = createBaseFor(true);
          function baseForOwn(object, iteratee2) {
            return object && baseFor(object, iteratee2, keys);
          }
          function baseForOwnRight(object, iteratee2) {
            return object && baseForRight(object, iteratee2, keys);
          }
          function baseFunctions(object, props) {
            return arrayFilter(props, function(key) {
              return isFunction(object[key]);
            });
          }
          function baseGet(object, path2) {
            path2 = castPath(path2, object);
            var index2 = 0, length = path2.length;
            while (object != null && index2 < length) {
              object = object[toKey(path2[index2++])];
            }
            return index2 && index2 == length ? object : undefined$1;
          }
          function baseGetAllKeys(object, keysFunc, symbolsFunc) {
            var result2 = keysFunc(object);
            return isArray(object) ? result2 : arrayPush(result2, symbolsFunc(object));
          }
          function baseGetTag(value) {
            if (value == null) {
              return value === undefined$1 ? undefinedTag : nullTag;
            }
            return symToStringTag && symToStringTag in Object2(value) ? getRawTag(value) : objectToString(value);
          }
          function baseGt(value, other) {
            return value > other;
          }
          function baseHas(object, key) {
            return object != null && hasOwnProperty.call(object, key);
          }
          function baseHasIn(object, key) {
            return object != null && key in Object2(object);
          }
          function baseInRange(number, start, end) {
            return number >= nativeMin(start, end) && number < nativeMax(start, end);
          }
          function baseIntersection(arrays, iteratee2, comparator) {
            var includes2 = comparator ? arrayIncludesWith : arrayIncludes, length = arrays[0].length, othLength = arrays.length, othIndex = othLength, caches = Array2(othLength), maxLength = Infinity, result2 = [];
            while (othIndex--) {
              var array = arrays[othIndex];
              if (othIndex && iteratee2) {
                array = arrayMap(array, baseUnary(iteratee2));
              }
              maxLength = nativeMin(array.length, maxLength);
              caches[othIndex] = !comparator && (iteratee2 || length >= 120 && array.length >= 120) ? new SetCache(othIndex && array) : undefined$1;
            }
            array = arrays[0];
            var index2 = -1, seen = caches[0];
            outer:
              while (++index2 < length && result2.length < maxLength) {
                var value = array[index2], computed = iteratee2 ? iteratee2(value) : value;
                value = comparator || value !== 0 ? value : 0;
                if (!(seen ? cacheHas(seen, computed) : includes2(result2, computed, comparator))) {
                  othIndex = othLength;
                  while (--othIndex) {
                    var cache = caches[othIndex];
                    if (!(cache ? cacheHas(cache, computed) : includes2(arrays[othIndex], computed, comparator))) {
                      continue outer;
                    }
                  }
                  if (seen) {
                    seen.push(computed);
                  }
                  result2.push(value);
                }
              }
            return result2;
          }
          function baseInverter(object, setter, iteratee2, accumulator) {
            baseForOwn(object, function(value, key, object2) {
              setter(accumulator, iteratee2(value), key, object2);
            });
            return accumulator;
          }
          function baseInvoke(object, path2, args) {
            path2 = castPath(path2, object);
            object = parent(object, path2);
            var func = object == null ? object : object[toKey(last(path2))];
            return func == null ? undefined$1 : apply(func, object, args);
          }
          function baseIsArguments(value) {
            return isObjectLike(value) && baseGetTag(value) == argsTag;
          }
          function baseIsArrayBuffer(value) {
            return isObjectLike(value) && baseGetTag(value) == arrayBufferTag;
          }
          function baseIsDate(value) {
            return isObjectLike(value) && baseGetTag(value) == dateTag;
          }
          function baseIsEqual(value, other, bitmask, customizer, stack) {
            if (value === other) {
              return true;
            }
            if (value == null || other == null || !isObjectLike(value) && !isObjectLike(other)) {
              return value !== value && other !== other;
            }
            return baseIsEqualDeep(value, other, bitmask, customizer, baseIsEqual, stack);
          }
          function baseIsEqualDeep(object, other, bitmask, customizer, equalFunc, stack) {
            var objIsArr = isArray(object), othIsArr = isArray(other), objTag = objIsArr ? arrayTag : getTag(object), othTag = othIsArr ? arrayTag : getTag(other);
            objTag = objTag == argsTag ? objectTag : objTag;
            othTag = othTag == argsTag ? objectTag : othTag;
            var objIsObj = objTag == objectTag, othIsObj = othTag == objectTag, isSameTag = objTag == othTag;
            if (isSameTag && isBuffer(object)) {
              if (!isBuffer(other)) {
                return false;
              }
              objIsArr = true;
              objIsObj = false;
            }
            if (isSameTag && !objIsObj) {
              stack || (stack = new Stack());
              return objIsArr || isTypedArray(object) ? equalArrays(object, other, bitmask, customizer, equalFunc, stack) : equalByTag(object, other, objTag, bitmask, customizer, equalFunc, stack);
            }
            if (!(bitmask & COMPARE_PARTIAL_FLAG)) {
              var objIsWrapped = objIsObj && hasOwnProperty.call(object, "__wrapped__"), othIsWrapped = othIsObj && hasOwnProperty.call(other, "__wrapped__");
              if (objIsWrapped || othIsWrapped) {
                var objUnwrapped = objIsWrapped ? object.value() : object, othUnwrapped = othIsWrapped ? other.value() : other;
                stack || (stack = new Stack());
                return equalFunc(objUnwrapped, othUnwrapped, bitmask, customizer, stack);
              }
            }
            if (!isSameTag) {
              return false;
            }
            stack || (stack = new Stack());
            return equalObjects(object, other, bitmask, customizer, equalFunc, stack);
          }
          function baseIsMap(value) {
            return isObjectLike(value) && getTag(value) == mapTag;
          }
          function baseIsMatch(object, source, matchData, customizer) {
            var index2 = matchData.length, length = index2, noCustomizer = !customizer;
            if (object == null) {
              return !length;
            }
            object = Object2(object);
            while (index2--) {
              var data = matchData[index2];
              if (noCustomizer && data[2] ? data[1] !== object[data[0]] : !(data[0] in object)) {
                return false;
              }
            }
            while (++index2 < length) {
              data = matchData[index2];
              var key = data[0], objValue = object[key], srcValue = data[1];
              if (noCustomizer && data[2]) {
                if (objValue === undefined$1 && !(key in object)) {
                  return false;
                }
              } else {
                var stack = new Stack();
                if (customizer) {
                  var result2 = customizer(objValue, srcValue, key, object, source, stack);
                }
                if (!(result2 === undefined$1 ? baseIsEqual(srcValue, objValue, COMPARE_PARTIAL_FLAG | COMPARE_UNORDERED_FLAG, customizer, stack) : result2)) {
                  return false;
                }
              }
            }
            return true;
          }
          function baseIsNative(value) {
            if (!isObject(value) || isMasked(value)) {
              return false;
            }
            var pattern = isFunction(value) ? reIsNative : reIsHostCtor;
            return pattern.test(toSource(value));
          }
          function baseIsRegExp(value) {
            return isObjectLike(value) && baseGetTag(value) == regexpTag;
          }
          function baseIsSet(value) {
            return isObjectLike(value) && getTag(value) == setTag;
          }
          function baseIsTypedArray(value) {
            return isObjectLike(value) && isLength(value.length) && !!typedArrayTags[baseGetTag(value)];
          }
          function baseIteratee(value) {
            if (typeof value == "function") {
              return value;
            }
            if (value == null) {
              return identity;
            }
            if (typeof value == "object") {
              return isArray(value) ? baseMatchesProperty(value[0], value[1]) : baseMatches(value);
            }
            return property(value);
          }
          function baseKeys(object) {
            if (!isPrototype(object)) {
              return nativeKeys(object);
            }
            var result2 = [];
            for (var key in Object2(object)) {
              if (hasOwnProperty.call(object, key) && key != "constructor") {
                result2.push(key);
              }
            }
            return result2;
          }
          function baseKeysIn(object) {
            if (!isObject(object)) {
              return nativeKeysIn(object);
            }
            var isProto = isPrototype(object), result2 = [];
            for (var key in object) {
              if (!(key == "constructor" && (isProto || !hasOwnProperty.call(object, key)))) {
                result2.push(key);
              }
            }
            return result2;
          }
          function baseLt(value, other) {
            return value < other;
          }
          function baseMap(collection, iteratee2) {
            var index2 = -1, result2 = isArrayLike(collection) ? Array2(collection.length) : [];
            baseEach(collection, function(value, key, collection2) {
              result2[++index2] = iteratee2(value, key, collection2);
            });
            return result2;
          }
          function baseMatches(source) {
            var matchData = getMatchData(source);
            if (matchData.length == 1 && matchData[0][2]) {
              return matchesStrictComparable(matchData[0][0], matchData[0][1]);
            }
            return function(object) {
              return object === source || baseIsMatch(object, source, matchData);
            };
          }
          function baseMatchesProperty(path2, srcValue) {
            if (isKey(path2) && isStrictComparable(srcValue)) {
              return matchesStrictComparable(toKey(path2), srcValue);
            }
            return function(object) {
              var objValue = get(object, path2);
              return objValue === undefined$1 && objValue === srcValue ? hasIn(object, path2) : baseIsEqual(srcValue, objValue, COMPARE_PARTIAL_FLAG | COMPARE_UNORDERED_FLAG);
            };
          }
          function baseMerge(object, source, srcIndex, customizer, stack) {
            if (object === source) {
              return;
            }
            baseFor(source, function(srcValue, key) {
              stack || (stack = new Stack());
              if (isObject(srcValue)) {
                baseMergeDeep(object, source, key, srcIndex, baseMerge, customizer, stack);
              } else {
                var newValue = customizer ? customizer(safeGet(object, key), srcValue, key + "", object, source, stack) : undefined$1;
                if (newValue === undefined$1) {
                  newValue = srcValue;
                }
                assignMergeValue(object, key, newValue);
              }
            }, keysIn);
          }
          function baseMergeDeep(object, source, key, srcIndex, mergeFunc, customizer, stack) {
            var objValue = safeGet(object, key), srcValue = safeGet(source, key), stacked = stack.get(srcValue);
            if (stacked) {
              assignMergeValue(object, key, stacked);
              return;
            }
            var newValue = customizer ? customizer(objValue, srcValue, key + "", object, source, stack) : undefined$1;
            var isCommon = newValue === undefined$1;
            if (isCommon) {
              var isArr = isArray(srcValue), isBuff = !isArr && isBuffer(srcValue), isTyped = !isArr && !isBuff && isTypedArray(srcValue);
              newValue = srcValue;
              if (isArr || isBuff || isTyped) {
                if (isArray(objValue)) {
                  newValue = objValue;
                } else if (isArrayLikeObject(objValue)) {
                  newValue = copyArray(objValue);
                } else if (isBuff) {
                  isCommon = false;
                  newValue = cloneBuffer(srcValue, true);
                } else if (isTyped) {
                  isCommon = false;
                  newValue = cloneTypedArray(srcValue, true);
                } else {
                  newValue = [];
                }
              } else if (isPlainObject(srcValue) || isArguments(srcValue)) {
                newValue = objValue;
                if (isArguments(objValue)) {
                  newValue = toPlainObject(objValue);
                } else if (!isObject(objValue) || isFunction(objValue)) {
                  newValue = initCloneObject(srcValue);
                }
              } else {
                isCommon = false;
              }
            }
            if (isCommon) {
              stack.set(srcValue, newValue);
              mergeFunc(newValue, srcValue, srcIndex, customizer, stack);
              stack["delete"](srcValue);
            }
            assignMergeValue(object, key, newValue);
          }
          function baseNth(array, n) {
            var length = array.length;
            if (!length) {
              return;
            }
            n += n < 0 ? length : 0;
            return isIndex(n, length) ? array[n] : undefined$1;
          }
          function baseOrderBy(collection, iteratees, orders) {
            if (iteratees.length) {
              iteratees = arrayMap(iteratees, function(iteratee2) {
                if (isArray(iteratee2)) {
                  return function(value) {
                    return baseGet(value, iteratee2.length === 1 ? iteratee2[0] : iteratee2);
                  };
                }
                return iteratee2;
              });
            } else {
              iteratees = [identity];
            }
            var index2 = -1;
            iteratees = arrayMap(iteratees, baseUnary(getIteratee()));
            var result2 = baseMap(collection, function(value, key, collection2) {
              var criteria = arrayMap(iteratees, function(iteratee2) {
                return iteratee2(value);
              });
              return { "criteria": criteria, "index": ++index2, "value": value };
            });
            return baseSortBy(result2, function(object, other) {
              return compareMultiple(object, other, orders);
            });
          }
          function basePick(object, paths) {
            return basePickBy(object, paths, function(value, path2) {
              return hasIn(object, path2);
            });
          }
          function basePickBy(object, paths, predicate) {
            var index2 = -1, length = paths.length, result2 = {};
            while (++index2 < length) {
              var path2 = paths[index2], value = baseGet(object, path2);
              if (predicate(value, path2)) {
                baseSet(result2, castPath(path2, object), value);
              }
            }
            return result2;
          }
          function basePropertyDeep(path2) {
            return function(object) {
              return baseGet(object, path2);
            };
          }
          function basePullAll(array, values2, iteratee2, comparator) {
            var indexOf2 = comparator ? baseIndexOfWith : baseIndexOf, index2 = -1, length = values2.length, seen = array;
            if (array === values2) {
              values2 = copyArray(values2);
            }
            if (iteratee2) {
              seen = arrayMap(array, baseUnary(iteratee2));
            }
            while (++index2 < length) {
              var fromIndex = 0, value = values2[index2], computed = iteratee2 ? iteratee2(value) : value;
              while ((fromIndex = indexOf2(seen, computed, fromIndex, comparator)) > -1) {
                if (seen !== array) {
                  splice.call(seen, fromIndex, 1);
                }
                splice.call(array, fromIndex, 1);
              }
            }
            return array;
          }
          function basePullAt(array, indexes) {
            var length = array ? indexes.length : 0, lastIndex = length - 1;
            while (length--) {
              var index2 = indexes[length];
              if (length == lastIndex || index2 !== previous) {
                var previous = index2;
                if (isIndex(index2)) {
                  splice.call(array, index2, 1);
                } else {
                  baseUnset(array, index2);
                }
              }
            }
            return array;
          }
          function baseRandom(lower, upper) {
            return lower + nativeFloor(nativeRandom() * (upper - lower + 1));
          }
          function baseRange(start, end, step, fromRight) {
            var index2 = -1, length = nativeMax(nativeCeil((end - start) / (step || 1)), 0), result2 = Array2(length);
            while (length--) {
              result2[fromRight ? length : ++index2] = start;
              start += step;
            }
            return result2;
          }
          function baseRepeat(string, n) {
            var result2 = "";
            if (!string || n < 1 || n > MAX_SAFE_INTEGER) {
              return result2;
            }
            do {
              if (n % 2) {
                result2 += string;
              }
              n = nativeFloor(n / 2);
              if (n) {
                string += string;
              }
            } while (n);
            return result2;
          }
          function baseRest(func, start) {
            return setToString(overRest(func, start, identity), func + "");
          }
          function baseSample(collection) {
            return arraySample(values(collection));
          }
          function baseSampleSize(collection, n) {
            var array = values(collection);
            return shuffleSelf(array, baseClamp(n, 0, array.length));
          }
          function baseSet(object, path2, value, customizer) {
            if (!isObject(object)) {
              return object;
            }
            path2 = castPath(path2, object);
            var index2 = -1, length = path2.length, lastIndex = length - 1, nested = object;
            while (nested != null && ++index2 < length) {
              var key = toKey(path2[index2]), newValue = value;
              if (key === "__proto__" || key === "constructor" || key === "prototype") {
                return object;
              }
              if (index2 != lastIndex) {
                var objValue = nested[key];
                newValue = customizer ? customizer(objValue, key, nested) : undefined$1;
                if (newValue === undefined$1) {
                  newValue = isObject(objValue) ? objValue : isIndex(path2[index2 + 1]) ? [] : {};
                }
              }
              assignValue(nested, key, newValue);
              nested = nested[key];
            }
            return object;
          }
          var baseSetData = !metaMap ? identity : function(func, data) {
            metaMap.set(func, data);
            return func;
          };
          var baseSetToString = !defineProperty ? identity : function(func, string) {
            return defineProperty(func, "toString", {
              "configurable": true,
              "enumerable": false,
              "value": constant(string),
              "writable": true
            });
          };
          function baseShuffle(collection) {
            return shuffleSelf(values(collection));
          }
          function baseSlice(array, start, end) {
            var index2 = -1, length = array.length;
            if (start < 0) {
              start = -start > length ? 0 : length + start;
            }
            end = end > length ? length : end;
            if (end < 0) {
              end += length;
            }
            length = start > end ? 0 : end - start >>> 0;
            start >>>= 0;
            var result2 = Array2(length);
            while (++index2 < length) {
              result2[index2] = array[index2 + start];
            }
            return result2;
          }
          function baseSome(collection, predicate) {
            var result2;
            baseEach(collection, function(value, index2, collection2) {
              result2 = predicate(value, index2, collection2);
              return !result2;
            });
            return !!result2;
          }
          function baseSortedIndex(array, value, retHighest) {
            var low = 0, high = array == null ? low : array.length;
            if (typeof value == "number" && value === value && high <= HALF_MAX_ARRAY_LENGTH) {
              while (low < high) {
                var mid = low + high >>> 1, computed = array[mid];
                if (computed !== null && !isSymbol(computed) && (retHighest ? computed <= value : computed < value)) {
                  low = mid + 1;
                } else {
                  high = mid;
                }
              }
              return high;
            }
            return baseSortedIndexBy(array, value, identity, retHighest);
          }
          function baseSortedIndexBy(array, value, iteratee2, retHighest) {
            var low = 0, high = array == null ? 0 : array.length;
            if (high === 0) {
              return 0;
            }
            value = iteratee2(value);
            var valIsNaN = value !== value, valIsNull = value === null, valIsSymbol = isSymbol(value), valIsUndefined = value === undefined$1;
            while (low < high) {
              var mid = nativeFloor((low + high) / 2), computed = iteratee2(array[mid]), othIsDefined = computed !== undefined$1, othIsNull = computed === null, othIsReflexive = computed === computed, othIsSymbol = isSymbol(computed);
              if (valIsNaN) {
                var setLow = retHighest || othIsReflexive;
              } else if (valIsUndefined) {
                setLow = othIsReflexive && (retHighest || othIsDefined);
              } else if (valIsNull) {
                setLow = othIsReflexive && othIsDefined && (retHighest || !othIsNull);
              } else if (valIsSymbol) {
                setLow = othIsReflexive && othIsDefined && !othIsNull && (retHighest || !othIsSymbol);
              } else if (othIsNull || othIsSymbol) {
                setLow = false;
              } else {
                setLow = retHighest ? computed <= value : computed < value;
              }
              if (setLow) {
                low = mid + 1;
              } else {
                high = mid;
              }
            }
            return nativeMin(high, MAX_ARRAY_INDEX);
          }
          function baseSortedUniq(array, iteratee2) {
            var index2 = -1, length = array.length, resIndex = 0, result2 = [];
            while (++index2 < length) {
              var value = array[index2], computed = iteratee2 ? iteratee2(value) : value;
              if (!index2 || !eq(computed, seen)) {
                var seen = computed;
                result2[resIndex++] = value === 0 ? 0 : value;
              }
            }
            return result2;
          }
          function baseToNumber(value) {
            if (typeof value == "number") {
              return value;
            }
            if (isSymbol(value)) {
              return NAN;
            }
            return +value;
          }
          function baseToString(value) {
            if (typeof value == "string") {
              return value;
            }
            if (isArray(value)) {
              return arrayMap(value, baseToString) + "";
            }
            if (isSymbol(value)) {
              return symbolToString ? symbolToString.call(value) : "";
            }
            var result2 = value + "";
            return result2 == "0" && 1 / value == -INFINITY ? "-0" : result2;
          }
          function baseUniq(array, iteratee2, comparator) {
            var index2 = -1, includes2 = arrayIncludes, length = array.length, isCommon = true, result2 = [], seen = result2;
            if (comparator) {
              isCommon = false;
              includes2 = arrayIncludesWith;
            } else if (length >= LARGE_ARRAY_SIZE) {
              var set2 = iteratee2 ? null : createSet(array);
              if (set2) {
                return setToArray(set2);
              }
              isCommon = false;
              includes2 = cacheHas;
              seen = new SetCache();
            } else {
              seen = iteratee2 ? [] : result2;
            }
            outer:
              while (++index2 < length) {
                var value = array[index2], computed = iteratee2 ? iteratee2(value) : value;
                value = comparator || value !== 0 ? value : 0;
                if (isCommon && computed === computed) {
                  var seenIndex = seen.length;
                  while (seenIndex--) {
                    if (seen[seenIndex] === computed) {
                      continue outer;
                    }
                  }
                  if (iteratee2) {
                    seen.push(computed);
                  }
                  result2.push(value);
                } else if (!includes2(seen, computed, comparator)) {
                  if (seen !== result2) {
                    seen.push(computed);
                  }
                  result2.push(value);
                }
              }
            return result2;
          }
          function baseUnset(object, path2) {
            path2 = castPath(path2, object);
            var index2 = -1, length = path2.length;
            if (!length) {
              return true;
            }
            while (++index2 < length) {
              var key = toKey(path2[index2]);
              if (key === "__proto__" && !hasOwnProperty.call(object, "__proto__")) {
                return false;
              }
              if ((key === "constructor" || key === "prototype") && index2 < length - 1) {
                return false;
              }
            }
            var obj = parent(object, path2);
            return obj == null || delete obj[toKey(last(path2))];
          }
          function baseUpdate(object, path2, updater, customizer) {
            return baseSet(object, path2, updater(baseGet(object, path2)), customizer);
          }
          function baseWhile(array, predicate, isDrop, fromRight) {
            var length = array.length, index2 = fromRight ? length : -1;
            while ((fromRight ? index2-- : ++index2 < length) && predicate(array[index2], index2, array)) {
            }
            return isDrop ? baseSlice(array, fromRight ? 0 : index2, fromRight ? index2 + 1 : length) : baseSlice(array, fromRight ? index2 + 1 : 0, fromRight ? length : index2);
          }
          function baseWrapperValue(value, actions) {
            var result2 = value;
            if (result2 instanceof LazyWrapper) {
              result2 = result2.value();
            }
            return arrayReduce(actions, function(result3, action) {
              return action.func.apply(action.thisArg, arrayPush([result3], action.args));
            }, result2);
          }
          function baseXor(arrays, iteratee2, comparator) {
            var length = arrays.length;
            if (length < 2) {
              return length ? baseUniq(arrays[0]) : [];
            }
            var index2 = -1, result2 = Array2(length);
            while (++index2 < length) {
              var array = arrays[index2], othIndex = -1;
              while (++othIndex < length) {
                if (othIndex != index2) {
                  result2[index2] = baseDifference(result2[index2] || array, arrays[othIndex], iteratee2, comparator);
                }
              }
            }
            return baseUniq(baseFlatten(result2, 1), iteratee2, comparator);
          }
          function baseZipObject(props, values2, assignFunc) {
            var index2 = -1, length = props.length, valsLength = values2.length, result2 = {};
            while (++index2 < length) {
              var value = index2 < valsLength ? values2[index2] : undefined$1;
              assignFunc(result2, props[index2], value);
            }
            return result2;
          }
          function castArrayLikeObject(value) {
            return isArrayLikeObject(value) ? value : [];
          }
          function castFunction(value) {
            return typeof value == "function" ? value : identity;
          }
          function castPath(value, object) {
            if (isArray(value)) {
              return value;
            }
            return isKey(value, object) ? [value] : stringToPath(toString(value));
          }
          var castRest = baseRest;
          function castSlice(array, start, end) {
            var length = array.length;
            end = end === undefined$1 ? length : end;
            return !start && end >= length ? array : baseSlice(array, start, end);
          }
          var clearTimeout2 = ctxClearTimeout || function(id) {
            return root.clearTimeout(id);
          };
          function cloneBuffer(buffer, isDeep) {
            if (isDeep) {
              return buffer.slice();
            }
            var length = buffer.length, result2 = allocUnsafe ? allocUnsafe(length) : new buffer.constructor(length);
            buffer.copy(result2);
            return result2;
          }
          function cloneArrayBuffer(arrayBuffer) {
            var result2 = new arrayBuffer.constructor(arrayBuffer.byteLength);
            new Uint8Array(result2).set(new Uint8Array(arrayBuffer));
            return result2;
          }
          function cloneDataView(dataView, isDeep) {
            var buffer = isDeep ? cloneArrayBuffer(dataView.buffer) : dataView.buffer;
            return new dataView.constructor(buffer, dataView.byteOffset, dataView.byteLength);
          }
          function cloneRegExp(regexp) {
            var result2 = new regexp.constructor(regexp.source, reFlags.exec(regexp));
            result2.lastIndex = regexp.lastIndex;
            return result2;
          }
          function cloneSymbol(symbol) {
            return symbolValueOf ? Object2(symbolValueOf.call(symbol)) : {};
          }
          function cloneTypedArray(typedArray, isDeep) {
            var buffer = isDeep ? cloneArrayBuffer(typedArray.buffer) : typedArray.buffer;
            return new typedArray.constructor(buffer, typedArray.byteOffset, typedArray.length);
          }
          function compareAscending(value, other) {
            if (value !== other) {
              var valIsDefined = value !== undefined$1, valIsNull = value === null, valIsReflexive = value === value, valIsSymbol = isSymbol(value);
              var othIsDefined = other !== undefined$1, othIsNull = other === null, othIsReflexive = other === other, othIsSymbol = isSymbol(other);
              if (!othIsNull && !othIsSymbol && !valIsSymbol && value > other || valIsSymbol && othIsDefined && othIsReflexive && !othIsNull && !othIsSymbol || valIsNull && othIsDefined && othIsReflexive || !valIsDefined && othIsReflexive || !valIsReflexive) {
                return 1;
              }
              if (!valIsNull && !valIsSymbol && !othIsSymbol && value < other || othIsSymbol && valIsDefined && valIsReflexive && !valIsNull && !valIsSymbol || othIsNull && valIsDefined && valIsReflexive || !othIsDefined && valIsReflexive || !othIsReflexive) {
                return -1;
              }
            }
            return 0;
          }
          function compareMultiple(object, other, orders) {
            var index2 = -1, objCriteria = object.criteria, othCriteria = other.criteria, length = objCriteria.length, ordersLength = orders.length;
            while (++index2 < length) {
              var result2 = compareAscending(objCriteria[index2], othCriteria[index2]);
              if (result2) {
                if (index2 >= ordersLength) {
                  return result2;
                }
                var order = orders[index2];
                return result2 * (order == "desc" ? -1 : 1);
              }
            }
            return object.index - other.index;
          }
          function composeArgs(args, partials, holders, isCurried) {
            var argsIndex = -1, argsLength = args.length, holdersLength = holders.length, leftIndex = -1, leftLength = partials.length, rangeLength = nativeMax(argsLength - holdersLength, 0), result2 = Array2(leftLength + rangeLength), isUncurried = !isCurried;
            while (++leftIndex < leftLength) {
              result2[leftIndex] = partials[leftIndex];
            }
            while (++argsIndex < holdersLength) {
              if (isUncurried || argsIndex < argsLength) {
                result2[holders[argsIndex]] = args[argsIndex];
              }
            }
            while (rangeLength--) {
              result2[leftIndex++] = args[argsIndex++];
            }
            return result2;
          }
          function composeArgsRight(args, partials, holders, isCurried) {
            var argsIndex = -1, argsLength = args.length, holdersIndex = -1, holdersLength = holders.length, rightIndex = -1, rightLength = partials.length, rangeLength = nativeMax(argsLength - holdersLength, 0), result2 = Array2(rangeLength + rightLength), isUncurried = !isCurried;
            while (++argsIndex < rangeLength) {
              result2[argsIndex] = args[argsIndex];
            }
            var offset = argsIndex;
            while (++rightIndex < rightLength) {
              result2[offset + rightIndex] = partials[rightIndex];
            }
            while (++holdersIndex < holdersLength) {
              if (isUncurried || argsIndex < argsLength) {
                result2[offset + holders[holdersIndex]] = args[argsIndex++];
              }
            }
            return result2;
          }
          function copyArray(source, array) {
            var index2 = -1, length = source.length;
            array || (array = Array2(length));
            while (++index2 < length) {
              array[index2] = source[index2];
            }
            return array;
          }
          function copyObject(source, props, object, customizer) {
            var isNew = !object;
            object || (object = {});
            var index2 = -1, length = props.length;
            while (++index2 < length) {
              var key = props[index2];
              var newValue = customizer ? customizer(object[key], source[key], key, object, source) : undefined$1;
              if (newValue === undefined$1) {
                newValue = source[key];
              }
              if (isNew) {
                baseAssignValue(object, key, newValue);
              } else {
                assignValue(object, key, newValue);
              }
            }
            return object;
          }
          function copySymbols(source, object) {
            return copyObject(source, getSymbols(source), object);
          }
          function copySymbolsIn(source, object) {
            return copyObject(source, getSymbolsIn(source), object);
          }
          function createAggregator(setter, initializer) {
            return function(collection, iteratee2) {
              var func = isArray(collection) ? arrayAggregator : baseAggregator, accumulator = initializer ? initializer() : {};
              return func(collection, setter, getIteratee(iteratee2, 2), accumulator);
            };
          }
          function createAssigner(assigner) {
            return baseRest(function(object, sources) {
              var index2 = -1, length = sources.length, customizer = length > 1 ? sources[length - 1] : undefined$1, guard = length > 2 ? sources[2] : undefined$1;
              customizer = assigner.length > 3 && typeof customizer == "function" ? (length--, customizer) : undefined$1;
              if (guard && isIterateeCall(sources[0], sources[1], guard)) {
                customizer = length < 3 ? undefined$1 : customizer;
                length = 1;
              }
              object = Object2(object);
              while (++index2 < length) {
                var source = sources[index2];
                if (source) {
                  assigner(object, source, index2, customizer);
                }
              }
              return object;
            });
          }
          function createBaseEach(eachFunc, fromRight) {
            return function(collection, iteratee2) {
              if (collection == null) {
                return collection;
              }
              if (!isArrayLike(collection)) {
                return eachFunc(collection, iteratee2);
              }
              var length = collection.length, index2 = fromRight ? length : -1, iterable = Object2(collection);
              while (fromRight ? index2-- : ++index2 < length) {
                if (iteratee2(iterable[index2], index2, iterable) === false) {
                  break;
                }
              }
              return collection;
            };
          }
          function createBaseFor(fromRight) {
            return function(object, iteratee2, keysFunc) {
              var index2 = -1, iterable = Object2(object), props = keysFunc(object), length = props.length;
              while (length--) {
                var key = props[fromRight ? length : ++index2];
                if (iteratee2(iterable[key], key, iterable) === false) {
                  break;
                }
              }
              return object;
            };
          }
          function createBind(func, bitmask, thisArg) {
            var isBind = bitmask & WRAP_BIND_FLAG, Ctor = createCtor(func);
            function wrapper() {
              var fn = this && this !== root && this instanceof wrapper ? Ctor : func;
              return fn.apply(isBind ? thisArg : this, arguments);
            }
            return wrapper;
          }
          function createCaseFirst(methodName) {
            return function(string) {
              string = toString(string);
              var strSymbols = hasUnicode(string) ? stringToArray(string) : undefined$1;
              var chr = strSymbols ? strSymbols[0] : string.charAt(0);
              var trailing = strSymbols ? castSlice(strSymbols, 1).join("") : string.slice(1);
              return chr[methodName]() + trailing;
            };
          }
          function createCompounder(callback) {
            return function(string) {
              return arrayReduce(words(deburr(string).replace(reApos, "")), callback, "");
            };
          }
          function createCtor(Ctor) {
            return function() {
              var args = arguments;
              switch (args.length) {
                case 0:
                  return new Ctor();
                case 1:
                  return new Ctor(args[0]);
                case 2:
                  return new Ctor(args[0], args[1]);
                case 3:
                  return new Ctor(args[0], args[1], args[2]);
                case 4:
                  return new Ctor(args[0], args[1], args[2], args[3]);
                case 5:
                  return new Ctor(args[0], args[1], args[2], args[3], args[4]);
                case 6:
                  return new Ctor(args[0], args[1], args[2], args[3], args[4], args[5]);
                case 7:
                  return new Ctor(args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
              }
              var thisBinding = baseCreate(Ctor.prototype), result2 = Ctor.apply(thisBinding, args);
              return isObject(result2) ? result2 : thisBinding;
            };
          }
          function createCurry(func, bitmask, arity) {
            var Ctor = createCtor(func);
            function wrapper() {
              var length = arguments.length, args = Array2(length), index2 = length, placeholder = getHolder(wrapper);
              while (index2--) {
                args[index2] = arguments[index2];
              }
              var holders = length < 3 && args[0] !== placeholder && args[length - 1] !== placeholder ? [] : replaceHolders(args, placeholder);
              length -= holders.length;
              if (length < arity) {
                return createRecurry(
                  func,
                  bitmask,
                  createHybrid,
                  wrapper.placeholder,
                  undefined$1,
                  args,
                  holders,
                  undefined$1,
                  undefined$1,
                  arity - length
                );
              }
              var fn = this && this !== root && this instanceof wrapper ? Ctor : func;
              return apply(fn, this, args);
            }
            return wrapper;
          }
          function createFind(findIndexFunc) {
            return function(collection, predicate, fromIndex) {
              var iterable = Object2(collection);
              if (!isArrayLike(collection)) {
                var iteratee2 = getIteratee(predicate, 3);
                collection = keys(collection);
                predicate = function(key) {
                  return iteratee2(iterable[key], key, iterable);
                };
              }
              var index2 = findIndexFunc(collection, predicate, fromIndex);
              return index2 > -1 ? iterable[iteratee2 ? collection[index2] : index2] : undefined$1;
            };
          }
          function createFlow(fromRight) {
            return flatRest(function(funcs) {
              var length = funcs.length, index2 = length, prereq = LodashWrapper.prototype.thru;
              if (fromRight) {
                funcs.reverse();
              }
              while (index2--) {
                var func = funcs[index2];
                if (typeof func != "function") {
                  throw new TypeError2(FUNC_ERROR_TEXT);
                }
                if (prereq && !wrapper && getFuncName(func) == "wrapper") {
                  var wrapper = new LodashWrapper([], true);
                }
              }
              index2 = wrapper ? index2 : length;
              while (++index2 < length) {
                func = funcs[index2];
                var funcName = getFuncName(func), data = funcName == "wrapper" ? getData(func) : undefined$1;
                if (data && isLaziable(data[0]) && data[1] == (WRAP_ARY_FLAG | WRAP_CURRY_FLAG | WRAP_PARTIAL_FLAG | WRAP_REARG_FLAG) && !data[4].length && data[9] == 1) {
                  wrapper = wrapper[getFuncName(data[0])].apply(wrapper, data[3]);
                } else {
                  wrapper = func.length == 1 && isLaziable(func) ? wrapper[funcName]() : wrapper.thru(func);
                }
              }
              return function() {
                var args = arguments, value = args[0];
                if (wrapper && args.length == 1 && isArray(value)) {
                  return wrapper.plant(value).value();
                }
                var index3 = 0, result2 = length ? funcs[index3].apply(this, args) : value;
                while (++index3 < length) {
                  result2 = funcs[index3].call(this, result2);
                }
                return result2;
              };
            });
          }
          function createHybrid(func, bitmask, thisArg, partials, holders, partialsRight, holdersRight, argPos, ary2, arity) {
            var isAry = bitmask & WRAP_ARY_FLAG, isBind = bitmask & WRAP_BIND_FLAG, isBindKey = bitmask & WRAP_BIND_KEY_FLAG, isCurried = bitmask & (WRAP_CURRY_FLAG | WRAP_CURRY_RIGHT_FLAG), isFlip = bitmask & WRAP_FLIP_FLAG, Ctor = isBindKey ? undefined$1 : createCtor(func);
            function wrapper() {
              var length = arguments.length, args = Array2(length), index2 = length;
              while (index2--) {
                args[index2] = arguments[index2];
              }
              if (isCurried) {
                var placeholder = getHolder(wrapper), holdersCount = countHolders(args, placeholder);
              }
              if (partials) {
                args = composeArgs(args, partials, holders, isCurried);
              }
              if (partialsRight) {
                args = composeArgsRight(args, partialsRight, holdersRight, isCurried);
              }
              length -= holdersCount;
              if (isCurried && length < arity) {
                var newHolders = replaceHolders(args, placeholder);
                return createRecurry(
                  func,
                  bitmask,
                  createHybrid,
                  wrapper.placeholder,
                  thisArg,
                  args,
                  newHolders,
                  argPos,
                  ary2,
                  arity - length
                );
              }
              var thisBinding = isBind ? thisArg : this, fn = isBindKey ? thisBinding[func] : func;
              length = args.length;
              if (argPos) {
                args = reorder(args, argPos);
              } else if (isFlip && length > 1) {
                args.reverse();
              }
              if (isAry && ary2 < length) {
                args.length = ary2;
              }
              if (this && this !== root && this instanceof wrapper) {
                fn = Ctor || createCtor(fn);
              }
              return fn.apply(thisBinding, args);
            }
            return wrapper;
          }
          function createInverter(setter, toIteratee) {
            return function(object, iteratee2) {
              return baseInverter(object, setter, toIteratee(iteratee2), {});
            };
          }
          function createMathOperation(operator, defaultValue) {
            return function(value, other) {
              var result2;
              if (value === undefined$1 && other === undefined$1) {
                return defaultValue;
              }
              if (value !== undefined$1) {
                result2 = value;
              }
              if (other !== undefined$1) {
                if (result2 === undefined$1) {
                  return other;
                }
                if (typeof value == "string" || typeof other == "string") {
                  value = baseToString(value);
                  other = baseToString(other);
                } else {
                  value = baseToNumber(value);
                  other = baseToNumber(other);
                }
                result2 = operator(value, other);
              }
              return result2;
            };
          }
          function createOver(arrayFunc) {
            return flatRest(function(iteratees) {
              iteratees = arrayMap(iteratees, baseUnary(getIteratee()));
              return baseRest(function(args) {
                var thisArg = this;
                return arrayFunc(iteratees, function(iteratee2) {
                  return apply(iteratee2, thisArg, args);
                });
              });
            });
          }
          function createPadding(length, chars) {
            chars = chars === undefined$1 ? " " : baseToString(chars);
            var charsLength = chars.length;
            if (charsLength < 2) {
              return charsLength ? baseRepeat(chars, length) : chars;
            }
            var result2 = baseRepeat(chars, nativeCeil(length / stringSize(chars)));
            return hasUnicode(chars) ? castSlice(stringToArray(result2), 0, length).join("") : result2.slice(0, length);
          }
          function createPartial(func, bitmask, thisArg, partials) {
            var isBind = bitmask & WRAP_BIND_FLAG, Ctor = createCtor(func);
            function wrapper() {
              var argsIndex = -1, argsLength = arguments.length, leftIndex = -1, leftLength = partials.length, args = Array2(leftLength + argsLength), fn = this && this !== root && this instanceof wrapper ? Ctor : func;
              while (++leftIndex < leftLength) {
                args[leftIndex] = partials[leftIndex];
              }
              while (argsLength--) {
                args[leftIndex++] = arguments[++argsIndex];
              }
              return apply(fn, isBind ? thisArg : this, args);
            }
            return wrapper;
          }
          function createRange(fromRight) {
            return function(start, end, step) {
              if (step && typeof step != "number" && isIterateeCall(start, end, step)) {
                end = step = undefined$1;
              }
              start = toFinite(start);
              if (end === undefined$1) {
                end = start;
                start = 0;
              } else {
                end = toFinite(end);
              }
              step = step === undefined$1 ? start < end ? 1 : -1 : toFinite(step);
              return baseRange(start, end, step, fromRight);
            };
          }
          function createRelationalOperation(operator) {
            return function(value, other) {
              if (!(typeof value == "string" && typeof other == "string")) {
                value = toNumber(value);
                other = toNumber(other);
              }
              return operator(value, other);
            };
          }
          function createRecurry(func, bitmask, wrapFunc, placeholder, thisArg, partials, holders, argPos, ary2, arity) {
            var isCurry = bitmask & WRAP_CURRY_FLAG, newHolders = isCurry ? holders : undefined$1, newHoldersRight = isCurry ? undefined$1 : holders, newPartials = isCurry ? partials : undefined$1, newPartialsRight = isCurry ? undefined$1 : partials;
            bitmask |= isCurry ? WRAP_PARTIAL_FLAG : WRAP_PARTIAL_RIGHT_FLAG;
            bitmask &= ~(isCurry ? WRAP_PARTIAL_RIGHT_FLAG : WRAP_PARTIAL_FLAG);
            if (!(bitmask & WRAP_CURRY_BOUND_FLAG)) {
              bitmask &= -4;
            }
            var newData = [
              func,
              bitmask,
              thisArg,
              newPartials,
              newHolders,
              newPartialsRight,
              newHoldersRight,
              argPos,
              ary2,
              arity
            ];
            var result2 = wrapFunc.apply(undefined$1, newData);
            if (isLaziable(func)) {
              setData(result2, newData);
            }
            result2.placeholder = placeholder;
            return setWrapToString(result2, func, bitmask);
          }
          function createRound(methodName) {
            var func = Math2[methodName];
            return function(number, precision) {
              number = toNumber(number);
              precision = precision == null ? 0 : nativeMin(toInteger(precision), 292);
              if (precision && nativeIsFinite(number)) {
                var pair = (toString(number) + "e").split("e"), value = func(pair[0] + "e" + (+pair[1] + precision));
                pair = (toString(value) + "e").split("e");
                return +(pair[0] + "e" + (+pair[1] - precision));
              }
              return func(number);
            };
          }
          var createSet = !(Set2 && 1 / setToArray(new Set2([, -0]))[1] == INFINITY) ? noop : function(values2) {
            return new Set2(values2);
          };
          function createToPairs(keysFunc) {
            return function(object) {
              var tag = getTag(object);
              if (tag == mapTag) {
                return mapToArray(object);
              }
              if (tag == setTag) {
                return setToPairs(object);
              }
              return baseToPairs(object, keysFunc(object));
            };
          }
          function createWrap(func, bitmask, thisArg, partials, holders, argPos, ary2, arity) {
            var isBindKey = bitmask & WRAP_BIND_KEY_FLAG;
            if (!isBindKey && typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            var length = partials ? partials.length : 0;
            if (!length) {
              bitmask &= -97;
              partials = holders = undefined$1;
            }
            ary2 = ary2 === undefined$1 ? ary2 : nativeMax(toInteger(ary2), 0);
            arity = arity === undefined$1 ? arity : toInteger(arity);
            length -= holders ? holders.length : 0;
            if (bitmask & WRAP_PARTIAL_RIGHT_FLAG) {
              var partialsRight = partials, holdersRight = holders;
              partials = holders = undefined$1;
            }
            var data = isBindKey ? undefined$1 : getData(func);
            var newData = [
              func,
              bitmask,
              thisArg,
              partials,
              holders,
              partialsRight,
              holdersRight,
              argPos,
              ary2,
              arity
            ];
            if (data) {
              mergeData(newData, data);
            }
            func = newData[0];
            bitmask = newData[1];
            thisArg = newData[2];
            partials = newData[3];
            holders = newData[4];
            arity = newData[9] = newData[9] === undefined$1 ? isBindKey ? 0 : func.length : nativeMax(newData[9] - length, 0);
            if (!arity && bitmask & (WRAP_CURRY_FLAG | WRAP_CURRY_RIGHT_FLAG)) {
              bitmask &= -25;
            }
            if (!bitmask || bitmask == WRAP_BIND_FLAG) {
              var result2 = createBind(func, bitmask, thisArg);
            } else if (bitmask == WRAP_CURRY_FLAG || bitmask == WRAP_CURRY_RIGHT_FLAG) {
              result2 = createCurry(func, bitmask, arity);
            } else if ((bitmask == WRAP_PARTIAL_FLAG || bitmask == (WRAP_BIND_FLAG | WRAP_PARTIAL_FLAG)) && !holders.length) {
              result2 = createPartial(func, bitmask, thisArg, partials);
            } else {
              result2 = createHybrid.apply(undefined$1, newData);
            }
            var setter = data ? baseSetData : setData;
            return setWrapToString(setter(result2, newData), func, bitmask);
          }
          function customDefaultsAssignIn(objValue, srcValue, key, object) {
            if (objValue === undefined$1 || eq(objValue, objectProto[key]) && !hasOwnProperty.call(object, key)) {
              return srcValue;
            }
            return objValue;
          }
          function customDefaultsMerge(objValue, srcValue, key, object, source, stack) {
            if (isObject(objValue) && isObject(srcValue)) {
              stack.set(srcValue, objValue);
              baseMerge(objValue, srcValue, undefined$1, customDefaultsMerge, stack);
              stack["delete"](srcValue);
            }
            return objValue;
          }
          function customOmitClone(value) {
            return isPlainObject(value) ? undefined$1 : value;
          }
          function equalArrays(array, other, bitmask, customizer, equalFunc, stack) {
            var isPartial = bitmask & COMPARE_PARTIAL_FLAG, arrLength = array.length, othLength = other.length;
            if (arrLength != othLength && !(isPartial && othLength > arrLength)) {
              return false;
            }
            var arrStacked = stack.get(array);
            var othStacked = stack.get(other);
            if (arrStacked && othStacked) {
              return arrStacked == other && othStacked == array;
            }
            var index2 = -1, result2 = true, seen = bitmask & COMPARE_UNORDERED_FLAG ? new SetCache() : undefined$1;
            stack.set(array, other);
            stack.set(other, array);
            while (++index2 < arrLength) {
              var arrValue = array[index2], othValue = other[index2];
              if (customizer) {
                var compared = isPartial ? customizer(othValue, arrValue, index2, other, array, stack) : customizer(arrValue, othValue, index2, array, other, stack);
              }
              if (compared !== undefined$1) {
                if (compared) {
                  continue;
                }
                result2 = false;
                break;
              }
              if (seen) {
                if (!arraySome(other, function(othValue2, othIndex) {
                  if (!cacheHas(seen, othIndex) && (arrValue === othValue2 || equalFunc(arrValue, othValue2, bitmask, customizer, stack))) {
                    return seen.push(othIndex);
                  }
                })) {
                  result2 = false;
                  break;
                }
              } else if (!(arrValue === othValue || equalFunc(arrValue, othValue, bitmask, customizer, stack))) {
                result2 = false;
                break;
              }
            }
            stack["delete"](array);
            stack["delete"](other);
            return result2;
          }
          function equalByTag(object, other, tag, bitmask, customizer, equalFunc, stack) {
            switch (tag) {
              case dataViewTag:
                if (object.byteLength != other.byteLength || object.byteOffset != other.byteOffset) {
                  return false;
                }
                object = object.buffer;
                other = other.buffer;
              case arrayBufferTag:
                if (object.byteLength != other.byteLength || !equalFunc(new Uint8Array(object), new Uint8Array(other))) {
                  return false;
                }
                return true;
              case boolTag:
              case dateTag:
              case numberTag:
                return eq(+object, +other);
              case errorTag:
                return object.name == other.name && object.message == other.message;
              case regexpTag:
              case stringTag:
                return object == other + "";
              case mapTag:
                var convert = mapToArray;
              case setTag:
                var isPartial = bitmask & COMPARE_PARTIAL_FLAG;
                convert || (convert = setToArray);
                if (object.size != other.size && !isPartial) {
                  return false;
                }
                var stacked = stack.get(object);
                if (stacked) {
                  return stacked == other;
                }
                bitmask |= COMPARE_UNORDERED_FLAG;
                stack.set(object, other);
                var result2 = equalArrays(convert(object), convert(other), bitmask, customizer, equalFunc, stack);
                stack["delete"](object);
                return result2;
              case symbolTag:
                if (symbolValueOf) {
                  return symbolValueOf.call(object) == symbolValueOf.call(other);
                }
            }
            return false;
          }
          function equalObjects(object, other, bitmask, customizer, equalFunc, stack) {
            var isPartial = bitmask & COMPARE_PARTIAL_FLAG, objProps = getAllKeys(object), objLength = objProps.length, othProps = getAllKeys(other), othLength = othProps.length;
            if (objLength != othLength && !isPartial) {
              return false;
            }
            var index2 = objLength;
            while (index2--) {
              var key = objProps[index2];
              if (!(isPartial ? key in other : hasOwnProperty.call(other, key))) {
                return false;
              }
            }
            var objStacked = stack.get(object);
            var othStacked = stack.get(other);
            if (objStacked && othStacked) {
              return objStacked == other && othStacked == object;
            }
            var result2 = true;
            stack.set(object, other);
            stack.set(other, object);
            var skipCtor = isPartial;
            while (++index2 < objLength) {
              key = objProps[index2];
              var objValue = object[key], othValue = other[key];
              if (customizer) {
                var compared = isPartial ? customizer(othValue, objValue, key, other, object, stack) : customizer(objValue, othValue, key, object, other, stack);
              }
              if (!(compared === undefined$1 ? objValue === othValue || equalFunc(objValue, othValue, bitmask, customizer, stack) : compared)) {
                result2 = false;
                break;
              }
              skipCtor || (skipCtor = key == "constructor");
            }
            if (result2 && !skipCtor) {
              var objCtor = object.constructor, othCtor = other.constructor;
              if (objCtor != othCtor && ("constructor" in object && "constructor" in other) && !(typeof objCtor == "function" && objCtor instanceof objCtor && typeof othCtor == "function" && othCtor instanceof othCtor)) {
                result2 = false;
              }
            }
            stack["delete"](object);
            stack["delete"](other);
            return result2;
          }
          function flatRest(func) {
            return setToString(overRest(func, undefined$1, flatten), func + "");
          }
          function getAllKeys(object) {
            return baseGetAllKeys(object, keys, getSymbols);
          }
          function getAllKeysIn(object) {
            return baseGetAllKeys(object, keysIn, getSymbolsIn);
          }
          var getData = !metaMap ? noop : function(func) {
            return metaMap.get(func);
          };
          function getFuncName(func) {
            var result2 = func.name + "", array = realNames[result2], length = hasOwnProperty.call(realNames, result2) ? array.length : 0;
            while (length--) {
              var data = array[length], otherFunc = data.func;
              if (otherFunc == null || otherFunc == func) {
                return data.name;
              }
            }
            return result2;
          }
          function getHolder(func) {
            var object = hasOwnProperty.call(lodash2, "placeholder") ? lodash2 : func;
            return object.placeholder;
          }
          function getIteratee() {
            var result2 = lodash2.iteratee || iteratee;
            result2 = result2 === iteratee ? baseIteratee : result2;
            return arguments.length ? result2(arguments[0], arguments[1]) : result2;
          }
          function getMapData(map2, key) {
            var data = map2.__data__;
            return isKeyable(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
          }
          function getMatchData(object) {
            var result2 = keys(object), length = result2.length;
            while (length--) {
              var key = result2[length], value = object[key];
              result2[length] = [key, value, isStrictComparable(value)];
            }
            return result2;
          }
          function getNative(object, key) {
            var value = getValue(object, key);
            return baseIsNative(value) ? value : undefined$1;
          }
          function getRawTag(value) {
            var isOwn = hasOwnProperty.call(value, symToStringTag), tag = value[symToStringTag];
            try {
              value[symToStringTag] = undefined$1;
              var unmasked = true;
            } catch (e) {
            }
            var result2 = nativeObjectToString.call(value);
            if (unmasked) {
              if (isOwn) {
                value[symToStringTag] = tag;
              } else {
                delete value[symToStringTag];
              }
            }
            return result2;
          }
          var getSymbols = !nativeGetSymbols ? stubArray : function(object) {
            if (object == null) {
              return [];
            }
            object = Object2(object);
            return arrayFilter(nativeGetSymbols(object), function(symbol) {
              return propertyIsEnumerable.call(object, symbol);
            });
          };
          var getSymbolsIn = !nativeGetSymbols ? stubArray : function(object) {
            var result2 = [];
            while (object) {
              arrayPush(result2, getSymbols(object));
              object = getPrototype(object);
            }
            return result2;
          };
          var getTag = baseGetTag;
          if (DataView && getTag(new DataView(new ArrayBuffer(1))) != dataViewTag || Map2 && getTag(new Map2()) != mapTag || Promise2 && getTag(Promise2.resolve()) != promiseTag || Set2 && getTag(new Set2()) != setTag || WeakMap && getTag(new WeakMap()) != weakMapTag) {
            getTag = function(value) {
              var result2 = baseGetTag(value), Ctor = result2 == objectTag ? value.constructor : undefined$1, ctorString = Ctor ? toSource(Ctor) : "";
              if (ctorString) {
                switch (ctorString) {
                  case dataViewCtorString:
                    return dataViewTag;
                  case mapCtorString:
                    return mapTag;
                  case promiseCtorString:
                    return promiseTag;
                  case setCtorString:
                    return setTag;
                  case weakMapCtorString:
                    return weakMapTag;
                }
              }
              return result2;
            };
          }
          function getView(start, end, transforms) {
            var index2 = -1, length = transforms.length;
            while (++index2 < length) {
              var data = transforms[index2], size2 = data.size;
              switch (data.type) {
                case "drop":
                  start += size2;
                  break;
                case "dropRight":
                  end -= size2;
                  break;
                case "take":
                  end = nativeMin(end, start + size2);
                  break;
                case "takeRight":
                  start = nativeMax(start, end - size2);
                  break;
              }
            }
            return { "start": start, "end": end };
          }
          function getWrapDetails(source) {
            var match = source.match(reWrapDetails);
            return match ? match[1].split(reSplitDetails) : [];
          }
          function hasPath(object, path2, hasFunc) {
            path2 = castPath(path2, object);
            var index2 = -1, length = path2.length, result2 = false;
            while (++index2 < length) {
              var key = toKey(path2[index2]);
              if (!(result2 = object != null && hasFunc(object, key))) {
                break;
              }
              object = object[key];
            }
            if (result2 || ++index2 != length) {
              return result2;
            }
            length = object == null ? 0 : object.length;
            return !!length && isLength(length) && isIndex(key, length) && (isArray(object) || isArguments(object));
          }
          function initCloneArray(array) {
            var length = array.length, result2 = new array.constructor(length);
            if (length && typeof array[0] == "string" && hasOwnProperty.call(array, "index")) {
              result2.index = array.index;
              result2.input = array.input;
            }
            return result2;
          }
          function initCloneObject(object) {
            return typeof object.constructor == "function" && !isPrototype(object) ? baseCreate(getPrototype(object)) : {};
          }
          function initCloneByTag(object, tag, isDeep) {
            var Ctor = object.constructor;
            switch (tag) {
              case arrayBufferTag:
                return cloneArrayBuffer(object);
              case boolTag:
              case dateTag:
                return new Ctor(+object);
              case dataViewTag:
                return cloneDataView(object, isDeep);
              case float32Tag:
              case float64Tag:
              case int8Tag:
              case int16Tag:
              case int32Tag:
              case uint8Tag:
              case uint8ClampedTag:
              case uint16Tag:
              case uint32Tag:
                return cloneTypedArray(object, isDeep);
              case mapTag:
                return new Ctor();
              case numberTag:
              case stringTag:
                return new Ctor(object);
              case regexpTag:
                return cloneRegExp(object);
              case setTag:
                return new Ctor();
              case symbolTag:
                return cloneSymbol(object);
            }
          }
          function insertWrapDetails(source, details2) {
            var length = details2.length;
            if (!length) {
              return source;
            }
            var lastIndex = length - 1;
            details2[lastIndex] = (length > 1 ? "& " : "") + details2[lastIndex];
            details2 = details2.join(length > 2 ? ", " : " ");
            return source.replace(reWrapComment, "{\n/* [wrapped with " + details2 + "] */\n");
          }
          function isFlattenable(value) {
            return isArray(value) || isArguments(value) || !!(spreadableSymbol && value && value[spreadableSymbol]);
          }
          function isIndex(value, length) {
            var type = typeof value;
            length = length == null ? MAX_SAFE_INTEGER : length;
            return !!length && (type == "number" || type != "symbol" && reIsUint.test(value)) && (value > -1 && value % 1 == 0 && value < length);
          }
          function isIterateeCall(value, index2, object) {
            if (!isObject(object)) {
              return false;
            }
            var type = typeof index2;
            if (type == "number" ? isArrayLike(object) && isIndex(index2, object.length) : type == "string" && index2 in object) {
              return eq(object[index2], value);
            }
            return false;
          }
          function isKey(value, object) {
            if (isArray(value)) {
              return false;
            }
            var type = typeof value;
            if (type == "number" || type == "symbol" || type == "boolean" || value == null || isSymbol(value)) {
              return true;
            }
            return reIsPlainProp.test(value) || !reIsDeepProp.test(value) || object != null && value in Object2(object);
          }
          function isKeyable(value) {
            var type = typeof value;
            return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
          }
          function isLaziable(func) {
            var funcName = getFuncName(func), other = lodash2[funcName];
            if (typeof other != "function" || !(funcName in LazyWrapper.prototype)) {
              return false;
            }
            if (func === other) {
              return true;
            }
            var data = getData(other);
            return !!data && func === data[0];
          }
          function isMasked(func) {
            return !!maskSrcKey && maskSrcKey in func;
          }
          var isMaskable = coreJsData ? isFunction : stubFalse;
          function isPrototype(value) {
            var Ctor = value && value.constructor, proto = typeof Ctor == "function" && Ctor.prototype || objectProto;
            return value === proto;
          }
          function isStrictComparable(value) {
            return value === value && !isObject(value);
          }
          function matchesStrictComparable(key, srcValue) {
            return function(object) {
              if (object == null) {
                return false;
              }
              return object[key] === srcValue && (srcValue !== undefined$1 || key in Object2(object));
            };
          }
          function memoizeCapped(func) {
            var result2 = memoize(func, function(key) {
              if (cache.size === MAX_MEMOIZE_SIZE) {
                cache.clear();
              }
              return key;
            });
            var cache = result2.cache;
            return result2;
          }
          function mergeData(data, source) {
            var bitmask = data[1], srcBitmask = source[1], newBitmask = bitmask | srcBitmask, isCommon = newBitmask < (WRAP_BIND_FLAG | WRAP_BIND_KEY_FLAG | WRAP_ARY_FLAG);
            var isCombo = srcBitmask == WRAP_ARY_FLAG && bitmask == WRAP_CURRY_FLAG || srcBitmask == WRAP_ARY_FLAG && bitmask == WRAP_REARG_FLAG && data[7].length <= source[8] || srcBitmask == (WRAP_ARY_FLAG | WRAP_REARG_FLAG) && source[7].length <= source[8] && bitmask == WRAP_CURRY_FLAG;
            if (!(isCommon || isCombo)) {
              return data;
            }
            if (srcBitmask & WRAP_BIND_FLAG) {
              data[2] = source[2];
              newBitmask |= bitmask & WRAP_BIND_FLAG ? 0 : WRAP_CURRY_BOUND_FLAG;
            }
            var value = source[3];
            if (value) {
              var partials = data[3];
              data[3] = partials ? composeArgs(partials, value, source[4]) : value;
              data[4] = partials ? replaceHolders(data[3], PLACEHOLDER) : source[4];
            }
            value = source[5];
            if (value) {
              partials = data[5];
              data[5] = partials ? composeArgsRight(partials, value, source[6]) : value;
              data[6] = partials ? replaceHolders(data[5], PLACEHOLDER) : source[6];
            }
            value = source[7];
            if (value) {
              data[7] = value;
            }
            if (srcBitmask & WRAP_ARY_FLAG) {
              data[8] = data[8] == null ? source[8] : nativeMin(data[8], source[8]);
            }
            if (data[9] == null) {
              data[9] = source[9];
            }
            data[0] = source[0];
            data[1] = newBitmask;
            return data;
          }
          function nativeKeysIn(object) {
            var result2 = [];
            if (object != null) {
              for (var key in Object2(object)) {
                result2.push(key);
              }
            }
            return result2;
          }
          function objectToString(value) {
            return nativeObjectToString.call(value);
          }
          function overRest(func, start, transform2) {
            start = nativeMax(start === undefined$1 ? func.length - 1 : start, 0);
            return function() {
              var args = arguments, index2 = -1, length = nativeMax(args.length - start, 0), array = Array2(length);
              while (++index2 < length) {
                array[index2] = args[start + index2];
              }
              index2 = -1;
              var otherArgs = Array2(start + 1);
              while (++index2 < start) {
                otherArgs[index2] = args[index2];
              }
              otherArgs[start] = transform2(array);
              return apply(func, this, otherArgs);
            };
          }
          function parent(object, path2) {
            return path2.length < 2 ? object : baseGet(object, baseSlice(path2, 0, -1));
          }
          function reorder(array, indexes) {
            var arrLength = array.length, length = nativeMin(indexes.length, arrLength), oldArray = copyArray(array);
            while (length--) {
              var index2 = indexes[length];
              array[length] = isIndex(index2, arrLength) ? oldArray[index2] : undefined$1;
            }
            return array;
          }
          function safeGet(object, key) {
            if (key === "constructor" && typeof object[key] === "function") {
              return;
            }
            if (key == "__proto__") {
              return;
            }
            return object[key];
          }
          var setData = shortOut(baseSetData);
          var setTimeout2 = ctxSetTimeout || function(func, wait) {
            return root.setTimeout(func, wait);
          };
          var setToString = shortOut(baseSetToString);
          function setWrapToString(wrapper, reference, bitmask) {
            var source = reference + "";
            return setToString(wrapper, insertWrapDetails(source, updateWrapDetails(getWrapDetails(source), bitmask)));
          }
          function shortOut(func) {
            var count2 = 0, lastCalled = 0;
            return function() {
              var stamp = nativeNow(), remaining = HOT_SPAN - (stamp - lastCalled);
              lastCalled = stamp;
              if (remaining > 0) {
                if (++count2 >= HOT_COUNT) {
                  return arguments[0];
                }
              } else {
                count2 = 0;
              }
              return func.apply(undefined$1, arguments);
            };
          }
          function shuffleSelf(array, size2) {
            var index2 = -1, length = array.length, lastIndex = length - 1;
            size2 = size2 === undefined$1 ? length : size2;
            while (++index2 < size2) {
              var rand = baseRandom(index2, lastIndex), value = array[rand];
              array[rand] = array[index2];
              array[index2] = value;
            }
            array.length = size2;
            return array;
          }
          var stringToPath = memoizeCapped(function(string) {
            var result2 = [];
            if (string.charCodeAt(0) === 46) {
              result2.push("");
            }
            string.replace(rePropName, function(match, number, quote, subString) {
              result2.push(quote ? subString.replace(reEscapeChar, "$1") : number || match);
            });
            return result2;
          });
          function toKey(value) {
            if (typeof value == "string" || isSymbol(value)) {
              return value;
            }
            var result2 = value + "";
            return result2 == "0" && 1 / value == -INFINITY ? "-0" : result2;
          }
          function toSource(func) {
            if (func != null) {
              try {
                return funcToString.call(func);
              } catch (e) {
              }
              try {
                return func + "";
              } catch (e) {
              }
            }
            return "";
          }
          function updateWrapDetails(details2, bitmask) {
            arrayEach(wrapFlags, function(pair) {
              var value = "_." + pair[0];
              if (bitmask & pair[1] && !arrayIncludes(details2, value)) {
                details2.push(value);
              }
            });
            return details2.sort();
          }
          function wrapperClone(wrapper) {
            if (wrapper instanceof LazyWrapper) {
              return wrapper.clone();
            }
            var result2 = new LodashWrapper(wrapper.__wrapped__, wrapper.__chain__);
            result2.__actions__ = copyArray(wrapper.__actions__);
            result2.__index__ = wrapper.__index__;
            result2.__values__ = wrapper.__values__;
            return result2;
          }
          function chunk(array, size2, guard) {
            if (guard ? isIterateeCall(array, size2, guard) : size2 === undefined$1) {
              size2 = 1;
            } else {
              size2 = nativeMax(toInteger(size2), 0);
            }
            var length = array == null ? 0 : array.length;
            if (!length || size2 < 1) {
              return [];
            }
            var index2 = 0, resIndex = 0, result2 = Array2(nativeCeil(length / size2));
            while (index2 < length) {
              result2[resIndex++] = baseSlice(array, index2, index2 += size2);
            }
            return result2;
          }
          function compact(array) {
            var index2 = -1, length = array == null ? 0 : array.length, resIndex = 0, result2 = [];
            while (++index2 < length) {
              var value = array[index2];
              if (value) {
                result2[resIndex++] = value;
              }
            }
            return result2;
          }
          function concat() {
            var length = arguments.length;
            if (!length) {
              return [];
            }
            var args = Array2(length - 1), array = arguments[0], index2 = length;
            while (index2--) {
              args[index2 - 1] = arguments[index2];
            }
            return arrayPush(isArray(array) ? copyArray(array) : [array], baseFlatten(args, 1));
          }
          var difference = baseRest(function(array, values2) {
            return isArrayLikeObject(array) ? baseDifference(array, baseFlatten(values2, 1, isArrayLikeObject, true)) : [];
          });
          var differenceBy = baseRest(function(array, values2) {
            var iteratee2 = last(values2);
            if (isArrayLikeObject(iteratee2)) {
              iteratee2 = undefined$1;
            }
            return isArrayLikeObject(array) ? baseDifference(array, baseFlatten(values2, 1, isArrayLikeObject, true), getIteratee(iteratee2, 2)) : [];
          });
          var differenceWith = baseRest(function(array, values2) {
            var comparator = last(values2);
            if (isArrayLikeObject(comparator)) {
              comparator = undefined$1;
            }
            return isArrayLikeObject(array) ? baseDifference(array, baseFlatten(values2, 1, isArrayLikeObject, true), undefined$1, comparator) : [];
          });
          function drop(array, n, guard) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return [];
            }
            n = guard || n === undefined$1 ? 1 : toInteger(n);
            return baseSlice(array, n < 0 ? 0 : n, length);
          }
          function dropRight(array, n, guard) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return [];
            }
            n = guard || n === undefined$1 ? 1 : toInteger(n);
            n = length - n;
            return baseSlice(array, 0, n < 0 ? 0 : n);
          }
          function dropRightWhile(array, predicate) {
            return array && array.length ? baseWhile(array, getIteratee(predicate, 3), true, true) : [];
          }
          function dropWhile(array, predicate) {
            return array && array.length ? baseWhile(array, getIteratee(predicate, 3), true) : [];
          }
          function fill(array, value, start, end) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return [];
            }
            if (start && typeof start != "number" && isIterateeCall(array, value, start)) {
              start = 0;
              end = length;
            }
            return baseFill(array, value, start, end);
          }
          function findIndex(array, predicate, fromIndex) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return -1;
            }
            var index2 = fromIndex == null ? 0 : toInteger(fromIndex);
            if (index2 < 0) {
              index2 = nativeMax(length + index2, 0);
            }
            return baseFindIndex(array, getIteratee(predicate, 3), index2);
          }
          function findLastIndex(array, predicate, fromIndex) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return -1;
            }
            var index2 = length - 1;
            if (fromIndex !== undefined$1) {
              index2 = toInteger(fromIndex);
              index2 = fromIndex < 0 ? nativeMax(length + index2, 0) : nativeMin(index2, length - 1);
            }
            return baseFindIndex(array, getIteratee(predicate, 3), index2, true);
          }
          function flatten(array) {
            var length = array == null ? 0 : array.length;
            return length ? baseFlatten(array, 1) : [];
          }
          function flattenDeep(array) {
            var length = array == null ? 0 : array.length;
            return length ? baseFlatten(array, INFINITY) : [];
          }
          function flattenDepth(array, depth) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return [];
            }
            depth = depth === undefined$1 ? 1 : toInteger(depth);
            return baseFlatten(array, depth);
          }
          function fromPairs(pairs) {
            var index2 = -1, length = pairs == null ? 0 : pairs.length, result2 = {};
            while (++index2 < length) {
              var pair = pairs[index2];
              baseAssignValue(result2, pair[0], pair[1]);
            }
            return result2;
          }
          function head(array) {
            return array && array.length ? array[0] : undefined$1;
          }
          function indexOf(array, value, fromIndex) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return -1;
            }
            var index2 = fromIndex == null ? 0 : toInteger(fromIndex);
            if (index2 < 0) {
              index2 = nativeMax(length + index2, 0);
            }
            return baseIndexOf(array, value, index2);
          }
          function initial(array) {
            var length = array == null ? 0 : array.length;
            return length ? baseSlice(array, 0, -1) : [];
          }
          var intersection = baseRest(function(arrays) {
            var mapped = arrayMap(arrays, castArrayLikeObject);
            return mapped.length && mapped[0] === arrays[0] ? baseIntersection(mapped) : [];
          });
          var intersectionBy = baseRest(function(arrays) {
            var iteratee2 = last(arrays), mapped = arrayMap(arrays, castArrayLikeObject);
            if (iteratee2 === last(mapped)) {
              iteratee2 = undefined$1;
            } else {
              mapped.pop();
            }
            return mapped.length && mapped[0] === arrays[0] ? baseIntersection(mapped, getIteratee(iteratee2, 2)) : [];
          });
          var intersectionWith = baseRest(function(arrays) {
            var comparator = last(arrays), mapped = arrayMap(arrays, castArrayLikeObject);
            comparator = typeof comparator == "function" ? comparator : undefined$1;
            if (comparator) {
              mapped.pop();
            }
            return mapped.length && mapped[0] === arrays[0] ? baseIntersection(mapped, undefined$1, comparator) : [];
          });
          function join11(array, separator) {
            return array == null ? "" : nativeJoin.call(array, separator);
          }
          function last(array) {
            var length = array == null ? 0 : array.length;
            return length ? array[length - 1] : undefined$1;
          }
          function lastIndexOf(array, value, fromIndex) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return -1;
            }
            var index2 = length;
            if (fromIndex !== undefined$1) {
              index2 = toInteger(fromIndex);
              index2 = index2 < 0 ? nativeMax(length + index2, 0) : nativeMin(index2, length - 1);
            }
            return value === value ? strictLastIndexOf(array, value, index2) : baseFindIndex(array, baseIsNaN, index2, true);
          }
          function nth(array, n) {
            return array && array.length ? baseNth(array, toInteger(n)) : undefined$1;
          }
          var pull = baseRest(pullAll);
          function pullAll(array, values2) {
            return array && array.length && values2 && values2.length ? basePullAll(array, values2) : array;
          }
          function pullAllBy(array, values2, iteratee2) {
            return array && array.length && values2 && values2.length ? basePullAll(array, values2, getIteratee(iteratee2, 2)) : array;
          }
          function pullAllWith(array, values2, comparator) {
            return array && array.length && values2 && values2.length ? basePullAll(array, values2, undefined$1, comparator) : array;
          }
          var pullAt = flatRest(function(array, indexes) {
            var length = array == null ? 0 : array.length, result2 = baseAt(array, indexes);
            basePullAt(array, arrayMap(indexes, function(index2) {
              return isIndex(index2, length) ? +index2 : index2;
            }).sort(compareAscending));
            return result2;
          });
          function remove(array, predicate) {
            var result2 = [];
            if (!(array && array.length)) {
              return result2;
            }
            var index2 = -1, indexes = [], length = array.length;
            predicate = getIteratee(predicate, 3);
            while (++index2 < length) {
              var value = array[index2];
              if (predicate(value, index2, array)) {
                result2.push(value);
                indexes.push(index2);
              }
            }
            basePullAt(array, indexes);
            return result2;
          }
          function reverse(array) {
            return array == null ? array : nativeReverse.call(array);
          }
          function slice(array, start, end) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return [];
            }
            if (end && typeof end != "number" && isIterateeCall(array, start, end)) {
              start = 0;
              end = length;
            } else {
              start = start == null ? 0 : toInteger(start);
              end = end === undefined$1 ? length : toInteger(end);
            }
            return baseSlice(array, start, end);
          }
          function sortedIndex(array, value) {
            return baseSortedIndex(array, value);
          }
          function sortedIndexBy(array, value, iteratee2) {
            return baseSortedIndexBy(array, value, getIteratee(iteratee2, 2));
          }
          function sortedIndexOf(array, value) {
            var length = array == null ? 0 : array.length;
            if (length) {
              var index2 = baseSortedIndex(array, value);
              if (index2 < length && eq(array[index2], value)) {
                return index2;
              }
            }
            return -1;
          }
          function sortedLastIndex(array, value) {
            return baseSortedIndex(array, value, true);
          }
          function sortedLastIndexBy(array, value, iteratee2) {
            return baseSortedIndexBy(array, value, getIteratee(iteratee2, 2), true);
          }
          function sortedLastIndexOf(array, value) {
            var length = array == null ? 0 : array.length;
            if (length) {
              var index2 = baseSortedIndex(array, value, true) - 1;
              if (eq(array[index2], value)) {
                return index2;
              }
            }
            return -1;
          }
          function sortedUniq(array) {
            return array && array.length ? baseSortedUniq(array) : [];
          }
          function sortedUniqBy(array, iteratee2) {
            return array && array.length ? baseSortedUniq(array, getIteratee(iteratee2, 2)) : [];
          }
          function tail2(array) {
            var length = array == null ? 0 : array.length;
            return length ? baseSlice(array, 1, length) : [];
          }
          function take(array, n, guard) {
            if (!(array && array.length)) {
              return [];
            }
            n = guard || n === undefined$1 ? 1 : toInteger(n);
            return baseSlice(array, 0, n < 0 ? 0 : n);
          }
          function takeRight(array, n, guard) {
            var length = array == null ? 0 : array.length;
            if (!length) {
              return [];
            }
            n = guard || n === undefined$1 ? 1 : toInteger(n);
            n = length - n;
            return baseSlice(array, n < 0 ? 0 : n, length);
          }
          function takeRightWhile(array, predicate) {
            return array && array.length ? baseWhile(array, getIteratee(predicate, 3), false, true) : [];
          }
          function takeWhile(array, predicate) {
            return array && array.length ? baseWhile(array, getIteratee(predicate, 3)) : [];
          }
          var union = baseRest(function(arrays) {
            return baseUniq(baseFlatten(arrays, 1, isArrayLikeObject, true));
          });
          var unionBy = baseRest(function(arrays) {
            var iteratee2 = last(arrays);
            if (isArrayLikeObject(iteratee2)) {
              iteratee2 = undefined$1;
            }
            return baseUniq(baseFlatten(arrays, 1, isArrayLikeObject, true), getIteratee(iteratee2, 2));
          });
          var unionWith = baseRest(function(arrays) {
            var comparator = last(arrays);
            comparator = typeof comparator == "function" ? comparator : undefined$1;
            return baseUniq(baseFlatten(arrays, 1, isArrayLikeObject, true), undefined$1, comparator);
          });
          function uniq(array) {
            return array && array.length ? baseUniq(array) : [];
          }
          function uniqBy(array, iteratee2) {
            return array && array.length ? baseUniq(array, getIteratee(iteratee2, 2)) : [];
          }
          function uniqWith(array, comparator) {
            comparator = typeof comparator == "function" ? comparator : undefined$1;
            return array && array.length ? baseUniq(array, undefined$1, comparator) : [];
          }
          function unzip(array) {
            if (!(array && array.length)) {
              return [];
            }
            var length = 0;
            array = arrayFilter(array, function(group) {
              if (isArrayLikeObject(group)) {
                length = nativeMax(group.length, length);
                return true;
              }
            });
            return baseTimes(length, function(index2) {
              return arrayMap(array, baseProperty(index2));
            });
          }
          function unzipWith(array, iteratee2) {
            if (!(array && array.length)) {
              return [];
            }
            var result2 = unzip(array);
            if (iteratee2 == null) {
              return result2;
            }
            return arrayMap(result2, function(group) {
              return apply(iteratee2, undefined$1, group);
            });
          }
          var without = baseRest(function(array, values2) {
            return isArrayLikeObject(array) ? baseDifference(array, values2) : [];
          });
          var xor = baseRest(function(arrays) {
            return baseXor(arrayFilter(arrays, isArrayLikeObject));
          });
          var xorBy = baseRest(function(arrays) {
            var iteratee2 = last(arrays);
            if (isArrayLikeObject(iteratee2)) {
              iteratee2 = undefined$1;
            }
            return baseXor(arrayFilter(arrays, isArrayLikeObject), getIteratee(iteratee2, 2));
          });
          var xorWith = baseRest(function(arrays) {
            var comparator = last(arrays);
            comparator = typeof comparator == "function" ? comparator : undefined$1;
            return baseXor(arrayFilter(arrays, isArrayLikeObject), undefined$1, comparator);
          });
          var zip = baseRest(unzip);
          function zipObject(props, values2) {
            return baseZipObject(props || [], values2 || [], assignValue);
          }
          function zipObjectDeep(props, values2) {
            return baseZipObject(props || [], values2 || [], baseSet);
          }
          var zipWith = baseRest(function(arrays) {
            var length = arrays.length, iteratee2 = length > 1 ? arrays[length - 1] : undefined$1;
            iteratee2 = typeof iteratee2 == "function" ? (arrays.pop(), iteratee2) : undefined$1;
            return unzipWith(arrays, iteratee2);
          });
          function chain(value) {
            var result2 = lodash2(value);
            result2.__chain__ = true;
            return result2;
          }
          function tap(value, interceptor) {
            interceptor(value);
            return value;
          }
          function thru(value, interceptor) {
            return interceptor(value);
          }
          var wrapperAt = flatRest(function(paths) {
            var length = paths.length, start = length ? paths[0] : 0, value = this.__wrapped__, interceptor = function(object) {
              return baseAt(object, paths);
            };
            if (length > 1 || this.__actions__.length || !(value instanceof LazyWrapper) || !isIndex(start)) {
              return this.thru(interceptor);
            }
            value = value.slice(start, +start + (length ? 1 : 0));
            value.__actions__.push({
              "func": thru,
              "args": [interceptor],
              "thisArg": undefined$1
            });
            return new LodashWrapper(value, this.__chain__).thru(function(array) {
              if (length && !array.length) {
                array.push(undefined$1);
              }
              return array;
            });
          });
          function wrapperChain() {
            return chain(this);
          }
          function wrapperCommit() {
            return new LodashWrapper(this.value(), this.__chain__);
          }
          function wrapperNext() {
            if (this.__values__ === undefined$1) {
              this.__values__ = toArray(this.value());
            }
            var done = this.__index__ >= this.__values__.length, value = done ? undefined$1 : this.__values__[this.__index__++];
            return { "done": done, "value": value };
          }
          function wrapperToIterator() {
            return this;
          }
          function wrapperPlant(value) {
            var result2, parent2 = this;
            while (parent2 instanceof baseLodash) {
              var clone2 = wrapperClone(parent2);
              clone2.__index__ = 0;
              clone2.__values__ = undefined$1;
              if (result2) {
                previous.__wrapped__ = clone2;
              } else {
                result2 = clone2;
              }
              var previous = clone2;
              parent2 = parent2.__wrapped__;
            }
            previous.__wrapped__ = value;
            return result2;
          }
          function wrapperReverse() {
            var value = this.__wrapped__;
            if (value instanceof LazyWrapper) {
              var wrapped = value;
              if (this.__actions__.length) {
                wrapped = new LazyWrapper(this);
              }
              wrapped = wrapped.reverse();
              wrapped.__actions__.push({
                "func": thru,
                "args": [reverse],
                "thisArg": undefined$1
              });
              return new LodashWrapper(wrapped, this.__chain__);
            }
            return this.thru(reverse);
          }
          function wrapperValue() {
            return baseWrapperValue(this.__wrapped__, this.__actions__);
          }
          var countBy = createAggregator(function(result2, value, key) {
            if (hasOwnProperty.call(result2, key)) {
              ++result2[key];
            } else {
              baseAssignValue(result2, key, 1);
            }
          });
          function every(collection, predicate, guard) {
            var func = isArray(collection) ? arrayEvery : baseEvery;
            if (guard && isIterateeCall(collection, predicate, guard)) {
              predicate = undefined$1;
            }
            return func(collection, getIteratee(predicate, 3));
          }
          function filter(collection, predicate) {
            var func = isArray(collection) ? arrayFilter : baseFilter;
            return func(collection, getIteratee(predicate, 3));
          }
          var find = createFind(findIndex);
          var findLast = createFind(findLastIndex);
          function flatMap(collection, iteratee2) {
            return baseFlatten(map(collection, iteratee2), 1);
          }
          function flatMapDeep(collection, iteratee2) {
            return baseFlatten(map(collection, iteratee2), INFINITY);
          }
          function flatMapDepth(collection, iteratee2, depth) {
            depth = depth === undefined$1 ? 1 : toInteger(depth);
            return baseFlatten(map(collection, iteratee2), depth);
          }
          function forEach(collection, iteratee2) {
            var func = isArray(collection) ? arrayEach : baseEach;
            return func(collection, getIteratee(iteratee2, 3));
          }
          function forEachRight(collection, iteratee2) {
            var func = isArray(collection) ? arrayEachRight : baseEachRight;
            return func(collection, getIteratee(iteratee2, 3));
          }
          var groupBy = createAggregator(function(result2, value, key) {
            if (hasOwnProperty.call(result2, key)) {
              result2[key].push(value);
            } else {
              baseAssignValue(result2, key, [value]);
            }
          });
          function includes(collection, value, fromIndex, guard) {
            collection = isArrayLike(collection) ? collection : values(collection);
            fromIndex = fromIndex && !guard ? toInteger(fromIndex) : 0;
            var length = collection.length;
            if (fromIndex < 0) {
              fromIndex = nativeMax(length + fromIndex, 0);
            }
            return isString(collection) ? fromIndex <= length && collection.indexOf(value, fromIndex) > -1 : !!length && baseIndexOf(collection, value, fromIndex) > -1;
          }
          var invokeMap = baseRest(function(collection, path2, args) {
            var index2 = -1, isFunc = typeof path2 == "function", result2 = isArrayLike(collection) ? Array2(collection.length) : [];
            baseEach(collection, function(value) {
              result2[++index2] = isFunc ? apply(path2, value, args) : baseInvoke(value, path2, args);
            });
            return result2;
          });
          var keyBy = createAggregator(function(result2, value, key) {
            baseAssignValue(result2, key, value);
          });
          function map(collection, iteratee2) {
            var func = isArray(collection) ? arrayMap : baseMap;
            return func(collection, getIteratee(iteratee2, 3));
          }
          function orderBy(collection, iteratees, orders, guard) {
            if (collection == null) {
              return [];
            }
            if (!isArray(iteratees)) {
              iteratees = iteratees == null ? [] : [iteratees];
            }
            orders = guard ? undefined$1 : orders;
            if (!isArray(orders)) {
              orders = orders == null ? [] : [orders];
            }
            return baseOrderBy(collection, iteratees, orders);
          }
          var partition = createAggregator(function(result2, value, key) {
            result2[key ? 0 : 1].push(value);
          }, function() {
            return [[], []];
          });
          function reduce(collection, iteratee2, accumulator) {
            var func = isArray(collection) ? arrayReduce : baseReduce, initAccum = arguments.length < 3;
            return func(collection, getIteratee(iteratee2, 4), accumulator, initAccum, baseEach);
          }
          function reduceRight(collection, iteratee2, accumulator) {
            var func = isArray(collection) ? arrayReduceRight : baseReduce, initAccum = arguments.length < 3;
            return func(collection, getIteratee(iteratee2, 4), accumulator, initAccum, baseEachRight);
          }
          function reject(collection, predicate) {
            var func = isArray(collection) ? arrayFilter : baseFilter;
            return func(collection, negate(getIteratee(predicate, 3)));
          }
          function sample(collection) {
            var func = isArray(collection) ? arraySample : baseSample;
            return func(collection);
          }
          function sampleSize(collection, n, guard) {
            if (guard ? isIterateeCall(collection, n, guard) : n === undefined$1) {
              n = 1;
            } else {
              n = toInteger(n);
            }
            var func = isArray(collection) ? arraySampleSize : baseSampleSize;
            return func(collection, n);
          }
          function shuffle(collection) {
            var func = isArray(collection) ? arrayShuffle : baseShuffle;
            return func(collection);
          }
          function size(collection) {
            if (collection == null) {
              return 0;
            }
            if (isArrayLike(collection)) {
              return isString(collection) ? stringSize(collection) : collection.length;
            }
            var tag = getTag(collection);
            if (tag == mapTag || tag == setTag) {
              return collection.size;
            }
            return baseKeys(collection).length;
          }
          function some(collection, predicate, guard) {
            var func = isArray(collection) ? arraySome : baseSome;
            if (guard && isIterateeCall(collection, predicate, guard)) {
              predicate = undefined$1;
            }
            return func(collection, getIteratee(predicate, 3));
          }
          var sortBy = baseRest(function(collection, iteratees) {
            if (collection == null) {
              return [];
            }
            var length = iteratees.length;
            if (length > 1 && isIterateeCall(collection, iteratees[0], iteratees[1])) {
              iteratees = [];
            } else if (length > 2 && isIterateeCall(iteratees[0], iteratees[1], iteratees[2])) {
              iteratees = [iteratees[0]];
            }
            return baseOrderBy(collection, baseFlatten(iteratees, 1), []);
          });
          var now = ctxNow || function() {
            return root.Date.now();
          };
          function after(n, func) {
            if (typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            n = toInteger(n);
            return function() {
              if (--n < 1) {
                return func.apply(this, arguments);
              }
            };
          }
          function ary(func, n, guard) {
            n = guard ? undefined$1 : n;
            n = func && n == null ? func.length : n;
            return createWrap(func, WRAP_ARY_FLAG, undefined$1, undefined$1, undefined$1, undefined$1, n);
          }
          function before(n, func) {
            var result2;
            if (typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            n = toInteger(n);
            return function() {
              if (--n > 0) {
                result2 = func.apply(this, arguments);
              }
              if (n <= 1) {
                func = undefined$1;
              }
              return result2;
            };
          }
          var bind = baseRest(function(func, thisArg, partials) {
            var bitmask = WRAP_BIND_FLAG;
            if (partials.length) {
              var holders = replaceHolders(partials, getHolder(bind));
              bitmask |= WRAP_PARTIAL_FLAG;
            }
            return createWrap(func, bitmask, thisArg, partials, holders);
          });
          var bindKey = baseRest(function(object, key, partials) {
            var bitmask = WRAP_BIND_FLAG | WRAP_BIND_KEY_FLAG;
            if (partials.length) {
              var holders = replaceHolders(partials, getHolder(bindKey));
              bitmask |= WRAP_PARTIAL_FLAG;
            }
            return createWrap(key, bitmask, object, partials, holders);
          });
          function curry(func, arity, guard) {
            arity = guard ? undefined$1 : arity;
            var result2 = createWrap(func, WRAP_CURRY_FLAG, undefined$1, undefined$1, undefined$1, undefined$1, undefined$1, arity);
            result2.placeholder = curry.placeholder;
            return result2;
          }
          function curryRight(func, arity, guard) {
            arity = guard ? undefined$1 : arity;
            var result2 = createWrap(func, WRAP_CURRY_RIGHT_FLAG, undefined$1, undefined$1, undefined$1, undefined$1, undefined$1, arity);
            result2.placeholder = curryRight.placeholder;
            return result2;
          }
          function debounce(func, wait, options) {
            var lastArgs, lastThis, maxWait, result2, timerId, lastCallTime, lastInvokeTime = 0, leading = false, maxing = false, trailing = true;
            if (typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            wait = toNumber(wait) || 0;
            if (isObject(options)) {
              leading = !!options.leading;
              maxing = "maxWait" in options;
              maxWait = maxing ? nativeMax(toNumber(options.maxWait) || 0, wait) : maxWait;
              trailing = "trailing" in options ? !!options.trailing : trailing;
            }
            function invokeFunc(time) {
              var args = lastArgs, thisArg = lastThis;
              lastArgs = lastThis = undefined$1;
              lastInvokeTime = time;
              result2 = func.apply(thisArg, args);
              return result2;
            }
            function leadingEdge(time) {
              lastInvokeTime = time;
              timerId = setTimeout2(timerExpired, wait);
              return leading ? invokeFunc(time) : result2;
            }
            function remainingWait(time) {
              var timeSinceLastCall = time - lastCallTime, timeSinceLastInvoke = time - lastInvokeTime, timeWaiting = wait - timeSinceLastCall;
              return maxing ? nativeMin(timeWaiting, maxWait - timeSinceLastInvoke) : timeWaiting;
            }
            function shouldInvoke(time) {
              var timeSinceLastCall = time - lastCallTime, timeSinceLastInvoke = time - lastInvokeTime;
              return lastCallTime === undefined$1 || timeSinceLastCall >= wait || timeSinceLastCall < 0 || maxing && timeSinceLastInvoke >= maxWait;
            }
            function timerExpired() {
              var time = now();
              if (shouldInvoke(time)) {
                return trailingEdge(time);
              }
              timerId = setTimeout2(timerExpired, remainingWait(time));
            }
            function trailingEdge(time) {
              timerId = undefined$1;
              if (trailing && lastArgs) {
                return invokeFunc(time);
              }
              lastArgs = lastThis = undefined$1;
              return result2;
            }
            function cancel() {
              if (timerId !== undefined$1) {
                clearTimeout2(timerId);
              }
              lastInvokeTime = 0;
              lastArgs = lastCallTime = lastThis = timerId = undefined$1;
            }
            function flush() {
              return timerId === undefined$1 ? result2 : trailingEdge(now());
            }
            function debounced() {
              var time = now(), isInvoking = shouldInvoke(time);
              lastArgs = arguments;
              lastThis = this;
              lastCallTime = time;
              if (isInvoking) {
                if (timerId === undefined$1) {
                  return leadingEdge(lastCallTime);
                }
                if (maxing) {
                  clearTimeout2(timerId);
                  timerId = setTimeout2(timerExpired, wait);
                  return invokeFunc(lastCallTime);
                }
              }
              if (timerId === undefined$1) {
                timerId = setTimeout2(timerExpired, wait);
              }
              return result2;
            }
            debounced.cancel = cancel;
            debounced.flush = flush;
            return debounced;
          }
          var defer = baseRest(function(func, args) {
            return baseDelay(func, 1, args);
          });
          var delay = baseRest(function(func, wait, args) {
            return baseDelay(func, toNumber(wait) || 0, args);
          });
          function flip(func) {
            return createWrap(func, WRAP_FLIP_FLAG);
          }
          function memoize(func, resolver) {
            if (typeof func != "function" || resolver != null && typeof resolver != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            var memoized = function() {
              var args = arguments, key = resolver ? resolver.apply(this, args) : args[0], cache = memoized.cache;
              if (cache.has(key)) {
                return cache.get(key);
              }
              var result2 = func.apply(this, args);
              memoized.cache = cache.set(key, result2) || cache;
              return result2;
            };
            memoized.cache = new (memoize.Cache || MapCache)();
            return memoized;
          }
          memoize.Cache = MapCache;
          function negate(predicate) {
            if (typeof predicate != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            return function() {
              var args = arguments;
              switch (args.length) {
                case 0:
                  return !predicate.call(this);
                case 1:
                  return !predicate.call(this, args[0]);
                case 2:
                  return !predicate.call(this, args[0], args[1]);
                case 3:
                  return !predicate.call(this, args[0], args[1], args[2]);
              }
              return !predicate.apply(this, args);
            };
          }
          function once(func) {
            return before(2, func);
          }
          var overArgs = castRest(function(func, transforms) {
            transforms = transforms.length == 1 && isArray(transforms[0]) ? arrayMap(transforms[0], baseUnary(getIteratee())) : arrayMap(baseFlatten(transforms, 1), baseUnary(getIteratee()));
            var funcsLength = transforms.length;
            return baseRest(function(args) {
              var index2 = -1, length = nativeMin(args.length, funcsLength);
              while (++index2 < length) {
                args[index2] = transforms[index2].call(this, args[index2]);
              }
              return apply(func, this, args);
            });
          });
          var partial = baseRest(function(func, partials) {
            var holders = replaceHolders(partials, getHolder(partial));
            return createWrap(func, WRAP_PARTIAL_FLAG, undefined$1, partials, holders);
          });
          var partialRight = baseRest(function(func, partials) {
            var holders = replaceHolders(partials, getHolder(partialRight));
            return createWrap(func, WRAP_PARTIAL_RIGHT_FLAG, undefined$1, partials, holders);
          });
          var rearg = flatRest(function(func, indexes) {
            return createWrap(func, WRAP_REARG_FLAG, undefined$1, undefined$1, undefined$1, indexes);
          });
          function rest(func, start) {
            if (typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            start = start === undefined$1 ? start : toInteger(start);
            return baseRest(func, start);
          }
          function spread(func, start) {
            if (typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            start = start == null ? 0 : nativeMax(toInteger(start), 0);
            return baseRest(function(args) {
              var array = args[start], otherArgs = castSlice(args, 0, start);
              if (array) {
                arrayPush(otherArgs, array);
              }
              return apply(func, this, otherArgs);
            });
          }
          function throttle(func, wait, options) {
            var leading = true, trailing = true;
            if (typeof func != "function") {
              throw new TypeError2(FUNC_ERROR_TEXT);
            }
            if (isObject(options)) {
              leading = "leading" in options ? !!options.leading : leading;
              trailing = "trailing" in options ? !!options.trailing : trailing;
            }
            return debounce(func, wait, {
              "leading": leading,
              "maxWait": wait,
              "trailing": trailing
            });
          }
          function unary(func) {
            return ary(func, 1);
          }
          function wrap(value, wrapper) {
            return partial(castFunction(wrapper), value);
          }
          function castArray() {
            if (!arguments.length) {
              return [];
            }
            var value = arguments[0];
            return isArray(value) ? value : [value];
          }
          function clone(value) {
            return baseClone(value, CLONE_SYMBOLS_FLAG);
          }
          function cloneWith(value, customizer) {
            customizer = typeof customizer == "function" ? customizer : undefined$1;
            return baseClone(value, CLONE_SYMBOLS_FLAG, customizer);
          }
          function cloneDeep(value) {
            return baseClone(value, CLONE_DEEP_FLAG | CLONE_SYMBOLS_FLAG);
          }
          function cloneDeepWith(value, customizer) {
            customizer = typeof customizer == "function" ? customizer : undefined$1;
            return baseClone(value, CLONE_DEEP_FLAG | CLONE_SYMBOLS_FLAG, customizer);
          }
          function conformsTo(object, source) {
            return source == null || baseConformsTo(object, source, keys(source));
          }
          function eq(value, other) {
            return value === other || value !== value && other !== other;
          }
          var gt = createRelationalOperation(baseGt);
          var gte = createRelationalOperation(function(value, other) {
            return value >= other;
          });
          var isArguments = baseIsArguments(/* @__PURE__ */ (function() {
            return arguments;
          })()) ? baseIsArguments : function(value) {
            return isObjectLike(value) && hasOwnProperty.call(value, "callee") && !propertyIsEnumerable.call(value, "callee");
          };
          var isArray = Array2.isArray;
          var isArrayBuffer = nodeIsArrayBuffer ? baseUnary(nodeIsArrayBuffer) : baseIsArrayBuffer;
          function isArrayLike(value) {
            return value != null && isLength(value.length) && !isFunction(value);
          }
          function isArrayLikeObject(value) {
            return isObjectLike(value) && isArrayLike(value);
          }
          function isBoolean(value) {
            return value === true || value === false || isObjectLike(value) && baseGetTag(value) == boolTag;
          }
          var isBuffer = nativeIsBuffer || stubFalse;
          var isDate = nodeIsDate ? baseUnary(nodeIsDate) : baseIsDate;
          function isElement(value) {
            return isObjectLike(value) && value.nodeType === 1 && !isPlainObject(value);
          }
          function isEmpty(value) {
            if (value == null) {
              return true;
            }
            if (isArrayLike(value) && (isArray(value) || typeof value == "string" || typeof value.splice == "function" || isBuffer(value) || isTypedArray(value) || isArguments(value))) {
              return !value.length;
            }
            var tag = getTag(value);
            if (tag == mapTag || tag == setTag) {
              return !value.size;
            }
            if (isPrototype(value)) {
              return !baseKeys(value).length;
            }
            for (var key in value) {
              if (hasOwnProperty.call(value, key)) {
                return false;
              }
            }
            return true;
          }
          function isEqual(value, other) {
            return baseIsEqual(value, other);
          }
          function isEqualWith(value, other, customizer) {
            customizer = typeof customizer == "function" ? customizer : undefined$1;
            var result2 = customizer ? customizer(value, other) : undefined$1;
            return result2 === undefined$1 ? baseIsEqual(value, other, undefined$1, customizer) : !!result2;
          }
          function isError(value) {
            if (!isObjectLike(value)) {
              return false;
            }
            var tag = baseGetTag(value);
            return tag == errorTag || tag == domExcTag || typeof value.message == "string" && typeof value.name == "string" && !isPlainObject(value);
          }
          function isFinite(value) {
            return typeof value == "number" && nativeIsFinite(value);
          }
          function isFunction(value) {
            if (!isObject(value)) {
              return false;
            }
            var tag = baseGetTag(value);
            return tag == funcTag || tag == genTag || tag == asyncTag || tag == proxyTag;
          }
          function isInteger(value) {
            return typeof value == "number" && value == toInteger(value);
          }
          function isLength(value) {
            return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER;
          }
          function isObject(value) {
            var type = typeof value;
            return value != null && (type == "object" || type == "function");
          }
          function isObjectLike(value) {
            return value != null && typeof value == "object";
          }
          var isMap3 = nodeIsMap ? baseUnary(nodeIsMap) : baseIsMap;
          function isMatch(object, source) {
            return object === source || baseIsMatch(object, source, getMatchData(source));
          }
          function isMatchWith(object, source, customizer) {
            customizer = typeof customizer == "function" ? customizer : undefined$1;
            return baseIsMatch(object, source, getMatchData(source), customizer);
          }
          function isNaN2(value) {
            return isNumber(value) && value != +value;
          }
          function isNative(value) {
            if (isMaskable(value)) {
              throw new Error2(CORE_ERROR_TEXT);
            }
            return baseIsNative(value);
          }
          function isNull(value) {
            return value === null;
          }
          function isNil(value) {
            return value == null;
          }
          function isNumber(value) {
            return typeof value == "number" || isObjectLike(value) && baseGetTag(value) == numberTag;
          }
          function isPlainObject(value) {
            if (!isObjectLike(value) || baseGetTag(value) != objectTag) {
              return false;
            }
            var proto = getPrototype(value);
            if (proto === null) {
              return true;
            }
            var Ctor = hasOwnProperty.call(proto, "constructor") && proto.constructor;
            return typeof Ctor == "function" && Ctor instanceof Ctor && funcToString.call(Ctor) == objectCtorString;
          }
          var isRegExp = nodeIsRegExp ? baseUnary(nodeIsRegExp) : baseIsRegExp;
          function isSafeInteger(value) {
            return isInteger(value) && value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER;
          }
          var isSet = nodeIsSet ? baseUnary(nodeIsSet) : baseIsSet;
          function isString(value) {
            return typeof value == "string" || !isArray(value) && isObjectLike(value) && baseGetTag(value) == stringTag;
          }
          function isSymbol(value) {
            return typeof value == "symbol" || isObjectLike(value) && baseGetTag(value) == symbolTag;
          }
          var isTypedArray = nodeIsTypedArray ? baseUnary(nodeIsTypedArray) : baseIsTypedArray;
          function isUndefined(value) {
            return value === undefined$1;
          }
          function isWeakMap(value) {
            return isObjectLike(value) && getTag(value) == weakMapTag;
          }
          function isWeakSet(value) {
            return isObjectLike(value) && baseGetTag(value) == weakSetTag;
          }
          var lt = createRelationalOperation(baseLt);
          var lte = createRelationalOperation(function(value, other) {
            return value <= other;
          });
          function toArray(value) {
            if (!value) {
              return [];
            }
            if (isArrayLike(value)) {
              return isString(value) ? stringToArray(value) : copyArray(value);
            }
            if (symIterator && value[symIterator]) {
              return iteratorToArray(value[symIterator]());
            }
            var tag = getTag(value), func = tag == mapTag ? mapToArray : tag == setTag ? setToArray : values;
            return func(value);
          }
          function toFinite(value) {
            if (!value) {
              return value === 0 ? value : 0;
            }
            value = toNumber(value);
            if (value === INFINITY || value === -INFINITY) {
              var sign = value < 0 ? -1 : 1;
              return sign * MAX_INTEGER;
            }
            return value === value ? value : 0;
          }
          function toInteger(value) {
            var result2 = toFinite(value), remainder = result2 % 1;
            return result2 === result2 ? remainder ? result2 - remainder : result2 : 0;
          }
          function toLength(value) {
            return value ? baseClamp(toInteger(value), 0, MAX_ARRAY_LENGTH) : 0;
          }
          function toNumber(value) {
            if (typeof value == "number") {
              return value;
            }
            if (isSymbol(value)) {
              return NAN;
            }
            if (isObject(value)) {
              var other = typeof value.valueOf == "function" ? value.valueOf() : value;
              value = isObject(other) ? other + "" : other;
            }
            if (typeof value != "string") {
              return value === 0 ? value : +value;
            }
            value = baseTrim(value);
            var isBinary = reIsBinary.test(value);
            return isBinary || reIsOctal.test(value) ? freeParseInt(value.slice(2), isBinary ? 2 : 8) : reIsBadHex.test(value) ? NAN : +value;
          }
          function toPlainObject(value) {
            return copyObject(value, keysIn(value));
          }
          function toSafeInteger(value) {
            return value ? baseClamp(toInteger(value), -MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) : value === 0 ? value : 0;
          }
          function toString(value) {
            return value == null ? "" : baseToString(value);
          }
          var assign = createAssigner(function(object, source) {
            if (isPrototype(source) || isArrayLike(source)) {
              copyObject(source, keys(source), object);
              return;
            }
            for (var key in source) {
              if (hasOwnProperty.call(source, key)) {
                assignValue(object, key, source[key]);
              }
            }
          });
          var assignIn = createAssigner(function(object, source) {
            copyObject(source, keysIn(source), object);
          });
          var assignInWith = createAssigner(function(object, source, srcIndex, customizer) {
            copyObject(source, keysIn(source), object, customizer);
          });
          var assignWith = createAssigner(function(object, source, srcIndex, customizer) {
            copyObject(source, keys(source), object, customizer);
          });
          var at = flatRest(baseAt);
          function create(prototype, properties) {
            var result2 = baseCreate(prototype);
            return properties == null ? result2 : baseAssign(result2, properties);
          }
          var defaults = baseRest(function(object, sources) {
            object = Object2(object);
            var index2 = -1;
            var length = sources.length;
            var guard = length > 2 ? sources[2] : undefined$1;
            if (guard && isIterateeCall(sources[0], sources[1], guard)) {
              length = 1;
            }
            while (++index2 < length) {
              var source = sources[index2];
              var props = keysIn(source);
              var propsIndex = -1;
              var propsLength = props.length;
              while (++propsIndex < propsLength) {
                var key = props[propsIndex];
                var value = object[key];
                if (value === undefined$1 || eq(value, objectProto[key]) && !hasOwnProperty.call(object, key)) {
                  object[key] = source[key];
                }
              }
            }
            return object;
          });
          var defaultsDeep = baseRest(function(args) {
            args.push(undefined$1, customDefaultsMerge);
            return apply(mergeWith, undefined$1, args);
          });
          function findKey(object, predicate) {
            return baseFindKey(object, getIteratee(predicate, 3), baseForOwn);
          }
          function findLastKey(object, predicate) {
            return baseFindKey(object, getIteratee(predicate, 3), baseForOwnRight);
          }
          function forIn(object, iteratee2) {
            return object == null ? object : baseFor(object, getIteratee(iteratee2, 3), keysIn);
          }
          function forInRight(object, iteratee2) {
            return object == null ? object : baseForRight(object, getIteratee(iteratee2, 3), keysIn);
          }
          function forOwn(object, iteratee2) {
            return object && baseForOwn(object, getIteratee(iteratee2, 3));
          }
          function forOwnRight(object, iteratee2) {
            return object && baseForOwnRight(object, getIteratee(iteratee2, 3));
          }
          function functions(object) {
            return object == null ? [] : baseFunctions(object, keys(object));
          }
          function functionsIn(object) {
            return object == null ? [] : baseFunctions(object, keysIn(object));
          }
          function get(object, path2, defaultValue) {
            var result2 = object == null ? undefined$1 : baseGet(object, path2);
            return result2 === undefined$1 ? defaultValue : result2;
          }
          function has(object, path2) {
            return object != null && hasPath(object, path2, baseHas);
          }
          function hasIn(object, path2) {
            return object != null && hasPath(object, path2, baseHasIn);
          }
          var invert = createInverter(function(result2, value, key) {
            if (value != null && typeof value.toString != "function") {
              value = nativeObjectToString.call(value);
            }
            result2[value] = key;
          }, constant(identity));
          var invertBy = createInverter(function(result2, value, key) {
            if (value != null && typeof value.toString != "function") {
              value = nativeObjectToString.call(value);
            }
            if (hasOwnProperty.call(result2, value)) {
              result2[value].push(key);
            } else {
              result2[value] = [key];
            }
          }, getIteratee);
          var invoke = baseRest(baseInvoke);
          function keys(object) {
            return isArrayLike(object) ? arrayLikeKeys(object) : baseKeys(object);
          }
          function keysIn(object) {
            return isArrayLike(object) ? arrayLikeKeys(object, true) : baseKeysIn(object);
          }
          function mapKeys(object, iteratee2) {
            var result2 = {};
            iteratee2 = getIteratee(iteratee2, 3);
            baseForOwn(object, function(value, key, object2) {
              baseAssignValue(result2, iteratee2(value, key, object2), value);
            });
            return result2;
          }
          function mapValues(object, iteratee2) {
            var result2 = {};
            iteratee2 = getIteratee(iteratee2, 3);
            baseForOwn(object, function(value, key, object2) {
              baseAssignValue(result2, key, iteratee2(value, key, object2));
            });
            return result2;
          }
          var merge = createAssigner(function(object, source, srcIndex) {
            baseMerge(object, source, srcIndex);
          });
          var mergeWith = createAssigner(function(object, source, srcIndex, customizer) {
            baseMerge(object, source, srcIndex, customizer);
          });
          var omit = flatRest(function(object, paths) {
            var result2 = {};
            if (object == null) {
              return result2;
            }
            var isDeep = false;
            paths = arrayMap(paths, function(path2) {
              path2 = castPath(path2, object);
              isDeep || (isDeep = path2.length > 1);
              return path2;
            });
            copyObject(object, getAllKeysIn(object), result2);
            if (isDeep) {
              result2 = baseClone(result2, CLONE_DEEP_FLAG | CLONE_FLAT_FLAG | CLONE_SYMBOLS_FLAG, customOmitClone);
            }
            var length = paths.length;
            while (length--) {
              baseUnset(result2, paths[length]);
            }
            return result2;
          });
          function omitBy(object, predicate) {
            return pickBy(object, negate(getIteratee(predicate)));
          }
          var pick = flatRest(function(object, paths) {
            return object == null ? {} : basePick(object, paths);
          });
          function pickBy(object, predicate) {
            if (object == null) {
              return {};
            }
            var props = arrayMap(getAllKeysIn(object), function(prop) {
              return [prop];
            });
            predicate = getIteratee(predicate);
            return basePickBy(object, props, function(value, path2) {
              return predicate(value, path2[0]);
            });
          }
          function result(object, path2, defaultValue) {
            path2 = castPath(path2, object);
            var index2 = -1, length = path2.length;
            if (!length) {
              length = 1;
              object = undefined$1;
            }
            while (++index2 < length) {
              var value = object == null ? undefined$1 : object[toKey(path2[index2])];
              if (value === undefined$1) {
                index2 = length;
                value = defaultValue;
              }
              object = isFunction(value) ? value.call(object) : value;
            }
            return object;
          }
          function set(object, path2, value) {
            return object == null ? object : baseSet(object, path2, value);
          }
          function setWith(object, path2, value, customizer) {
            customizer = typeof customizer == "function" ? customizer : undefined$1;
            return object == null ? object : baseSet(object, path2, value, customizer);
          }
          var toPairs = createToPairs(keys);
          var toPairsIn = createToPairs(keysIn);
          function transform(object, iteratee2, accumulator) {
            var isArr = isArray(object), isArrLike = isArr || isBuffer(object) || isTypedArray(object);
            iteratee2 = getIteratee(iteratee2, 4);
            if (accumulator == null) {
              var Ctor = object && object.constructor;
              if (isArrLike) {
                accumulator = isArr ? new Ctor() : [];
              } else if (isObject(object)) {
                accumulator = isFunction(Ctor) ? baseCreate(getPrototype(object)) : {};
              } else {
                accumulator = {};
              }
            }
            (isArrLike ? arrayEach : baseForOwn)(object, function(value, index2, object2) {
              return iteratee2(accumulator, value, index2, object2);
            });
            return accumulator;
          }
          function unset(object, path2) {
            return object == null ? true : baseUnset(object, path2);
          }
          function update(object, path2, updater) {
            return object == null ? object : baseUpdate(object, path2, castFunction(updater));
          }
          function updateWith(object, path2, updater, customizer) {
            customizer = typeof customizer == "function" ? customizer : undefined$1;
            return object == null ? object : baseUpdate(object, path2, castFunction(updater), customizer);
          }
          function values(object) {
            return object == null ? [] : baseValues(object, keys(object));
          }
          function valuesIn(object) {
            return object == null ? [] : baseValues(object, keysIn(object));
          }
          function clamp(number, lower, upper) {
            if (upper === undefined$1) {
              upper = lower;
              lower = undefined$1;
            }
            if (upper !== undefined$1) {
              upper = toNumber(upper);
              upper = upper === upper ? upper : 0;
            }
            if (lower !== undefined$1) {
              lower = toNumber(lower);
              lower = lower === lower ? lower : 0;
            }
            return baseClamp(toNumber(number), lower, upper);
          }
          function inRange(number, start, end) {
            start = toFinite(start);
            if (end === undefined$1) {
              end = start;
              start = 0;
            } else {
              end = toFinite(end);
            }
            number = toNumber(number);
            return baseInRange(number, start, end);
          }
          function random(lower, upper, floating) {
            if (floating && typeof floating != "boolean" && isIterateeCall(lower, upper, floating)) {
              upper = floating = undefined$1;
            }
            if (floating === undefined$1) {
              if (typeof upper == "boolean") {
                floating = upper;
                upper = undefined$1;
              } else if (typeof lower == "boolean") {
                floating = lower;
                lower = undefined$1;
              }
            }
            if (lower === undefined$1 && upper === undefined$1) {
              lower = 0;
              upper = 1;
            } else {
              lower = toFinite(lower);
              if (upper === undefined$1) {
                upper = lower;
                lower = 0;
              } else {
                upper = toFinite(upper);
              }
            }
            if (lower > upper) {
              var temp = lower;
              lower = upper;
              upper = temp;
            }
            if (floating || lower % 1 || upper % 1) {
              var rand = nativeRandom();
              return nativeMin(lower + rand * (upper - lower + freeParseFloat("1e-" + ((rand + "").length - 1))), upper);
            }
            return baseRandom(lower, upper);
          }
          var camelCase = createCompounder(function(result2, word, index2) {
            word = word.toLowerCase();
            return result2 + (index2 ? capitalize(word) : word);
          });
          function capitalize(string) {
            return upperFirst(toString(string).toLowerCase());
          }
          function deburr(string) {
            string = toString(string);
            return string && string.replace(reLatin, deburrLetter).replace(reComboMark, "");
          }
          function endsWith(string, target, position) {
            string = toString(string);
            target = baseToString(target);
            var length = string.length;
            position = position === undefined$1 ? length : baseClamp(toInteger(position), 0, length);
            var end = position;
            position -= target.length;
            return position >= 0 && string.slice(position, end) == target;
          }
          function escape(string) {
            string = toString(string);
            return string && reHasUnescapedHtml.test(string) ? string.replace(reUnescapedHtml, escapeHtmlChar) : string;
          }
          function escapeRegExp(string) {
            string = toString(string);
            return string && reHasRegExpChar.test(string) ? string.replace(reRegExpChar, "\\$&") : string;
          }
          var kebabCase = createCompounder(function(result2, word, index2) {
            return result2 + (index2 ? "-" : "") + word.toLowerCase();
          });
          var lowerCase = createCompounder(function(result2, word, index2) {
            return result2 + (index2 ? " " : "") + word.toLowerCase();
          });
          var lowerFirst = createCaseFirst("toLowerCase");
          function pad(string, length, chars) {
            string = toString(string);
            length = toInteger(length);
            var strLength = length ? stringSize(string) : 0;
            if (!length || strLength >= length) {
              return string;
            }
            var mid = (length - strLength) / 2;
            return createPadding(nativeFloor(mid), chars) + string + createPadding(nativeCeil(mid), chars);
          }
          function padEnd(string, length, chars) {
            string = toString(string);
            length = toInteger(length);
            var strLength = length ? stringSize(string) : 0;
            return length && strLength < length ? string + createPadding(length - strLength, chars) : string;
          }
          function padStart(string, length, chars) {
            string = toString(string);
            length = toInteger(length);
            var strLength = length ? stringSize(string) : 0;
            return length && strLength < length ? createPadding(length - strLength, chars) + string : string;
          }
          function parseInt2(string, radix, guard) {
            if (guard || radix == null) {
              radix = 0;
            } else if (radix) {
              radix = +radix;
            }
            return nativeParseInt(toString(string).replace(reTrimStart, ""), radix || 0);
          }
          function repeat(string, n, guard) {
            if (guard ? isIterateeCall(string, n, guard) : n === undefined$1) {
              n = 1;
            } else {
              n = toInteger(n);
            }
            return baseRepeat(toString(string), n);
          }
          function replace() {
            var args = arguments, string = toString(args[0]);
            return args.length < 3 ? string : string.replace(args[1], args[2]);
          }
          var snakeCase = createCompounder(function(result2, word, index2) {
            return result2 + (index2 ? "_" : "") + word.toLowerCase();
          });
          function split(string, separator, limit) {
            if (limit && typeof limit != "number" && isIterateeCall(string, separator, limit)) {
              separator = limit = undefined$1;
            }
            limit = limit === undefined$1 ? MAX_ARRAY_LENGTH : limit >>> 0;
            if (!limit) {
              return [];
            }
            string = toString(string);
            if (string && (typeof separator == "string" || separator != null && !isRegExp(separator))) {
              separator = baseToString(separator);
              if (!separator && hasUnicode(string)) {
                return castSlice(stringToArray(string), 0, limit);
              }
            }
            return string.split(separator, limit);
          }
          var startCase = createCompounder(function(result2, word, index2) {
            return result2 + (index2 ? " " : "") + upperFirst(word);
          });
          function startsWith(string, target, position) {
            string = toString(string);
            position = position == null ? 0 : baseClamp(toInteger(position), 0, string.length);
            target = baseToString(target);
            return string.slice(position, position + target.length) == target;
          }
          function template(string, options, guard) {
            var settings = lodash2.templateSettings;
            if (guard && isIterateeCall(string, options, guard)) {
              options = undefined$1;
            }
            string = toString(string);
            options = assignWith({}, options, settings, customDefaultsAssignIn);
            var imports = assignWith({}, options.imports, settings.imports, customDefaultsAssignIn), importsKeys = keys(imports), importsValues = baseValues(imports, importsKeys);
            arrayEach(importsKeys, function(key) {
              if (reForbiddenIdentifierChars.test(key)) {
                throw new Error2(INVALID_TEMPL_IMPORTS_ERROR_TEXT);
              }
            });
            var isEscaping, isEvaluating, index2 = 0, interpolate = options.interpolate || reNoMatch, source = "__p += '";
            var reDelimiters = RegExp2(
              (options.escape || reNoMatch).source + "|" + interpolate.source + "|" + (interpolate === reInterpolate ? reEsTemplate : reNoMatch).source + "|" + (options.evaluate || reNoMatch).source + "|$",
              "g"
            );
            var sourceURL = "//# sourceURL=" + (hasOwnProperty.call(options, "sourceURL") ? (options.sourceURL + "").replace(/\s/g, " ") : "lodash.templateSources[" + ++templateCounter + "]") + "\n";
            string.replace(reDelimiters, function(match, escapeValue, interpolateValue, esTemplateValue, evaluateValue, offset) {
              interpolateValue || (interpolateValue = esTemplateValue);
              source += string.slice(index2, offset).replace(reUnescapedString, escapeStringChar);
              if (escapeValue) {
                isEscaping = true;
                source += "' +\n__e(" + escapeValue + ") +\n'";
              }
              if (evaluateValue) {
                isEvaluating = true;
                source += "';\n" + evaluateValue + ";\n__p += '";
              }
              if (interpolateValue) {
                source += "' +\n((__t = (" + interpolateValue + ")) == null ? '' : __t) +\n'";
              }
              index2 = offset + match.length;
              return match;
            });
            source += "';\n";
            var variable = hasOwnProperty.call(options, "variable") && options.variable;
            if (!variable) {
              source = "with (obj) {\n" + source + "\n}\n";
            } else if (reForbiddenIdentifierChars.test(variable)) {
              throw new Error2(INVALID_TEMPL_VAR_ERROR_TEXT);
            }
            source = (isEvaluating ? source.replace(reEmptyStringLeading, "") : source).replace(reEmptyStringMiddle, "$1").replace(reEmptyStringTrailing, "$1;");
            source = "function(" + (variable || "obj") + ") {\n" + (variable ? "" : "obj || (obj = {});\n") + "var __t, __p = ''" + (isEscaping ? ", __e = _.escape" : "") + (isEvaluating ? ", __j = Array.prototype.join;\nfunction print() { __p += __j.call(arguments, '') }\n" : ";\n") + source + "return __p\n}";
            var result2 = attempt(function() {
              return Function2(importsKeys, sourceURL + "return " + source).apply(undefined$1, importsValues);
            });
            result2.source = source;
            if (isError(result2)) {
              throw result2;
            }
            return result2;
          }
          function toLower(value) {
            return toString(value).toLowerCase();
          }
          function toUpper(value) {
            return toString(value).toUpperCase();
          }
          function trim(string, chars, guard) {
            string = toString(string);
            if (string && (guard || chars === undefined$1)) {
              return baseTrim(string);
            }
            if (!string || !(chars = baseToString(chars))) {
              return string;
            }
            var strSymbols = stringToArray(string), chrSymbols = stringToArray(chars), start = charsStartIndex(strSymbols, chrSymbols), end = charsEndIndex(strSymbols, chrSymbols) + 1;
            return castSlice(strSymbols, start, end).join("");
          }
          function trimEnd(string, chars, guard) {
            string = toString(string);
            if (string && (guard || chars === undefined$1)) {
              return string.slice(0, trimmedEndIndex(string) + 1);
            }
            if (!string || !(chars = baseToString(chars))) {
              return string;
            }
            var strSymbols = stringToArray(string), end = charsEndIndex(strSymbols, stringToArray(chars)) + 1;
            return castSlice(strSymbols, 0, end).join("");
          }
          function trimStart(string, chars, guard) {
            string = toString(string);
            if (string && (guard || chars === undefined$1)) {
              return string.replace(reTrimStart, "");
            }
            if (!string || !(chars = baseToString(chars))) {
              return string;
            }
            var strSymbols = stringToArray(string), start = charsStartIndex(strSymbols, stringToArray(chars));
            return castSlice(strSymbols, start).join("");
          }
          function truncate(string, options) {
            var length = DEFAULT_TRUNC_LENGTH, omission = DEFAULT_TRUNC_OMISSION;
            if (isObject(options)) {
              var separator = "separator" in options ? options.separator : separator;
              length = "length" in options ? toInteger(options.length) : length;
              omission = "omission" in options ? baseToString(options.omission) : omission;
            }
            string = toString(string);
            var strLength = string.length;
            if (hasUnicode(string)) {
              var strSymbols = stringToArray(string);
              strLength = strSymbols.length;
            }
            if (length >= strLength) {
              return string;
            }
            var end = length - stringSize(omission);
            if (end < 1) {
              return omission;
            }
            var result2 = strSymbols ? castSlice(strSymbols, 0, end).join("") : string.slice(0, end);
            if (separator === undefined$1) {
              return result2 + omission;
            }
            if (strSymbols) {
              end += result2.length - end;
            }
            if (isRegExp(separator)) {
              if (string.slice(end).search(separator)) {
                var match, substring = result2;
                if (!separator.global) {
                  separator = RegExp2(separator.source, toString(reFlags.exec(separator)) + "g");
                }
                separator.lastIndex = 0;
                while (match = separator.exec(substring)) {
                  var newEnd = match.index;
                }
                result2 = result2.slice(0, newEnd === undefined$1 ? end : newEnd);
              }
            } else if (string.indexOf(baseToString(separator), end) != end) {
              var index2 = result2.lastIndexOf(separator);
              if (index2 > -1) {
                result2 = result2.slice(0, index2);
              }
            }
            return result2 + omission;
          }
          function unescape(string) {
            string = toString(string);
            return string && reHasEscapedHtml.test(string) ? string.replace(reEscapedHtml, unescapeHtmlChar) : string;
          }
          var upperCase = createCompounder(function(result2, word, index2) {
            return result2 + (index2 ? " " : "") + word.toUpperCase();
          });
          var upperFirst = createCaseFirst("toUpperCase");
          function words(string, pattern, guard) {
            string = toString(string);
            pattern = guard ? undefined$1 : pattern;
            if (pattern === undefined$1) {
              return hasUnicodeWord(string) ? unicodeWords(string) : asciiWords(string);
            }
            return string.match(pattern) || [];
          }
          var attempt = baseRest(function(func, args) {
            try {
              return apply(func, undefined$1, args);
            } catch (e) {
              return isError(e) ? e : new Error2(e);
            }
          });
          var bindAll = flatRest(function(object, methodNames) {
            arrayEach(methodNames, function(key) {
              key = toKey(key);
              baseAssignValue(object, key, bind(object[key], object));
            });
            return object;
          });
          function cond(pairs) {
            var length = pairs == null ? 0 : pairs.length, toIteratee = getIteratee();
            pairs = !length ? [] : arrayMap(pairs, function(pair) {
              if (typeof pair[1] != "function") {
                throw new TypeError2(FUNC_ERROR_TEXT);
              }
              return [toIteratee(pair[0]), pair[1]];
            });
            return baseRest(function(args) {
              var index2 = -1;
              while (++index2 < length) {
                var pair = pairs[index2];
                if (apply(pair[0], this, args)) {
                  return apply(pair[1], this, args);
                }
              }
            });
          }
          function conforms(source) {
            return baseConforms(baseClone(source, CLONE_DEEP_FLAG));
          }
          function constant(value) {
            return function() {
              return value;
            };
          }
          function defaultTo(value, defaultValue) {
            return value == null || value !== value ? defaultValue : value;
          }
          var flow = createFlow();
          var flowRight = createFlow(true);
          function identity(value) {
            return value;
          }
          function iteratee(func) {
            return baseIteratee(typeof func == "function" ? func : baseClone(func, CLONE_DEEP_FLAG));
          }
          function matches2(source) {
            return baseMatches(baseClone(source, CLONE_DEEP_FLAG));
          }
          function matchesProperty(path2, srcValue) {
            return baseMatchesProperty(path2, baseClone(srcValue, CLONE_DEEP_FLAG));
          }
          var method = baseRest(function(path2, args) {
            return function(object) {
              return baseInvoke(object, path2, args);
            };
          });
          var methodOf = baseRest(function(object, args) {
            return function(path2) {
              return baseInvoke(object, path2, args);
            };
          });
          function mixin(object, source, options) {
            var props = keys(source), methodNames = baseFunctions(source, props);
            if (options == null && !(isObject(source) && (methodNames.length || !props.length))) {
              options = source;
              source = object;
              object = this;
              methodNames = baseFunctions(source, keys(source));
            }
            var chain2 = !(isObject(options) && "chain" in options) || !!options.chain, isFunc = isFunction(object);
            arrayEach(methodNames, function(methodName) {
              var func = source[methodName];
              object[methodName] = func;
              if (isFunc) {
                object.prototype[methodName] = function() {
                  var chainAll = this.__chain__;
                  if (chain2 || chainAll) {
                    var result2 = object(this.__wrapped__), actions = result2.__actions__ = copyArray(this.__actions__);
                    actions.push({ "func": func, "args": arguments, "thisArg": object });
                    result2.__chain__ = chainAll;
                    return result2;
                  }
                  return func.apply(object, arrayPush([this.value()], arguments));
                };
              }
            });
            return object;
          }
          function noConflict() {
            if (root._ === this) {
              root._ = oldDash;
            }
            return this;
          }
          function noop() {
          }
          function nthArg(n) {
            n = toInteger(n);
            return baseRest(function(args) {
              return baseNth(args, n);
            });
          }
          var over = createOver(arrayMap);
          var overEvery = createOver(arrayEvery);
          var overSome = createOver(arraySome);
          function property(path2) {
            return isKey(path2) ? baseProperty(toKey(path2)) : basePropertyDeep(path2);
          }
          function propertyOf(object) {
            return function(path2) {
              return object == null ? undefined$1 : baseGet(object, path2);
            };
          }
          var range = createRange();
          var rangeRight = createRange(true);
          function stubArray() {
            return [];
          }
          function stubFalse() {
            return false;
          }
          function stubObject() {
            return {};
          }
          function stubString() {
            return "";
          }
          function stubTrue() {
            return true;
          }
          function times(n, iteratee2) {
            n = toInteger(n);
            if (n < 1 || n > MAX_SAFE_INTEGER) {
              return [];
            }
            var index2 = MAX_ARRAY_LENGTH, length = nativeMin(n, MAX_ARRAY_LENGTH);
            iteratee2 = getIteratee(iteratee2);
            n -= MAX_ARRAY_LENGTH;
            var result2 = baseTimes(length, iteratee2);
            while (++index2 < n) {
              iteratee2(index2);
            }
            return result2;
          }
          function toPath(value) {
            if (isArray(value)) {
              return arrayMap(value, toKey);
            }
            return isSymbol(value) ? [value] : copyArray(stringToPath(toString(value)));
          }
          function uniqueId(prefix) {
            var id = ++idCounter;
            return toString(prefix) + id;
          }
          var add = createMathOperation(function(augend, addend) {
            return augend + addend;
          }, 0);
          var ceil = createRound("ceil");
          var divide = createMathOperation(function(dividend, divisor) {
            return dividend / divisor;
          }, 1);
          var floor = createRound("floor");
          function max(array) {
            return array && array.length ? baseExtremum(array, identity, baseGt) : undefined$1;
          }
          function maxBy(array, iteratee2) {
            return array && array.length ? baseExtremum(array, getIteratee(iteratee2, 2), baseGt) : undefined$1;
          }
          function mean(array) {
            return baseMean(array, identity);
          }
          function meanBy(array, iteratee2) {
            return baseMean(array, getIteratee(iteratee2, 2));
          }
          function min(array) {
            return array && array.length ? baseExtremum(array, identity, baseLt) : undefined$1;
          }
          function minBy(array, iteratee2) {
            return array && array.length ? baseExtremum(array, getIteratee(iteratee2, 2), baseLt) : undefined$1;
          }
          var multiply = createMathOperation(function(multiplier, multiplicand) {
            return multiplier * multiplicand;
          }, 1);
          var round = createRound("round");
          var subtract = createMathOperation(function(minuend, subtrahend) {
            return minuend - subtrahend;
          }, 0);
          function sum(array) {
            return array && array.length ? baseSum(array, identity) : 0;
          }
          function sumBy(array, iteratee2) {
            return array && array.length ? baseSum(array, getIteratee(iteratee2, 2)) : 0;
          }
          lodash2.after = after;
          lodash2.ary = ary;
          lodash2.assign = assign;
          lodash2.assignIn = assignIn;
          lodash2.assignInWith = assignInWith;
          lodash2.assignWith = assignWith;
          lodash2.at = at;
          lodash2.before = before;
          lodash2.bind = bind;
          lodash2.bindAll = bindAll;
          lodash2.bindKey = bindKey;
          lodash2.castArray = castArray;
          lodash2.chain = chain;
          lodash2.chunk = chunk;
          lodash2.compact = compact;
          lodash2.concat = concat;
          lodash2.cond = cond;
          lodash2.conforms = conforms;
          lodash2.constant = constant;
          lodash2.countBy = countBy;
          lodash2.create = create;
          lodash2.curry = curry;
          lodash2.curryRight = curryRight;
          lodash2.debounce = debounce;
          lodash2.defaults = defaults;
          lodash2.defaultsDeep = defaultsDeep;
          lodash2.defer = defer;
          lodash2.delay = delay;
          lodash2.difference = difference;
          lodash2.differenceBy = differenceBy;
          lodash2.differenceWith = differenceWith;
          lodash2.drop = drop;
          lodash2.dropRight = dropRight;
          lodash2.dropRightWhile = dropRightWhile;
          lodash2.dropWhile = dropWhile;
          lodash2.fill = fill;
          lodash2.filter = filter;
          lodash2.flatMap = flatMap;
          lodash2.flatMapDeep = flatMapDeep;
          lodash2.flatMapDepth = flatMapDepth;
          lodash2.flatten = flatten;
          lodash2.flattenDeep = flattenDeep;
          lodash2.flattenDepth = flattenDepth;
          lodash2.flip = flip;
          lodash2.flow = flow;
          lodash2.flowRight = flowRight;
          lodash2.fromPairs = fromPairs;
          lodash2.functions = functions;
          lodash2.functionsIn = functionsIn;
          lodash2.groupBy = groupBy;
          lodash2.initial = initial;
          lodash2.intersection = intersection;
          lodash2.intersectionBy = intersectionBy;
          lodash2.intersectionWith = intersectionWith;
          lodash2.invert = invert;
          lodash2.invertBy = invertBy;
          lodash2.invokeMap = invokeMap;
          lodash2.iteratee = iteratee;
          lodash2.keyBy = keyBy;
          lodash2.keys = keys;
          lodash2.keysIn = keysIn;
          lodash2.map = map;
          lodash2.mapKeys = mapKeys;
          lodash2.mapValues = mapValues;
          lodash2.matches = matches2;
          lodash2.matchesProperty = matchesProperty;
          lodash2.memoize = memoize;
          lodash2.merge = merge;
          lodash2.mergeWith = mergeWith;
          lodash2.method = method;
          lodash2.methodOf = methodOf;
          lodash2.mixin = mixin;
          lodash2.negate = negate;
          lodash2.nthArg = nthArg;
          lodash2.omit = omit;
          lodash2.omitBy = omitBy;
          lodash2.once = once;
          lodash2.orderBy = orderBy;
          lodash2.over = over;
          lodash2.overArgs = overArgs;
          lodash2.overEvery = overEvery;
          lodash2.overSome = overSome;
          lodash2.partial = partial;
          lodash2.partialRight = partialRight;
          lodash2.partition = partition;
          lodash2.pick = pick;
          lodash2.pickBy = pickBy;
          lodash2.property = property;
          lodash2.propertyOf = propertyOf;
          lodash2.pull = pull;
          lodash2.pullAll = pullAll;
          lodash2.pullAllBy = pullAllBy;
          lodash2.pullAllWith = pullAllWith;
          lodash2.pullAt = pullAt;
          lodash2.range = range;
          lodash2.rangeRight = rangeRight;
          lodash2.rearg = rearg;
          lodash2.reject = reject;
          lodash2.remove = remove;
          lodash2.rest = rest;
          lodash2.reverse = reverse;
          lodash2.sampleSize = sampleSize;
          lodash2.set = set;
          lodash2.setWith = setWith;
          lodash2.shuffle = shuffle;
          lodash2.slice = slice;
          lodash2.sortBy = sortBy;
          lodash2.sortedUniq = sortedUniq;
          lodash2.sortedUniqBy = sortedUniqBy;
          lodash2.split = split;
          lodash2.spread = spread;
          lodash2.tail = tail2;
          lodash2.take = take;
          lodash2.takeRight = takeRight;
          lodash2.takeRightWhile = takeRightWhile;
          lodash2.takeWhile = takeWhile;
          lodash2.tap = tap;
          lodash2.throttle = throttle;
          lodash2.thru = thru;
          lodash2.toArray = toArray;
          lodash2.toPairs = toPairs;
          lodash2.toPairsIn = toPairsIn;
          lodash2.toPath = toPath;
          lodash2.toPlainObject = toPlainObject;
          lodash2.transform = transform;
          lodash2.unary = unary;
          lodash2.union = union;
          lodash2.unionBy = unionBy;
          lodash2.unionWith = unionWith;
          lodash2.uniq = uniq;
          lodash2.uniqBy = uniqBy;
          lodash2.uniqWith = uniqWith;
          lodash2.unset = unset;
          lodash2.unzip = unzip;
          lodash2.unzipWith = unzipWith;
          lodash2.update = update;
          lodash2.updateWith = updateWith;
          lodash2.values = values;
          lodash2.valuesIn = valuesIn;
          lodash2.without = without;
          lodash2.words = words;
          lodash2.wrap = wrap;
          lodash2.xor = xor;
          lodash2.xorBy = xorBy;
          lodash2.xorWith = xorWith;
          lodash2.zip = zip;
          lodash2.zipObject = zipObject;
          lodash2.zipObjectDeep = zipObjectDeep;
          lodash2.zipWith = zipWith;
          lodash2.entries = toPairs;
          lodash2.entriesIn = toPairsIn;
          lodash2.extend = assignIn;
          lodash2.extendWith = assignInWith;
          mixin(lodash2, lodash2);
          lodash2.add = add;
          lodash2.attempt = attempt;
          lodash2.camelCase = camelCase;
          lodash2.capitalize = capitalize;
          lodash2.ceil = ceil;
          lodash2.clamp = clamp;
          lodash2.clone = clone;
          lodash2.cloneDeep = cloneDeep;
          lodash2.cloneDeepWith = cloneDeepWith;
          lodash2.cloneWith = cloneWith;
          lodash2.conformsTo = conformsTo;
          lodash2.deburr = deburr;
          lodash2.defaultTo = defaultTo;
          lodash2.divide = divide;
          lodash2.endsWith = endsWith;
          lodash2.eq = eq;
          lodash2.escape = escape;
          lodash2.escapeRegExp = escapeRegExp;
          lodash2.every = every;
          lodash2.find = find;
          lodash2.findIndex = findIndex;
          lodash2.findKey = findKey;
          lodash2.findLast = findLast;
          lodash2.findLastIndex = findLastIndex;
          lodash2.findLastKey = findLastKey;
          lodash2.floor = floor;
          lodash2.forEach = forEach;
          lodash2.forEachRight = forEachRight;
          lodash2.forIn = forIn;
          lodash2.forInRight = forInRight;
          lodash2.forOwn = forOwn;
          lodash2.forOwnRight = forOwnRight;
          lodash2.get = get;
          lodash2.gt = gt;
          lodash2.gte = gte;
          lodash2.has = has;
          lodash2.hasIn = hasIn;
          lodash2.head = head;
          lodash2.identity = identity;
          lodash2.includes = includes;
          lodash2.indexOf = indexOf;
          lodash2.inRange = inRange;
          lodash2.invoke = invoke;
          lodash2.isArguments = isArguments;
          lodash2.isArray = isArray;
          lodash2.isArrayBuffer = isArrayBuffer;
          lodash2.isArrayLike = isArrayLike;
          lodash2.isArrayLikeObject = isArrayLikeObject;
          lodash2.isBoolean = isBoolean;
          lodash2.isBuffer = isBuffer;
          lodash2.isDate = isDate;
          lodash2.isElement = isElement;
          lodash2.isEmpty = isEmpty;
          lodash2.isEqual = isEqual;
          lodash2.isEqualWith = isEqualWith;
          lodash2.isError = isError;
          lodash2.isFinite = isFinite;
          lodash2.isFunction = isFunction;
          lodash2.isInteger = isInteger;
          lodash2.isLength = isLength;
          lodash2.isMap = isMap3;
          lodash2.isMatch = isMatch;
          lodash2.isMatchWith = isMatchWith;
          lodash2.isNaN = isNaN2;
          lodash2.isNative = isNative;
          lodash2.isNil = isNil;
          lodash2.isNull = isNull;
          lodash2.isNumber = isNumber;
          lodash2.isObject = isObject;
          lodash2.isObjectLike = isObjectLike;
          lodash2.isPlainObject = isPlainObject;
          lodash2.isRegExp = isRegExp;
          lodash2.isSafeInteger = isSafeInteger;
          lodash2.isSet = isSet;
          lodash2.isString = isString;
          lodash2.isSymbol = isSymbol;
          lodash2.isTypedArray = isTypedArray;
          lodash2.isUndefined = isUndefined;
          lodash2.isWeakMap = isWeakMap;
          lodash2.isWeakSet = isWeakSet;
          lodash2.join = join11;
          lodash2.kebabCase = kebabCase;
          lodash2.last = last;
          lodash2.lastIndexOf = lastIndexOf;
          lodash2.lowerCase = lowerCase;
          lodash2.lowerFirst = lowerFirst;
          lodash2.lt = lt;
          lodash2.lte = lte;
          lodash2.max = max;
          lodash2.maxBy = maxBy;
          lodash2.mean = mean;
          lodash2.meanBy = meanBy;
          lodash2.min = min;
          lodash2.minBy = minBy;
          lodash2.stubArray = stubArray;
          lodash2.stubFalse = stubFalse;
          lodash2.stubObject = stubObject;
          lodash2.stubString = stubString;
          lodash2.stubTrue = stubTrue;
          lodash2.multiply = multiply;
          lodash2.nth = nth;
          lodash2.noConflict = noConflict;
          lodash2.noop = noop;
          lodash2.now = now;
          lodash2.pad = pad;
          lodash2.padEnd = padEnd;
          lodash2.padStart = padStart;
          lodash2.parseInt = parseInt2;
          lodash2.random = random;
          lodash2.reduce = reduce;
          lodash2.reduceRight = reduceRight;
          lodash2.repeat = repeat;
          lodash2.replace = replace;
          lodash2.result = result;
          lodash2.round = round;
          lodash2.runInContext = runInContext2;
          lodash2.sample = sample;
          lodash2.size = size;
          lodash2.snakeCase = snakeCase;
          lodash2.some = some;
          lodash2.sortedIndex = sortedIndex;
          lodash2.sortedIndexBy = sortedIndexBy;
          lodash2.sortedIndexOf = sortedIndexOf;
          lodash2.sortedLastIndex = sortedLastIndex;
          lodash2.sortedLastIndexBy = sortedLastIndexBy;
          lodash2.sortedLastIndexOf = sortedLastIndexOf;
          lodash2.startCase = startCase;
          lodash2.startsWith = startsWith;
          lodash2.subtract = subtract;
          lodash2.sum = sum;
          lodash2.sumBy = sumBy;
          lodash2.template = template;
          lodash2.times = times;
          lodash2.toFinite = toFinite;
          lodash2.toInteger = toInteger;
          lodash2.toLength = toLength;
          lodash2.toLower = toLower;
          lodash2.toNumber = toNumber;
          lodash2.toSafeInteger = toSafeInteger;
          lodash2.toString = toString;
          lodash2.toUpper = toUpper;
          lodash2.trim = trim;
          lodash2.trimEnd = trimEnd;
          lodash2.trimStart = trimStart;
          lodash2.truncate = truncate;
          lodash2.unescape = unescape;
          lodash2.uniqueId = uniqueId;
          lodash2.upperCase = upperCase;
          lodash2.upperFirst = upperFirst;
          lodash2.each = forEach;
          lodash2.eachRight = forEachRight;
          lodash2.first = head;
          mixin(lodash2, (function() {
            var source = {};
            baseForOwn(lodash2, function(func, methodName) {
              if (!hasOwnProperty.call(lodash2.prototype, methodName)) {
                source[methodName] = func;
              }
            });
            return source;
          })(), { "chain": false });
          lodash2.VERSION = VERSION;
          arrayEach(["bind", "bindKey", "curry", "curryRight", "partial", "partialRight"], function(methodName) {
            lodash2[methodName].placeholder = lodash2;
          });
          arrayEach(["drop", "take"], function(methodName, index2) {
            LazyWrapper.prototype[methodName] = function(n) {
              n = n === undefined$1 ? 1 : nativeMax(toInteger(n), 0);
              var result2 = this.__filtered__ && !index2 ? new LazyWrapper(this) : this.clone();
              if (result2.__filtered__) {
                result2.__takeCount__ = nativeMin(n, result2.__takeCount__);
              } else {
                result2.__views__.push({
                  "size": nativeMin(n, MAX_ARRAY_LENGTH),
                  "type": methodName + (result2.__dir__ < 0 ? "Right" : "")
                });
              }
              return result2;
            };
            LazyWrapper.prototype[methodName + "Right"] = function(n) {
              return this.reverse()[methodName](n).reverse();
            };
          });
          arrayEach(["filter", "map", "takeWhile"], function(methodName, index2) {
            var type = index2 + 1, isFilter = type == LAZY_FILTER_FLAG || type == LAZY_WHILE_FLAG;
            LazyWrapper.prototype[methodName] = function(iteratee2) {
              var result2 = this.clone();
              result2.__iteratees__.push({
                "iteratee": getIteratee(iteratee2, 3),
                "type": type
              });
              result2.__filtered__ = result2.__filtered__ || isFilter;
              return result2;
            };
          });
          arrayEach(["head", "last"], function(methodName, index2) {
            var takeName = "take" + (index2 ? "Right" : "");
            LazyWrapper.prototype[methodName] = function() {
              return this[takeName](1).value()[0];
            };
          });
          arrayEach(["initial", "tail"], function(methodName, index2) {
            var dropName = "drop" + (index2 ? "" : "Right");
            LazyWrapper.prototype[methodName] = function() {
              return this.__filtered__ ? new LazyWrapper(this) : this[dropName](1);
            };
          });
          LazyWrapper.prototype.compact = function() {
            return this.filter(identity);
          };
          LazyWrapper.prototype.find = function(predicate) {
            return this.filter(predicate).head();
          };
          LazyWrapper.prototype.findLast = function(predicate) {
            return this.reverse().find(predicate);
          };
          LazyWrapper.prototype.invokeMap = baseRest(function(path2, args) {
            if (typeof path2 == "function") {
              return new LazyWrapper(this);
            }
            return this.map(function(value) {
              return baseInvoke(value, path2, args);
            });
          });
          LazyWrapper.prototype.reject = function(predicate) {
            return this.filter(negate(getIteratee(predicate)));
          };
          LazyWrapper.prototype.slice = function(start, end) {
            start = toInteger(start);
            var result2 = this;
            if (result2.__filtered__ && (start > 0 || end < 0)) {
              return new LazyWrapper(result2);
            }
            if (start < 0) {
              result2 = result2.takeRight(-start);
            } else if (start) {
              result2 = result2.drop(start);
            }
            if (end !== undefined$1) {
              end = toInteger(end);
              result2 = end < 0 ? result2.dropRight(-end) : result2.take(end - start);
            }
            return result2;
          };
          LazyWrapper.prototype.takeRightWhile = function(predicate) {
            return this.reverse().takeWhile(predicate).reverse();
          };
          LazyWrapper.prototype.toArray = function() {
            return this.take(MAX_ARRAY_LENGTH);
          };
          baseForOwn(LazyWrapper.prototype, function(func, methodName) {
            var checkIteratee = /^(?:filter|find|map|reject)|While$/.test(methodName), isTaker = /^(?:head|last)$/.test(methodName), lodashFunc = lodash2[isTaker ? "take" + (methodName == "last" ? "Right" : "") : methodName], retUnwrapped = isTaker || /^find/.test(methodName);
            if (!lodashFunc) {
              return;
            }
            lodash2.prototype[methodName] = function() {
              var value = this.__wrapped__, args = isTaker ? [1] : arguments, isLazy = value instanceof LazyWrapper, iteratee2 = args[0], useLazy = isLazy || isArray(value);
              var interceptor = function(value2) {
                var result3 = lodashFunc.apply(lodash2, arrayPush([value2], args));
                return isTaker && chainAll ? result3[0] : result3;
              };
              if (useLazy && checkIteratee && typeof iteratee2 == "function" && iteratee2.length != 1) {
                isLazy = useLazy = false;
              }
              var chainAll = this.__chain__, isHybrid = !!this.__actions__.length, isUnwrapped = retUnwrapped && !chainAll, onlyLazy = isLazy && !isHybrid;
              if (!retUnwrapped && useLazy) {
                value = onlyLazy ? value : new LazyWrapper(this);
                var result2 = func.apply(value, args);
                result2.__actions__.push({ "func": thru, "args": [interceptor], "thisArg": undefined$1 });
                return new LodashWrapper(result2, chainAll);
              }
              if (isUnwrapped && onlyLazy) {
                return func.apply(this, args);
              }
              result2 = this.thru(interceptor);
              return isUnwrapped ? isTaker ? result2.value()[0] : result2.value() : result2;
            };
          });
          arrayEach(["pop", "push", "shift", "sort", "splice", "unshift"], function(methodName) {
            var func = arrayProto[methodName], chainName = /^(?:push|sort|unshift)$/.test(methodName) ? "tap" : "thru", retUnwrapped = /^(?:pop|shift)$/.test(methodName);
            lodash2.prototype[methodName] = function() {
              var args = arguments;
              if (retUnwrapped && !this.__chain__) {
                var value = this.value();
                return func.apply(isArray(value) ? value : [], args);
              }
              return this[chainName](function(value2) {
                return func.apply(isArray(value2) ? value2 : [], args);
              });
            };
          });
          baseForOwn(LazyWrapper.prototype, function(func, methodName) {
            var lodashFunc = lodash2[methodName];
            if (lodashFunc) {
              var key = lodashFunc.name + "";
              if (!hasOwnProperty.call(realNames, key)) {
                realNames[key] = [];
              }
              realNames[key].push({ "name": methodName, "func": lodashFunc });
            }
          });
          realNames[createHybrid(undefined$1, WRAP_BIND_KEY_FLAG).name] = [{
            "name": "wrapper",
            "func": undefined$1
          }];
          LazyWrapper.prototype.clone = lazyClone;
          LazyWrapper.prototype.reverse = lazyReverse;
          LazyWrapper.prototype.value = lazyValue;
          lodash2.prototype.at = wrapperAt;
          lodash2.prototype.chain = wrapperChain;
          lodash2.prototype.commit = wrapperCommit;
          lodash2.prototype.next = wrapperNext;
          lodash2.prototype.plant = wrapperPlant;
          lodash2.prototype.reverse = wrapperReverse;
          lodash2.prototype.toJSON = lodash2.prototype.valueOf = lodash2.prototype.value = wrapperValue;
          lodash2.prototype.first = lodash2.prototype.head;
          if (symIterator) {
            lodash2.prototype[symIterator] = wrapperToIterator;
          }
          return lodash2;
        });
        var _2 = runInContext();
        if (freeModule) {
          (freeModule.exports = _2)._ = _2;
          freeExports._ = _2;
        } else {
          root._ = _2;
        }
      }).call(commonjsGlobal);
    })(lodash, lodash.exports);
    var lodashExports = lodash.exports;
    var _ = /* @__PURE__ */ getDefaultExportFromCjs(lodashExports);
    var lib = {};
    var Utility = {};
    var hasRequiredUtility;
    function requireUtility() {
      if (hasRequiredUtility) return Utility;
      hasRequiredUtility = 1;
      (function() {
        var assign, getValue, isArray, isEmpty, isFunction, isObject, isPlainObject, hasProp = {}.hasOwnProperty;
        assign = function(target, ...sources) {
          var i, key, len, source;
          if (isFunction(Object.assign)) {
            Object.assign.apply(null, arguments);
          } else {
            for (i = 0, len = sources.length; i < len; i++) {
              source = sources[i];
              if (source != null) {
                for (key in source) {
                  if (!hasProp.call(source, key)) continue;
                  target[key] = source[key];
                }
              }
            }
          }
          return target;
        };
        isFunction = function(val) {
          return !!val && Object.prototype.toString.call(val) === "[object Function]";
        };
        isObject = function(val) {
          var ref;
          return !!val && ((ref = typeof val) === "function" || ref === "object");
        };
        isArray = function(val) {
          if (isFunction(Array.isArray)) {
            return Array.isArray(val);
          } else {
            return Object.prototype.toString.call(val) === "[object Array]";
          }
        };
        isEmpty = function(val) {
          var key;
          if (isArray(val)) {
            return !val.length;
          } else {
            for (key in val) {
              if (!hasProp.call(val, key)) continue;
              return false;
            }
            return true;
          }
        };
        isPlainObject = function(val) {
          var ctor, proto;
          return isObject(val) && (proto = Object.getPrototypeOf(val)) && (ctor = proto.constructor) && typeof ctor === "function" && ctor instanceof ctor && Function.prototype.toString.call(ctor) === Function.prototype.toString.call(Object);
        };
        getValue = function(obj) {
          if (isFunction(obj.valueOf)) {
            return obj.valueOf();
          } else {
            return obj;
          }
        };
        Utility.assign = assign;
        Utility.isFunction = isFunction;
        Utility.isObject = isObject;
        Utility.isArray = isArray;
        Utility.isEmpty = isEmpty;
        Utility.isPlainObject = isPlainObject;
        Utility.getValue = getValue;
      }).call(commonjsGlobal);
      return Utility;
    }
    var XMLDOMImplementation = { exports: {} };
    var hasRequiredXMLDOMImplementation;
    function requireXMLDOMImplementation() {
      if (hasRequiredXMLDOMImplementation) return XMLDOMImplementation.exports;
      hasRequiredXMLDOMImplementation = 1;
      (function() {
        XMLDOMImplementation.exports = class XMLDOMImplementation {
          // Tests if the DOM implementation implements a specific feature.
          // `feature` package name of the feature to test. In Level 1, the
          //           legal values are "HTML" and "XML" (case-insensitive).
          // `version` version number of the package name to test. 
          //           In Level 1, this is the string "1.0". If the version is 
          //           not specified, supporting any version of the feature will 
          //           cause the method to return true.
          hasFeature(feature, version) {
            return true;
          }
          // Creates a new document type declaration.
          // `qualifiedName` qualified name of the document type to be created
          // `publicId` public identifier of the external subset
          // `systemId` system identifier of the external subset
          createDocumentType(qualifiedName, publicId, systemId) {
            throw new Error("This DOM method is not implemented.");
          }
          // Creates a new document.
          // `namespaceURI` namespace URI of the document element to create
          // `qualifiedName` the qualified name of the document to be created
          // `doctype` the type of document to be created or null
          createDocument(namespaceURI, qualifiedName, doctype) {
            throw new Error("This DOM method is not implemented.");
          }
          // Creates a new HTML document.
          // `title` document title
          createHTMLDocument(title) {
            throw new Error("This DOM method is not implemented.");
          }
          // Returns a specialized object which implements the specialized APIs 
          // of the specified feature and version.
          // `feature` name of the feature requested.
          // `version` version number of the feature to test
          getFeature(feature, version) {
            throw new Error("This DOM method is not implemented.");
          }
        };
      }).call(commonjsGlobal);
      return XMLDOMImplementation.exports;
    }
    var XMLDocument = { exports: {} };
    var XMLDOMConfiguration = { exports: {} };
    var XMLDOMErrorHandler = { exports: {} };
    var hasRequiredXMLDOMErrorHandler;
    function requireXMLDOMErrorHandler() {
      if (hasRequiredXMLDOMErrorHandler) return XMLDOMErrorHandler.exports;
      hasRequiredXMLDOMErrorHandler = 1;
      (function() {
        XMLDOMErrorHandler.exports = class XMLDOMErrorHandler {
          // Initializes a new instance of `XMLDOMErrorHandler`
          constructor() {
          }
          // Called on the error handler when an error occurs.
          // `error` the error message as a string
          handleError(error) {
            throw new Error(error);
          }
        };
      }).call(commonjsGlobal);
      return XMLDOMErrorHandler.exports;
    }
    var XMLDOMStringList = { exports: {} };
    var hasRequiredXMLDOMStringList;
    function requireXMLDOMStringList() {
      if (hasRequiredXMLDOMStringList) return XMLDOMStringList.exports;
      hasRequiredXMLDOMStringList = 1;
      (function() {
        XMLDOMStringList.exports = (function() {
          class XMLDOMStringList2 {
            // Initializes a new instance of `XMLDOMStringList`
            // This is just a wrapper around an ordinary
            // JS array.
            // `arr` the array of string values
            constructor(arr) {
              this.arr = arr || [];
            }
            // Returns the indexth item in the collection.
            // `index` index into the collection
            item(index2) {
              return this.arr[index2] || null;
            }
            // Test if a string is part of this DOMStringList.
            // `str` the string to look for
            contains(str) {
              return this.arr.indexOf(str) !== -1;
            }
          }
          Object.defineProperty(XMLDOMStringList2.prototype, "length", {
            get: function() {
              return this.arr.length;
            }
          });
          return XMLDOMStringList2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLDOMStringList.exports;
    }
    var hasRequiredXMLDOMConfiguration;
    function requireXMLDOMConfiguration() {
      if (hasRequiredXMLDOMConfiguration) return XMLDOMConfiguration.exports;
      hasRequiredXMLDOMConfiguration = 1;
      (function() {
        var XMLDOMErrorHandler2, XMLDOMStringList2;
        XMLDOMErrorHandler2 = requireXMLDOMErrorHandler();
        XMLDOMStringList2 = requireXMLDOMStringList();
        XMLDOMConfiguration.exports = (function() {
          class XMLDOMConfiguration2 {
            constructor() {
              this.defaultParams = {
                "canonical-form": false,
                "cdata-sections": false,
                "comments": false,
                "datatype-normalization": false,
                "element-content-whitespace": true,
                "entities": true,
                "error-handler": new XMLDOMErrorHandler2(),
                "infoset": true,
                "validate-if-schema": false,
                "namespaces": true,
                "namespace-declarations": true,
                "normalize-characters": false,
                "schema-location": "",
                "schema-type": "",
                "split-cdata-sections": true,
                "validate": false,
                "well-formed": true
              };
              this.params = Object.create(this.defaultParams);
            }
            // Gets the value of a parameter.
            // `name` name of the parameter
            getParameter(name) {
              if (this.params.hasOwnProperty(name)) {
                return this.params[name];
              } else {
                return null;
              }
            }
            // Checks if setting a parameter to a specific value is supported.
            // `name` name of the parameter
            // `value` parameter value
            canSetParameter(name, value) {
              return true;
            }
            // Sets the value of a parameter.
            // `name` name of the parameter
            // `value` new value or null if the user wishes to unset the parameter
            setParameter(name, value) {
              if (value != null) {
                return this.params[name] = value;
              } else {
                return delete this.params[name];
              }
            }
          }
          Object.defineProperty(XMLDOMConfiguration2.prototype, "parameterNames", {
            get: function() {
              return new XMLDOMStringList2(Object.keys(this.defaultParams));
            }
          });
          return XMLDOMConfiguration2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLDOMConfiguration.exports;
    }
    var XMLNode = { exports: {} };
    var XMLElement = { exports: {} };
    var NodeType = { exports: {} };
    var hasRequiredNodeType;
    function requireNodeType() {
      if (hasRequiredNodeType) return NodeType.exports;
      hasRequiredNodeType = 1;
      (function() {
        NodeType.exports = {
          Element: 1,
          Attribute: 2,
          Text: 3,
          CData: 4,
          EntityReference: 5,
          EntityDeclaration: 6,
          ProcessingInstruction: 7,
          Comment: 8,
          Document: 9,
          DocType: 10,
          DocumentFragment: 11,
          NotationDeclaration: 12,
          // Numeric codes up to 200 are reserved to W3C for possible future use.
          // Following are types internal to this library:
          Declaration: 201,
          Raw: 202,
          AttributeDeclaration: 203,
          ElementDeclaration: 204,
          Dummy: 205
        };
      }).call(commonjsGlobal);
      return NodeType.exports;
    }
    var XMLAttribute = { exports: {} };
    var hasRequiredXMLAttribute;
    function requireXMLAttribute() {
      if (hasRequiredXMLAttribute) return XMLAttribute.exports;
      hasRequiredXMLAttribute = 1;
      (function() {
        var NodeType2;
        NodeType2 = requireNodeType();
        requireXMLNode();
        XMLAttribute.exports = (function() {
          class XMLAttribute2 {
            // Initializes a new instance of `XMLAttribute`
            // `parent` the parent node
            // `name` attribute target
            // `value` attribute value
            constructor(parent, name, value) {
              this.parent = parent;
              if (this.parent) {
                this.options = this.parent.options;
                this.stringify = this.parent.stringify;
              }
              if (name == null) {
                throw new Error("Missing attribute name. " + this.debugInfo(name));
              }
              this.name = this.stringify.name(name);
              this.value = this.stringify.attValue(value);
              this.type = NodeType2.Attribute;
              this.isId = false;
              this.schemaTypeInfo = null;
            }
            // Creates and returns a deep clone of `this`
            clone() {
              return Object.create(this);
            }
            // Converts the XML fragment to string
            // `options.pretty` pretty prints the result
            // `options.indent` indentation for pretty print
            // `options.offset` how many indentations to add to every line for pretty print
            // `options.newline` newline sequence for pretty print
            toString(options) {
              return this.options.writer.attribute(this, this.options.writer.filterOptions(options));
            }
            // Returns debug string for this node
            debugInfo(name) {
              name = name || this.name;
              if (name == null) {
                return "parent: <" + this.parent.name + ">";
              } else {
                return "attribute: {" + name + "}, parent: <" + this.parent.name + ">";
              }
            }
            isEqualNode(node) {
              if (node.namespaceURI !== this.namespaceURI) {
                return false;
              }
              if (node.prefix !== this.prefix) {
                return false;
              }
              if (node.localName !== this.localName) {
                return false;
              }
              if (node.value !== this.value) {
                return false;
              }
              return true;
            }
          }
          Object.defineProperty(XMLAttribute2.prototype, "nodeType", {
            get: function() {
              return this.type;
            }
          });
          Object.defineProperty(XMLAttribute2.prototype, "ownerElement", {
            get: function() {
              return this.parent;
            }
          });
          Object.defineProperty(XMLAttribute2.prototype, "textContent", {
            get: function() {
              return this.value;
            },
            set: function(value) {
              return this.value = value || "";
            }
          });
          Object.defineProperty(XMLAttribute2.prototype, "namespaceURI", {
            get: function() {
              return "";
            }
          });
          Object.defineProperty(XMLAttribute2.prototype, "prefix", {
            get: function() {
              return "";
            }
          });
          Object.defineProperty(XMLAttribute2.prototype, "localName", {
            get: function() {
              return this.name;
            }
          });
          Object.defineProperty(XMLAttribute2.prototype, "specified", {
            get: function() {
              return true;
            }
          });
          return XMLAttribute2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLAttribute.exports;
    }
    var XMLNamedNodeMap = { exports: {} };
    var hasRequiredXMLNamedNodeMap;
    function requireXMLNamedNodeMap() {
      if (hasRequiredXMLNamedNodeMap) return XMLNamedNodeMap.exports;
      hasRequiredXMLNamedNodeMap = 1;
      (function() {
        XMLNamedNodeMap.exports = (function() {
          class XMLNamedNodeMap2 {
            // Initializes a new instance of `XMLNamedNodeMap`
            // This is just a wrapper around an ordinary
            // JS object.
            // `nodes` the object containing nodes.
            constructor(nodes) {
              this.nodes = nodes;
            }
            // Creates and returns a deep clone of `this`
            clone() {
              return this.nodes = null;
            }
            // DOM Level 1
            getNamedItem(name) {
              return this.nodes[name];
            }
            setNamedItem(node) {
              var oldNode;
              oldNode = this.nodes[node.nodeName];
              this.nodes[node.nodeName] = node;
              return oldNode || null;
            }
            removeNamedItem(name) {
              var oldNode;
              oldNode = this.nodes[name];
              delete this.nodes[name];
              return oldNode || null;
            }
            item(index2) {
              return this.nodes[Object.keys(this.nodes)[index2]] || null;
            }
            // DOM level 2 functions to be implemented later
            getNamedItemNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented.");
            }
            setNamedItemNS(node) {
              throw new Error("This DOM method is not implemented.");
            }
            removeNamedItemNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented.");
            }
          }
          Object.defineProperty(XMLNamedNodeMap2.prototype, "length", {
            get: function() {
              return Object.keys(this.nodes).length || 0;
            }
          });
          return XMLNamedNodeMap2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLNamedNodeMap.exports;
    }
    var hasRequiredXMLElement;
    function requireXMLElement() {
      if (hasRequiredXMLElement) return XMLElement.exports;
      hasRequiredXMLElement = 1;
      (function() {
        var NodeType2, XMLAttribute2, XMLNamedNodeMap2, XMLNode2, getValue, isFunction, isObject, hasProp = {}.hasOwnProperty;
        ({ isObject, isFunction, getValue } = requireUtility());
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLAttribute2 = requireXMLAttribute();
        XMLNamedNodeMap2 = requireXMLNamedNodeMap();
        XMLElement.exports = (function() {
          class XMLElement2 extends XMLNode2 {
            // Initializes a new instance of `XMLElement`
            // `parent` the parent node
            // `name` element name
            // `attributes` an object containing name/value pairs of attributes
            constructor(parent, name, attributes) {
              var child, j, len, ref;
              super(parent);
              if (name == null) {
                throw new Error("Missing element name. " + this.debugInfo());
              }
              this.name = this.stringify.name(name);
              this.type = NodeType2.Element;
              this.attribs = {};
              this.schemaTypeInfo = null;
              if (attributes != null) {
                this.attribute(attributes);
              }
              if (parent.type === NodeType2.Document) {
                this.isRoot = true;
                this.documentObject = parent;
                parent.rootObject = this;
                if (parent.children) {
                  ref = parent.children;
                  for (j = 0, len = ref.length; j < len; j++) {
                    child = ref[j];
                    if (child.type === NodeType2.DocType) {
                      child.name = this.name;
                      break;
                    }
                  }
                }
              }
            }
            // Creates and returns a deep clone of `this`
            clone() {
              var att, attName, clonedSelf, ref;
              clonedSelf = Object.create(this);
              if (clonedSelf.isRoot) {
                clonedSelf.documentObject = null;
              }
              clonedSelf.attribs = {};
              ref = this.attribs;
              for (attName in ref) {
                if (!hasProp.call(ref, attName)) continue;
                att = ref[attName];
                clonedSelf.attribs[attName] = att.clone();
              }
              clonedSelf.children = [];
              this.children.forEach(function(child) {
                var clonedChild;
                clonedChild = child.clone();
                clonedChild.parent = clonedSelf;
                return clonedSelf.children.push(clonedChild);
              });
              return clonedSelf;
            }
            // Adds or modifies an attribute
            // `name` attribute name
            // `value` attribute value
            attribute(name, value) {
              var attName, attValue;
              if (name != null) {
                name = getValue(name);
              }
              if (isObject(name)) {
                for (attName in name) {
                  if (!hasProp.call(name, attName)) continue;
                  attValue = name[attName];
                  this.attribute(attName, attValue);
                }
              } else {
                if (isFunction(value)) {
                  value = value.apply();
                }
                if (this.options.keepNullAttributes && value == null) {
                  this.attribs[name] = new XMLAttribute2(this, name, "");
                } else if (value != null) {
                  this.attribs[name] = new XMLAttribute2(this, name, value);
                }
              }
              return this;
            }
            // Removes an attribute
            // `name` attribute name
            removeAttribute(name) {
              var attName, j, len;
              if (name == null) {
                throw new Error("Missing attribute name. " + this.debugInfo());
              }
              name = getValue(name);
              if (Array.isArray(name)) {
                for (j = 0, len = name.length; j < len; j++) {
                  attName = name[j];
                  delete this.attribs[attName];
                }
              } else {
                delete this.attribs[name];
              }
              return this;
            }
            // Converts the XML fragment to string
            // `options.pretty` pretty prints the result
            // `options.indent` indentation for pretty print
            // `options.offset` how many indentations to add to every line for pretty print
            // `options.newline` newline sequence for pretty print
            // `options.allowEmpty` do not self close empty element tags
            toString(options) {
              return this.options.writer.element(this, this.options.writer.filterOptions(options));
            }
            // Aliases
            att(name, value) {
              return this.attribute(name, value);
            }
            a(name, value) {
              return this.attribute(name, value);
            }
            // DOM Level 1
            getAttribute(name) {
              if (this.attribs.hasOwnProperty(name)) {
                return this.attribs[name].value;
              } else {
                return null;
              }
            }
            setAttribute(name, value) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getAttributeNode(name) {
              if (this.attribs.hasOwnProperty(name)) {
                return this.attribs[name];
              } else {
                return null;
              }
            }
            setAttributeNode(newAttr) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            removeAttributeNode(oldAttr) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getElementsByTagName(name) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM Level 2
            getAttributeNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            setAttributeNS(namespaceURI, qualifiedName, value) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            removeAttributeNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getAttributeNodeNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            setAttributeNodeNS(newAttr) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getElementsByTagNameNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            hasAttribute(name) {
              return this.attribs.hasOwnProperty(name);
            }
            hasAttributeNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM Level 3
            setIdAttribute(name, isId) {
              if (this.attribs.hasOwnProperty(name)) {
                return this.attribs[name].isId;
              } else {
                return isId;
              }
            }
            setIdAttributeNS(namespaceURI, localName, isId) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            setIdAttributeNode(idAttr, isId) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM Level 4
            getElementsByTagName(tagname) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getElementsByTagNameNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getElementsByClassName(classNames) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            isEqualNode(node) {
              var i, j, ref;
              if (!super.isEqualNode(node)) {
                return false;
              }
              if (node.namespaceURI !== this.namespaceURI) {
                return false;
              }
              if (node.prefix !== this.prefix) {
                return false;
              }
              if (node.localName !== this.localName) {
                return false;
              }
              if (node.attribs.length !== this.attribs.length) {
                return false;
              }
              for (i = j = 0, ref = this.attribs.length - 1; 0 <= ref ? j <= ref : j >= ref; i = 0 <= ref ? ++j : --j) {
                if (!this.attribs[i].isEqualNode(node.attribs[i])) {
                  return false;
                }
              }
              return true;
            }
          }
          Object.defineProperty(XMLElement2.prototype, "tagName", {
            get: function() {
              return this.name;
            }
          });
          Object.defineProperty(XMLElement2.prototype, "namespaceURI", {
            get: function() {
              return "";
            }
          });
          Object.defineProperty(XMLElement2.prototype, "prefix", {
            get: function() {
              return "";
            }
          });
          Object.defineProperty(XMLElement2.prototype, "localName", {
            get: function() {
              return this.name;
            }
          });
          Object.defineProperty(XMLElement2.prototype, "id", {
            get: function() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          });
          Object.defineProperty(XMLElement2.prototype, "className", {
            get: function() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          });
          Object.defineProperty(XMLElement2.prototype, "classList", {
            get: function() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          });
          Object.defineProperty(XMLElement2.prototype, "attributes", {
            get: function() {
              if (!this.attributeMap || !this.attributeMap.nodes) {
                this.attributeMap = new XMLNamedNodeMap2(this.attribs);
              }
              return this.attributeMap;
            }
          });
          return XMLElement2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLElement.exports;
    }
    var XMLCData = { exports: {} };
    var XMLCharacterData = { exports: {} };
    var hasRequiredXMLCharacterData;
    function requireXMLCharacterData() {
      if (hasRequiredXMLCharacterData) return XMLCharacterData.exports;
      hasRequiredXMLCharacterData = 1;
      (function() {
        var XMLNode2;
        XMLNode2 = requireXMLNode();
        XMLCharacterData.exports = (function() {
          class XMLCharacterData2 extends XMLNode2 {
            // Initializes a new instance of `XMLCharacterData`
            constructor(parent) {
              super(parent);
              this.value = "";
            }
            // Creates and returns a deep clone of `this`
            clone() {
              return Object.create(this);
            }
            // DOM level 1 functions to be implemented later
            substringData(offset, count2) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            appendData(arg) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            insertData(offset, arg) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            deleteData(offset, count2) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            replaceData(offset, count2, arg) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            isEqualNode(node) {
              if (!super.isEqualNode(node)) {
                return false;
              }
              if (node.data !== this.data) {
                return false;
              }
              return true;
            }
          }
          Object.defineProperty(XMLCharacterData2.prototype, "data", {
            get: function() {
              return this.value;
            },
            set: function(value) {
              return this.value = value || "";
            }
          });
          Object.defineProperty(XMLCharacterData2.prototype, "length", {
            get: function() {
              return this.value.length;
            }
          });
          Object.defineProperty(XMLCharacterData2.prototype, "textContent", {
            get: function() {
              return this.value;
            },
            set: function(value) {
              return this.value = value || "";
            }
          });
          return XMLCharacterData2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLCharacterData.exports;
    }
    var hasRequiredXMLCData;
    function requireXMLCData() {
      if (hasRequiredXMLCData) return XMLCData.exports;
      hasRequiredXMLCData = 1;
      (function() {
        var NodeType2, XMLCharacterData2;
        NodeType2 = requireNodeType();
        XMLCharacterData2 = requireXMLCharacterData();
        XMLCData.exports = class XMLCData extends XMLCharacterData2 {
          // Initializes a new instance of `XMLCData`
          // `text` CDATA text
          constructor(parent, text2) {
            super(parent);
            if (text2 == null) {
              throw new Error("Missing CDATA text. " + this.debugInfo());
            }
            this.name = "#cdata-section";
            this.type = NodeType2.CData;
            this.value = this.stringify.cdata(text2);
          }
          // Creates and returns a deep clone of `this`
          clone() {
            return Object.create(this);
          }
          // Converts the XML fragment to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return this.options.writer.cdata(this, this.options.writer.filterOptions(options));
          }
        };
      }).call(commonjsGlobal);
      return XMLCData.exports;
    }
    var XMLComment = { exports: {} };
    var hasRequiredXMLComment;
    function requireXMLComment() {
      if (hasRequiredXMLComment) return XMLComment.exports;
      hasRequiredXMLComment = 1;
      (function() {
        var NodeType2, XMLCharacterData2;
        NodeType2 = requireNodeType();
        XMLCharacterData2 = requireXMLCharacterData();
        XMLComment.exports = class XMLComment extends XMLCharacterData2 {
          // Initializes a new instance of `XMLComment`
          // `text` comment text
          constructor(parent, text2) {
            super(parent);
            if (text2 == null) {
              throw new Error("Missing comment text. " + this.debugInfo());
            }
            this.name = "#comment";
            this.type = NodeType2.Comment;
            this.value = this.stringify.comment(text2);
          }
          // Creates and returns a deep clone of `this`
          clone() {
            return Object.create(this);
          }
          // Converts the XML fragment to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return this.options.writer.comment(this, this.options.writer.filterOptions(options));
          }
        };
      }).call(commonjsGlobal);
      return XMLComment.exports;
    }
    var XMLDeclaration = { exports: {} };
    var hasRequiredXMLDeclaration;
    function requireXMLDeclaration() {
      if (hasRequiredXMLDeclaration) return XMLDeclaration.exports;
      hasRequiredXMLDeclaration = 1;
      (function() {
        var NodeType2, XMLNode2, isObject;
        ({ isObject } = requireUtility());
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLDeclaration.exports = class XMLDeclaration extends XMLNode2 {
          // Initializes a new instance of `XMLDeclaration`
          // `parent` the document object
          // `version` A version number string, e.g. 1.0
          // `encoding` Encoding declaration, e.g. UTF-8
          // `standalone` standalone document declaration: true or false
          constructor(parent, version, encoding, standalone) {
            super(parent);
            if (isObject(version)) {
              ({ version, encoding, standalone } = version);
            }
            if (!version) {
              version = "1.0";
            }
            this.type = NodeType2.Declaration;
            this.version = this.stringify.xmlVersion(version);
            if (encoding != null) {
              this.encoding = this.stringify.xmlEncoding(encoding);
            }
            if (standalone != null) {
              this.standalone = this.stringify.xmlStandalone(standalone);
            }
          }
          // Converts to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return this.options.writer.declaration(this, this.options.writer.filterOptions(options));
          }
        };
      }).call(commonjsGlobal);
      return XMLDeclaration.exports;
    }
    var XMLDocType = { exports: {} };
    var XMLDTDAttList = { exports: {} };
    var hasRequiredXMLDTDAttList;
    function requireXMLDTDAttList() {
      if (hasRequiredXMLDTDAttList) return XMLDTDAttList.exports;
      hasRequiredXMLDTDAttList = 1;
      (function() {
        var NodeType2, XMLNode2;
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLDTDAttList.exports = class XMLDTDAttList extends XMLNode2 {
          // Initializes a new instance of `XMLDTDAttList`
          // `parent` the parent `XMLDocType` element
          // `elementName` the name of the element containing this attribute
          // `attributeName` attribute name
          // `attributeType` type of the attribute
          // `defaultValueType` default value type (either #REQUIRED, #IMPLIED,
          //                    #FIXED or #DEFAULT)
          // `defaultValue` default value of the attribute
          //                (only used for #FIXED or #DEFAULT)
          constructor(parent, elementName, attributeName, attributeType, defaultValueType, defaultValue) {
            super(parent);
            if (elementName == null) {
              throw new Error("Missing DTD element name. " + this.debugInfo());
            }
            if (attributeName == null) {
              throw new Error("Missing DTD attribute name. " + this.debugInfo(elementName));
            }
            if (!attributeType) {
              throw new Error("Missing DTD attribute type. " + this.debugInfo(elementName));
            }
            if (!defaultValueType) {
              throw new Error("Missing DTD attribute default. " + this.debugInfo(elementName));
            }
            if (defaultValueType.indexOf("#") !== 0) {
              defaultValueType = "#" + defaultValueType;
            }
            if (!defaultValueType.match(/^(#REQUIRED|#IMPLIED|#FIXED|#DEFAULT)$/)) {
              throw new Error("Invalid default value type; expected: #REQUIRED, #IMPLIED, #FIXED or #DEFAULT. " + this.debugInfo(elementName));
            }
            if (defaultValue && !defaultValueType.match(/^(#FIXED|#DEFAULT)$/)) {
              throw new Error("Default value only applies to #FIXED or #DEFAULT. " + this.debugInfo(elementName));
            }
            this.elementName = this.stringify.name(elementName);
            this.type = NodeType2.AttributeDeclaration;
            this.attributeName = this.stringify.name(attributeName);
            this.attributeType = this.stringify.dtdAttType(attributeType);
            if (defaultValue) {
              this.defaultValue = this.stringify.dtdAttDefault(defaultValue);
            }
            this.defaultValueType = defaultValueType;
          }
          // Converts the XML fragment to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return this.options.writer.dtdAttList(this, this.options.writer.filterOptions(options));
          }
        };
      }).call(commonjsGlobal);
      return XMLDTDAttList.exports;
    }
    var XMLDTDEntity = { exports: {} };
    var hasRequiredXMLDTDEntity;
    function requireXMLDTDEntity() {
      if (hasRequiredXMLDTDEntity) return XMLDTDEntity.exports;
      hasRequiredXMLDTDEntity = 1;
      (function() {
        var NodeType2, XMLNode2, isObject;
        ({ isObject } = requireUtility());
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLDTDEntity.exports = (function() {
          class XMLDTDEntity2 extends XMLNode2 {
            // Initializes a new instance of `XMLDTDEntity`
            // `parent` the parent `XMLDocType` element
            // `pe` whether this is a parameter entity or a general entity
            //      defaults to `false` (general entity)
            // `name` the name of the entity
            // `value` internal entity value or an object with external entity details
            // `value.pubID` public identifier
            // `value.sysID` system identifier
            // `value.nData` notation declaration
            constructor(parent, pe, name, value) {
              super(parent);
              if (name == null) {
                throw new Error("Missing DTD entity name. " + this.debugInfo(name));
              }
              if (value == null) {
                throw new Error("Missing DTD entity value. " + this.debugInfo(name));
              }
              this.pe = !!pe;
              this.name = this.stringify.name(name);
              this.type = NodeType2.EntityDeclaration;
              if (!isObject(value)) {
                this.value = this.stringify.dtdEntityValue(value);
                this.internal = true;
              } else {
                if (!value.pubID && !value.sysID) {
                  throw new Error("Public and/or system identifiers are required for an external entity. " + this.debugInfo(name));
                }
                if (value.pubID && !value.sysID) {
                  throw new Error("System identifier is required for a public external entity. " + this.debugInfo(name));
                }
                this.internal = false;
                if (value.pubID != null) {
                  this.pubID = this.stringify.dtdPubID(value.pubID);
                }
                if (value.sysID != null) {
                  this.sysID = this.stringify.dtdSysID(value.sysID);
                }
                if (value.nData != null) {
                  this.nData = this.stringify.dtdNData(value.nData);
                }
                if (this.pe && this.nData) {
                  throw new Error("Notation declaration is not allowed in a parameter entity. " + this.debugInfo(name));
                }
              }
            }
            // Converts the XML fragment to string
            // `options.pretty` pretty prints the result
            // `options.indent` indentation for pretty print
            // `options.offset` how many indentations to add to every line for pretty print
            // `options.newline` newline sequence for pretty print
            toString(options) {
              return this.options.writer.dtdEntity(this, this.options.writer.filterOptions(options));
            }
          }
          Object.defineProperty(XMLDTDEntity2.prototype, "publicId", {
            get: function() {
              return this.pubID;
            }
          });
          Object.defineProperty(XMLDTDEntity2.prototype, "systemId", {
            get: function() {
              return this.sysID;
            }
          });
          Object.defineProperty(XMLDTDEntity2.prototype, "notationName", {
            get: function() {
              return this.nData || null;
            }
          });
          Object.defineProperty(XMLDTDEntity2.prototype, "inputEncoding", {
            get: function() {
              return null;
            }
          });
          Object.defineProperty(XMLDTDEntity2.prototype, "xmlEncoding", {
            get: function() {
              return null;
            }
          });
          Object.defineProperty(XMLDTDEntity2.prototype, "xmlVersion", {
            get: function() {
              return null;
            }
          });
          return XMLDTDEntity2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLDTDEntity.exports;
    }
    var XMLDTDElement = { exports: {} };
    var hasRequiredXMLDTDElement;
    function requireXMLDTDElement() {
      if (hasRequiredXMLDTDElement) return XMLDTDElement.exports;
      hasRequiredXMLDTDElement = 1;
      (function() {
        var NodeType2, XMLNode2;
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLDTDElement.exports = class XMLDTDElement extends XMLNode2 {
          // Initializes a new instance of `XMLDTDElement`
          // `parent` the parent `XMLDocType` element
          // `name` element name
          // `value` element content (defaults to #PCDATA)
          constructor(parent, name, value) {
            super(parent);
            if (name == null) {
              throw new Error("Missing DTD element name. " + this.debugInfo());
            }
            if (!value) {
              value = "(#PCDATA)";
            }
            if (Array.isArray(value)) {
              value = "(" + value.join(",") + ")";
            }
            this.name = this.stringify.name(name);
            this.type = NodeType2.ElementDeclaration;
            this.value = this.stringify.dtdElementValue(value);
          }
          // Converts the XML fragment to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return this.options.writer.dtdElement(this, this.options.writer.filterOptions(options));
          }
        };
      }).call(commonjsGlobal);
      return XMLDTDElement.exports;
    }
    var XMLDTDNotation = { exports: {} };
    var hasRequiredXMLDTDNotation;
    function requireXMLDTDNotation() {
      if (hasRequiredXMLDTDNotation) return XMLDTDNotation.exports;
      hasRequiredXMLDTDNotation = 1;
      (function() {
        var NodeType2, XMLNode2;
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLDTDNotation.exports = (function() {
          class XMLDTDNotation2 extends XMLNode2 {
            // Initializes a new instance of `XMLDTDNotation`
            // `parent` the parent `XMLDocType` element
            // `name` the name of the notation
            // `value` an object with external entity details
            // `value.pubID` public identifier
            // `value.sysID` system identifier
            constructor(parent, name, value) {
              super(parent);
              if (name == null) {
                throw new Error("Missing DTD notation name. " + this.debugInfo(name));
              }
              if (!value.pubID && !value.sysID) {
                throw new Error("Public or system identifiers are required for an external entity. " + this.debugInfo(name));
              }
              this.name = this.stringify.name(name);
              this.type = NodeType2.NotationDeclaration;
              if (value.pubID != null) {
                this.pubID = this.stringify.dtdPubID(value.pubID);
              }
              if (value.sysID != null) {
                this.sysID = this.stringify.dtdSysID(value.sysID);
              }
            }
            // Converts the XML fragment to string
            // `options.pretty` pretty prints the result
            // `options.indent` indentation for pretty print
            // `options.offset` how many indentations to add to every line for pretty print
            // `options.newline` newline sequence for pretty print
            toString(options) {
              return this.options.writer.dtdNotation(this, this.options.writer.filterOptions(options));
            }
          }
          Object.defineProperty(XMLDTDNotation2.prototype, "publicId", {
            get: function() {
              return this.pubID;
            }
          });
          Object.defineProperty(XMLDTDNotation2.prototype, "systemId", {
            get: function() {
              return this.sysID;
            }
          });
          return XMLDTDNotation2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLDTDNotation.exports;
    }
    var hasRequiredXMLDocType;
    function requireXMLDocType() {
      if (hasRequiredXMLDocType) return XMLDocType.exports;
      hasRequiredXMLDocType = 1;
      (function() {
        var NodeType2, XMLDTDAttList2, XMLDTDElement2, XMLDTDEntity2, XMLDTDNotation2, XMLNamedNodeMap2, XMLNode2, isObject;
        ({ isObject } = requireUtility());
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLDTDAttList2 = requireXMLDTDAttList();
        XMLDTDEntity2 = requireXMLDTDEntity();
        XMLDTDElement2 = requireXMLDTDElement();
        XMLDTDNotation2 = requireXMLDTDNotation();
        XMLNamedNodeMap2 = requireXMLNamedNodeMap();
        XMLDocType.exports = (function() {
          class XMLDocType2 extends XMLNode2 {
            // Initializes a new instance of `XMLDocType`
            // `parent` the document object
            // `pubID` public identifier of the external subset
            // `sysID` system identifier of the external subset
            constructor(parent, pubID, sysID) {
              var child, i, len, ref;
              super(parent);
              this.type = NodeType2.DocType;
              if (parent.children) {
                ref = parent.children;
                for (i = 0, len = ref.length; i < len; i++) {
                  child = ref[i];
                  if (child.type === NodeType2.Element) {
                    this.name = child.name;
                    break;
                  }
                }
              }
              this.documentObject = parent;
              if (isObject(pubID)) {
                ({ pubID, sysID } = pubID);
              }
              if (sysID == null) {
                [sysID, pubID] = [pubID, sysID];
              }
              if (pubID != null) {
                this.pubID = this.stringify.dtdPubID(pubID);
              }
              if (sysID != null) {
                this.sysID = this.stringify.dtdSysID(sysID);
              }
            }
            // Creates an element type declaration
            // `name` element name
            // `value` element content (defaults to #PCDATA)
            element(name, value) {
              var child;
              child = new XMLDTDElement2(this, name, value);
              this.children.push(child);
              return this;
            }
            // Creates an attribute declaration
            // `elementName` the name of the element containing this attribute
            // `attributeName` attribute name
            // `attributeType` type of the attribute (defaults to CDATA)
            // `defaultValueType` default value type (either #REQUIRED, #IMPLIED, #FIXED or
            //                    #DEFAULT) (defaults to #IMPLIED)
            // `defaultValue` default value of the attribute
            //                (only used for #FIXED or #DEFAULT)
            attList(elementName, attributeName, attributeType, defaultValueType, defaultValue) {
              var child;
              child = new XMLDTDAttList2(this, elementName, attributeName, attributeType, defaultValueType, defaultValue);
              this.children.push(child);
              return this;
            }
            // Creates a general entity declaration
            // `name` the name of the entity
            // `value` internal entity value or an object with external entity details
            // `value.pubID` public identifier
            // `value.sysID` system identifier
            // `value.nData` notation declaration
            entity(name, value) {
              var child;
              child = new XMLDTDEntity2(this, false, name, value);
              this.children.push(child);
              return this;
            }
            // Creates a parameter entity declaration
            // `name` the name of the entity
            // `value` internal entity value or an object with external entity details
            // `value.pubID` public identifier
            // `value.sysID` system identifier
            pEntity(name, value) {
              var child;
              child = new XMLDTDEntity2(this, true, name, value);
              this.children.push(child);
              return this;
            }
            // Creates a NOTATION declaration
            // `name` the name of the notation
            // `value` an object with external entity details
            // `value.pubID` public identifier
            // `value.sysID` system identifier
            notation(name, value) {
              var child;
              child = new XMLDTDNotation2(this, name, value);
              this.children.push(child);
              return this;
            }
            // Converts to string
            // `options.pretty` pretty prints the result
            // `options.indent` indentation for pretty print
            // `options.offset` how many indentations to add to every line for pretty print
            // `options.newline` newline sequence for pretty print
            toString(options) {
              return this.options.writer.docType(this, this.options.writer.filterOptions(options));
            }
            // Aliases
            ele(name, value) {
              return this.element(name, value);
            }
            att(elementName, attributeName, attributeType, defaultValueType, defaultValue) {
              return this.attList(elementName, attributeName, attributeType, defaultValueType, defaultValue);
            }
            ent(name, value) {
              return this.entity(name, value);
            }
            pent(name, value) {
              return this.pEntity(name, value);
            }
            not(name, value) {
              return this.notation(name, value);
            }
            up() {
              return this.root() || this.documentObject;
            }
            isEqualNode(node) {
              if (!super.isEqualNode(node)) {
                return false;
              }
              if (node.name !== this.name) {
                return false;
              }
              if (node.publicId !== this.publicId) {
                return false;
              }
              if (node.systemId !== this.systemId) {
                return false;
              }
              return true;
            }
          }
          Object.defineProperty(XMLDocType2.prototype, "entities", {
            get: function() {
              var child, i, len, nodes, ref;
              nodes = {};
              ref = this.children;
              for (i = 0, len = ref.length; i < len; i++) {
                child = ref[i];
                if (child.type === NodeType2.EntityDeclaration && !child.pe) {
                  nodes[child.name] = child;
                }
              }
              return new XMLNamedNodeMap2(nodes);
            }
          });
          Object.defineProperty(XMLDocType2.prototype, "notations", {
            get: function() {
              var child, i, len, nodes, ref;
              nodes = {};
              ref = this.children;
              for (i = 0, len = ref.length; i < len; i++) {
                child = ref[i];
                if (child.type === NodeType2.NotationDeclaration) {
                  nodes[child.name] = child;
                }
              }
              return new XMLNamedNodeMap2(nodes);
            }
          });
          Object.defineProperty(XMLDocType2.prototype, "publicId", {
            get: function() {
              return this.pubID;
            }
          });
          Object.defineProperty(XMLDocType2.prototype, "systemId", {
            get: function() {
              return this.sysID;
            }
          });
          Object.defineProperty(XMLDocType2.prototype, "internalSubset", {
            get: function() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          });
          return XMLDocType2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLDocType.exports;
    }
    var XMLRaw = { exports: {} };
    var hasRequiredXMLRaw;
    function requireXMLRaw() {
      if (hasRequiredXMLRaw) return XMLRaw.exports;
      hasRequiredXMLRaw = 1;
      (function() {
        var NodeType2, XMLNode2;
        NodeType2 = requireNodeType();
        XMLNode2 = requireXMLNode();
        XMLRaw.exports = class XMLRaw extends XMLNode2 {
          // Initializes a new instance of `XMLRaw`
          // `text` raw text
          constructor(parent, text2) {
            super(parent);
            if (text2 == null) {
              throw new Error("Missing raw text. " + this.debugInfo());
            }
            this.type = NodeType2.Raw;
            this.value = this.stringify.raw(text2);
          }
          // Creates and returns a deep clone of `this`
          clone() {
            return Object.create(this);
          }
          // Converts the XML fragment to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return this.options.writer.raw(this, this.options.writer.filterOptions(options));
          }
        };
      }).call(commonjsGlobal);
      return XMLRaw.exports;
    }
    var XMLText = { exports: {} };
    var hasRequiredXMLText;
    function requireXMLText() {
      if (hasRequiredXMLText) return XMLText.exports;
      hasRequiredXMLText = 1;
      (function() {
        var NodeType2, XMLCharacterData2;
        NodeType2 = requireNodeType();
        XMLCharacterData2 = requireXMLCharacterData();
        XMLText.exports = (function() {
          class XMLText2 extends XMLCharacterData2 {
            // Initializes a new instance of `XMLText`
            // `text` element text
            constructor(parent, text2) {
              super(parent);
              if (text2 == null) {
                throw new Error("Missing element text. " + this.debugInfo());
              }
              this.name = "#text";
              this.type = NodeType2.Text;
              this.value = this.stringify.text(text2);
            }
            // Creates and returns a deep clone of `this`
            clone() {
              return Object.create(this);
            }
            // Converts the XML fragment to string
            // `options.pretty` pretty prints the result
            // `options.indent` indentation for pretty print
            // `options.offset` how many indentations to add to every line for pretty print
            // `options.newline` newline sequence for pretty print
            toString(options) {
              return this.options.writer.text(this, this.options.writer.filterOptions(options));
            }
            // DOM level 1 functions to be implemented later
            splitText(offset) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM level 3 functions to be implemented later
            replaceWholeText(content) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          }
          Object.defineProperty(XMLText2.prototype, "isElementContentWhitespace", {
            get: function() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          });
          Object.defineProperty(XMLText2.prototype, "wholeText", {
            get: function() {
              var next, prev, str;
              str = "";
              prev = this.previousSibling;
              while (prev) {
                str = prev.data + str;
                prev = prev.previousSibling;
              }
              str += this.data;
              next = this.nextSibling;
              while (next) {
                str = str + next.data;
                next = next.nextSibling;
              }
              return str;
            }
          });
          return XMLText2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLText.exports;
    }
    var XMLProcessingInstruction = { exports: {} };
    var hasRequiredXMLProcessingInstruction;
    function requireXMLProcessingInstruction() {
      if (hasRequiredXMLProcessingInstruction) return XMLProcessingInstruction.exports;
      hasRequiredXMLProcessingInstruction = 1;
      (function() {
        var NodeType2, XMLCharacterData2;
        NodeType2 = requireNodeType();
        XMLCharacterData2 = requireXMLCharacterData();
        XMLProcessingInstruction.exports = class XMLProcessingInstruction extends XMLCharacterData2 {
          // Initializes a new instance of `XMLProcessingInstruction`
          // `parent` the parent node
          // `target` instruction target
          // `value` instruction value
          constructor(parent, target, value) {
            super(parent);
            if (target == null) {
              throw new Error("Missing instruction target. " + this.debugInfo());
            }
            this.type = NodeType2.ProcessingInstruction;
            this.target = this.stringify.insTarget(target);
            this.name = this.target;
            if (value) {
              this.value = this.stringify.insValue(value);
            }
          }
          // Creates and returns a deep clone of `this`
          clone() {
            return Object.create(this);
          }
          // Converts the XML fragment to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return this.options.writer.processingInstruction(this, this.options.writer.filterOptions(options));
          }
          isEqualNode(node) {
            if (!super.isEqualNode(node)) {
              return false;
            }
            if (node.target !== this.target) {
              return false;
            }
            return true;
          }
        };
      }).call(commonjsGlobal);
      return XMLProcessingInstruction.exports;
    }
    var XMLDummy = { exports: {} };
    var hasRequiredXMLDummy;
    function requireXMLDummy() {
      if (hasRequiredXMLDummy) return XMLDummy.exports;
      hasRequiredXMLDummy = 1;
      (function() {
        var NodeType2, XMLNode2;
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLDummy.exports = class XMLDummy extends XMLNode2 {
          // Initializes a new instance of `XMLDummy`
          // `XMLDummy` is a special node representing a node with 
          // a null value. Dummy nodes are created while recursively
          // building the XML tree. Simply skipping null values doesn't
          // work because that would break the recursive chain.
          constructor(parent) {
            super(parent);
            this.type = NodeType2.Dummy;
          }
          // Creates and returns a deep clone of `this`
          clone() {
            return Object.create(this);
          }
          // Converts the XML fragment to string
          // `options.pretty` pretty prints the result
          // `options.indent` indentation for pretty print
          // `options.offset` how many indentations to add to every line for pretty print
          // `options.newline` newline sequence for pretty print
          toString(options) {
            return "";
          }
        };
      }).call(commonjsGlobal);
      return XMLDummy.exports;
    }
    var XMLNodeList = { exports: {} };
    var hasRequiredXMLNodeList;
    function requireXMLNodeList() {
      if (hasRequiredXMLNodeList) return XMLNodeList.exports;
      hasRequiredXMLNodeList = 1;
      (function() {
        XMLNodeList.exports = (function() {
          class XMLNodeList2 {
            // Initializes a new instance of `XMLNodeList`
            // This is just a wrapper around an ordinary
            // JS array.
            // `nodes` the array containing nodes.
            constructor(nodes) {
              this.nodes = nodes;
            }
            // Creates and returns a deep clone of `this`
            clone() {
              return this.nodes = null;
            }
            // DOM Level 1
            item(index2) {
              return this.nodes[index2] || null;
            }
          }
          Object.defineProperty(XMLNodeList2.prototype, "length", {
            get: function() {
              return this.nodes.length || 0;
            }
          });
          return XMLNodeList2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLNodeList.exports;
    }
    var DocumentPosition = { exports: {} };
    var hasRequiredDocumentPosition;
    function requireDocumentPosition() {
      if (hasRequiredDocumentPosition) return DocumentPosition.exports;
      hasRequiredDocumentPosition = 1;
      (function() {
        DocumentPosition.exports = {
          Disconnected: 1,
          Preceding: 2,
          Following: 4,
          Contains: 8,
          ContainedBy: 16,
          ImplementationSpecific: 32
        };
      }).call(commonjsGlobal);
      return DocumentPosition.exports;
    }
    var hasRequiredXMLNode;
    function requireXMLNode() {
      if (hasRequiredXMLNode) return XMLNode.exports;
      hasRequiredXMLNode = 1;
      (function() {
        var DocumentPosition2, NodeType2, XMLCData2, XMLComment2, XMLDeclaration2, XMLDocType2, XMLDummy2, XMLElement2, XMLNodeList2, XMLProcessingInstruction2, XMLRaw2, XMLText2, getValue, isEmpty, isFunction, isObject, hasProp = {}.hasOwnProperty, splice = [].splice;
        ({ isObject, isFunction, isEmpty, getValue } = requireUtility());
        XMLElement2 = null;
        XMLCData2 = null;
        XMLComment2 = null;
        XMLDeclaration2 = null;
        XMLDocType2 = null;
        XMLRaw2 = null;
        XMLText2 = null;
        XMLProcessingInstruction2 = null;
        XMLDummy2 = null;
        NodeType2 = null;
        XMLNodeList2 = null;
        DocumentPosition2 = null;
        XMLNode.exports = (function() {
          class XMLNode2 {
            // Initializes a new instance of `XMLNode`
            // `parent` the parent node
            constructor(parent1) {
              this.parent = parent1;
              if (this.parent) {
                this.options = this.parent.options;
                this.stringify = this.parent.stringify;
              }
              this.value = null;
              this.children = [];
              this.baseURI = null;
              if (!XMLElement2) {
                XMLElement2 = requireXMLElement();
                XMLCData2 = requireXMLCData();
                XMLComment2 = requireXMLComment();
                XMLDeclaration2 = requireXMLDeclaration();
                XMLDocType2 = requireXMLDocType();
                XMLRaw2 = requireXMLRaw();
                XMLText2 = requireXMLText();
                XMLProcessingInstruction2 = requireXMLProcessingInstruction();
                XMLDummy2 = requireXMLDummy();
                NodeType2 = requireNodeType();
                XMLNodeList2 = requireXMLNodeList();
                requireXMLNamedNodeMap();
                DocumentPosition2 = requireDocumentPosition();
              }
            }
            // Sets the parent node of this node and its children recursively
            // `parent` the parent node
            setParent(parent) {
              var child, j, len, ref1, results;
              this.parent = parent;
              if (parent) {
                this.options = parent.options;
                this.stringify = parent.stringify;
              }
              ref1 = this.children;
              results = [];
              for (j = 0, len = ref1.length; j < len; j++) {
                child = ref1[j];
                results.push(child.setParent(this));
              }
              return results;
            }
            // Creates a child element node
            // `name` node name or an object describing the XML tree
            // `attributes` an object containing name/value pairs of attributes
            // `text` element text
            element(name, attributes, text2) {
              var childNode, item, j, k, key, lastChild, len, len1, val;
              lastChild = null;
              if (attributes === null && text2 == null) {
                [attributes, text2] = [{}, null];
              }
              if (attributes == null) {
                attributes = {};
              }
              attributes = getValue(attributes);
              if (!isObject(attributes)) {
                [text2, attributes] = [attributes, text2];
              }
              if (name != null) {
                name = getValue(name);
              }
              if (Array.isArray(name)) {
                for (j = 0, len = name.length; j < len; j++) {
                  item = name[j];
                  lastChild = this.element(item);
                }
              } else if (isFunction(name)) {
                lastChild = this.element(name.apply());
              } else if (isObject(name)) {
                for (key in name) {
                  if (!hasProp.call(name, key)) continue;
                  val = name[key];
                  if (isFunction(val)) {
                    val = val.apply();
                  }
                  if (!this.options.ignoreDecorators && this.stringify.convertAttKey && key.indexOf(this.stringify.convertAttKey) === 0) {
                    lastChild = this.attribute(key.substr(this.stringify.convertAttKey.length), val);
                  } else if (!this.options.separateArrayItems && Array.isArray(val) && isEmpty(val)) {
                    lastChild = this.dummy();
                  } else if (isObject(val) && isEmpty(val)) {
                    lastChild = this.element(key);
                  } else if (!this.options.keepNullNodes && val == null) {
                    lastChild = this.dummy();
                  } else if (!this.options.separateArrayItems && Array.isArray(val)) {
                    for (k = 0, len1 = val.length; k < len1; k++) {
                      item = val[k];
                      childNode = {};
                      childNode[key] = item;
                      lastChild = this.element(childNode);
                    }
                  } else if (isObject(val)) {
                    if (!this.options.ignoreDecorators && this.stringify.convertTextKey && key.indexOf(this.stringify.convertTextKey) === 0) {
                      lastChild = this.element(val);
                    } else {
                      lastChild = this.element(key);
                      lastChild.element(val);
                    }
                  } else {
                    lastChild = this.element(key, val);
                  }
                }
              } else if (!this.options.keepNullNodes && text2 === null) {
                lastChild = this.dummy();
              } else {
                if (!this.options.ignoreDecorators && this.stringify.convertTextKey && name.indexOf(this.stringify.convertTextKey) === 0) {
                  lastChild = this.text(text2);
                } else if (!this.options.ignoreDecorators && this.stringify.convertCDataKey && name.indexOf(this.stringify.convertCDataKey) === 0) {
                  lastChild = this.cdata(text2);
                } else if (!this.options.ignoreDecorators && this.stringify.convertCommentKey && name.indexOf(this.stringify.convertCommentKey) === 0) {
                  lastChild = this.comment(text2);
                } else if (!this.options.ignoreDecorators && this.stringify.convertRawKey && name.indexOf(this.stringify.convertRawKey) === 0) {
                  lastChild = this.raw(text2);
                } else if (!this.options.ignoreDecorators && this.stringify.convertPIKey && name.indexOf(this.stringify.convertPIKey) === 0) {
                  lastChild = this.instruction(name.substr(this.stringify.convertPIKey.length), text2);
                } else {
                  lastChild = this.node(name, attributes, text2);
                }
              }
              if (lastChild == null) {
                throw new Error("Could not create any elements with: " + name + ". " + this.debugInfo());
              }
              return lastChild;
            }
            // Creates a child element node before the current node
            // `name` node name or an object describing the XML tree
            // `attributes` an object containing name/value pairs of attributes
            // `text` element text
            insertBefore(name, attributes, text2) {
              var child, i, newChild, refChild, removed;
              if (name != null ? name.type : void 0) {
                newChild = name;
                refChild = attributes;
                newChild.setParent(this);
                if (refChild) {
                  i = children.indexOf(refChild);
                  removed = children.splice(i);
                  children.push(newChild);
                  Array.prototype.push.apply(children, removed);
                } else {
                  children.push(newChild);
                }
                return newChild;
              } else {
                if (this.isRoot) {
                  throw new Error("Cannot insert elements at root level. " + this.debugInfo(name));
                }
                i = this.parent.children.indexOf(this);
                removed = this.parent.children.splice(i);
                child = this.parent.element(name, attributes, text2);
                Array.prototype.push.apply(this.parent.children, removed);
                return child;
              }
            }
            // Creates a child element node after the current node
            // `name` node name or an object describing the XML tree
            // `attributes` an object containing name/value pairs of attributes
            // `text` element text
            insertAfter(name, attributes, text2) {
              var child, i, removed;
              if (this.isRoot) {
                throw new Error("Cannot insert elements at root level. " + this.debugInfo(name));
              }
              i = this.parent.children.indexOf(this);
              removed = this.parent.children.splice(i + 1);
              child = this.parent.element(name, attributes, text2);
              Array.prototype.push.apply(this.parent.children, removed);
              return child;
            }
            // Deletes a child element node
            remove() {
              var i;
              if (this.isRoot) {
                throw new Error("Cannot remove the root element. " + this.debugInfo());
              }
              i = this.parent.children.indexOf(this);
              splice.apply(this.parent.children, [i, i - i + 1].concat([]));
              return this.parent;
            }
            // Creates a node
            // `name` name of the node
            // `attributes` an object containing name/value pairs of attributes
            // `text` element text
            node(name, attributes, text2) {
              var child;
              if (name != null) {
                name = getValue(name);
              }
              attributes || (attributes = {});
              attributes = getValue(attributes);
              if (!isObject(attributes)) {
                [text2, attributes] = [attributes, text2];
              }
              child = new XMLElement2(this, name, attributes);
              if (text2 != null) {
                child.text(text2);
              }
              this.children.push(child);
              return child;
            }
            // Creates a text node
            // `value` element text
            text(value) {
              var child;
              if (isObject(value)) {
                this.element(value);
              }
              child = new XMLText2(this, value);
              this.children.push(child);
              return this;
            }
            // Creates a CDATA node
            // `value` element text without CDATA delimiters
            cdata(value) {
              var child;
              child = new XMLCData2(this, value);
              this.children.push(child);
              return this;
            }
            // Creates a comment node
            // `value` comment text
            comment(value) {
              var child;
              child = new XMLComment2(this, value);
              this.children.push(child);
              return this;
            }
            // Creates a comment node before the current node
            // `value` comment text
            commentBefore(value) {
              var i, removed;
              i = this.parent.children.indexOf(this);
              removed = this.parent.children.splice(i);
              this.parent.comment(value);
              Array.prototype.push.apply(this.parent.children, removed);
              return this;
            }
            // Creates a comment node after the current node
            // `value` comment text
            commentAfter(value) {
              var i, removed;
              i = this.parent.children.indexOf(this);
              removed = this.parent.children.splice(i + 1);
              this.parent.comment(value);
              Array.prototype.push.apply(this.parent.children, removed);
              return this;
            }
            // Adds unescaped raw text
            // `value` text
            raw(value) {
              var child;
              child = new XMLRaw2(this, value);
              this.children.push(child);
              return this;
            }
            // Adds a dummy node
            dummy() {
              var child;
              child = new XMLDummy2(this);
              return child;
            }
            // Adds a processing instruction
            // `target` instruction target
            // `value` instruction value
            instruction(target, value) {
              var insTarget, insValue, instruction, j, len;
              if (target != null) {
                target = getValue(target);
              }
              if (value != null) {
                value = getValue(value);
              }
              if (Array.isArray(target)) {
                for (j = 0, len = target.length; j < len; j++) {
                  insTarget = target[j];
                  this.instruction(insTarget);
                }
              } else if (isObject(target)) {
                for (insTarget in target) {
                  if (!hasProp.call(target, insTarget)) continue;
                  insValue = target[insTarget];
                  this.instruction(insTarget, insValue);
                }
              } else {
                if (isFunction(value)) {
                  value = value.apply();
                }
                instruction = new XMLProcessingInstruction2(this, target, value);
                this.children.push(instruction);
              }
              return this;
            }
            // Creates a processing instruction node before the current node
            // `target` instruction target
            // `value` instruction value
            instructionBefore(target, value) {
              var i, removed;
              i = this.parent.children.indexOf(this);
              removed = this.parent.children.splice(i);
              this.parent.instruction(target, value);
              Array.prototype.push.apply(this.parent.children, removed);
              return this;
            }
            // Creates a processing instruction node after the current node
            // `target` instruction target
            // `value` instruction value
            instructionAfter(target, value) {
              var i, removed;
              i = this.parent.children.indexOf(this);
              removed = this.parent.children.splice(i + 1);
              this.parent.instruction(target, value);
              Array.prototype.push.apply(this.parent.children, removed);
              return this;
            }
            // Creates the xml declaration
            // `version` A version number string, e.g. 1.0
            // `encoding` Encoding declaration, e.g. UTF-8
            // `standalone` standalone document declaration: true or false
            declaration(version, encoding, standalone) {
              var doc, xmldec;
              doc = this.document();
              xmldec = new XMLDeclaration2(doc, version, encoding, standalone);
              if (doc.children.length === 0) {
                doc.children.unshift(xmldec);
              } else if (doc.children[0].type === NodeType2.Declaration) {
                doc.children[0] = xmldec;
              } else {
                doc.children.unshift(xmldec);
              }
              return doc.root() || doc;
            }
            // Creates the document type declaration
            // `pubID` the public identifier of the external subset
            // `sysID` the system identifier of the external subset
            dtd(pubID, sysID) {
              var child, doc, doctype, i, j, k, len, len1, ref1, ref2;
              doc = this.document();
              doctype = new XMLDocType2(doc, pubID, sysID);
              ref1 = doc.children;
              for (i = j = 0, len = ref1.length; j < len; i = ++j) {
                child = ref1[i];
                if (child.type === NodeType2.DocType) {
                  doc.children[i] = doctype;
                  return doctype;
                }
              }
              ref2 = doc.children;
              for (i = k = 0, len1 = ref2.length; k < len1; i = ++k) {
                child = ref2[i];
                if (child.isRoot) {
                  doc.children.splice(i, 0, doctype);
                  return doctype;
                }
              }
              doc.children.push(doctype);
              return doctype;
            }
            // Gets the parent node
            up() {
              if (this.isRoot) {
                throw new Error("The root node has no parent. Use doc() if you need to get the document object.");
              }
              return this.parent;
            }
            // Gets the root node
            root() {
              var node;
              node = this;
              while (node) {
                if (node.type === NodeType2.Document) {
                  return node.rootObject;
                } else if (node.isRoot) {
                  return node;
                } else {
                  node = node.parent;
                }
              }
            }
            // Gets the node representing the XML document
            document() {
              var node;
              node = this;
              while (node) {
                if (node.type === NodeType2.Document) {
                  return node;
                } else {
                  node = node.parent;
                }
              }
            }
            // Ends the document and converts string
            end(options) {
              return this.document().end(options);
            }
            // Gets the previous node
            prev() {
              var i;
              i = this.parent.children.indexOf(this);
              if (i < 1) {
                throw new Error("Already at the first node. " + this.debugInfo());
              }
              return this.parent.children[i - 1];
            }
            // Gets the next node
            next() {
              var i;
              i = this.parent.children.indexOf(this);
              if (i === -1 || i === this.parent.children.length - 1) {
                throw new Error("Already at the last node. " + this.debugInfo());
              }
              return this.parent.children[i + 1];
            }
            // Imports cloned root from another XML document
            // `doc` the XML document to insert nodes from
            importDocument(doc) {
              var child, clonedRoot, j, len, ref1;
              clonedRoot = doc.root().clone();
              clonedRoot.parent = this;
              clonedRoot.isRoot = false;
              this.children.push(clonedRoot);
              if (this.type === NodeType2.Document) {
                clonedRoot.isRoot = true;
                clonedRoot.documentObject = this;
                this.rootObject = clonedRoot;
                if (this.children) {
                  ref1 = this.children;
                  for (j = 0, len = ref1.length; j < len; j++) {
                    child = ref1[j];
                    if (child.type === NodeType2.DocType) {
                      child.name = clonedRoot.name;
                      break;
                    }
                  }
                }
              }
              return this;
            }
            // Returns debug string for this node
            debugInfo(name) {
              var ref1, ref2;
              name = name || this.name;
              if (name == null && !((ref1 = this.parent) != null ? ref1.name : void 0)) {
                return "";
              } else if (name == null) {
                return "parent: <" + this.parent.name + ">";
              } else if (!((ref2 = this.parent) != null ? ref2.name : void 0)) {
                return "node: <" + name + ">";
              } else {
                return "node: <" + name + ">, parent: <" + this.parent.name + ">";
              }
            }
            // Aliases
            ele(name, attributes, text2) {
              return this.element(name, attributes, text2);
            }
            nod(name, attributes, text2) {
              return this.node(name, attributes, text2);
            }
            txt(value) {
              return this.text(value);
            }
            dat(value) {
              return this.cdata(value);
            }
            com(value) {
              return this.comment(value);
            }
            ins(target, value) {
              return this.instruction(target, value);
            }
            doc() {
              return this.document();
            }
            dec(version, encoding, standalone) {
              return this.declaration(version, encoding, standalone);
            }
            e(name, attributes, text2) {
              return this.element(name, attributes, text2);
            }
            n(name, attributes, text2) {
              return this.node(name, attributes, text2);
            }
            t(value) {
              return this.text(value);
            }
            d(value) {
              return this.cdata(value);
            }
            c(value) {
              return this.comment(value);
            }
            r(value) {
              return this.raw(value);
            }
            i(target, value) {
              return this.instruction(target, value);
            }
            u() {
              return this.up();
            }
            // can be deprecated in a future release
            importXMLBuilder(doc) {
              return this.importDocument(doc);
            }
            // Adds or modifies an attribute.
            // `name` attribute name
            // `value` attribute value
            attribute(name, value) {
              throw new Error("attribute() applies to element nodes only.");
            }
            att(name, value) {
              return this.attribute(name, value);
            }
            a(name, value) {
              return this.attribute(name, value);
            }
            // Removes an attribute
            // `name` attribute name
            removeAttribute(name) {
              throw new Error("attribute() applies to element nodes only.");
            }
            // DOM level 1 functions to be implemented later
            replaceChild(newChild, oldChild) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            removeChild(oldChild) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            appendChild(newChild) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            hasChildNodes() {
              return this.children.length !== 0;
            }
            cloneNode(deep) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            normalize() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM level 2
            isSupported(feature, version) {
              return true;
            }
            hasAttributes() {
              return this.attribs.length !== 0;
            }
            // DOM level 3 functions to be implemented later
            compareDocumentPosition(other) {
              var ref, res;
              ref = this;
              if (ref === other) {
                return 0;
              } else if (this.document() !== other.document()) {
                res = DocumentPosition2.Disconnected | DocumentPosition2.ImplementationSpecific;
                if (Math.random() < 0.5) {
                  res |= DocumentPosition2.Preceding;
                } else {
                  res |= DocumentPosition2.Following;
                }
                return res;
              } else if (ref.isAncestor(other)) {
                return DocumentPosition2.Contains | DocumentPosition2.Preceding;
              } else if (ref.isDescendant(other)) {
                return DocumentPosition2.Contains | DocumentPosition2.Following;
              } else if (ref.isPreceding(other)) {
                return DocumentPosition2.Preceding;
              } else {
                return DocumentPosition2.Following;
              }
            }
            isSameNode(other) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            lookupPrefix(namespaceURI) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            isDefaultNamespace(namespaceURI) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            lookupNamespaceURI(prefix) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            isEqualNode(node) {
              var i, j, ref1;
              if (node.nodeType !== this.nodeType) {
                return false;
              }
              if (node.children.length !== this.children.length) {
                return false;
              }
              for (i = j = 0, ref1 = this.children.length - 1; 0 <= ref1 ? j <= ref1 : j >= ref1; i = 0 <= ref1 ? ++j : --j) {
                if (!this.children[i].isEqualNode(node.children[i])) {
                  return false;
                }
              }
              return true;
            }
            getFeature(feature, version) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            setUserData(key, data, handler) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getUserData(key) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // Returns true if other is an inclusive descendant of node,
            // and false otherwise.
            contains(other) {
              if (!other) {
                return false;
              }
              return other === this || this.isDescendant(other);
            }
            // An object A is called a descendant of an object B, if either A is 
            // a child of B or A is a child of an object C that is a descendant of B.
            isDescendant(node) {
              var child, isDescendantChild, j, len, ref1;
              ref1 = this.children;
              for (j = 0, len = ref1.length; j < len; j++) {
                child = ref1[j];
                if (node === child) {
                  return true;
                }
                isDescendantChild = child.isDescendant(node);
                if (isDescendantChild) {
                  return true;
                }
              }
              return false;
            }
            // An object A is called an ancestor of an object B if and only if
            // B is a descendant of A.
            isAncestor(node) {
              return node.isDescendant(this);
            }
            // An object A is preceding an object B if A and B are in the 
            // same tree and A comes before B in tree order.
            isPreceding(node) {
              var nodePos, thisPos;
              nodePos = this.treePosition(node);
              thisPos = this.treePosition(this);
              if (nodePos === -1 || thisPos === -1) {
                return false;
              } else {
                return nodePos < thisPos;
              }
            }
            // An object A is folllowing an object B if A and B are in the 
            // same tree and A comes after B in tree order.
            isFollowing(node) {
              var nodePos, thisPos;
              nodePos = this.treePosition(node);
              thisPos = this.treePosition(this);
              if (nodePos === -1 || thisPos === -1) {
                return false;
              } else {
                return nodePos > thisPos;
              }
            }
            // Returns the preorder position of the given node in the tree, or -1
            // if the node is not in the tree.
            treePosition(node) {
              var found, pos;
              pos = 0;
              found = false;
              this.foreachTreeNode(this.document(), function(childNode) {
                pos++;
                if (!found && childNode === node) {
                  return found = true;
                }
              });
              if (found) {
                return pos;
              } else {
                return -1;
              }
            }
            // Depth-first preorder traversal through the XML tree
            foreachTreeNode(node, func) {
              var child, j, len, ref1, res;
              node || (node = this.document());
              ref1 = node.children;
              for (j = 0, len = ref1.length; j < len; j++) {
                child = ref1[j];
                if (res = func(child)) {
                  return res;
                } else {
                  res = this.foreachTreeNode(child, func);
                  if (res) {
                    return res;
                  }
                }
              }
            }
          }
          Object.defineProperty(XMLNode2.prototype, "nodeName", {
            get: function() {
              return this.name;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "nodeType", {
            get: function() {
              return this.type;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "nodeValue", {
            get: function() {
              return this.value;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "parentNode", {
            get: function() {
              return this.parent;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "childNodes", {
            get: function() {
              if (!this.childNodeList || !this.childNodeList.nodes) {
                this.childNodeList = new XMLNodeList2(this.children);
              }
              return this.childNodeList;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "firstChild", {
            get: function() {
              return this.children[0] || null;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "lastChild", {
            get: function() {
              return this.children[this.children.length - 1] || null;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "previousSibling", {
            get: function() {
              var i;
              i = this.parent.children.indexOf(this);
              return this.parent.children[i - 1] || null;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "nextSibling", {
            get: function() {
              var i;
              i = this.parent.children.indexOf(this);
              return this.parent.children[i + 1] || null;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "ownerDocument", {
            get: function() {
              return this.document() || null;
            }
          });
          Object.defineProperty(XMLNode2.prototype, "textContent", {
            get: function() {
              var child, j, len, ref1, str;
              if (this.nodeType === NodeType2.Element || this.nodeType === NodeType2.DocumentFragment) {
                str = "";
                ref1 = this.children;
                for (j = 0, len = ref1.length; j < len; j++) {
                  child = ref1[j];
                  if (child.textContent) {
                    str += child.textContent;
                  }
                }
                return str;
              } else {
                return null;
              }
            },
            set: function(value) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          });
          return XMLNode2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLNode.exports;
    }
    var XMLStringifier = { exports: {} };
    var hasRequiredXMLStringifier;
    function requireXMLStringifier() {
      if (hasRequiredXMLStringifier) return XMLStringifier.exports;
      hasRequiredXMLStringifier = 1;
      (function() {
        var hasProp = {}.hasOwnProperty;
        XMLStringifier.exports = (function() {
          class XMLStringifier2 {
            // Initializes a new instance of `XMLStringifier`
            // `options.version` The version number string of the XML spec to validate against, e.g. 1.0
            // `options.noDoubleEncoding` whether existing html entities are encoded: true or false
            // `options.stringify` a set of functions to use for converting values to strings
            // `options.noValidation` whether values will be validated and escaped or returned as is
            // `options.invalidCharReplacement` a character to replace invalid characters and disable character validation
            constructor(options) {
              var key, ref, value;
              this.assertLegalChar = this.assertLegalChar.bind(this);
              this.assertLegalName = this.assertLegalName.bind(this);
              options || (options = {});
              this.options = options;
              if (!this.options.version) {
                this.options.version = "1.0";
              }
              ref = options.stringify || {};
              for (key in ref) {
                if (!hasProp.call(ref, key)) continue;
                value = ref[key];
                this[key] = value;
              }
            }
            // Defaults
            name(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalName("" + val || "");
            }
            text(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar(this.textEscape("" + val || ""));
            }
            cdata(val) {
              if (this.options.noValidation) {
                return val;
              }
              val = "" + val || "";
              val = val.replace("]]>", "]]]]><![CDATA[>");
              return this.assertLegalChar(val);
            }
            comment(val) {
              if (this.options.noValidation) {
                return val;
              }
              val = "" + val || "";
              if (val.match(/--/)) {
                throw new Error("Comment text cannot contain double-hypen: " + val);
              }
              return this.assertLegalChar(val);
            }
            raw(val) {
              if (this.options.noValidation) {
                return val;
              }
              return "" + val || "";
            }
            attValue(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar(this.attEscape(val = "" + val || ""));
            }
            insTarget(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            insValue(val) {
              if (this.options.noValidation) {
                return val;
              }
              val = "" + val || "";
              if (val.match(/\?>/)) {
                throw new Error("Invalid processing instruction value: " + val);
              }
              return this.assertLegalChar(val);
            }
            xmlVersion(val) {
              if (this.options.noValidation) {
                return val;
              }
              val = "" + val || "";
              if (!val.match(/1\.[0-9]+/)) {
                throw new Error("Invalid version number: " + val);
              }
              return val;
            }
            xmlEncoding(val) {
              if (this.options.noValidation) {
                return val;
              }
              val = "" + val || "";
              if (!val.match(/^[A-Za-z](?:[A-Za-z0-9._-])*$/)) {
                throw new Error("Invalid encoding: " + val);
              }
              return this.assertLegalChar(val);
            }
            xmlStandalone(val) {
              if (this.options.noValidation) {
                return val;
              }
              if (val) {
                return "yes";
              } else {
                return "no";
              }
            }
            dtdPubID(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            dtdSysID(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            dtdElementValue(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            dtdAttType(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            dtdAttDefault(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            dtdEntityValue(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            dtdNData(val) {
              if (this.options.noValidation) {
                return val;
              }
              return this.assertLegalChar("" + val || "");
            }
            assertLegalChar(str) {
              var regex, res;
              if (this.options.noValidation) {
                return str;
              }
              if (this.options.version === "1.0") {
                regex = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/g;
                if (this.options.invalidCharReplacement !== void 0) {
                  str = str.replace(regex, this.options.invalidCharReplacement);
                } else if (res = str.match(regex)) {
                  throw new Error(`Invalid character in string: ${str} at index ${res.index}`);
                }
              } else if (this.options.version === "1.1") {
                regex = /[\0\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/g;
                if (this.options.invalidCharReplacement !== void 0) {
                  str = str.replace(regex, this.options.invalidCharReplacement);
                } else if (res = str.match(regex)) {
                  throw new Error(`Invalid character in string: ${str} at index ${res.index}`);
                }
              }
              return str;
            }
            assertLegalName(str) {
              var regex;
              if (this.options.noValidation) {
                return str;
              }
              str = this.assertLegalChar(str);
              regex = /^([:A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]|[\uD800-\uDB7F][\uDC00-\uDFFF])([\x2D\.0-:A-Z_a-z\xB7\xC0-\xD6\xD8-\xF6\xF8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]|[\uD800-\uDB7F][\uDC00-\uDFFF])*$/;
              if (!str.match(regex)) {
                throw new Error(`Invalid character in name: ${str}`);
              }
              return str;
            }
            // Escapes special characters in text
            // See http://www.w3.org/TR/2000/WD-xml-c14n-20000119.html#charescaping
            // `str` the string to escape
            textEscape(str) {
              var ampregex;
              if (this.options.noValidation) {
                return str;
              }
              ampregex = this.options.noDoubleEncoding ? /(?!&(lt|gt|amp|apos|quot);)&/g : /&/g;
              return str.replace(ampregex, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
            }
            // Escapes special characters in attribute values
            // See http://www.w3.org/TR/2000/WD-xml-c14n-20000119.html#charescaping
            // `str` the string to escape
            attEscape(str) {
              var ampregex;
              if (this.options.noValidation) {
                return str;
              }
              ampregex = this.options.noDoubleEncoding ? /(?!&(lt|gt|amp|apos|quot);)&/g : /&/g;
              return str.replace(ampregex, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;").replace(/\t/g, "&#x9;").replace(/\n/g, "&#xA;").replace(/\r/g, "&#xD;");
            }
          }
          XMLStringifier2.prototype.convertAttKey = "@";
          XMLStringifier2.prototype.convertPIKey = "?";
          XMLStringifier2.prototype.convertTextKey = "#text";
          XMLStringifier2.prototype.convertCDataKey = "#cdata";
          XMLStringifier2.prototype.convertCommentKey = "#comment";
          XMLStringifier2.prototype.convertRawKey = "#raw";
          return XMLStringifier2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLStringifier.exports;
    }
    var XMLStringWriter = { exports: {} };
    var XMLWriterBase = { exports: {} };
    var WriterState = { exports: {} };
    var hasRequiredWriterState;
    function requireWriterState() {
      if (hasRequiredWriterState) return WriterState.exports;
      hasRequiredWriterState = 1;
      (function() {
        WriterState.exports = {
          None: 0,
          OpenTag: 1,
          InsideTag: 2,
          CloseTag: 3
        };
      }).call(commonjsGlobal);
      return WriterState.exports;
    }
    var hasRequiredXMLWriterBase;
    function requireXMLWriterBase() {
      if (hasRequiredXMLWriterBase) return XMLWriterBase.exports;
      hasRequiredXMLWriterBase = 1;
      (function() {
        var NodeType2, WriterState2, assign, hasProp = {}.hasOwnProperty;
        ({ assign } = requireUtility());
        NodeType2 = requireNodeType();
        requireXMLDeclaration();
        requireXMLDocType();
        requireXMLCData();
        requireXMLComment();
        requireXMLElement();
        requireXMLRaw();
        requireXMLText();
        requireXMLProcessingInstruction();
        requireXMLDummy();
        requireXMLDTDAttList();
        requireXMLDTDElement();
        requireXMLDTDEntity();
        requireXMLDTDNotation();
        WriterState2 = requireWriterState();
        XMLWriterBase.exports = class XMLWriterBase {
          // Initializes a new instance of `XMLWriterBase`
          // `options.pretty` pretty prints the result
          // `options.indent` indentation string
          // `options.newline` newline sequence
          // `options.offset` a fixed number of indentations to add to every line
          // `options.width` maximum column width
          // `options.allowEmpty` do not self close empty element tags
          // 'options.dontPrettyTextNodes' if any text is present in node, don't indent or LF
          // `options.spaceBeforeSlash` add a space before the closing slash of empty elements
          constructor(options) {
            var key, ref, value;
            options || (options = {});
            this.options = options;
            ref = options.writer || {};
            for (key in ref) {
              if (!hasProp.call(ref, key)) continue;
              value = ref[key];
              this["_" + key] = this[key];
              this[key] = value;
            }
          }
          // Filters writer options and provides defaults
          // `options` writer options
          filterOptions(options) {
            var filteredOptions, ref, ref1, ref2, ref3, ref4, ref5, ref6, ref7;
            options || (options = {});
            options = assign({}, this.options, options);
            filteredOptions = {
              writer: this
            };
            filteredOptions.pretty = options.pretty || false;
            filteredOptions.allowEmpty = options.allowEmpty || false;
            filteredOptions.indent = (ref = options.indent) != null ? ref : "  ";
            filteredOptions.newline = (ref1 = options.newline) != null ? ref1 : "\n";
            filteredOptions.offset = (ref2 = options.offset) != null ? ref2 : 0;
            filteredOptions.width = (ref3 = options.width) != null ? ref3 : 0;
            filteredOptions.dontPrettyTextNodes = (ref4 = (ref5 = options.dontPrettyTextNodes) != null ? ref5 : options.dontprettytextnodes) != null ? ref4 : 0;
            filteredOptions.spaceBeforeSlash = (ref6 = (ref7 = options.spaceBeforeSlash) != null ? ref7 : options.spacebeforeslash) != null ? ref6 : "";
            if (filteredOptions.spaceBeforeSlash === true) {
              filteredOptions.spaceBeforeSlash = " ";
            }
            filteredOptions.suppressPrettyCount = 0;
            filteredOptions.user = {};
            filteredOptions.state = WriterState2.None;
            return filteredOptions;
          }
          // Returns the indentation string for the current level
          // `node` current node
          // `options` writer options
          // `level` current indentation level
          indent(node, options, level) {
            var indentLevel;
            if (!options.pretty || options.suppressPrettyCount) {
              return "";
            } else if (options.pretty) {
              indentLevel = (level || 0) + options.offset + 1;
              if (indentLevel > 0) {
                return new Array(indentLevel).join(options.indent);
              }
            }
            return "";
          }
          // Returns the newline string
          // `node` current node
          // `options` writer options
          // `level` current indentation level
          endline(node, options, level) {
            if (!options.pretty || options.suppressPrettyCount) {
              return "";
            } else {
              return options.newline;
            }
          }
          attribute(att, options, level) {
            var r;
            this.openAttribute(att, options, level);
            if (options.pretty && options.width > 0) {
              r = att.name + '="' + att.value + '"';
            } else {
              r = " " + att.name + '="' + att.value + '"';
            }
            this.closeAttribute(att, options, level);
            return r;
          }
          cdata(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<![CDATA[";
            options.state = WriterState2.InsideTag;
            r += node.value;
            options.state = WriterState2.CloseTag;
            r += "]]>" + this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          comment(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<!-- ";
            options.state = WriterState2.InsideTag;
            r += node.value;
            options.state = WriterState2.CloseTag;
            r += " -->" + this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          declaration(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<?xml";
            options.state = WriterState2.InsideTag;
            r += ' version="' + node.version + '"';
            if (node.encoding != null) {
              r += ' encoding="' + node.encoding + '"';
            }
            if (node.standalone != null) {
              r += ' standalone="' + node.standalone + '"';
            }
            options.state = WriterState2.CloseTag;
            r += options.spaceBeforeSlash + "?>";
            r += this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          docType(node, options, level) {
            var child, i, len1, r, ref;
            level || (level = 0);
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level);
            r += "<!DOCTYPE " + node.root().name;
            if (node.pubID && node.sysID) {
              r += ' PUBLIC "' + node.pubID + '" "' + node.sysID + '"';
            } else if (node.sysID) {
              r += ' SYSTEM "' + node.sysID + '"';
            }
            if (node.children.length > 0) {
              r += " [";
              r += this.endline(node, options, level);
              options.state = WriterState2.InsideTag;
              ref = node.children;
              for (i = 0, len1 = ref.length; i < len1; i++) {
                child = ref[i];
                r += this.writeChildNode(child, options, level + 1);
              }
              options.state = WriterState2.CloseTag;
              r += "]";
            }
            options.state = WriterState2.CloseTag;
            r += options.spaceBeforeSlash + ">";
            r += this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          element(node, options, level) {
            var att, attLen, child, childNodeCount, firstChildNode, i, j, len, len1, len2, name, prettySuppressed, r, ratt, ref, ref1, ref2, ref3, rline;
            level || (level = 0);
            prettySuppressed = false;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<" + node.name;
            if (options.pretty && options.width > 0) {
              len = r.length;
              ref = node.attribs;
              for (name in ref) {
                if (!hasProp.call(ref, name)) continue;
                att = ref[name];
                ratt = this.attribute(att, options, level);
                attLen = ratt.length;
                if (len + attLen > options.width) {
                  rline = this.indent(node, options, level + 1) + ratt;
                  r += this.endline(node, options, level) + rline;
                  len = rline.length;
                } else {
                  rline = " " + ratt;
                  r += rline;
                  len += rline.length;
                }
              }
            } else {
              ref1 = node.attribs;
              for (name in ref1) {
                if (!hasProp.call(ref1, name)) continue;
                att = ref1[name];
                r += this.attribute(att, options, level);
              }
            }
            childNodeCount = node.children.length;
            firstChildNode = childNodeCount === 0 ? null : node.children[0];
            if (childNodeCount === 0 || node.children.every(function(e) {
              return (e.type === NodeType2.Text || e.type === NodeType2.Raw || e.type === NodeType2.CData) && e.value === "";
            })) {
              if (options.allowEmpty) {
                r += ">";
                options.state = WriterState2.CloseTag;
                r += "</" + node.name + ">" + this.endline(node, options, level);
              } else {
                options.state = WriterState2.CloseTag;
                r += options.spaceBeforeSlash + "/>" + this.endline(node, options, level);
              }
            } else if (options.pretty && childNodeCount === 1 && (firstChildNode.type === NodeType2.Text || firstChildNode.type === NodeType2.Raw || firstChildNode.type === NodeType2.CData) && firstChildNode.value != null) {
              r += ">";
              options.state = WriterState2.InsideTag;
              options.suppressPrettyCount++;
              prettySuppressed = true;
              r += this.writeChildNode(firstChildNode, options, level + 1);
              options.suppressPrettyCount--;
              prettySuppressed = false;
              options.state = WriterState2.CloseTag;
              r += "</" + node.name + ">" + this.endline(node, options, level);
            } else {
              if (options.dontPrettyTextNodes) {
                ref2 = node.children;
                for (i = 0, len1 = ref2.length; i < len1; i++) {
                  child = ref2[i];
                  if ((child.type === NodeType2.Text || child.type === NodeType2.Raw || child.type === NodeType2.CData) && child.value != null) {
                    options.suppressPrettyCount++;
                    prettySuppressed = true;
                    break;
                  }
                }
              }
              r += ">" + this.endline(node, options, level);
              options.state = WriterState2.InsideTag;
              ref3 = node.children;
              for (j = 0, len2 = ref3.length; j < len2; j++) {
                child = ref3[j];
                r += this.writeChildNode(child, options, level + 1);
              }
              options.state = WriterState2.CloseTag;
              r += this.indent(node, options, level) + "</" + node.name + ">";
              if (prettySuppressed) {
                options.suppressPrettyCount--;
              }
              r += this.endline(node, options, level);
              options.state = WriterState2.None;
            }
            this.closeNode(node, options, level);
            return r;
          }
          writeChildNode(node, options, level) {
            switch (node.type) {
              case NodeType2.CData:
                return this.cdata(node, options, level);
              case NodeType2.Comment:
                return this.comment(node, options, level);
              case NodeType2.Element:
                return this.element(node, options, level);
              case NodeType2.Raw:
                return this.raw(node, options, level);
              case NodeType2.Text:
                return this.text(node, options, level);
              case NodeType2.ProcessingInstruction:
                return this.processingInstruction(node, options, level);
              case NodeType2.Dummy:
                return "";
              case NodeType2.Declaration:
                return this.declaration(node, options, level);
              case NodeType2.DocType:
                return this.docType(node, options, level);
              case NodeType2.AttributeDeclaration:
                return this.dtdAttList(node, options, level);
              case NodeType2.ElementDeclaration:
                return this.dtdElement(node, options, level);
              case NodeType2.EntityDeclaration:
                return this.dtdEntity(node, options, level);
              case NodeType2.NotationDeclaration:
                return this.dtdNotation(node, options, level);
              default:
                throw new Error("Unknown XML node type: " + node.constructor.name);
            }
          }
          processingInstruction(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<?";
            options.state = WriterState2.InsideTag;
            r += node.target;
            if (node.value) {
              r += " " + node.value;
            }
            options.state = WriterState2.CloseTag;
            r += options.spaceBeforeSlash + "?>";
            r += this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          raw(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level);
            options.state = WriterState2.InsideTag;
            r += node.value;
            options.state = WriterState2.CloseTag;
            r += this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          text(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level);
            options.state = WriterState2.InsideTag;
            r += node.value;
            options.state = WriterState2.CloseTag;
            r += this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          dtdAttList(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<!ATTLIST";
            options.state = WriterState2.InsideTag;
            r += " " + node.elementName + " " + node.attributeName + " " + node.attributeType;
            if (node.defaultValueType !== "#DEFAULT") {
              r += " " + node.defaultValueType;
            }
            if (node.defaultValue) {
              r += ' "' + node.defaultValue + '"';
            }
            options.state = WriterState2.CloseTag;
            r += options.spaceBeforeSlash + ">" + this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          dtdElement(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<!ELEMENT";
            options.state = WriterState2.InsideTag;
            r += " " + node.name + " " + node.value;
            options.state = WriterState2.CloseTag;
            r += options.spaceBeforeSlash + ">" + this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          dtdEntity(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<!ENTITY";
            options.state = WriterState2.InsideTag;
            if (node.pe) {
              r += " %";
            }
            r += " " + node.name;
            if (node.value) {
              r += ' "' + node.value + '"';
            } else {
              if (node.pubID && node.sysID) {
                r += ' PUBLIC "' + node.pubID + '" "' + node.sysID + '"';
              } else if (node.sysID) {
                r += ' SYSTEM "' + node.sysID + '"';
              }
              if (node.nData) {
                r += " NDATA " + node.nData;
              }
            }
            options.state = WriterState2.CloseTag;
            r += options.spaceBeforeSlash + ">" + this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          dtdNotation(node, options, level) {
            var r;
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<!NOTATION";
            options.state = WriterState2.InsideTag;
            r += " " + node.name;
            if (node.pubID && node.sysID) {
              r += ' PUBLIC "' + node.pubID + '" "' + node.sysID + '"';
            } else if (node.pubID) {
              r += ' PUBLIC "' + node.pubID + '"';
            } else if (node.sysID) {
              r += ' SYSTEM "' + node.sysID + '"';
            }
            options.state = WriterState2.CloseTag;
            r += options.spaceBeforeSlash + ">" + this.endline(node, options, level);
            options.state = WriterState2.None;
            this.closeNode(node, options, level);
            return r;
          }
          openNode(node, options, level) {
          }
          closeNode(node, options, level) {
          }
          openAttribute(att, options, level) {
          }
          closeAttribute(att, options, level) {
          }
        };
      }).call(commonjsGlobal);
      return XMLWriterBase.exports;
    }
    var hasRequiredXMLStringWriter;
    function requireXMLStringWriter() {
      if (hasRequiredXMLStringWriter) return XMLStringWriter.exports;
      hasRequiredXMLStringWriter = 1;
      (function() {
        var XMLWriterBase2;
        XMLWriterBase2 = requireXMLWriterBase();
        XMLStringWriter.exports = class XMLStringWriter extends XMLWriterBase2 {
          // Initializes a new instance of `XMLStringWriter`
          // `options.pretty` pretty prints the result
          // `options.indent` indentation string
          // `options.newline` newline sequence
          // `options.offset` a fixed number of indentations to add to every line
          // `options.allowEmpty` do not self close empty element tags
          // 'options.dontPrettyTextNodes' if any text is present in node, don't indent or LF
          // `options.spaceBeforeSlash` add a space before the closing slash of empty elements
          constructor(options) {
            super(options);
          }
          document(doc, options) {
            var child, i, len, r, ref;
            options = this.filterOptions(options);
            r = "";
            ref = doc.children;
            for (i = 0, len = ref.length; i < len; i++) {
              child = ref[i];
              r += this.writeChildNode(child, options, 0);
            }
            if (options.pretty && r.slice(-options.newline.length) === options.newline) {
              r = r.slice(0, -options.newline.length);
            }
            return r;
          }
        };
      }).call(commonjsGlobal);
      return XMLStringWriter.exports;
    }
    var hasRequiredXMLDocument;
    function requireXMLDocument() {
      if (hasRequiredXMLDocument) return XMLDocument.exports;
      hasRequiredXMLDocument = 1;
      (function() {
        var NodeType2, XMLDOMConfiguration2, XMLDOMImplementation2, XMLNode2, XMLStringWriter2, XMLStringifier2, isPlainObject;
        ({ isPlainObject } = requireUtility());
        XMLDOMImplementation2 = requireXMLDOMImplementation();
        XMLDOMConfiguration2 = requireXMLDOMConfiguration();
        XMLNode2 = requireXMLNode();
        NodeType2 = requireNodeType();
        XMLStringifier2 = requireXMLStringifier();
        XMLStringWriter2 = requireXMLStringWriter();
        XMLDocument.exports = (function() {
          class XMLDocument2 extends XMLNode2 {
            // Initializes a new instance of `XMLDocument`
            // `options.keepNullNodes` whether nodes with null values will be kept
            //     or ignored: true or false
            // `options.keepNullAttributes` whether attributes with null values will be
            //     kept or ignored: true or false
            // `options.ignoreDecorators` whether decorator strings will be ignored when
            //     converting JS objects: true or false
            // `options.separateArrayItems` whether array items are created as separate
            //     nodes when passed as an object value: true or false
            // `options.noDoubleEncoding` whether existing html entities are encoded:
            //     true or false
            // `options.stringify` a set of functions to use for converting values to
            //     strings
            // `options.writer` the default XML writer to use for converting nodes to
            //     string. If the default writer is not set, the built-in XMLStringWriter
            //     will be used instead.
            constructor(options) {
              super(null);
              this.name = "#document";
              this.type = NodeType2.Document;
              this.documentURI = null;
              this.domConfig = new XMLDOMConfiguration2();
              options || (options = {});
              if (!options.writer) {
                options.writer = new XMLStringWriter2();
              }
              this.options = options;
              this.stringify = new XMLStringifier2(options);
            }
            // Ends the document and passes it to the given XML writer
            // `writer` is either an XML writer or a plain object to pass to the
            // constructor of the default XML writer. The default writer is assigned when
            // creating the XML document. Following flags are recognized by the
            // built-in XMLStringWriter:
            //   `writer.pretty` pretty prints the result
            //   `writer.indent` indentation for pretty print
            //   `writer.offset` how many indentations to add to every line for pretty print
            //   `writer.newline` newline sequence for pretty print
            end(writer) {
              var writerOptions;
              writerOptions = {};
              if (!writer) {
                writer = this.options.writer;
              } else if (isPlainObject(writer)) {
                writerOptions = writer;
                writer = this.options.writer;
              }
              return writer.document(this, writer.filterOptions(writerOptions));
            }
            // Converts the XML document to string
            // `options.pretty` pretty prints the result
            // `options.indent` indentation for pretty print
            // `options.offset` how many indentations to add to every line for pretty print
            // `options.newline` newline sequence for pretty print
            toString(options) {
              return this.options.writer.document(this, this.options.writer.filterOptions(options));
            }
            // DOM level 1 functions to be implemented later
            createElement(tagName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createDocumentFragment() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createTextNode(data) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createComment(data) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createCDATASection(data) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createProcessingInstruction(target, data) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createAttribute(name) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createEntityReference(name) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getElementsByTagName(tagname) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM level 2 functions to be implemented later
            importNode(importedNode, deep) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createElementNS(namespaceURI, qualifiedName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createAttributeNS(namespaceURI, qualifiedName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getElementsByTagNameNS(namespaceURI, localName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            getElementById(elementId) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM level 3 functions to be implemented later
            adoptNode(source) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            normalizeDocument() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            renameNode(node, namespaceURI, qualifiedName) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            // DOM level 4 functions to be implemented later
            getElementsByClassName(classNames) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createEvent(eventInterface) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createRange() {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createNodeIterator(root, whatToShow, filter) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
            createTreeWalker(root, whatToShow, filter) {
              throw new Error("This DOM method is not implemented." + this.debugInfo());
            }
          }
          Object.defineProperty(XMLDocument2.prototype, "implementation", {
            value: new XMLDOMImplementation2()
          });
          Object.defineProperty(XMLDocument2.prototype, "doctype", {
            get: function() {
              var child, i, len, ref;
              ref = this.children;
              for (i = 0, len = ref.length; i < len; i++) {
                child = ref[i];
                if (child.type === NodeType2.DocType) {
                  return child;
                }
              }
              return null;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "documentElement", {
            get: function() {
              return this.rootObject || null;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "inputEncoding", {
            get: function() {
              return null;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "strictErrorChecking", {
            get: function() {
              return false;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "xmlEncoding", {
            get: function() {
              if (this.children.length !== 0 && this.children[0].type === NodeType2.Declaration) {
                return this.children[0].encoding;
              } else {
                return null;
              }
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "xmlStandalone", {
            get: function() {
              if (this.children.length !== 0 && this.children[0].type === NodeType2.Declaration) {
                return this.children[0].standalone === "yes";
              } else {
                return false;
              }
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "xmlVersion", {
            get: function() {
              if (this.children.length !== 0 && this.children[0].type === NodeType2.Declaration) {
                return this.children[0].version;
              } else {
                return "1.0";
              }
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "URL", {
            get: function() {
              return this.documentURI;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "origin", {
            get: function() {
              return null;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "compatMode", {
            get: function() {
              return null;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "characterSet", {
            get: function() {
              return null;
            }
          });
          Object.defineProperty(XMLDocument2.prototype, "contentType", {
            get: function() {
              return null;
            }
          });
          return XMLDocument2;
        }).call(this);
      }).call(commonjsGlobal);
      return XMLDocument.exports;
    }
    var XMLDocumentCB = { exports: {} };
    var hasRequiredXMLDocumentCB;
    function requireXMLDocumentCB() {
      if (hasRequiredXMLDocumentCB) return XMLDocumentCB.exports;
      hasRequiredXMLDocumentCB = 1;
      (function() {
        var NodeType2, WriterState2, XMLAttribute2, XMLCData2, XMLComment2, XMLDTDAttList2, XMLDTDElement2, XMLDTDEntity2, XMLDTDNotation2, XMLDeclaration2, XMLDocType2, XMLDocument2, XMLElement2, XMLProcessingInstruction2, XMLRaw2, XMLStringWriter2, XMLStringifier2, XMLText2, getValue, isFunction, isObject, isPlainObject, hasProp = {}.hasOwnProperty;
        ({ isObject, isFunction, isPlainObject, getValue } = requireUtility());
        NodeType2 = requireNodeType();
        XMLDocument2 = requireXMLDocument();
        XMLElement2 = requireXMLElement();
        XMLCData2 = requireXMLCData();
        XMLComment2 = requireXMLComment();
        XMLRaw2 = requireXMLRaw();
        XMLText2 = requireXMLText();
        XMLProcessingInstruction2 = requireXMLProcessingInstruction();
        XMLDeclaration2 = requireXMLDeclaration();
        XMLDocType2 = requireXMLDocType();
        XMLDTDAttList2 = requireXMLDTDAttList();
        XMLDTDEntity2 = requireXMLDTDEntity();
        XMLDTDElement2 = requireXMLDTDElement();
        XMLDTDNotation2 = requireXMLDTDNotation();
        XMLAttribute2 = requireXMLAttribute();
        XMLStringifier2 = requireXMLStringifier();
        XMLStringWriter2 = requireXMLStringWriter();
        WriterState2 = requireWriterState();
        XMLDocumentCB.exports = class XMLDocumentCB {
          // Initializes a new instance of `XMLDocumentCB`
          // `options.keepNullNodes` whether nodes with null values will be kept
          //     or ignored: true or false
          // `options.keepNullAttributes` whether attributes with null values will be
          //     kept or ignored: true or false
          // `options.ignoreDecorators` whether decorator strings will be ignored when
          //     converting JS objects: true or false
          // `options.separateArrayItems` whether array items are created as separate
          //     nodes when passed as an object value: true or false
          // `options.noDoubleEncoding` whether existing html entities are encoded:
          //     true or false
          // `options.stringify` a set of functions to use for converting values to
          //     strings
          // `options.writer` the default XML writer to use for converting nodes to
          //     string. If the default writer is not set, the built-in XMLStringWriter
          //     will be used instead.
          // `onData` the function to be called when a new chunk of XML is output. The
          //          string containing the XML chunk is passed to `onData` as its first
          //          argument, and the current indentation level as its second argument.
          // `onEnd`  the function to be called when the XML document is completed with
          //          `end`. `onEnd` does not receive any arguments.
          constructor(options, onData, onEnd) {
            var writerOptions;
            this.name = "?xml";
            this.type = NodeType2.Document;
            options || (options = {});
            writerOptions = {};
            if (!options.writer) {
              options.writer = new XMLStringWriter2();
            } else if (isPlainObject(options.writer)) {
              writerOptions = options.writer;
              options.writer = new XMLStringWriter2();
            }
            this.options = options;
            this.writer = options.writer;
            this.writerOptions = this.writer.filterOptions(writerOptions);
            this.stringify = new XMLStringifier2(options);
            this.onDataCallback = onData || function() {
            };
            this.onEndCallback = onEnd || function() {
            };
            this.currentNode = null;
            this.currentLevel = -1;
            this.openTags = {};
            this.documentStarted = false;
            this.documentCompleted = false;
            this.root = null;
          }
          // Creates a child element node from the given XMLNode
          // `node` the child node
          createChildNode(node) {
            var att, attName, attributes, child, i, len, ref, ref1;
            switch (node.type) {
              case NodeType2.CData:
                this.cdata(node.value);
                break;
              case NodeType2.Comment:
                this.comment(node.value);
                break;
              case NodeType2.Element:
                attributes = {};
                ref = node.attribs;
                for (attName in ref) {
                  if (!hasProp.call(ref, attName)) continue;
                  att = ref[attName];
                  attributes[attName] = att.value;
                }
                this.node(node.name, attributes);
                break;
              case NodeType2.Dummy:
                this.dummy();
                break;
              case NodeType2.Raw:
                this.raw(node.value);
                break;
              case NodeType2.Text:
                this.text(node.value);
                break;
              case NodeType2.ProcessingInstruction:
                this.instruction(node.target, node.value);
                break;
              default:
                throw new Error("This XML node type is not supported in a JS object: " + node.constructor.name);
            }
            ref1 = node.children;
            for (i = 0, len = ref1.length; i < len; i++) {
              child = ref1[i];
              this.createChildNode(child);
              if (child.type === NodeType2.Element) {
                this.up();
              }
            }
            return this;
          }
          // Creates a dummy node
          dummy() {
            return this;
          }
          // Creates a node
          // `name` name of the node
          // `attributes` an object containing name/value pairs of attributes
          // `text` element text
          node(name, attributes, text2) {
            if (name == null) {
              throw new Error("Missing node name.");
            }
            if (this.root && this.currentLevel === -1) {
              throw new Error("Document can only have one root node. " + this.debugInfo(name));
            }
            this.openCurrent();
            name = getValue(name);
            if (attributes == null) {
              attributes = {};
            }
            attributes = getValue(attributes);
            if (!isObject(attributes)) {
              [text2, attributes] = [attributes, text2];
            }
            this.currentNode = new XMLElement2(this, name, attributes);
            this.currentNode.children = false;
            this.currentLevel++;
            this.openTags[this.currentLevel] = this.currentNode;
            if (text2 != null) {
              this.text(text2);
            }
            return this;
          }
          // Creates a child element node or an element type declaration when called
          // inside the DTD
          // `name` name of the node
          // `attributes` an object containing name/value pairs of attributes
          // `text` element text
          element(name, attributes, text2) {
            var child, i, len, oldValidationFlag, ref, root;
            if (this.currentNode && this.currentNode.type === NodeType2.DocType) {
              this.dtdElement(...arguments);
            } else {
              if (Array.isArray(name) || isObject(name) || isFunction(name)) {
                oldValidationFlag = this.options.noValidation;
                this.options.noValidation = true;
                root = new XMLDocument2(this.options).element("TEMP_ROOT");
                root.element(name);
                this.options.noValidation = oldValidationFlag;
                ref = root.children;
                for (i = 0, len = ref.length; i < len; i++) {
                  child = ref[i];
                  this.createChildNode(child);
                  if (child.type === NodeType2.Element) {
                    this.up();
                  }
                }
              } else {
                this.node(name, attributes, text2);
              }
            }
            return this;
          }
          // Adds or modifies an attribute
          // `name` attribute name
          // `value` attribute value
          attribute(name, value) {
            var attName, attValue;
            if (!this.currentNode || this.currentNode.children) {
              throw new Error("att() can only be used immediately after an ele() call in callback mode. " + this.debugInfo(name));
            }
            if (name != null) {
              name = getValue(name);
            }
            if (isObject(name)) {
              for (attName in name) {
                if (!hasProp.call(name, attName)) continue;
                attValue = name[attName];
                this.attribute(attName, attValue);
              }
            } else {
              if (isFunction(value)) {
                value = value.apply();
              }
              if (this.options.keepNullAttributes && value == null) {
                this.currentNode.attribs[name] = new XMLAttribute2(this, name, "");
              } else if (value != null) {
                this.currentNode.attribs[name] = new XMLAttribute2(this, name, value);
              }
            }
            return this;
          }
          // Creates a text node
          // `value` element text
          text(value) {
            var node;
            this.openCurrent();
            node = new XMLText2(this, value);
            this.onData(this.writer.text(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Creates a CDATA node
          // `value` element text without CDATA delimiters
          cdata(value) {
            var node;
            this.openCurrent();
            node = new XMLCData2(this, value);
            this.onData(this.writer.cdata(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Creates a comment node
          // `value` comment text
          comment(value) {
            var node;
            this.openCurrent();
            node = new XMLComment2(this, value);
            this.onData(this.writer.comment(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Adds unescaped raw text
          // `value` text
          raw(value) {
            var node;
            this.openCurrent();
            node = new XMLRaw2(this, value);
            this.onData(this.writer.raw(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Adds a processing instruction
          // `target` instruction target
          // `value` instruction value
          instruction(target, value) {
            var i, insTarget, insValue, len, node;
            this.openCurrent();
            if (target != null) {
              target = getValue(target);
            }
            if (value != null) {
              value = getValue(value);
            }
            if (Array.isArray(target)) {
              for (i = 0, len = target.length; i < len; i++) {
                insTarget = target[i];
                this.instruction(insTarget);
              }
            } else if (isObject(target)) {
              for (insTarget in target) {
                if (!hasProp.call(target, insTarget)) continue;
                insValue = target[insTarget];
                this.instruction(insTarget, insValue);
              }
            } else {
              if (isFunction(value)) {
                value = value.apply();
              }
              node = new XMLProcessingInstruction2(this, target, value);
              this.onData(this.writer.processingInstruction(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            }
            return this;
          }
          // Creates the xml declaration
          // `version` A version number string, e.g. 1.0
          // `encoding` Encoding declaration, e.g. UTF-8
          // `standalone` standalone document declaration: true or false
          declaration(version, encoding, standalone) {
            var node;
            this.openCurrent();
            if (this.documentStarted) {
              throw new Error("declaration() must be the first node.");
            }
            node = new XMLDeclaration2(this, version, encoding, standalone);
            this.onData(this.writer.declaration(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Creates the document type declaration
          // `root`  the name of the root node
          // `pubID` the public identifier of the external subset
          // `sysID` the system identifier of the external subset
          doctype(root, pubID, sysID) {
            this.openCurrent();
            if (root == null) {
              throw new Error("Missing root node name.");
            }
            if (this.root) {
              throw new Error("dtd() must come before the root node.");
            }
            this.currentNode = new XMLDocType2(this, pubID, sysID);
            this.currentNode.rootNodeName = root;
            this.currentNode.children = false;
            this.currentLevel++;
            this.openTags[this.currentLevel] = this.currentNode;
            return this;
          }
          // Creates an element type declaration
          // `name` element name
          // `value` element content (defaults to #PCDATA)
          dtdElement(name, value) {
            var node;
            this.openCurrent();
            node = new XMLDTDElement2(this, name, value);
            this.onData(this.writer.dtdElement(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Creates an attribute declaration
          // `elementName` the name of the element containing this attribute
          // `attributeName` attribute name
          // `attributeType` type of the attribute (defaults to CDATA)
          // `defaultValueType` default value type (either #REQUIRED, #IMPLIED, #FIXED or
          //                    #DEFAULT) (defaults to #IMPLIED)
          // `defaultValue` default value of the attribute
          //                (only used for #FIXED or #DEFAULT)
          attList(elementName, attributeName, attributeType, defaultValueType, defaultValue) {
            var node;
            this.openCurrent();
            node = new XMLDTDAttList2(this, elementName, attributeName, attributeType, defaultValueType, defaultValue);
            this.onData(this.writer.dtdAttList(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Creates a general entity declaration
          // `name` the name of the entity
          // `value` internal entity value or an object with external entity details
          // `value.pubID` public identifier
          // `value.sysID` system identifier
          // `value.nData` notation declaration
          entity(name, value) {
            var node;
            this.openCurrent();
            node = new XMLDTDEntity2(this, false, name, value);
            this.onData(this.writer.dtdEntity(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Creates a parameter entity declaration
          // `name` the name of the entity
          // `value` internal entity value or an object with external entity details
          // `value.pubID` public identifier
          // `value.sysID` system identifier
          pEntity(name, value) {
            var node;
            this.openCurrent();
            node = new XMLDTDEntity2(this, true, name, value);
            this.onData(this.writer.dtdEntity(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Creates a NOTATION declaration
          // `name` the name of the notation
          // `value` an object with external entity details
          // `value.pubID` public identifier
          // `value.sysID` system identifier
          notation(name, value) {
            var node;
            this.openCurrent();
            node = new XMLDTDNotation2(this, name, value);
            this.onData(this.writer.dtdNotation(node, this.writerOptions, this.currentLevel + 1), this.currentLevel + 1);
            return this;
          }
          // Gets the parent node
          up() {
            if (this.currentLevel < 0) {
              throw new Error("The document node has no parent.");
            }
            if (this.currentNode) {
              if (this.currentNode.children) {
                this.closeNode(this.currentNode);
              } else {
                this.openNode(this.currentNode);
              }
              this.currentNode = null;
            } else {
              this.closeNode(this.openTags[this.currentLevel]);
            }
            delete this.openTags[this.currentLevel];
            this.currentLevel--;
            return this;
          }
          // Ends the document
          end() {
            while (this.currentLevel >= 0) {
              this.up();
            }
            return this.onEnd();
          }
          // Opens the current parent node
          openCurrent() {
            if (this.currentNode) {
              this.currentNode.children = true;
              return this.openNode(this.currentNode);
            }
          }
          // Writes the opening tag of the current node or the entire node if it has
          // no child nodes
          openNode(node) {
            var att, chunk, name, ref;
            if (!node.isOpen) {
              if (!this.root && this.currentLevel === 0 && node.type === NodeType2.Element) {
                this.root = node;
              }
              chunk = "";
              if (node.type === NodeType2.Element) {
                this.writerOptions.state = WriterState2.OpenTag;
                chunk = this.writer.indent(node, this.writerOptions, this.currentLevel) + "<" + node.name;
                ref = node.attribs;
                for (name in ref) {
                  if (!hasProp.call(ref, name)) continue;
                  att = ref[name];
                  chunk += this.writer.attribute(att, this.writerOptions, this.currentLevel);
                }
                chunk += (node.children ? ">" : "/>") + this.writer.endline(node, this.writerOptions, this.currentLevel);
                this.writerOptions.state = WriterState2.InsideTag;
              } else {
                this.writerOptions.state = WriterState2.OpenTag;
                chunk = this.writer.indent(node, this.writerOptions, this.currentLevel) + "<!DOCTYPE " + node.rootNodeName;
                if (node.pubID && node.sysID) {
                  chunk += ' PUBLIC "' + node.pubID + '" "' + node.sysID + '"';
                } else if (node.sysID) {
                  chunk += ' SYSTEM "' + node.sysID + '"';
                }
                if (node.children) {
                  chunk += " [";
                  this.writerOptions.state = WriterState2.InsideTag;
                } else {
                  this.writerOptions.state = WriterState2.CloseTag;
                  chunk += ">";
                }
                chunk += this.writer.endline(node, this.writerOptions, this.currentLevel);
              }
              this.onData(chunk, this.currentLevel);
              return node.isOpen = true;
            }
          }
          // Writes the closing tag of the current node
          closeNode(node) {
            var chunk;
            if (!node.isClosed) {
              chunk = "";
              this.writerOptions.state = WriterState2.CloseTag;
              if (node.type === NodeType2.Element) {
                chunk = this.writer.indent(node, this.writerOptions, this.currentLevel) + "</" + node.name + ">" + this.writer.endline(node, this.writerOptions, this.currentLevel);
              } else {
                chunk = this.writer.indent(node, this.writerOptions, this.currentLevel) + "]>" + this.writer.endline(node, this.writerOptions, this.currentLevel);
              }
              this.writerOptions.state = WriterState2.None;
              this.onData(chunk, this.currentLevel);
              return node.isClosed = true;
            }
          }
          // Called when a new chunk of XML is output
          // `chunk` a string containing the XML chunk
          // `level` current indentation level
          onData(chunk, level) {
            this.documentStarted = true;
            return this.onDataCallback(chunk, level + 1);
          }
          // Called when the XML document is completed
          onEnd() {
            this.documentCompleted = true;
            return this.onEndCallback();
          }
          // Returns debug string
          debugInfo(name) {
            if (name == null) {
              return "";
            } else {
              return "node: <" + name + ">";
            }
          }
          // Node aliases
          ele() {
            return this.element(...arguments);
          }
          nod(name, attributes, text2) {
            return this.node(name, attributes, text2);
          }
          txt(value) {
            return this.text(value);
          }
          dat(value) {
            return this.cdata(value);
          }
          com(value) {
            return this.comment(value);
          }
          ins(target, value) {
            return this.instruction(target, value);
          }
          dec(version, encoding, standalone) {
            return this.declaration(version, encoding, standalone);
          }
          dtd(root, pubID, sysID) {
            return this.doctype(root, pubID, sysID);
          }
          e(name, attributes, text2) {
            return this.element(name, attributes, text2);
          }
          n(name, attributes, text2) {
            return this.node(name, attributes, text2);
          }
          t(value) {
            return this.text(value);
          }
          d(value) {
            return this.cdata(value);
          }
          c(value) {
            return this.comment(value);
          }
          r(value) {
            return this.raw(value);
          }
          i(target, value) {
            return this.instruction(target, value);
          }
          // Attribute aliases
          att() {
            if (this.currentNode && this.currentNode.type === NodeType2.DocType) {
              return this.attList(...arguments);
            } else {
              return this.attribute(...arguments);
            }
          }
          a() {
            if (this.currentNode && this.currentNode.type === NodeType2.DocType) {
              return this.attList(...arguments);
            } else {
              return this.attribute(...arguments);
            }
          }
          // DTD aliases
          // att() and ele() are defined above
          ent(name, value) {
            return this.entity(name, value);
          }
          pent(name, value) {
            return this.pEntity(name, value);
          }
          not(name, value) {
            return this.notation(name, value);
          }
        };
      }).call(commonjsGlobal);
      return XMLDocumentCB.exports;
    }
    var XMLStreamWriter = { exports: {} };
    var hasRequiredXMLStreamWriter;
    function requireXMLStreamWriter() {
      if (hasRequiredXMLStreamWriter) return XMLStreamWriter.exports;
      hasRequiredXMLStreamWriter = 1;
      (function() {
        var NodeType2, WriterState2, XMLWriterBase2, hasProp = {}.hasOwnProperty;
        NodeType2 = requireNodeType();
        XMLWriterBase2 = requireXMLWriterBase();
        WriterState2 = requireWriterState();
        XMLStreamWriter.exports = class XMLStreamWriter extends XMLWriterBase2 {
          // Initializes a new instance of `XMLStreamWriter`
          // `stream` output stream
          // `options.pretty` pretty prints the result
          // `options.indent` indentation string
          // `options.newline` newline sequence
          // `options.offset` a fixed number of indentations to add to every line
          // `options.allowEmpty` do not self close empty element tags
          // 'options.dontPrettyTextNodes' if any text is present in node, don't indent or LF
          // `options.spaceBeforeSlash` add a space before the closing slash of empty elements
          constructor(stream, options) {
            super(options);
            this.stream = stream;
          }
          endline(node, options, level) {
            if (node.isLastRootNode && options.state === WriterState2.CloseTag) {
              return "";
            } else {
              return super.endline(node, options, level);
            }
          }
          document(doc, options) {
            var child, i, j, k, len1, len2, ref, ref1, results;
            ref = doc.children;
            for (i = j = 0, len1 = ref.length; j < len1; i = ++j) {
              child = ref[i];
              child.isLastRootNode = i === doc.children.length - 1;
            }
            options = this.filterOptions(options);
            ref1 = doc.children;
            results = [];
            for (k = 0, len2 = ref1.length; k < len2; k++) {
              child = ref1[k];
              results.push(this.writeChildNode(child, options, 0));
            }
            return results;
          }
          cdata(node, options, level) {
            return this.stream.write(super.cdata(node, options, level));
          }
          comment(node, options, level) {
            return this.stream.write(super.comment(node, options, level));
          }
          declaration(node, options, level) {
            return this.stream.write(super.declaration(node, options, level));
          }
          docType(node, options, level) {
            var child, j, len1, ref;
            level || (level = 0);
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            this.stream.write(this.indent(node, options, level));
            this.stream.write("<!DOCTYPE " + node.root().name);
            if (node.pubID && node.sysID) {
              this.stream.write(' PUBLIC "' + node.pubID + '" "' + node.sysID + '"');
            } else if (node.sysID) {
              this.stream.write(' SYSTEM "' + node.sysID + '"');
            }
            if (node.children.length > 0) {
              this.stream.write(" [");
              this.stream.write(this.endline(node, options, level));
              options.state = WriterState2.InsideTag;
              ref = node.children;
              for (j = 0, len1 = ref.length; j < len1; j++) {
                child = ref[j];
                this.writeChildNode(child, options, level + 1);
              }
              options.state = WriterState2.CloseTag;
              this.stream.write("]");
            }
            options.state = WriterState2.CloseTag;
            this.stream.write(options.spaceBeforeSlash + ">");
            this.stream.write(this.endline(node, options, level));
            options.state = WriterState2.None;
            return this.closeNode(node, options, level);
          }
          element(node, options, level) {
            var att, attLen, child, childNodeCount, firstChildNode, j, len, len1, name, r, ratt, ref, ref1, ref2, rline;
            level || (level = 0);
            this.openNode(node, options, level);
            options.state = WriterState2.OpenTag;
            r = this.indent(node, options, level) + "<" + node.name;
            if (options.pretty && options.width > 0) {
              len = r.length;
              ref = node.attribs;
              for (name in ref) {
                if (!hasProp.call(ref, name)) continue;
                att = ref[name];
                ratt = this.attribute(att, options, level);
                attLen = ratt.length;
                if (len + attLen > options.width) {
                  rline = this.indent(node, options, level + 1) + ratt;
                  r += this.endline(node, options, level) + rline;
                  len = rline.length;
                } else {
                  rline = " " + ratt;
                  r += rline;
                  len += rline.length;
                }
              }
            } else {
              ref1 = node.attribs;
              for (name in ref1) {
                if (!hasProp.call(ref1, name)) continue;
                att = ref1[name];
                r += this.attribute(att, options, level);
              }
            }
            this.stream.write(r);
            childNodeCount = node.children.length;
            firstChildNode = childNodeCount === 0 ? null : node.children[0];
            if (childNodeCount === 0 || node.children.every(function(e) {
              return (e.type === NodeType2.Text || e.type === NodeType2.Raw || e.type === NodeType2.CData) && e.value === "";
            })) {
              if (options.allowEmpty) {
                this.stream.write(">");
                options.state = WriterState2.CloseTag;
                this.stream.write("</" + node.name + ">");
              } else {
                options.state = WriterState2.CloseTag;
                this.stream.write(options.spaceBeforeSlash + "/>");
              }
            } else if (options.pretty && childNodeCount === 1 && (firstChildNode.type === NodeType2.Text || firstChildNode.type === NodeType2.Raw || firstChildNode.type === NodeType2.CData) && firstChildNode.value != null) {
              this.stream.write(">");
              options.state = WriterState2.InsideTag;
              options.suppressPrettyCount++;
              this.writeChildNode(firstChildNode, options, level + 1);
              options.suppressPrettyCount--;
              options.state = WriterState2.CloseTag;
              this.stream.write("</" + node.name + ">");
            } else {
              this.stream.write(">" + this.endline(node, options, level));
              options.state = WriterState2.InsideTag;
              ref2 = node.children;
              for (j = 0, len1 = ref2.length; j < len1; j++) {
                child = ref2[j];
                this.writeChildNode(child, options, level + 1);
              }
              options.state = WriterState2.CloseTag;
              this.stream.write(this.indent(node, options, level) + "</" + node.name + ">");
            }
            this.stream.write(this.endline(node, options, level));
            options.state = WriterState2.None;
            return this.closeNode(node, options, level);
          }
          processingInstruction(node, options, level) {
            return this.stream.write(super.processingInstruction(node, options, level));
          }
          raw(node, options, level) {
            return this.stream.write(super.raw(node, options, level));
          }
          text(node, options, level) {
            return this.stream.write(super.text(node, options, level));
          }
          dtdAttList(node, options, level) {
            return this.stream.write(super.dtdAttList(node, options, level));
          }
          dtdElement(node, options, level) {
            return this.stream.write(super.dtdElement(node, options, level));
          }
          dtdEntity(node, options, level) {
            return this.stream.write(super.dtdEntity(node, options, level));
          }
          dtdNotation(node, options, level) {
            return this.stream.write(super.dtdNotation(node, options, level));
          }
        };
      }).call(commonjsGlobal);
      return XMLStreamWriter.exports;
    }
    (function() {
      var NodeType2, WriterState2, XMLDOMImplementation2, XMLDocument2, XMLDocumentCB2, XMLStreamWriter2, XMLStringWriter2, assign, isFunction;
      ({ assign, isFunction } = requireUtility());
      XMLDOMImplementation2 = requireXMLDOMImplementation();
      XMLDocument2 = requireXMLDocument();
      XMLDocumentCB2 = requireXMLDocumentCB();
      XMLStringWriter2 = requireXMLStringWriter();
      XMLStreamWriter2 = requireXMLStreamWriter();
      NodeType2 = requireNodeType();
      WriterState2 = requireWriterState();
      lib.create = function(name, xmldec, doctype, options) {
        var doc, root;
        if (name == null) {
          throw new Error("Root element needs a name.");
        }
        options = assign({}, xmldec, doctype, options);
        doc = new XMLDocument2(options);
        root = doc.element(name);
        if (!options.headless) {
          doc.declaration(options);
          if (options.pubID != null || options.sysID != null) {
            doc.dtd(options);
          }
        }
        return root;
      };
      lib.begin = function(options, onData, onEnd) {
        if (isFunction(options)) {
          [onData, onEnd] = [options, onData];
          options = {};
        }
        if (onData) {
          return new XMLDocumentCB2(options, onData, onEnd);
        } else {
          return new XMLDocument2(options);
        }
      };
      lib.stringWriter = function(options) {
        return new XMLStringWriter2(options);
      };
      lib.streamWriter = function(stream, options) {
        return new XMLStreamWriter2(stream, options);
      };
      lib.implementation = new XMLDOMImplementation2();
      lib.nodeType = NodeType2;
      lib.writerState = WriterState2;
    }).call(commonjsGlobal);
    var TestNode = class {
      /**
       * @param elementName - the name of the XML element
       */
      constructor(elementName) {
        this._elementName = elementName;
        this._attributes = {};
        this._properties = [];
      }
      /**
       * @param name
       * @param value
       * @returns this
       */
      property(name, value) {
        this._properties.push({ name, value, isPropertyWithTextContent: false });
        return this;
      }
      /**
       * @param name
       * @param value
       * @returns this
       */
      multilineProperty(name, value) {
        this._properties.push({ name, value, isPropertyWithTextContent: true });
        return this;
      }
      /**
       * @param name
       * @returns this
       */
      name(name) {
        this._attributes.name = name;
        return this;
      }
      /**
       * @param timeInSeconds
       * @returns this
       */
      time(timeInSeconds) {
        this._attributes.time = timeInSeconds;
        return this;
      }
      /**
       * @param parentElement - the parent element
       */
      build(parentElement) {
        return this.buildNode(this.createElement(parentElement));
      }
      /**
       * @param parentElement - the parent element
       * @returns the created element
       */
      createElement(parentElement) {
        if (parentElement) {
          return parentElement.ele(this._elementName, this._attributes);
        }
        return this.createRootElement();
      }
      /**
       * @returns the created root element
       */
      createRootElement() {
        const element = lib.create(this._elementName, { encoding: "UTF-8", invalidCharReplacement: "" });
        Object.keys(this._attributes).forEach((key) => {
          element.att(key, this._attributes[key]);
        });
        return element;
      }
      /**
       * @protected
       * @param date
       * @returns {string}
       */
      formatDate(date) {
        const pad = (num) => (num < 10 ? "0" : "") + num;
        return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T" + pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds());
      }
      /**
       * @param element
       * @returns the created element
       */
      buildNode(element) {
        if (this._properties.length) {
          var propertiesElement = element.ele("properties");
          _.forEach(this._properties, (property) => {
            if (property.isPropertyWithTextContent) {
              propertiesElement.ele("property", { name: property.name }, property.value);
            } else {
              propertiesElement.ele("property", { name: property.name, value: property.value });
            }
          });
        }
        return element;
      }
    };
    var TestGroup = class extends TestNode {
      /**
       * @param factory
       * @param elementName
       */
      constructor(_factory, elementName) {
        super(elementName);
        this._factory = _factory;
        this._children = [];
      }
      /**
       * @param timestamp
       * @returns this
       */
      timestamp(timestamp) {
        if (_.isDate(timestamp)) {
          this._attributes.timestamp = this.formatDate(timestamp);
        } else {
          this._attributes.timestamp = timestamp;
        }
        return this;
      }
      /**
       * @returns the created test case
       */
      testCase() {
        var testCase = this._factory.newTestCase();
        this._children.push(testCase);
        return testCase;
      }
      /**
       * @inheritdoc
       */
      getTestCaseCount() {
        return this._sumTestCaseCounts((testCase) => {
          return testCase.getTestCaseCount();
        });
      }
      /**
       * @inheritdoc
       */
      getFailureCount() {
        return this._sumTestCaseCounts((testCase) => {
          return testCase.getFailureCount();
        });
      }
      /**
       * @inheritdoc
       */
      getErrorCount() {
        return this._sumTestCaseCounts((testCase) => {
          return testCase.getErrorCount();
        });
      }
      /**
       * @inheritdoc
       */
      getSkippedCount() {
        return this._sumTestCaseCounts((testCase) => {
          return testCase.getSkippedCount();
        });
      }
      /**
       * @param counterFunction - the function to count the test cases
       * @returns the sum of the counts of the test cases
       */
      _sumTestCaseCounts(counterFunction) {
        var counts = this._children.map(counterFunction);
        return counts.reduce((sum, count2) => sum + count2, 0);
      }
      /**
       * @param parentElement - the parent element
       * @returns the newly created element
       */
      build(parentElement) {
        this._attributes.tests = this.getTestCaseCount();
        this._attributes.failures = this.getFailureCount();
        this._attributes.errors = this.getErrorCount();
        this._attributes.skipped = this.getSkippedCount();
        return super.build(parentElement);
      }
      /**
       * @param element
       * @returns the built element
       */
      buildNode(element) {
        element = super.buildNode(element);
        _.forEach(this._children, (child) => {
          child.build(element);
        });
        return element;
      }
    };
    var TestSuites = class extends TestGroup {
      /**
       * @param factory
       */
      constructor(factory) {
        super(factory, "testsuites");
      }
      /**
       * @returns a new created test suite
       */
      testSuite() {
        var suite = this._factory.newTestSuite();
        this._children.push(suite);
        return suite;
      }
    };
    var JUnitReportBuilder = class {
      /**
       * @param factory
       */
      constructor(_factory) {
        this._factory = _factory;
        this._rootTestSuites = new TestSuites(_factory);
      }
      /**
       * @param reportPath
       */
      writeTo(reportPath) {
        makeDir$1.sync(require$$1.dirname(reportPath));
        require$$0.writeFileSync(reportPath, this.build(), "utf8");
      }
      /**
       * @returns a string representation of the JUnit report
       */
      build() {
        var xmlTree = this._rootTestSuites.build();
        return xmlTree.end({ pretty: true });
      }
      /**
       * @param name
       * @returns this
       */
      name(name) {
        this._rootTestSuites.name(name);
        return this;
      }
      /**
       * @returns a test suite
       */
      testSuite() {
        return this._rootTestSuites.testSuite();
      }
      /**
       * @returns a test case
       */
      testCase() {
        return this._rootTestSuites.testCase();
      }
      /**
       * @returns a new builder
       */
      newBuilder() {
        return this._factory.newBuilder();
      }
    };
    var TestSuite = class extends TestGroup {
      /**
       * @param factory
       */
      constructor(factory) {
        super(factory, "testsuite");
      }
    };
    var TestCase = class extends TestNode {
      constructor() {
        super("testcase");
        this._error = false;
        this._failure = false;
        this._skipped = false;
        this._standardOutput = void 0;
        this._standardError = void 0;
        this._stacktrace = void 0;
        this._errorAttributes = {};
        this._failureAttributes = {};
        this._errorAttachment = void 0;
        this._errorContent = void 0;
      }
      /**
       * @param className
       * @returns this
       */
      className(className) {
        this._attributes.classname = className;
        return this;
      }
      /**
       * @param {string} filepath
       * @returns {TestCase}
       */
      file(filepath) {
        this._attributes.file = filepath;
        return this;
      }
      /**
       * @param message
       * @param type
       * @returns this
       */
      failure(message, type) {
        this._failure = true;
        if (message) {
          this._failureAttributes.message = message;
        }
        if (type) {
          this._failureAttributes.type = type;
        }
        return this;
      }
      /**
       * @param message
       * @param type
       * @param content
       * @returns this
       */
      error(message, type, content) {
        this._error = true;
        if (message) {
          this._errorAttributes.message = message;
        }
        if (type) {
          this._errorAttributes.type = type;
        }
        if (content) {
          this._errorContent = content;
        }
        return this;
      }
      /**
       * @param stacktrace
       * @returns this
       */
      stacktrace(stacktrace) {
        this._failure = true;
        this._stacktrace = stacktrace;
        return this;
      }
      /**
       * @returns this
       */
      skipped() {
        this._skipped = true;
        return this;
      }
      /**
       * @param log
       * @returns this
       */
      standardOutput(log) {
        this._standardOutput = log;
        return this;
      }
      /**
       * @param log
       * @returns this
       */
      standardError(log) {
        this._standardError = log;
        return this;
      }
      /**
       * @inheritdoc
       */
      getTestCaseCount() {
        return 1;
      }
      /**
       * @inheritdoc
       */
      getFailureCount() {
        return this._failure ? 1 : 0;
      }
      /**
       * @inheritdoc
       */
      getErrorCount() {
        return this._error ? 1 : 0;
      }
      /**
       * @inheritdoc
       */
      getSkippedCount() {
        return this._skipped ? 1 : 0;
      }
      /**
       *
       * @param path
       * @returns this
       */
      errorAttachment(path2) {
        this._errorAttachment = path2;
        return this;
      }
      /**
       * @param parentElement - the parent element
       */
      build(parentElement) {
        const testCaseElement = this.buildNode(this.createElement(parentElement));
        if (this._failure) {
          var failureElement = testCaseElement.ele("failure", this._failureAttributes);
          if (this._stacktrace) {
            failureElement.cdata(this._stacktrace);
          }
        }
        if (this._error) {
          var errorElement = testCaseElement.ele("error", this._errorAttributes);
          if (this._errorContent) {
            errorElement.cdata(this._errorContent);
          }
        }
        if (this._skipped) {
          testCaseElement.ele("skipped");
        }
        if (this._standardOutput) {
          testCaseElement.ele("system-out").cdata(this._standardOutput);
        }
        var systemError;
        if (this._standardError) {
          systemError = testCaseElement.ele("system-err").cdata(this._standardError);
          if (this._errorAttachment) {
            systemError.txt("[[ATTACHMENT|" + this._errorAttachment + "]]");
          }
        }
        return testCaseElement;
      }
    };
    var Factory = class {
      /**
       * @returns a newly created builder
       */
      newBuilder() {
        return new JUnitReportBuilder(this);
      }
      /**
       * @returns a newly created test suite
       */
      newTestSuite() {
        return new TestSuite(this);
      }
      /**
       * @returns a newly created test case
       */
      newTestCase() {
        return new TestCase();
      }
      /**
       * @returns a newly created test suites
       */
      newTestSuites() {
        return new TestSuites(this);
      }
    };
    var index = new Factory().newBuilder();
    module.exports = index;
  }
});

// node_modules/eventemitter3/index.js
var require_eventemitter3 = __commonJS({
  "node_modules/eventemitter3/index.js"(exports, module) {
    "use strict";
    var has = Object.prototype.hasOwnProperty;
    var prefix = "~";
    function Events() {
    }
    if (Object.create) {
      Events.prototype = /* @__PURE__ */ Object.create(null);
      if (!new Events().__proto__) prefix = false;
    }
    function EE(fn, context, once) {
      this.fn = fn;
      this.context = context;
      this.once = once || false;
    }
    function addListener(emitter, event, fn, context, once) {
      if (typeof fn !== "function") {
        throw new TypeError("The listener must be a function");
      }
      var listener = new EE(fn, context || emitter, once), evt = prefix ? prefix + event : event;
      if (!emitter._events[evt]) emitter._events[evt] = listener, emitter._eventsCount++;
      else if (!emitter._events[evt].fn) emitter._events[evt].push(listener);
      else emitter._events[evt] = [emitter._events[evt], listener];
      return emitter;
    }
    function clearEvent(emitter, evt) {
      if (--emitter._eventsCount === 0) emitter._events = new Events();
      else delete emitter._events[evt];
    }
    function EventEmitter2() {
      this._events = new Events();
      this._eventsCount = 0;
    }
    EventEmitter2.prototype.eventNames = function eventNames() {
      var names = [], events, name;
      if (this._eventsCount === 0) return names;
      for (name in events = this._events) {
        if (has.call(events, name)) names.push(prefix ? name.slice(1) : name);
      }
      if (Object.getOwnPropertySymbols) {
        return names.concat(Object.getOwnPropertySymbols(events));
      }
      return names;
    };
    EventEmitter2.prototype.listeners = function listeners(event) {
      var evt = prefix ? prefix + event : event, handlers = this._events[evt];
      if (!handlers) return [];
      if (handlers.fn) return [handlers.fn];
      for (var i = 0, l = handlers.length, ee = new Array(l); i < l; i++) {
        ee[i] = handlers[i].fn;
      }
      return ee;
    };
    EventEmitter2.prototype.listenerCount = function listenerCount(event) {
      var evt = prefix ? prefix + event : event, listeners = this._events[evt];
      if (!listeners) return 0;
      if (listeners.fn) return 1;
      return listeners.length;
    };
    EventEmitter2.prototype.emit = function emit(event, a1, a2, a3, a4, a5) {
      var evt = prefix ? prefix + event : event;
      if (!this._events[evt]) return false;
      var listeners = this._events[evt], len = arguments.length, args, i;
      if (listeners.fn) {
        if (listeners.once) this.removeListener(event, listeners.fn, void 0, true);
        switch (len) {
          case 1:
            return listeners.fn.call(listeners.context), true;
          case 2:
            return listeners.fn.call(listeners.context, a1), true;
          case 3:
            return listeners.fn.call(listeners.context, a1, a2), true;
          case 4:
            return listeners.fn.call(listeners.context, a1, a2, a3), true;
          case 5:
            return listeners.fn.call(listeners.context, a1, a2, a3, a4), true;
          case 6:
            return listeners.fn.call(listeners.context, a1, a2, a3, a4, a5), true;
        }
        for (i = 1, args = new Array(len - 1); i < len; i++) {
          args[i - 1] = arguments[i];
        }
        listeners.fn.apply(listeners.context, args);
      } else {
        var length = listeners.length, j;
        for (i = 0; i < length; i++) {
          if (listeners[i].once) this.removeListener(event, listeners[i].fn, void 0, true);
          switch (len) {
            case 1:
              listeners[i].fn.call(listeners[i].context);
              break;
            case 2:
              listeners[i].fn.call(listeners[i].context, a1);
              break;
            case 3:
              listeners[i].fn.call(listeners[i].context, a1, a2);
              break;
            case 4:
              listeners[i].fn.call(listeners[i].context, a1, a2, a3);
              break;
            default:
              if (!args) for (j = 1, args = new Array(len - 1); j < len; j++) {
                args[j - 1] = arguments[j];
              }
              listeners[i].fn.apply(listeners[i].context, args);
          }
        }
      }
      return true;
    };
    EventEmitter2.prototype.on = function on(event, fn, context) {
      return addListener(this, event, fn, context, false);
    };
    EventEmitter2.prototype.once = function once(event, fn, context) {
      return addListener(this, event, fn, context, true);
    };
    EventEmitter2.prototype.removeListener = function removeListener(event, fn, context, once) {
      var evt = prefix ? prefix + event : event;
      if (!this._events[evt]) return this;
      if (!fn) {
        clearEvent(this, evt);
        return this;
      }
      var listeners = this._events[evt];
      if (listeners.fn) {
        if (listeners.fn === fn && (!once || listeners.once) && (!context || listeners.context === context)) {
          clearEvent(this, evt);
        }
      } else {
        for (var i = 0, events = [], length = listeners.length; i < length; i++) {
          if (listeners[i].fn !== fn || once && !listeners[i].once || context && listeners[i].context !== context) {
            events.push(listeners[i]);
          }
        }
        if (events.length) this._events[evt] = events.length === 1 ? events[0] : events;
        else clearEvent(this, evt);
      }
      return this;
    };
    EventEmitter2.prototype.removeAllListeners = function removeAllListeners(event) {
      var evt;
      if (event) {
        evt = prefix ? prefix + event : event;
        if (this._events[evt]) clearEvent(this, evt);
      } else {
        this._events = new Events();
        this._eventsCount = 0;
      }
      return this;
    };
    EventEmitter2.prototype.off = EventEmitter2.prototype.removeListener;
    EventEmitter2.prototype.addListener = EventEmitter2.prototype.on;
    EventEmitter2.prefixed = prefix;
    EventEmitter2.EventEmitter = EventEmitter2;
    if ("undefined" !== typeof module) {
      module.exports = EventEmitter2;
    }
  }
});

// src/eval/cells.ts
function cellsOf(runs, required) {
  const cells = /* @__PURE__ */ new Map();
  for (const run of runs) {
    const id = run.cell ?? run.id;
    const cell = cells.get(id) ?? { matrix: run.matrix, runs: [] };
    cell.runs.push(run);
    cells.set(id, cell);
  }
  return [...cells].map(([id, { matrix, runs: mine }]) => {
    const passed = mine.filter((r) => r.status === "passed").length;
    const passRate = passed / mine.length;
    const scores = mine.flatMap((r) => r.score === void 0 ? [] : [r.score]);
    return {
      ...scores.length > 0 ? { meanScore: scores.reduce((a, b) => a + b, 0) / scores.length, scored: scores.length } : {},
      id,
      matrix,
      runs: mine.map((r) => r.id),
      passed,
      total: mine.length,
      passRate,
      status: passRate + 1e-9 >= required ? "passed" : "failed"
    };
  });
}
function failing(results) {
  return results.cells ? results.cells.filter((c) => c.status === "failed").length : results.totals.failed;
}
var formatRate = (rate) => (Math.round(rate * 100) / 100).toFixed(2);

// src/report/merge/find.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
var MAX_DEPTH = 8;
var isResultsDir = (dir) => stat(join(dir, "results.json")).then(
  (s) => s.isFile(),
  () => false
);
async function findResultsDirs(pattern, cwd = process.cwd()) {
  const clean2 = pattern.trim().replace(/\/+$/, "");
  const isMatch = (0, import_picomatch.default)(clean2, { dot: false });
  const base = import_picomatch.default.scan(clean2).base || ".";
  const absolute = isAbsolute(clean2);
  const found = [];
  const walk = async (dir, depth) => {
    const rel = absolute ? dir : relative(cwd, dir).split(sep).join("/") || ".";
    if (isMatch(rel) && await isResultsDir(dir)) {
      found.push(rel);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries)
      if (e.isDirectory() && e.name !== "node_modules" && e.name !== ".git")
        await walk(join(dir, e.name), depth + 1);
  };
  await walk(absolute ? base : resolve(cwd, base), 0);
  if (found.length === 0)
    throw new PaddockError(
      "INPUT_INVALID",
      `no results directory (a folder holding results.json) matches ${JSON.stringify(pattern)}`
    );
  return found.sort();
}

// src/report/merge/merge.ts
import { cp, lstat, stat as stat3 } from "node:fs/promises";
import { join as join4, resolve as resolve2 } from "node:path";

// src/report/egress.ts
function formatDestination(t) {
  const where2 = t.host ?? t.ip ?? "?";
  if (t.method && t.path !== void 0) {
    const port = t.port === null || t.port === void 0 || t.port === 443 || t.port === 80 ? "" : `:${t.port}`;
    return `${t.method} ${where2}${port}${t.path}`;
  }
  return t.port === null || t.port === void 0 ? where2 : `${where2}:${t.port}`;
}
function formatTarget(t) {
  return `${t.binary ?? "unknown"} -> ${formatDestination(t)}`;
}
function aggregateEgress(results, events) {
  const rows = /* @__PURE__ */ new Map();
  const add = (action, t, run, count2) => {
    const binary = t.binary ?? "unknown";
    const destination = formatDestination(t);
    const key = `${action}\0${binary}\0${destination}`;
    const row2 = rows.get(key) ?? { action, binary, destination, count: 0, runs: /* @__PURE__ */ new Set() };
    row2.count += count2;
    row2.runs.add(run ?? "-");
    rows.set(key, row2);
  };
  const flagged = events.filter((e) => e.action === "deny" || e.action === "audit");
  if (flagged.length > 0) {
    for (const e of flagged) add(e.action, e, e.phase === "setup" ? "(setup)" : e.run, 1);
  } else {
    for (const run of results.runs) for (const t of run.denied) add("deny", t, run.id, t.count);
  }
  return [...rows.values()].map((r) => ({ ...r, runs: [...r.runs].sort() })).sort(
    (a, b) => (a.action === b.action ? 0 : a.action === "deny" ? -1 : 1) || b.count - a.count || a.binary.localeCompare(b.binary) || a.destination.localeCompare(b.destination)
  );
}

// src/eval/expect.ts
function judge(outcome, expect, options = {}) {
  const denies = outcome.events.filter((e) => e.action === "deny");
  const egress = options.failOnEgress === false ? "allow-denials" : expect.egress;
  const { unexpected, missing } = checkEgress(denies, egress);
  const base = {
    denials: unexpected.length,
    expectedDenials: denies.length - unexpected.length,
    ...listDenied(denies)
  };
  const verdict = (status, reason) => ({ status, reason, ...base });
  if (outcome.cancelled)
    return verdict("cancelled", outcome.exitCode === null ? "cancelled before it finished" : "cancelled");
  if (outcome.error) return verdict("error", outcome.error);
  if (outcome.timedOut) return verdict("timeout", `timed out after ${formatDuration(outcome.timeoutMs)}`);
  if (unexpected.length > 0) return verdict("egress", `egress: ${listTargets(unexpected)}`);
  if (missing.length > 0)
    return verdict("egress", `egress: expected denial of ${missing.join(", ")} did not happen`);
  if (outcome.exitCode !== expect.exitCode) {
    return verdict("failed", `exit code ${outcome.exitCode ?? "unknown"}, expected ${expect.exitCode}`);
  }
  return verdict("passed", "");
}
function checkEgress(denies, egress) {
  if (egress === "allow-denials") return { unexpected: [], missing: [] };
  if (egress === "no-denials") return { unexpected: [...denies], missing: [] };
  const unexpected = denies.filter((e) => !egress.denied.some((want) => matchesTarget(e, want)));
  const missing = egress.denied.filter((want) => !denies.some((e) => matchesTarget(e, want)));
  return { unexpected, missing };
}
function matchesTarget(event, want) {
  const m = /^(.*?)(?::(\d+))?$/.exec(want.toLowerCase());
  const host = m?.[1] ?? "";
  const port = m?.[2] === void 0 ? void 0 : Number(m[2]);
  if (port !== void 0 && event.layer !== "dns" && event.port !== port) return false;
  const name = event.host?.toLowerCase().replace(/\.$/, "") ?? null;
  if (host.startsWith("*.")) return name !== null && name.endsWith(host.slice(1));
  return name === host || event.ip === host;
}
function listTargets(events) {
  const names = [...new Set(events.map(targetName))];
  const shown = names.slice(0, 3).join(", ");
  return names.length > 3 ? `${shown} (+${names.length - 3} more)` : shown;
}
function targetName(e) {
  const where2 = e.host ?? e.ip ?? "?";
  if (e.layer === "dns") return `${where2} (dns)`;
  if (e.layer === "udp") return `${where2}:${e.port ?? "?"}/udp`;
  if (e.protocol === "icmp") return `${where2} (icmp)`;
  return formatDestination(e);
}
var DENIED_LISTED = 1e3;
function listDenied(denies) {
  const all = aggregate(denies);
  return all.length <= DENIED_LISTED ? { denied: all } : { denied: all.slice(0, DENIED_LISTED), deniedOmitted: all.length - DENIED_LISTED };
}
function aggregate(denies) {
  const out = /* @__PURE__ */ new Map();
  for (const e of denies) {
    const key = JSON.stringify([e.binary, e.host, e.ip, e.port, e.layer, e.method, e.path]);
    const prev = out.get(key);
    out.set(key, {
      binary: e.binary,
      host: e.host,
      ip: e.ip,
      port: e.port,
      layer: e.layer,
      // A request is named as `METHOD host/path` in reports (JUnit, HTML, summary).
      ...e.method && e.path !== void 0 ? { method: e.method, path: e.path } : {},
      count: (prev?.count ?? 0) + 1
    });
  }
  return [...out.values()];
}

// src/eval/setup-result.ts
function setupPaths() {
  return {
    dir: "setup",
    stdout: "setup/stdout.log",
    stderr: "setup/stderr.log",
    events: "setup/events.jsonl",
    json: "setup/setup.json"
  };
}
function setupResult(o, events) {
  const verdict = judge({ ...o, events: [...events] }, { exitCode: 0, egress: "allow-denials" });
  const made = o.imageId !== null;
  const status = made ? "passed" : verdict.status === "passed" || verdict.status === "egress" ? "error" : verdict.status;
  return {
    status,
    image: o.image,
    imageId: o.imageId,
    key: o.key,
    cached: o.cached,
    exitCode: o.exitCode,
    timedOut: o.timedOut,
    durationMs: o.finishedAt - o.startedAt,
    denials: verdict.expectedDenials,
    denied: verdict.denied,
    ...verdict.deniedOmitted ? { deniedOmitted: verdict.deniedOmitted } : {},
    reason: made ? "" : verdict.reason || "no image",
    paths: setupPaths()
  };
}

// src/eval/write.ts
import { createHash } from "node:crypto";
import { mkdir, readdir as readdir2, rm } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/eval/progress.ts
var silentLog = { info: () => void 0, warning: () => void 0 };
var SYMBOL = {
  passed: "\u2714",
  failed: "\u2718",
  egress: "\u2718",
  timeout: "\u2718",
  error: "\u2718",
  cancelled: "\u2298"
};
var COLOR = {
  passed: 32,
  failed: 31,
  egress: 31,
  timeout: 33,
  error: 35,
  cancelled: 90
};
function runLine(result, done, total2, color = false) {
  const width2 = String(total2).length;
  const symbol = color ? `\x1B[${COLOR[result.status]}m${SYMBOL[result.status]}\x1B[0m` : SYMBOL[result.status];
  const time = formatDuration(Math.max(0, Math.round(result.durationMs / 100) * 100));
  const reason = result.reason ? ` ${escapeText(result.reason)}` : "";
  const score = result.score === void 0 ? "" : ` score ${formatRate(result.score)}`;
  return `[${String(done).padStart(width2)}/${total2}] ${symbol} ${escapeText(result.id)} ${time}${score}${reason}`;
}
function summaryLine(c) {
  const failed = c.done - c.byStatus.passed;
  const waiting = c.total - c.done - c.running;
  const elapsed = formatDuration(Math.round(c.elapsedMs / 1e3) * 1e3);
  return `\u2026 ${c.done}/${c.total} done (${c.byStatus.passed} passed, ${failed} not), ${c.running} running, ${waiting} waiting, ${elapsed}`;
}
function emptyByStatus() {
  return { passed: 0, failed: 0, egress: 0, timeout: 0, error: 0, cancelled: 0 };
}

// src/eval/results.ts
var RESULTS_SCHEMA = "paddock.results/v7";
var READABLE_SCHEMAS = [
  "paddock.results/v1",
  "paddock.results/v2",
  "paddock.results/v3",
  "paddock.results/v4",
  "paddock.results/v5",
  "paddock.results/v6",
  RESULTS_SCHEMA
];

// src/eval/write.ts
function runPaths(id) {
  const dir = `runs/${id}`;
  return {
    dir,
    stdout: `${dir}/stdout.log`,
    stderr: `${dir}/stderr.log`,
    events: `${dir}/events.jsonl`,
    out: `${dir}/out`
  };
}
var SETUP_DIR = "setup";
var STALE_REPORTS = ["suggested-policy.yaml"];
async function prepareResultsDir(dir, ids) {
  await mkdir(join2(dir, "runs"), { recursive: true });
  await chownToInvoker(dir);
  await chownToInvoker(join2(dir, "runs"));
  const keep = new Set(ids);
  for (const name of await readdir2(join2(dir, "runs"))) {
    if (!keep.has(name)) await rm(join2(dir, "runs", name), { recursive: true, force: true });
  }
  for (const name of STALE_REPORTS) await rm(join2(dir, name), { force: true });
  await rm(join2(dir, SETUP_DIR), { recursive: true, force: true });
  await Promise.all(
    ids.map(async (id) => {
      const paths = runPaths(id);
      await rm(join2(dir, paths.dir), { recursive: true, force: true });
      await mkdir(join2(dir, paths.out), { recursive: true });
      await chownToInvoker(join2(dir, paths.dir));
      await chownToInvoker(join2(dir, paths.out));
    })
  );
}
function* jsonl(events) {
  for (let i = 0; i < events.length; i += JSONL_CHUNK)
    yield events.slice(i, i + JSONL_CHUNK).map((e) => `${JSON.stringify(e)}
`).join("");
}
var JSONL_CHUNK = 1e3;
function runSignature(result, events) {
  const hash = createHash("sha256").update(JSON.stringify(result));
  for (const chunk of jsonl(events)) hash.update(chunk);
  return hash.digest("hex");
}
async function writeRun(dir, result, events) {
  const verifying = result.verify !== void 0;
  await writeOwned(
    join2(dir, result.paths.events),
    jsonl(events.filter((e) => !verifying || e.phase !== "verify"))
  );
  if (result.verify) {
    await writeOwned(
      join2(dir, result.verify.paths.events),
      jsonl(events.filter((e) => e.phase === "verify"))
    );
    for (const log of [result.verify.paths.stdout, result.verify.paths.stderr])
      await chownToInvoker(join2(dir, log));
  }
  await writeOwned(join2(dir, result.paths.dir, "run.json"), `${JSON.stringify(result, null, 2)}
`);
  for (const log of [result.paths.stdout, result.paths.stderr]) await chownToInvoker(join2(dir, log));
}
async function writeSetup(dir, setup, events) {
  await mkdir(join2(dir, setup.paths.dir), { recursive: true });
  await chownToInvoker(join2(dir, setup.paths.dir));
  await writeOwned(join2(dir, setup.paths.events), jsonl(events));
  for (const log of [setup.paths.stdout, setup.paths.stderr]) await chownToInvoker(join2(dir, log));
  await writeOwned(join2(dir, setup.paths.json), `${JSON.stringify(setup, null, 2)}
`);
}
async function writeResults(dir, results, events) {
  await writeOwned(join2(dir, "egress.jsonl"), jsonl(events));
  await writeOwned(join2(dir, "results.json"), `${JSON.stringify(results, null, 2)}
`);
}
async function writeOwned(path, data) {
  await writeFileAtomic(path, data);
  await chownToInvoker(path);
}
function totals(runs) {
  const byStatus = emptyByStatus();
  let denied = 0;
  for (const r of runs) {
    byStatus[r.status]++;
    denied += r.denials + (r.expectedDenials ?? 0);
  }
  return {
    total: runs.length,
    passed: byStatus.passed,
    failed: runs.length - byStatus.passed,
    denied,
    byStatus
  };
}
async function emptyResults(dir, header3) {
  const finishedAt = /* @__PURE__ */ new Date();
  const results = {
    schema: RESULTS_SCHEMA,
    ...header3,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - Date.parse(header3.startedAt),
    totals: totals([]),
    runs: []
  };
  await writeResults(dir, results, []);
  return results;
}

// src/report/write.ts
import { open, readFile, stat as stat2 } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/report/html/page.ts
import { createHash as createHash2 } from "node:crypto";

// src/report/text.ts
var INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
function stripInvalidXml(text2) {
  return text2.replace(INVALID_XML, "");
}
function tail(text2, maxChars) {
  if (text2.length <= maxChars) return text2;
  let start = text2.length - maxChars;
  const newline = text2.indexOf("\n", start);
  if (newline !== -1 && newline - start < 200) start = newline + 1;
  return `[\u2026 ${start} characters omitted \u2026]
${text2.slice(start)}`;
}
var ENTITY = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
function escapeHtml(text2) {
  return stripInvalidXml(text2).replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}
var INERT = { "@": "@&#8203;", "#": "&#35;&#8203;" };
function escapeInline(text2) {
  return escapeLine(text2, INERT);
}
function escapeCode(text2) {
  return escapeLine(text2, {});
}
function escapeLine(text2, extra) {
  return stripInvalidXml(text2).replace(/[\t\n\r]+/g, " ").replace(/[&<>"'[\]()*_`~|#!\\{}:@]/g, (c) => ENTITY[c] ?? extra[c] ?? `&#${c.codePointAt(0)};`);
}
function codeBlock(text2, lang = "") {
  const body = stripInvalidXml(text2).replace(/\r\n?/g, "\n");
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${lang}
${body.endsWith("\n") ? body : `${body}
`}${fence}`;
}
function byteLength(text2) {
  return Buffer.byteLength(text2, "utf8");
}
function truncateBytes(text2, maxBytes) {
  if (byteLength(text2) <= maxBytes) return text2;
  const cut = Buffer.from(text2, "utf8").subarray(0, maxBytes).toString("utf8");
  return cut.endsWith("\uFFFD") ? cut.slice(0, -1) : cut;
}
function formatDuration2(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  const s = ms / 1e3;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
function specTitle(spec) {
  return spec.name.trim() === "" || spec.name === "." ? spec.file : spec.name;
}

// src/report/setup.ts
function setupLine(s) {
  const denied = s.denials > 0 ? `, ${plural(s.denials, "denied egress attempt")} (see ${s.paths.events})` : "";
  if (s.status !== "passed")
    return `Setup ${s.status === "failed" ? "failed" : `failed (${s.status})`}: ${s.reason}; no run started. Its log: ${s.paths.stdout}, ${s.paths.stderr}${denied}`;
  if (s.cached) return `Setup reused ${s.image}: built earlier from the same inputs, not run again`;
  return `Setup built ${s.image} in ${formatDuration2(s.durationMs)}${denied}`;
}

// src/report/cells.ts
var td = (cells, tag = "td") => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
function rateText(cells) {
  const passed = cells.reduce((n, c) => n + c.passed, 0);
  const total2 = cells.reduce((n, c) => n + c.total, 0);
  const bad = cells.some((c) => c.status === "failed") ? "\u274C " : "";
  const scored = cells.filter((c) => c.meanScore !== void 0);
  const weight = (c) => c.scored ?? c.total;
  const runs = scored.reduce((n, c) => n + weight(c), 0);
  const mean = scored.reduce((n, c) => n + (c.meanScore ?? 0) * weight(c), 0) / runs;
  const over = runs < total2 ? ` (${runs} of ${total2} runs scored)` : "";
  const score = scored.length === 0 ? "" : ` \xB7 score ${formatRate(mean)}${over}`;
  return `${bad}${formatRate(total2 === 0 ? 0 : passed / total2)} (${passed}/${total2})${score}`;
}
function cellsTable(results) {
  const axes = Object.keys(results.runs[0]?.matrix ?? {});
  const cells = results.cells ?? (axes.length >= 2 ? cellsOf(results.runs, 1) : []);
  if (cells.length === 0) return "";
  const need = `pass rate needed: ${formatRate(results.requiredPassRate ?? 1)}`;
  if (axes.length < 2) {
    const rows2 = cells.map((c) => td([`<code>${escapeCode(c.id)}</code>`, rateText([c])]));
    return [`<table>`, td(["Cell", `Pass rate (${need})`], "th"), ...rows2, "</table>"].join("\n");
  }
  const [down, across] = axes;
  const distinct = (key) => [...new Set(cells.map((c) => c.matrix[key] ?? ""))];
  const cols = distinct(across);
  const head = td([`${escapeInline(down)} \\ ${escapeInline(across)}`, ...cols.map(escapeInline)], "th");
  const rows = distinct(down).map(
    (v) => td([
      `<code>${escapeCode(v)}</code>`,
      ...cols.map((w) => {
        const here = cells.filter((c) => c.matrix[down] === v && c.matrix[across] === w);
        return here.length === 0 ? "\u2013" : rateText(here);
      })
    ])
  );
  return [
    `<p>Pass rate by ${escapeInline(down)} and ${escapeInline(across)} (${need})</p>`,
    "<table>",
    head,
    ...rows,
    "</table>"
  ].join("\n");
}

// src/report/summary.ts
var STATUS_LABEL = {
  passed: "\u2705 passed",
  failed: "\u274C failed",
  egress: "\u{1F6AB} egress",
  timeout: "\u23F1\uFE0F timeout",
  error: "\u{1F4A5} error",
  cancelled: "\u23F9\uFE0F cancelled"
};
var code = (text2) => `<code>${escapeCode(text2)}</code>`;
var row = (cells, tag = "td") => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
function verdictLine(results) {
  const { total: total2, passed, failed, denied } = results.totals;
  const egress = denied > 0 ? ` \xB7 ${plural(denied, "denied egress attempt")}` : "";
  if (total2 === 0) return `\u26A0\uFE0F **Paddock: no runs** \u2014 the matrix expanded to nothing${egress}`;
  const cells = results.cells;
  if (cells) {
    const bad = failing(results);
    const rate = formatRate(results.requiredPassRate ?? 1);
    const runs = ` \xB7 ${passed} of ${plural(total2, "run")} passed${egress}`;
    return bad === 0 ? `\u2705 **Paddock passed** \u2014 ${cells.length} of ${plural(cells.length, "cell")} reached pass rate ${rate}${runs}` : `\u274C **Paddock failed** \u2014 ${bad} of ${plural(cells.length, "cell")} below pass rate ${rate}${runs}`;
  }
  if (failed === 0)
    return `\u2705 **Paddock passed** \u2014 ${passed} of ${plural(total2, "run")} met their expectation${egress}`;
  return `\u274C **Paddock failed** \u2014 ${failed} of ${plural(total2, "run")} did not meet their expectation${egress}`;
}
function reportLine(url) {
  const file = "<code>report.html</code>";
  return url ? `\u{1F4CA} The full report (filterable runs, egress graph) is ${file} in the [results artifact](${encodeURI(url)}).` : `\u{1F4CA} The full report (filterable runs, egress graph) is ${file} in the results directory.`;
}
function mergeNote(results) {
  const m = results.merge;
  if (!m) return [];
  const lines = [
    "",
    `<sub>merged from ${m.shards.length} of ${m.count} shard${m.count === 1 ? "" : "s"}: ${m.shards.map((s) => `${s.index}/${m.count}`).join(", ")}</sub>`
  ];
  if (m.missingShards.length > 0 || m.missingRuns.length > 0) {
    const shards = m.missingShards.map((i) => `${i}/${m.count}`).join(", ") || "-";
    const runs = m.missingRuns.slice(0, 20).map(code).join(" ") + (m.missingRuns.length > 20 ? ` +${m.missingRuns.length - 20} more` : "");
    lines.push(
      "",
      "> [!WARNING]",
      `> **Incomplete results**: shard${m.missingShards.length === 1 ? "" : "s"} ${shards} missing; ${plural(m.missingRuns.length, "run")} of the matrix are not in these totals: ${runs}`
    );
  }
  return lines;
}
function header(results) {
  const s = results.totals.byStatus;
  const counts = Object.keys(STATUS_LABEL).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`).join(", ");
  const lines = [
    `## Paddock: ${escapeInline(specTitle(results.spec))}`,
    "",
    verdictLine(results),
    "",
    `<sub>${counts || "no runs"} \xB7 ${formatDuration2(results.durationMs)} \xB7 spec ${code(results.spec.file)} \xB7 image ${code(results.image.ref)}${results.image.digest ? ` ${code(results.image.digest)}` : ""} \xB7 policy ${code(results.policy.source)} \xB7 session ${code(results.session)}</sub>`
  ];
  lines.push(...mergeNote(results));
  if (results.setup) {
    const line = escapeInline(setupLine(results.setup));
    lines.push(
      "",
      ...results.setup.status === "passed" ? [`<sub>${line}</sub>`] : ["> [!CAUTION]", `> **${line}**`]
    );
  }
  if (results.enforcement === "proxy-only") {
    lines.push(
      "",
      "> [!WARNING]",
      "> Enforcement was **proxy-only**: only clients that honour `HTTP(S)_PROXY` went through the gateway. Other traffic was neither fenced nor logged."
    );
  }
  return lines.join("\n");
}
function runRow(run, scored) {
  return row([
    STATUS_LABEL[run.status],
    code(run.id),
    formatDuration2(run.durationMs),
    run.exitCode === null ? "-" : String(run.exitCode),
    String(run.denials),
    ...scored ? [run.score === void 0 ? "-" : formatRate(run.score)] : [],
    escapeInline(run.reason)
  ]);
}
function egressRow(r, maxRuns) {
  const shown = r.runs.slice(0, maxRuns).map(code).join(" ");
  const more = r.runs.length > maxRuns ? ` +${r.runs.length - maxRuns} more` : "";
  return row([
    r.action === "deny" ? "denied" : "audit",
    code(r.binary),
    code(r.destination),
    String(r.count),
    shown + more
  ]);
}
function fitTable(head, rows, cols, what, budget) {
  const open3 = `<table>
${head}`;
  const close = "\n</table>";
  const noteFor = (n) => `
<tr><td colspan="${cols}"><em>\u2026 ${n} more ${what} not shown; see results.json</em></td></tr>`;
  let used = byteLength(open3) + byteLength(close) + byteLength(noteFor(rows.length));
  const kept = [];
  for (const r of rows) {
    const size = byteLength(r) + 1;
    if (used + size > budget) break;
    used += size;
    kept.push(r);
  }
  const note = kept.length < rows.length ? noteFor(rows.length - kept.length) : "";
  return `${open3}${kept.map((r) => `
${r}`).join("")}${note}${close}`;
}
function suggestionBlock(suggestion, maxBytes) {
  if (suggestion === null || suggestion.yaml.trim() === "") return "";
  const size = byteLength(suggestion.yaml);
  const body = size > maxBytes ? `The suggested policy is ${Math.ceil(size / 1024)} KiB, too large to show here; it is in \`suggested-policy.yaml\` in the results.` : codeBlock(suggestion.yaml, "yaml");
  return [
    "<details><summary>Suggested policy (allows what was denied; review before applying)</summary>",
    "",
    body,
    "",
    "</details>"
  ].join("\n");
}
function summaryMarkdown(results, events, suggestion, options = {}) {
  const maxBytes = options.maxBytes ?? 1e6;
  const top = `${header(results)}

${reportLine(options.reportUrl)}`;
  const policy = suggestionBlock(suggestion, options.maxSuggestionBytes ?? 262144);
  const egress = aggregateEgress(results, events);
  const cells = cellsTable(results);
  const runsTitle = `${cells ? `### ${results.cells ? "Cells" : "By matrix"}

${cells}

` : ""}### Runs`;
  const egressTitle = egress.length > 0 ? "### Egress" : "";
  let left = maxBytes - byteLength(top) - byteLength(policy) - byteLength(runsTitle) - byteLength(egressTitle) - 64;
  const egressBudget = egress.length > 0 ? Math.max(0, Math.floor(left / 2)) : 0;
  const egressTable = egress.length > 0 ? fitTable(
    row(["Action", "Binary", "Destination", "Count", "Runs"], "th"),
    egress.map((r) => egressRow(r, options.maxRunsPerRow ?? 20)),
    5,
    "destinations",
    egressBudget
  ) : "";
  left -= byteLength(egressTable);
  const scored = results.runs.some((r) => r.score !== void 0);
  const runsTable = fitTable(
    row(["Status", "Run", "Duration", "Exit", "Denials", ...scored ? ["Score"] : [], "Reason"], "th"),
    results.runs.map((r) => runRow(r, scored)),
    scored ? 7 : 6,
    "runs",
    Math.max(0, left)
  );
  const parts = [top, runsTitle, runsTable];
  if (egressTable) parts.push(egressTitle, egressTable);
  if (policy) parts.push(policy);
  const markdown = `${parts.join("\n\n")}
`;
  if (byteLength(markdown) <= maxBytes) return markdown;
  const note = "\n\n*\u2026 the summary was cut at the size limit; see results.json and junit.xml.*\n";
  return truncateBytes(markdown, maxBytes - byteLength(note)) + note;
}
function setupErrorMarkdown(spec, message, problems = []) {
  const lines = [`## Paddock: ${escapeInline(spec)}`, "", `:x: **No run started.** ${escapeInline(message)}`];
  if (problems.length > 0) lines.push("", codeBlock(problems.join("\n")));
  return `${lines.join("\n")}
`;
}

// src/report/html/assets.ts
var CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--info:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--soft:#151b23;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--info:#4493f8}}
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.meta{color:var(--muted);margin:4px 0 12px}.meta code{color:var(--fg)}
.verdict{font-size:16px;font-weight:600;margin:8px 0}.verdict.ok{color:var(--ok)}.verdict.bad{color:var(--bad)}
.note{border-left:4px solid var(--warn);background:var(--soft);padding:8px 12px;margin:10px 0}
.chips{display:flex;gap:8px;flex-wrap:wrap;margin:8px 0}
.chip{border:1px solid var(--line);border-radius:999px;padding:2px 10px;background:var(--soft);cursor:pointer;font:inherit;color:inherit}
.chip b{margin-right:4px}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:8px 0}
.filters label{color:var(--muted)}select,input{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);white-space:nowrap}th[data-sort]{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \u25B2"}th[aria-sort=descending]::after{content:" \u25BC"}
td.num,th.num{text-align:right}tr.run{cursor:pointer}tr.run:hover{background:var(--soft)}tr.run.open{background:var(--soft)}
.status{font-weight:600;white-space:nowrap}.dot{display:inline-block;width:.62em;height:.62em;border-radius:50%;background:currentColor;margin-right:.4em;vertical-align:.05em}
.chip.s-passed .dot{color:var(--ok)}.chip.s-failed .dot,.chip.s-egress .dot,.chip.s-error .dot,.chip.s-timeout .dot{color:var(--bad)}.chip.s-cancelled .dot{color:var(--warn)}.s-passed{color:var(--ok)}.s-failed,.s-egress,.s-error,.s-timeout{color:var(--bad)}.s-cancelled{color:var(--warn)}
tr.details>td{background:var(--soft);padding:10px 16px}
.grid{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin-bottom:8px}.grid dt{color:var(--muted)}.grid dd{margin:0}
pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px;max-height:280px;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0 10px}
ul{margin:4px 0 10px;padding-left:20px}
svg{max-width:100%;height:auto;font:12px ui-monospace,Menlo,Consolas,monospace}
svg .edge path{fill:none;opacity:.55}svg .edge text{font-size:11px;text-anchor:middle}
svg .allowed path{stroke:var(--ok)}svg .denied path{stroke:var(--bad)}svg .audited path{stroke:var(--warn)}
svg .allowed text{fill:var(--ok)}svg .denied text{fill:var(--bad)}svg .audited text{fill:var(--warn)}
svg .node rect{fill:var(--info)}svg .node text{fill:var(--fg)}svg .edge:hover path{opacity:1}
.legend span{margin-right:14px}.legend .allowed{color:var(--ok)}.legend .denied{color:var(--bad)}.legend .audited{color:var(--warn)}
button.copy{font:inherit;padding:4px 12px;border:1px solid var(--line);border-radius:6px;background:var(--soft);color:var(--fg);cursor:pointer}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`;
var JS = `(function () {
  'use strict';
  var body = document.querySelector('#runs tbody');
  if (!body) return;
  var rows = Array.prototype.slice.call(body.querySelectorAll('tr.run'));
  var detailOf = function (row) { return document.getElementById('d-' + row.getAttribute('data-i')); };
  var status = document.getElementById('f-status');
  var text = document.getElementById('f-text');
  var axes = Array.prototype.slice.call(document.querySelectorAll('select[data-axis]'));
  var shown = document.getElementById('shown');
  function apply() {
    var q = text.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (row) {
      var ok = (status.value === '' || row.getAttribute('data-status') === status.value) &&
        axes.every(function (s) { return s.value === '' || row.getAttribute('data-m' + s.getAttribute('data-axis')) === s.value; }) &&
        (q === '' || row.textContent.toLowerCase().indexOf(q) !== -1);
      row.hidden = !ok;
      detailOf(row).hidden = !ok || !row.classList.contains('open');
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' runs';
  }
  [status, text].concat(axes).forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  Array.prototype.forEach.call(document.querySelectorAll('button[data-status]'), function (chip) {
    chip.addEventListener('click', function () { status.value = chip.getAttribute('data-status'); apply(); });
  });
  body.addEventListener('click', function (ev) {
    var row = ev.target.closest ? ev.target.closest('tr.run') : null;
    if (!row || (ev.target.closest && ev.target.closest('a'))) return;
    row.classList.toggle('open');
    row.setAttribute('aria-expanded', row.classList.contains('open') ? 'true' : 'false');
    detailOf(row).hidden = !row.classList.contains('open');
  });
  Array.prototype.forEach.call(document.querySelectorAll('#runs th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      var col = Number(th.getAttribute('data-sort'));
      var numeric = th.classList.contains('num');
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(document.querySelectorAll('#runs th[data-sort]'), function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var key = function (row) {
        var cell = row.cells[col];
        var v = cell.getAttribute('data-v');
        return numeric ? Number(v === null ? cell.textContent : v) : (v === null ? cell.textContent : v);
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? x - y : String(x).localeCompare(String(y));
        return c * dir || Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i'));
      });
      rows.forEach(function (row) { body.appendChild(row); body.appendChild(detailOf(row)); });
    });
  });
  var copy = document.getElementById('copy-policy');
  if (copy) copy.addEventListener('click', function () {
    var pre = document.getElementById('policy');
    var done = function (label) { copy.textContent = label; setTimeout(function () { copy.textContent = 'Copy'; }, 2000); };
    var select = function () {
      var range = document.createRange(); range.selectNodeContents(pre);
      var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      var ok = false; try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      done(ok ? 'Copied' : 'Selected: press Ctrl+C');
    };
    if (navigator.clipboard && navigator.clipboard.writeText)
      navigator.clipboard.writeText(pre.textContent).then(function () { done('Copied'); }, select);
    else select();
  });
  apply();
})();
`;

// src/report/html/graph.ts
var total = (e) => e.allowed + e.denied + e.audited;
function egressEdges(results, events) {
  const edges = /* @__PURE__ */ new Map();
  const add = (action, t, run, n) => {
    const binary = t.binary ?? "unknown";
    const destination = formatDestination(t);
    const key = `${binary}\0${destination}`;
    const e = edges.get(key) ?? {
      binary,
      destination,
      allowed: 0,
      denied: 0,
      audited: 0,
      runs: /* @__PURE__ */ new Set()
    };
    if (action === "allow") e.allowed += n;
    else if (action === "deny") e.denied += n;
    else e.audited += n;
    e.runs.add(run ?? "-");
    edges.set(key, e);
  };
  if (events.length > 0) for (const e of events) add(e.action, e, e.run, 1);
  else for (const run of results.runs) for (const t of run.denied) add("deny", t, run.id, t.count);
  return [...edges.values()].map((e) => ({ ...e, runs: [...e.runs].sort() })).sort(
    (a, b) => total(b) - total(a) || a.binary.localeCompare(b.binary) || a.destination.localeCompare(b.destination)
  );
}
var ROW = 26;
var WIDTH = 960;
var LEFT = 330;
var RIGHT = WIDTH - 330;
var LABEL = 46;
var short = (text2) => text2.length > LABEL ? `\u2026${text2.slice(-(LABEL - 1))}` : text2;
var width = (n) => Math.min(9, 1.5 + Math.log2(n));
function egressSvg(edges, options = {}) {
  const shown = edges.slice(0, options.maxEdges ?? 120);
  if (shown.length === 0) return "";
  const rank2 = (key) => {
    const sum = /* @__PURE__ */ new Map();
    for (const e of shown) sum.set(e[key], (sum.get(e[key]) ?? 0) + total(e));
    return [...sum].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  };
  const binaries = rank2("binary");
  const destinations = rank2("destination");
  const height = Math.max(binaries.length, destinations.length) * ROW + 16;
  const yOf = (list2, name) => {
    const offset = (height - list2.length * ROW) / 2;
    return offset + list2.indexOf(name) * ROW + ROW / 2;
  };
  const parts = [];
  const curve = (e, kind, shift, slot) => {
    const n = e[kind];
    if (n === 0) return;
    const y1 = yOf(binaries, e.binary) + shift;
    const y2 = yOf(destinations, e.destination) + shift;
    const mid = (LEFT + RIGHT) / 2;
    const title = escapeHtml(`${e.binary} \u2192 ${e.destination}: ${n} ${kind}`);
    parts.push(
      `<g class="edge ${kind}"><title>${title}</title><path d="M${LEFT + 6} ${y1} C${mid} ${y1} ${mid} ${y2} ${RIGHT - 6} ${y2}" stroke-width="${width(n).toFixed(1)}"/><text x="${RIGHT - 24 - slot * 26}" y="${(y2 - 4).toFixed(1)}">${n}</text></g>`
    );
  };
  for (const e of shown) {
    const kinds = ["allowed", "denied", "audited"].filter((k) => e[k] > 0);
    for (const [i, k] of kinds.entries()) curve(e, k, (i - (kinds.length - 1) / 2) * 5, i);
  }
  const node = (name, x, y, anchor, cls) => `<g class="node ${cls}"><title>${escapeHtml(name)}</title><rect x="${x - 5}" y="${y - 9}" width="10" height="18" rx="3"/><text x="${anchor === "end" ? x - 10 : x + 10}" y="${y + 4}" text-anchor="${anchor}">${escapeHtml(short(name))}</text></g>`;
  for (const b of binaries) parts.push(node(b, LEFT, yOf(binaries, b), "end", "binary"));
  for (const d of destinations) parts.push(node(d, RIGHT, yOf(destinations, d), "start", "destination"));
  return `<svg id="egress-graph" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="Egress: binaries to destinations">${parts.join("")}</svg>`;
}

// src/report/html/page.ts
var STATUSES = ["passed", "failed", "egress", "timeout", "error", "cancelled"];
var label = (s) => `<span class="dot"></span>${s}`;
var href = (path) => path.split("/").map(encodeURIComponent).join("/");
var plain = (markdown) => markdown.replace(/\*\*/g, "");
function header2(r) {
  const { byStatus, failed, total: total2 } = r.totals;
  const chips = STATUSES.filter((s) => byStatus[s] > 0).map((s) => `<button class="chip s-${s}" data-status="${s}"><b>${byStatus[s]}</b>${label(s)}</button>`).join("");
  const notes = [];
  if (r.enforcement === "proxy-only")
    notes.push(
      "Enforcement was <b>proxy-only</b>: only clients that honour HTTP(S)_PROXY went through the gateway; other traffic was neither fenced nor logged."
    );
  if (r.merge) {
    const m = r.merge;
    notes.push(
      `Merged from ${m.shards.length} of ${m.count} shard${m.count === 1 ? "" : "s"} (${m.shards.map((s) => `${s.index}/${m.count}`).join(", ")}).`
    );
    if (m.missingShards.length > 0 || m.missingRuns.length > 0)
      notes.push(
        `<b>Incomplete:</b> shard${m.missingShards.length === 1 ? "" : "s"} ${escapeHtml(m.missingShards.map((i) => `${i}/${m.count}`).join(", ") || "-")} missing; ${m.missingRuns.length} run${m.missingRuns.length === 1 ? "" : "s"} not in these results: <code>${escapeHtml(m.missingRuns.join(" "))}</code>`
      );
  }
  if (r.setup) {
    const files = ["setup.json", "stdout.log", "stderr.log", "events.jsonl"].filter((f) => !r.setup?.cached || f === "setup.json" || f === "events.jsonl").map((f) => `<a href="${href(`${r.setup?.paths.dir}/${f}`)}">${f}</a>`).join(" \xB7 ");
    const line = escapeHtml(setupLine(r.setup));
    notes.push(`${r.setup.status === "passed" ? line : `<b>${line}</b>`} \xB7 ${files}`);
  }
  if (r.shard)
    notes.push(
      `Shard ${r.shard.index}/${r.shard.count}: ${total2} of the matrix's ${r.shard.plan.length} runs.`
    );
  return [
    `<h1>Paddock: ${escapeHtml(specTitle(r.spec))}</h1>`,
    `<div class="verdict ${failed === 0 && total2 > 0 ? "ok" : "bad"}">${escapeHtml(plain(verdictLine(r)).replace(/^\S+\s+/u, ""))}</div>`,
    `<div class="meta">${formatDuration2(r.durationMs)} \xB7 spec <code>${escapeHtml(r.spec.file)}</code> \xB7 image <code>${escapeHtml(r.image.ref)}</code>${r.image.digest ? ` <code>${escapeHtml(r.image.digest)}</code>` : ""} \xB7 policy <code>${escapeHtml(r.policy.source)}</code> \xB7 session <code>${escapeHtml(r.session)}</code> \xB7 started ${escapeHtml(r.startedAt)}</div>`,
    ...notes.map((n) => `<div class="note">${n}</div>`),
    `<div class="chips">${chips}</div>`
  ].join("\n");
}
function filters(r, keys) {
  const statusOptions = STATUSES.filter((s) => r.totals.byStatus[s] > 0).map((s) => `<option value="${s}">${s} (${r.totals.byStatus[s]})</option>`).join("");
  const axisSelects = keys.map((key, i) => {
    const values = [...new Set(r.runs.map((run) => run.matrix[key]).filter((v) => v !== void 0))].sort();
    const options = values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join("");
    return `<label>${escapeHtml(key)} <select data-axis="${i}" id="f-m${i}"><option value="">all</option>${options}</select></label>`;
  });
  return `<div class="filters"><label>status <select id="f-status"><option value="">all</option>${statusOptions}</select></label>${axisSelects.join("")}<label>search <input id="f-text" type="search" placeholder="run, reason\u2026"></label><span id="shown">${r.runs.length} of ${r.runs.length} runs</span></div>`;
}
function runRow2(run, i, keys) {
  const axes = keys.map((k, j) => run.matrix[k] === void 0 ? "" : ` data-m${j}="${escapeHtml(run.matrix[k])}"`).join("");
  const cells = [
    `<td class="status s-${run.status}" data-v="${run.status}">${label(run.status)}</td>`,
    `<td class="mono">${escapeHtml(run.id)}</td>`,
    ...keys.map((k) => `<td>${escapeHtml(run.matrix[k] ?? "")}</td>`),
    `<td class="num" data-v="${run.durationMs}">${formatDuration2(run.durationMs)}</td>`,
    `<td class="num" data-v="${run.exitCode ?? -1}">${run.exitCode ?? "-"}</td>`,
    `<td class="num">${run.denials + (run.expectedDenials ?? 0)}</td>`,
    `<td>${escapeHtml(run.reason)}</td>`
  ];
  return `<tr class="run" data-i="${i}" data-status="${run.status}"${axes} aria-expanded="false">${cells.join("")}</tr>`;
}
function details(run, i, cols, logs, logBytes) {
  const facts = [
    ["status", `${escapeHtml(run.status)}${run.reason ? ` \u2014 ${escapeHtml(run.reason)}` : ""}`],
    ["exit code", run.exitCode === null ? "-" : String(run.exitCode)],
    ["duration", formatDuration2(run.durationMs)],
    ["started", escapeHtml(run.startedAt ?? "-")],
    ["finished", escapeHtml(run.finishedAt ?? "-")],
    ["sandbox", `<code>${escapeHtml(run.sandbox)}</code>`],
    ["denials", `${run.denials} unexpected, ${run.expectedDenials ?? 0} expected`],
    [
      "files",
      ["run.json", "stdout.log", "stderr.log", "events.jsonl"].map((f) => `<a href="${href(`${run.paths.dir}/${f}`)}">${f}</a>`).join(" \xB7 ")
    ]
  ];
  if (run.verify) {
    const v = run.verify;
    const files = ["stdout.log", "stderr.log", "events.jsonl"].map((f) => `<a href="${href(`${v.paths.dir}/${f}`)}">${f}</a>`).join(" \xB7 ");
    const exit2 = v.timedOut ? "timed out" : `exit code ${v.exitCode ?? "-"}`;
    facts.push(["verify", `${exit2}, ${v.denials} denied${v.error ? ` \u2014 ${escapeHtml(v.error)}` : ""} \xB7 ${files}`]);
  }
  if (run.score !== void 0) {
    const metrics = Object.entries(run.metrics ?? {}).map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(String(v))}`);
    facts.push(["score", `${run.score}${metrics.length > 0 ? ` (${metrics.join(", ")})` : ""}`]);
  }
  if (run.truncated) facts.push(["note", "stdout or stderr hit the size cap and was truncated"]);
  const denied = run.denied.length > 0 ? `<div>Denied</div><ul>${run.denied.map((t) => `<li><code>${escapeHtml(formatTarget(t))}</code> ${t.count}\xD7 (${escapeHtml(t.layer)})</li>`).join("")}${run.deniedOmitted ? `<li>\u2026 ${run.deniedOmitted} more (events.jsonl)</li>` : ""}</ul>` : "";
  const outputs = run.outputs ?? [];
  const total2 = outputs.length + (run.outputsOmitted ?? 0);
  const outList = total2 > 0 ? `<div>Outputs (${total2})</div><ul>${outputs.slice(0, 200).map((f) => `<li><a href="${href(`${run.paths.out}/${f}`)}">${escapeHtml(f)}</a></li>`).join("")}${total2 > 200 ? `<li>\u2026 ${total2 - Math.min(200, outputs.length)} more</li>` : ""}</ul>` : "<div>Outputs: none</div>";
  const refused = run.outputsRefused;
  const refusedList = refused ? `<div>Refused outputs (${refused.count})</div><ul>${refused.first.map((r) => `<li><code>${escapeHtml(r.path)}</code> ${escapeHtml(r.reason)}</li>`).join(
    ""
  )}${refused.count > refused.first.length ? `<li>\u2026 ${refused.count - refused.first.length} more</li>` : ""}</ul>` : "";
  const log = (name, text2) => text2 ? `<div>${name} (tail)</div><pre>${escapeHtml(tail(text2, logBytes))}</pre>` : `<div>${name}: empty</div>`;
  return `<tr class="details" id="d-${i}" hidden><td colspan="${cols}"><dl class="grid">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>${denied}${outList}${refusedList}${log("stdout", logs?.stdout)}${log("stderr", logs?.stderr)}</td></tr>`;
}
function runsSection(r, logsTail, maxLogBytes) {
  const keys = [];
  for (const run of r.runs) for (const k of Object.keys(run.matrix)) if (!keys.includes(k)) keys.push(k);
  const heads = ["Status", "Run", ...keys, "Duration", "Exit", "Denied", "Reason"];
  const numeric = /* @__PURE__ */ new Set(["Duration", "Exit", "Denied"]);
  const th = heads.map((name, i) => {
    const num = (i < 2 || i >= 2 + keys.length) && numeric.has(name);
    return `<th data-sort="${i}"${num ? ' class="num"' : ""}>${escapeHtml(name)}</th>`;
  }).join("");
  const logBytes = Math.max(256, Math.min(4096, Math.floor(maxLogBytes / Math.max(1, 2 * r.runs.length))));
  const body = r.runs.map((run, i) => runRow2(run, i, keys) + details(run, i, heads.length, logsTail?.get(run.id), logBytes)).join("\n");
  return `<h2>Runs</h2>${filters(r, keys)}<p class="meta">Click a run for its details.</p>
<table id="runs"><thead><tr>${th}</tr></thead><tbody>
${body}
</tbody></table>`;
}
function egressSection(edges, options) {
  if (edges.length === 0) return "<h2>Egress</h2><p>No gateway decisions were recorded.</p>";
  const drawn = Math.min(edges.length, options.maxEdges ?? 120);
  const maxRows = options.maxEdgeRows ?? 500;
  const rows = edges.slice(0, maxRows).map(
    (e) => `<tr><td><code>${escapeHtml(e.binary)}</code></td><td><code>${escapeHtml(e.destination)}</code></td><td class="num">${e.allowed}</td><td class="num">${e.denied}</td><td class="num">${e.audited}</td><td class="mono">${escapeHtml(e.runs.slice(0, 10).join(" "))}${e.runs.length > 10 ? ` +${e.runs.length - 10} more` : ""}</td></tr>`
  ).join("");
  return [
    "<h2>Egress</h2>",
    '<p class="legend"><span class="allowed">\u2501 allowed</span><span class="denied">\u2501 denied</span><span class="audited">\u2501 audited</span>binaries on the left, destinations on the right; numbers are decisions</p>',
    egressSvg(edges, options),
    drawn < edges.length ? `<p class="meta">${edges.length - drawn} smaller edges are not drawn; all are in the table.</p>` : "",
    `<table id="egress"><thead><tr><th>Binary</th><th>Destination</th><th class="num">Allowed</th><th class="num">Denied</th><th class="num">Audited</th><th>Runs</th></tr></thead><tbody>${rows}</tbody></table>`,
    edges.length > maxRows ? `<p class="meta">\u2026 ${edges.length - maxRows} more rows; see egress.jsonl.</p>` : ""
  ].join("\n");
}
function policySection(suggestion) {
  if (suggestion === null || suggestion.yaml.trim() === "")
    return "<h2>Suggested policy</h2><p>Nothing was denied, so there is nothing to suggest.</p>";
  return `<h2>Suggested policy</h2><p>Allows what was denied, extending the policy the eval ran with. Review it before applying. <button class="copy" id="copy-policy" type="button">Copy</button></p><pre id="policy">${escapeHtml(suggestion.yaml)}</pre>`;
}
function reportHtml(input, options = {}) {
  const r = input.results;
  const scriptHash = createHash2("sha256").update(JS).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paddock: ${escapeHtml(specTitle(r.spec))}</title>
<style>${CSS}</style></head>
<body>
${header2(r)}
${runsSection(r, input.logsTail, options.maxLogBytes ?? 1e6)}
${egressSection(egressEdges(r, input.events), options)}
${policySection(input.suggestion)}
<footer>${escapeHtml(r.schema)} \xB7 written by Paddock \xB7 this page makes no network requests</footer>
<script>${JS}</script>
</body></html>
`;
}

// src/report/junit.ts
var import_junit_report_builder = __toESM(require_dist2(), 1);
var builder = import_junit_report_builder.default.default ?? import_junit_report_builder.default;
var MESSAGE_TARGETS = 5;
function failureMessage(run) {
  const parts = [run.reason || run.status];
  if (run.exitCode !== null) parts.push(`exit code ${run.exitCode}`);
  if (run.denied.length > 0) {
    const shown = run.denied.slice(0, MESSAGE_TARGETS).map(formatTarget);
    const more = run.denied.length - shown.length + (run.deniedOmitted ?? 0);
    parts.push(`denied: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
  }
  return parts.join("; ");
}
function failureDetail(run) {
  const lines = [
    `status: ${run.status}`,
    `reason: ${run.reason || "-"}`,
    `exit code: ${run.exitCode ?? "-"}`,
    `denials: ${run.denials}`
  ];
  if (run.denied.length > 0) {
    lines.push("denied:");
    for (const t of run.denied) lines.push(`  ${formatTarget(t)} (${t.count}x, ${t.layer})`);
    if (run.deniedOmitted) lines.push(`  \u2026 and ${run.deniedOmitted} more (in the run's events.jsonl)`);
  }
  if (run.truncated) lines.push("note: stdout or stderr hit the size cap and was truncated");
  return lines.join("\n");
}
var clean = (text2) => stripInvalidXml(text2);
var cdata = (text2) => clean(text2).replaceAll("]]>", "]]&gt;");
function junitXml(results, options = {}) {
  const specName = clean(options.specName ?? specTitle(results.spec));
  const logCount = 2 * (options.logsTail?.size ?? 0);
  const share = Math.floor((options.maxLogTotalChars ?? 16 * 1024 * 1024) / Math.max(1, logCount));
  const maxLog = Math.min(options.maxLogChars ?? 65536, Math.max(1024, share));
  const report = builder.newBuilder();
  const suite = report.testSuite().name(specName).time(results.durationMs / 1e3).timestamp(results.startedAt).property("session", clean(results.session)).property("spec", clean(results.spec.file)).property("image", clean(results.image.ref)).property("image.digest", clean(results.image.digest ?? "")).property("policy", clean(results.policy.source)).property("enforcement", results.enforcement);
  if (results.requiredPassRate !== void 0)
    suite.property("pass-rate.required", formatRate(results.requiredPassRate));
  const cellOf = new Map((results.cells ?? []).map((c) => [c.id, c]));
  for (const run of results.runs) {
    const testcase = suite.testCase().className(specName).name(clean(run.id)).time(run.durationMs / 1e3);
    for (const [key, value] of Object.entries(run.matrix))
      testcase.property(`matrix.${clean(key)}`, clean(value));
    testcase.property("status", run.status).property("exit-code", run.exitCode === null ? "" : String(run.exitCode)).property("denials", String(run.denials)).property("image.digest", clean(results.image.digest ?? ""));
    if (run.score !== void 0) testcase.property("score", String(run.score));
    for (const [k, v] of Object.entries(run.metrics ?? {}))
      testcase.property(`metrics.${clean(k)}`, clean(String(v)));
    if (run.verify) {
      testcase.property("verify.exit-code", run.verify.exitCode === null ? "" : String(run.verify.exitCode)).property("verify.denials", String(run.verify.denials));
    }
    const cell = cellOf.get(run.cell ?? run.id);
    if (cell) {
      testcase.property("cell", clean(cell.id)).property("cell.pass-rate", formatRate(cell.passRate)).property("cell.status", cell.status);
      if (run.repetition) testcase.property("repetition", String(run.repetition));
    }
    switch (run.status) {
      case "failed":
      case "egress":
      case "timeout":
        testcase.failure(clean(failureMessage(run)), run.status).stacktrace(cdata(failureDetail(run)));
        break;
      case "error":
        testcase.error(clean(failureMessage(run)), "error", cdata(failureDetail(run)));
        break;
      case "cancelled":
        testcase.skipped();
        break;
      case "passed":
        break;
    }
    const logs = options.logsTail?.get(run.id);
    if (logs?.stdout) testcase.standardOutput(cdata(tail(logs.stdout, maxLog)));
    if (logs?.stderr) testcase.standardError(cdata(tail(logs.stderr, maxLog)));
  }
  const merge = results.merge;
  if (merge) {
    const shards = merge.missingShards.map((i) => `${i}/${merge.count}`).join(",");
    for (const id of merge.missingRuns) {
      suite.testCase().className(specName).name(clean(id)).property("status", "missing").property("missing-shards", shards).skipped();
    }
  }
  return report.build();
}
function setupErrorXml(spec, message, detail = "") {
  const name = clean(spec);
  const report = builder.newBuilder();
  report.testSuite().name(name).testCase().className(name).name("paddock setup").property("status", "error").error(clean(message), "error", cdata(detail));
  return report.build();
}

// src/report/write.ts
async function readTail(path, maxBytes) {
  const size = await stat2(path).then(
    (s) => s.size,
    () => -1
  );
  if (size < 0) return "";
  const start = Math.max(0, size - maxBytes);
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    const text2 = buffer.toString("utf8");
    return start === 0 ? text2 : `[\u2026 ${start} bytes omitted \u2026]
${text2.replace(/^\uFFFD+/, "")}`;
  } finally {
    await file.close();
  }
}
async function readLogTails(resultsDir, results, maxBytes = 65536) {
  const logs = /* @__PURE__ */ new Map();
  for (const run of results.runs) {
    logs.set(run.id, {
      stdout: await readTail(join3(resultsDir, run.paths.stdout), maxBytes),
      stderr: await readTail(join3(resultsDir, run.paths.stderr), maxBytes)
    });
  }
  return logs;
}
async function readEvents(resultsDir) {
  return readEventLog(join3(resultsDir, "egress.jsonl"));
}
async function readResults(resultsDir) {
  return JSON.parse(await readFile(join3(resultsDir, "results.json"), "utf8"));
}
async function writeReports(resultsDir, results, events, suggestion, options = {}) {
  const logsTail = await readLogTails(resultsDir, results);
  const junit = join3(resultsDir, "junit.xml");
  const summaryPath = join3(resultsDir, "summary.md");
  const html = join3(resultsDir, "report.html");
  const summary = summaryMarkdown(
    results,
    events,
    suggestion,
    options.reportUrl ? { reportUrl: options.reportUrl } : {}
  );
  await writeFileAtomic(junit, junitXml(results, { logsTail }));
  await writeFileAtomic(summaryPath, summary);
  await writeFileAtomic(html, reportHtml({ results, events, suggestion, logsTail }));
  for (const path of [junit, summaryPath, html]) await chownToInvoker(path);
  let suggestionPath;
  if (suggestion !== null && suggestion.yaml.trim() !== "") {
    suggestionPath = join3(resultsDir, "suggested-policy.yaml");
    await writeFileAtomic(suggestionPath, suggestion.yaml);
    await chownToInvoker(suggestionPath);
  }
  return {
    paths: { junit, summary: summaryPath, html, ...suggestionPath ? { suggestion: suggestionPath } : {} },
    summary
  };
}

// src/eval/shard.ts
import { createHash as createHash3 } from "node:crypto";
var MAX_SHARDS = 256;
function parseShard(value) {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count2 = Number(match?.[2]);
  if (!match || count2 < 1 || count2 > MAX_SHARDS || index < 1 || index > count2) {
    throw new PaddockError(
      "INPUT_INVALID",
      `Expected a shard as K/N with 1 \u2264 K \u2264 N \u2264 ${MAX_SHARDS} (e.g. 2/4), got ${JSON.stringify(value)}`
    );
  }
  return { index, count: count2 };
}
var formatShard = (shard) => `${shard.index}/${shard.count}`;
var rank = (id) => createHash3("sha256").update(id).digest("hex");
function assignShards(ids, count2) {
  const ordered = [...new Set(ids)].map((id) => ({ id, rank: rank(id) })).sort((a, b) => a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return new Map(ordered.map((r, i) => [r.id, i % count2 + 1]));
}
function selectShard(runs, shard) {
  const assigned = assignShards(
    runs.map((r) => r.id),
    shard.count
  );
  return runs.filter((r) => assigned.get(r.id) === shard.index);
}

// src/report/merge/check.ts
function isSafeRunId(id) {
  return typeof id === "string" && id !== "" && id !== "." && id !== ".." && id.length <= 200 && !/[/\\\0]/.test(id);
}
var STATUSES2 = ["passed", "failed", "egress", "timeout", "error", "cancelled"];
var count = (v) => Number.isSafeInteger(v) && v >= 0;
var exit = (v) => v === null || Number.isSafeInteger(v);
var finite = (v) => typeof v === "number" && Number.isFinite(v);
var text = (v) => typeof v === "string";
var textOrNull = (v) => v === null || typeof v === "string";
var optional = (v, ok) => v === void 0 || ok(v);
var record = (v, ok) => typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(ok);
var scalar = (v) => ["string", "number", "boolean"].includes(typeof v);
var refusal = (v) => {
  const r = v;
  return typeof r === "object" && r !== null && text(r.path) && text(r.reason);
};
var refusals = (v) => {
  const r = v;
  return typeof r === "object" && r !== null && count(r.count) && Array.isArray(r.first) && r.first.every(refusal);
};
function badRunField(run) {
  const v = run.verify;
  const checks = [
    ["status", STATUSES2.includes(run.status)],
    ["exitCode", exit(run.exitCode)],
    ["durationMs", finite(run.durationMs)],
    ["denials", count(run.denials)],
    ["expectedDenials", optional(run.expectedDenials, count)],
    ["score", optional(run.score, (s) => finite(s) && s >= 0 && s <= 1)],
    ["metrics", optional(run.metrics, (m) => record(m, scalar))],
    ["repetition", optional(run.repetition, count)],
    ["cell", optional(run.cell, text)],
    ["matrix", record(run.matrix, text)],
    ["sandbox", text(run.sandbox)],
    ["reason", text(run.reason)],
    ["startedAt", textOrNull(run.startedAt)],
    ["finishedAt", textOrNull(run.finishedAt)],
    ["outputs", optional(run.outputs, (o) => Array.isArray(o) && o.every(text))],
    ["outputsOmitted", optional(run.outputsOmitted, count)],
    ["deniedOmitted", optional(run.deniedOmitted, count)],
    ["outputsRefused", optional(run.outputsRefused, refusals)],
    ["denied", Array.isArray(run.denied)],
    ...(Array.isArray(run.denied) ? run.denied : []).flatMap((t, i) => [
      [`denied[${i}]`, typeof t === "object" && t !== null],
      [`denied[${i}].count`, count(t?.count)],
      [`denied[${i}].binary`, textOrNull(t?.binary)],
      [`denied[${i}].host`, textOrNull(t?.host)],
      [`denied[${i}].ip`, textOrNull(t?.ip)],
      [`denied[${i}].port`, t?.port === null || count(t?.port)],
      [`denied[${i}].layer`, text(t?.layer)],
      [`denied[${i}].method`, optional(t?.method, text)],
      [`denied[${i}].path`, optional(t?.path, text)]
    ]),
    ["verify", optional(v, (x) => typeof x === "object" && x !== null)],
    ["verify.exitCode", v === void 0 || exit(v?.exitCode)],
    ["verify.durationMs", v === void 0 || finite(v?.durationMs)],
    ["verify.denials", v === void 0 || count(v?.denials)],
    ["verify.error", v === void 0 || optional(v?.error, text)]
  ];
  return checks.find(([, ok]) => !ok)?.[0];
}
var shardOf = (set) => set.results.shard ?? { index: 1, count: 1, plan: set.results.runs.map((r) => r.id) };
var where = (set) => `${set.dir}/results.json`;
var list = (items, max = 8) => items.slice(0, max).join(", ") + (items.length > max ? ` and ${items.length - max} more` : "");
function refuse(message, problems) {
  throw new PaddockError("INPUT_INVALID", message, { problems });
}
function checkShards(sets, options = {}) {
  if (sets.length === 0) refuse("nothing to merge: no results directories were given", []);
  for (const set of sets) {
    const r = set.results;
    if (!r || typeof r !== "object" || !READABLE_SCHEMAS.includes(String(r.schema)) || !Array.isArray(r.runs))
      refuse(`${where(set)} is not a Paddock results file`, [
        { file: where(set), field: "schema", message: `expected one of ${READABLE_SCHEMAS.join(", ")}` }
      ]);
    if (r.merge) refuse(`${where(set)} is already a merge of shards; merge the shards themselves`, []);
    const s = r.shard;
    if (s !== void 0) {
      if (!(count(s.count) && count(s.index) && s.index >= 1 && s.index <= s.count))
        refuse(`${where(set)} has a shard record that is not what Paddock writes`, []);
      if (!(Array.isArray(s.plan) && s.plan.every(isSafeRunId)))
        refuse(`${where(set)} has a shard plan that is not a list of run ids`, []);
    }
    for (const run of r.runs) {
      if (!isSafeRunId(run?.id))
        refuse(`${where(set)} holds a run id that is not a plain name: ${JSON.stringify(run?.id)}`, []);
      const field = badRunField(run);
      if (field)
        refuse(`${where(set)} holds a run whose ${field} is not what Paddock writes (run ${run.id})`, []);
    }
  }
  const first = sets[0];
  const ref = shardOf(first);
  const same = (set) => {
    const a = first.results;
    const b = set.results;
    const s = shardOf(set);
    if (a.spec.file !== b.spec.file) return `spec ${b.spec.file} instead of ${a.spec.file}`;
    if ((a.spec.digest ?? null) !== (b.spec.digest ?? null)) return `a different text of ${a.spec.file}`;
    if (a.image.ref !== b.image.ref) return `image ${b.image.ref} instead of ${a.image.ref}`;
    if (a.policy.source !== b.policy.source) return `policy ${b.policy.source} instead of ${a.policy.source}`;
    if (s.count !== ref.count) return `${s.count} shards instead of ${ref.count}`;
    if (s.plan.length !== ref.plan.length || s.plan.some((id, i) => id !== ref.plan[i]))
      return "a different matrix (other runs, filters or order)";
    return null;
  };
  const differ = sets.map((set) => ({ set, why: same(set) })).filter((d) => d.why !== null);
  if (differ.length > 0)
    refuse(
      `cannot merge shards of different evals: ${first.dir} differs from ${list(differ.map((d) => d.set.dir))}`,
      differ.map((d) => ({ file: where(d.set), message: `ran ${d.why}` }))
    );
  const byIndex = /* @__PURE__ */ new Map();
  const overlaps = [];
  for (const set of sets) {
    const { index } = shardOf(set);
    const other = byIndex.get(index);
    if (other)
      overlaps.push({
        file: where(set),
        message: `shard ${index}/${ref.count} again (also in ${other.dir})`
      });
    else byIndex.set(index, set);
  }
  const assigned = assignShards(ref.plan, ref.count);
  const owner = /* @__PURE__ */ new Map();
  for (const set of sets) {
    const { index } = shardOf(set);
    for (const run of set.results.runs) {
      const seen = owner.get(run.id);
      if (seen && seen !== set)
        overlaps.push({ file: where(set), message: `run ${run.id} also in ${seen.dir}` });
      owner.set(run.id, set);
      const belongs = assigned.get(run.id);
      if (belongs === void 0)
        overlaps.push({ file: where(set), message: `run ${run.id} is not in the matrix` });
      else if (belongs !== index)
        overlaps.push({
          file: where(set),
          message: `run ${run.id} belongs to shard ${belongs}/${ref.count}, not ${index}/${ref.count}`
        });
    }
  }
  if (overlaps.length > 0)
    refuse(
      `cannot merge overlapping shards (${overlaps.length} problem${overlaps.length === 1 ? "" : "s"})`,
      overlaps
    );
  const missingShards = Array.from({ length: ref.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  const missingRuns = ref.plan.filter((id) => !owner.has(id));
  if ((missingShards.length > 0 || missingRuns.length > 0) && !options.allowMissing) {
    const what = missingShards.length > 0 ? `shard${missingShards.length === 1 ? "" : "s"} ${list(missingShards.map((i) => `${i}/${ref.count}`))} missing` : "runs missing from their shards";
    refuse(
      `cannot merge: ${what} (${missingRuns.length} of ${ref.plan.length} runs: ${list(missingRuns)}); pass --allow-missing (Action: allow-missing-shards: true) to merge what is there`,
      []
    );
  }
  return {
    count: ref.count,
    plan: ref.plan,
    sets: [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)),
    missingShards,
    missingRuns
  };
}

// src/report/merge/combine.ts
function combineResults(merge) {
  const byId = /* @__PURE__ */ new Map();
  for (const set of merge.sets)
    for (const run of set.results.runs) byId.set(run.id, { ...run, paths: runPaths(run.id) });
  const runs = merge.plan.flatMap((id) => byId.get(id) ?? []);
  const all = merge.sets.map((s) => s.results);
  const first = all[0];
  const required = all.find((r) => r.requiredPassRate !== void 0)?.requiredPassRate;
  const digests = new Set(all.map((r) => r.image.digest).filter((d) => d !== null));
  const startedAt = Math.min(...all.map((r) => Date.parse(r.startedAt)));
  const finishedAt = Math.max(...all.map((r) => Date.parse(r.finishedAt)));
  return {
    schema: RESULTS_SCHEMA,
    session: all.map((r) => r.session).join(","),
    spec: { file: first.spec.file, name: first.spec.name, digest: first.spec.digest ?? null },
    merge: {
      count: merge.count,
      shards: merge.sets.map((s) => ({ index: s.results.shard?.index ?? 1, session: s.results.session })),
      missingShards: merge.missingShards,
      missingRuns: merge.missingRuns
    },
    // Shards that pulled different images leave the digest unknown rather than name one of them.
    image: { ref: first.image.ref, digest: digests.size === 1 ? [...digests][0] : null },
    policy: first.policy,
    ...setupOf(merge),
    enforcement: all.some((r) => r.enforcement === "proxy-only") ? "proxy-only" : "enforce",
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    totals: totals(runs),
    runs,
    // Repetitions of one cell may sit in different shards: the cells are counted again over every run.
    ...required === void 0 ? {} : { cells: cellsOf(runs, required), requiredPassRate: required }
  };
}
function setupOf(merge) {
  const i = setupShard(merge);
  const setup = i === void 0 ? void 0 : merge.sets[i]?.results.setup;
  return setup ? { setup: { ...setup, paths: setupPaths() } } : {};
}
function setupShard(merge) {
  const setups = merge.sets.map((s) => s.results.setup);
  const pick = [
    setups.findIndex((s) => s !== void 0 && s.status !== "passed"),
    setups.findIndex((s) => s !== void 0 && !s.cached),
    setups.findIndex((s) => s !== void 0)
  ].find((i) => i >= 0);
  return pick;
}

// src/report/merge/merge.ts
async function readSet(dir) {
  try {
    return { dir, results: await readResults(dir) };
  } catch (error) {
    throw new PaddockError(
      "INPUT_INVALID",
      `cannot read ${join4(dir, "results.json")}: ${errorMessage(error)}`,
      {
        cause: error
      }
    );
  }
}
async function copyRun(from, to) {
  const exists = await stat3(from).then(
    () => true,
    () => false
  );
  if (!exists) return;
  await cp(from, to, {
    recursive: true,
    force: true,
    filter: async (source) => !(await lstat(source)).isSymbolicLink()
  });
}
async function mergeResults(options) {
  const out = resolve2(options.out);
  for (const dir of options.dirs)
    if (resolve2(dir) === out)
      throw new PaddockError(
        "INPUT_INVALID",
        `the merged results cannot go into a shard's own directory (${dir})`
      );
  const sets = await Promise.all(options.dirs.map(readSet));
  const plan2 = checkShards(sets, options);
  const results = combineResults(plan2);
  const events = [];
  for (const set of plan2.sets) for (const e of await readEvents(set.dir)) events.push(e);
  events.sort((a, b) => a.time < b.time ? -1 : a.time > b.time ? 1 : 0);
  await prepareResultsDir(
    out,
    results.runs.map((r) => r.id)
  );
  for (const set of plan2.sets)
    for (const run of set.results.runs) {
      const dir = runPaths(run.id).dir;
      await copyRun(join4(set.dir, dir), join4(out, dir));
    }
  const kept = setupShard(plan2);
  const setup = kept === void 0 ? void 0 : plan2.sets[kept];
  if (setup?.results.setup) {
    const dir = setupPaths().dir;
    await copyRun(join4(setup.dir, dir), join4(out, dir));
  }
  await writeResults(out, results, events);
  return { results, events };
}

// src/report/annotations.ts
function topLevelKeyLine(text2, key) {
  const lines = text2.split("\n");
  const index = lines.findIndex((l) => l.startsWith(`${key}:`));
  return index === -1 ? void 0 : index + 1;
}
var listRuns = (runs, max = 5) => runs.slice(0, max).join(", ") + (runs.length > max ? ` and ${runs.length - max} more` : "");
var describe = (run) => `${run.id} (${run.status === "timeout" ? "timeout" : run.exitCode === null ? run.reason || run.status : `exit ${run.exitCode}`})`;
function annotations(results, options = {}) {
  const file = results.spec.file;
  const at = (key) => {
    const line = options.specText === void 0 ? void 0 : topLevelKeyLine(options.specText, key);
    return line === void 0 ? { file } : { file, startLine: line };
  };
  const out = [];
  const failing2 = new Set(results.runs.filter((r) => r.status === "egress").map((r) => r.id));
  const egress = aggregateEgress(results, []).filter((r) => r.runs.some((id) => failing2.has(id)));
  const maxEgress = options.maxEgress ?? 5;
  for (const r of egress.slice(0, maxEgress)) {
    out.push({
      level: "error",
      title: "Paddock: unexpected egress",
      message: `${r.binary} -> ${r.destination} denied ${r.count}x in ${listRuns(r.runs)}. Allow it in the policy if it is expected.`,
      ...at("policy")
    });
  }
  if (egress.length > maxEgress) {
    const rest = egress.slice(maxEgress);
    out.push({
      level: "error",
      title: "Paddock: unexpected egress",
      message: `${rest.length} more denied destinations (${rest.reduce((n, r) => n + r.count, 0)} attempts); see the job summary.`,
      ...at("policy")
    });
  }
  const failed = results.runs.filter((r) => r.status === "failed" || r.status === "timeout");
  if (failed.length > 0) {
    out.push({
      level: "error",
      title: `Paddock: ${failed.length} run${failed.length === 1 ? "" : "s"} failed`,
      message: listRuns(failed.map(describe), 10),
      ...at("run")
    });
  }
  const errors = results.runs.filter((r) => r.status === "error");
  if (errors.length > 0) {
    out.push({
      level: "error",
      title: `Paddock: ${errors.length} run${errors.length === 1 ? "" : "s"} could not run`,
      message: listRuns(
        errors.map((r) => `${r.id}: ${r.reason || "error"}`),
        5
      )
    });
  }
  const cancelled = results.totals.byStatus.cancelled;
  if (cancelled > 0) {
    out.push({
      level: "warning",
      title: "Paddock: cancelled",
      message: `${cancelled} run${cancelled === 1 ? " was" : "s were"} cancelled.`
    });
  }
  if (results.enforcement === "proxy-only") {
    out.push({
      level: "warning",
      title: "Paddock: proxy-only enforcement",
      message: "Only clients that honour HTTP(S)_PROXY went through the gateway; other egress was not fenced or logged.",
      ...at("policy")
    });
  }
  return out;
}

// src/report/comment.ts
import { createHash as createHash4 } from "node:crypto";
function commentMarker(specFile) {
  const key = createHash4("sha256").update(specFile).digest("hex").slice(0, 16);
  return `<!-- paddock:comment spec=${key} -->`;
}
function prComment(results, events, suggestion, options = {}) {
  const marker = commentMarker(results.spec.file);
  const footer = options.runUrl ? `
[Workflow run](${encodeURI(options.runUrl)}) \xB7 results in the \`paddock-results\` artifact
` : "";
  const budget = (options.maxBytes ?? 6e4) - byteLength(marker) - byteLength(footer) - 2;
  const body = summaryMarkdown(results, events, suggestion, {
    maxBytes: budget,
    maxSuggestionBytes: Math.floor(budget / 3),
    maxRunsPerRow: 10,
    ...options.runUrl ? { reportUrl: `${options.runUrl}#artifacts` } : {}
  });
  return `${marker}
${body}${footer}`;
}

// src/report/suggestion.ts
import { existsSync } from "node:fs";
import { isAbsolute as isAbsolute2, relative as relative2, resolve as resolve3 } from "node:path";
async function basePolicy(source, cwd) {
  if (isShipped(source)) return { policy: (await loadPolicy(source)).policy, extends: source };
  const path = resolve3(cwd, source);
  if (!existsSync(path)) return null;
  const policy = await loadPolicy(path).then(
    (p) => p.policy,
    () => null
  );
  if (policy === null) return null;
  const rel = relative2(cwd, path);
  return { policy, extends: rel.startsWith("..") || isAbsolute2(rel) ? path : rel };
}
async function suggestionFor(results, events, cwd = process.cwd()) {
  const own = events.filter((e) => e.phase !== "setup");
  if (!own.some((e) => e.action === "deny" || e.action === "audit")) return null;
  const base = await basePolicy(results.policy.source, cwd);
  const suggestion = base ? suggestPolicy(own, base.policy, { extends: base.extends }) : suggestPolicy(own);
  return { yaml: suggestion.yaml };
}

// src/eval/run-eval.ts
import { createHash as createHash8, randomBytes as randomBytes2 } from "node:crypto";
import { setMaxListeners } from "node:events";
import { availableParallelism, tmpdir } from "node:os";
import { join as join10, resolve as resolve6 } from "node:path";

// node_modules/eventemitter3/index.mjs
var import_index = __toESM(require_eventemitter3(), 1);

// node_modules/p-timeout/index.js
var TimeoutError = class _TimeoutError extends Error {
  name = "TimeoutError";
  constructor(message, options) {
    super(message, options);
    Error.captureStackTrace?.(this, _TimeoutError);
  }
};
var getAbortedReason = (signal) => signal.reason ?? new DOMException("This operation was aborted.", "AbortError");
function pTimeout(promise, options) {
  const {
    milliseconds,
    fallback,
    message,
    customTimers = { setTimeout, clearTimeout },
    signal
  } = options;
  let timer;
  let abortHandler;
  const wrappedPromise = new Promise((resolve7, reject) => {
    if (typeof milliseconds !== "number" || Math.sign(milliseconds) !== 1) {
      throw new TypeError(`Expected \`milliseconds\` to be a positive number, got \`${milliseconds}\``);
    }
    if (signal?.aborted) {
      reject(getAbortedReason(signal));
      promise.then(resolve7, reject);
      return;
    }
    if (signal) {
      abortHandler = () => {
        reject(getAbortedReason(signal));
      };
      signal.addEventListener("abort", abortHandler, { once: true });
    }
    promise.then(resolve7, reject);
    if (milliseconds === Number.POSITIVE_INFINITY) {
      return;
    }
    const timeoutError = new TimeoutError();
    timer = customTimers.setTimeout.call(void 0, () => {
      if (fallback) {
        try {
          resolve7(fallback());
        } catch (error) {
          reject(error);
        }
        return;
      }
      if (typeof promise.cancel === "function") {
        promise.cancel();
      }
      if (message === false) {
        resolve7();
      } else if (message instanceof Error) {
        reject(message);
      } else {
        timeoutError.message = message ?? `Promise timed out after ${milliseconds} milliseconds`;
        reject(timeoutError);
      }
    }, milliseconds);
  });
  const cancelablePromise = wrappedPromise.finally(() => {
    cancelablePromise.clear();
    if (abortHandler && signal) {
      signal.removeEventListener("abort", abortHandler);
    }
  });
  cancelablePromise.clear = () => {
    customTimers.clearTimeout.call(void 0, timer);
    timer = void 0;
  };
  return cancelablePromise;
}

// node_modules/p-queue/dist/lower-bound.js
function lowerBound(array, value, comparator) {
  let first = 0;
  let count2 = array.length;
  while (count2 > 0) {
    const step = Math.trunc(count2 / 2);
    let it = first + step;
    if (comparator(array[it], value) <= 0) {
      first = ++it;
      count2 -= step + 1;
    } else {
      count2 = step;
    }
  }
  return first;
}

// node_modules/p-queue/dist/priority-queue.js
var compactionThreshold = 100;
var PriorityQueue = class {
  #queue = [];
  // The queue is stored as a sorted array, but dequeued items are left before `#head` until compaction. Only items from `#head` onward are live, which keeps repeated dequeues amortized O(1).
  #head = 0;
  enqueue(run, options) {
    const { priority = 0, id } = options ?? {};
    const { size } = this;
    const element = {
      priority,
      id,
      run
    };
    if (size === 0) {
      this.#queue.length = 0;
      this.#head = 0;
      this.#queue.push(element);
      return;
    }
    if (this.#queue.at(-1).priority >= priority) {
      this.#queue.push(element);
      return;
    }
    this.#compact();
    const index = lowerBound(this.#queue, element, (a, b) => b.priority - a.priority);
    this.#queue.splice(index, 0, element);
  }
  setPriority(id, priority) {
    const index = this.#queue.findIndex((element, index2) => index2 >= this.#head && element.id === id);
    if (index === -1) {
      throw new ReferenceError(`No promise function with the id "${id}" exists in the queue.`);
    }
    const [item] = this.#queue.splice(index, 1);
    this.enqueue(item.run, { priority, id });
  }
  remove(idOrRun) {
    const index = this.#queue.findIndex((element, index2) => {
      if (index2 < this.#head) {
        return false;
      }
      if (typeof idOrRun === "string") {
        return element.id === idOrRun;
      }
      return element.run === idOrRun;
    });
    if (index !== -1) {
      this.#queue.splice(index, 1);
    }
  }
  dequeue() {
    if (this.#head === this.#queue.length) {
      return void 0;
    }
    const item = this.#queue[this.#head];
    this.#head++;
    if (this.#head === this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
    } else if (this.#head > compactionThreshold && this.#head > this.#queue.length / 2) {
      this.#compact();
    }
    return item?.run;
  }
  filter(options) {
    const result = [];
    for (let index = this.#head; index < this.#queue.length; index++) {
      const element = this.#queue[index];
      if (element.priority === options.priority) {
        result.push(element.run);
      }
    }
    return result;
  }
  get size() {
    return this.#queue.length - this.#head;
  }
  #compact() {
    if (this.#head === 0) {
      return;
    }
    this.#queue.splice(0, this.#head);
    this.#head = 0;
  }
};

// node_modules/p-queue/dist/index.js
var PQueue = class extends import_index.default {
  #carryoverIntervalCount;
  #isIntervalIgnored;
  #intervalCount = 0;
  #intervalCap;
  #rateLimitedInInterval = false;
  #rateLimitFlushScheduled = false;
  #interval;
  /*
  Timestamp when the current interval window ends. Kept accurate at every window transition: `#initializeIntervalIfNeeded` sets it when a window starts and `#onInterval` advances it as the recurring timer rolls into each new window. This is the source of truth for whether a task added after the queue goes idle belongs to a fresh window, so it must not go stale.
  */
  #intervalEnd = 0;
  // Recurring timer that drives windows while the queue is actively processing. Absent (`undefined`) once the queue goes idle.
  #intervalId;
  // One-shot timer used while idle to resume at the next window boundary, since `#intervalId` is cleared when idle.
  #timeoutId;
  #strict;
  // Circular buffer implementation for better performance
  #strictTicks = [];
  #strictTicksStartIndex = 0;
  #queue;
  #queueClass;
  #pending = 0;
  // The `!` is needed because of https://github.com/microsoft/TypeScript/issues/32194
  #concurrency;
  #isPaused;
  // Use to assign a unique identifier to a promise function, if not explicitly specified
  #idAssigner = 1n;
  // Track currently running tasks for debugging
  #runningTasks = /* @__PURE__ */ new Map();
  #queueAbortListenerCleanupFunctions = /* @__PURE__ */ new Set();
  /**
      Get or set the default timeout for all tasks. Can be changed at runtime.
  
      Operations will throw a `TimeoutError` if they don't complete within the specified time.
  
      The timeout begins when the operation is dequeued and starts execution, not while it's waiting in the queue.
  
      @example
      ```
      const queue = new PQueue({timeout: 5000});
  
      // Change timeout for all future tasks
      queue.timeout = 10000;
      ```
      */
  timeout;
  constructor(options) {
    super();
    options = {
      carryoverIntervalCount: false,
      intervalCap: Number.POSITIVE_INFINITY,
      interval: 0,
      concurrency: Number.POSITIVE_INFINITY,
      autoStart: true,
      queueClass: PriorityQueue,
      strict: false,
      ...options
    };
    if (!(typeof options.intervalCap === "number" && options.intervalCap >= 1)) {
      throw new TypeError(`Expected \`intervalCap\` to be a number from 1 and up, got \`${options.intervalCap?.toString() ?? ""}\` (${typeof options.intervalCap})`);
    }
    if (options.interval === void 0 || !(Number.isFinite(options.interval) && options.interval >= 0)) {
      throw new TypeError(`Expected \`interval\` to be a finite number >= 0, got \`${options.interval?.toString() ?? ""}\` (${typeof options.interval})`);
    }
    if (options.strict && options.interval === 0) {
      throw new TypeError("The `strict` option requires a non-zero `interval`");
    }
    if (options.strict && options.intervalCap === Number.POSITIVE_INFINITY) {
      throw new TypeError("The `strict` option requires a finite `intervalCap`");
    }
    this.#carryoverIntervalCount = options.carryoverIntervalCount ?? options.carryoverConcurrencyCount ?? false;
    this.#isIntervalIgnored = options.intervalCap === Number.POSITIVE_INFINITY || options.interval === 0;
    this.#intervalCap = options.intervalCap;
    this.#interval = options.interval;
    this.#strict = options.strict;
    this.#queue = new options.queueClass();
    this.#queueClass = options.queueClass;
    this.concurrency = options.concurrency;
    if (options.timeout !== void 0 && !(Number.isFinite(options.timeout) && options.timeout > 0)) {
      throw new TypeError(`Expected \`timeout\` to be a positive finite number, got \`${options.timeout}\` (${typeof options.timeout})`);
    }
    this.timeout = options.timeout;
    this.#isPaused = options.autoStart === false;
    this.#setupRateLimitTracking();
  }
  #cleanupStrictTicks(now) {
    while (this.#strictTicksStartIndex < this.#strictTicks.length) {
      const oldestTick = this.#strictTicks[this.#strictTicksStartIndex];
      if (oldestTick !== void 0 && now - oldestTick >= this.#interval) {
        this.#strictTicksStartIndex++;
      } else {
        break;
      }
    }
    const shouldCompact = this.#strictTicksStartIndex > 100 && this.#strictTicksStartIndex > this.#strictTicks.length / 2 || this.#strictTicksStartIndex === this.#strictTicks.length;
    if (shouldCompact) {
      this.#strictTicks = this.#strictTicks.slice(this.#strictTicksStartIndex);
      this.#strictTicksStartIndex = 0;
    }
  }
  // Helper methods for interval consumption
  #consumeIntervalSlot(now) {
    if (this.#strict) {
      this.#strictTicks.push(now);
    } else {
      this.#intervalCount++;
    }
  }
  #rollbackIntervalSlot() {
    if (this.#strict) {
      if (this.#strictTicks.length > this.#strictTicksStartIndex) {
        this.#strictTicks.pop();
      }
    } else if (this.#intervalCount > 0) {
      this.#intervalCount--;
    }
  }
  #getActiveTicksCount() {
    return this.#strictTicks.length - this.#strictTicksStartIndex;
  }
  get #doesIntervalAllowAnother() {
    if (this.#isIntervalIgnored) {
      return true;
    }
    if (this.#strict) {
      return this.#getActiveTicksCount() < this.#intervalCap;
    }
    return this.#intervalCount < this.#intervalCap;
  }
  get #doesConcurrentAllowAnother() {
    return this.#pending < this.#concurrency;
  }
  #next() {
    this.#pending--;
    if (this.#pending === 0) {
      this.emit("pendingZero");
    }
    this.#tryToStartAnother();
    this.emit("next");
  }
  #onResumeInterval() {
    this.#timeoutId = void 0;
    this.#onInterval();
    this.#initializeIntervalIfNeeded();
  }
  #isIntervalPausedAt(now) {
    if (this.#strict) {
      this.#cleanupStrictTicks(now);
      const activeTicksCount = this.#getActiveTicksCount();
      if (activeTicksCount >= this.#intervalCap) {
        const oldestTick = this.#strictTicks[this.#strictTicksStartIndex];
        const delay = this.#interval - (now - oldestTick);
        this.#createIntervalTimeout(delay);
        return true;
      }
      return false;
    }
    if (this.#intervalId === void 0) {
      const delay = this.#intervalEnd - now;
      if (delay < 0) {
        this.#intervalCount = this.#carryoverIntervalCount ? this.#pending : 0;
      } else {
        this.#createIntervalTimeout(delay);
        return true;
      }
    }
    return false;
  }
  #createIntervalTimeout(delay) {
    if (this.#timeoutId !== void 0) {
      return;
    }
    this.#timeoutId = setTimeout(() => {
      this.#onResumeInterval();
    }, delay);
  }
  #clearIntervalTimer() {
    if (this.#intervalId) {
      clearInterval(this.#intervalId);
      this.#intervalId = void 0;
    }
  }
  #clearTimeoutTimer() {
    if (this.#timeoutId) {
      clearTimeout(this.#timeoutId);
      this.#timeoutId = void 0;
    }
  }
  #tryToStartAnother() {
    if (this.#queue.size === 0) {
      this.#clearIntervalTimer();
      this.emit("empty");
      if (this.#pending === 0) {
        this.#clearTimeoutTimer();
        if (this.#strict && this.#strictTicksStartIndex > 0) {
          const now = Date.now();
          this.#cleanupStrictTicks(now);
        }
        this.emit("idle");
      }
      return false;
    }
    let taskStarted = false;
    if (!this.#isPaused) {
      const now = Date.now();
      const canInitializeInterval = !this.#isIntervalPausedAt(now);
      if (this.#doesIntervalAllowAnother && this.#doesConcurrentAllowAnother) {
        const job = this.#queue.dequeue();
        if (!this.#isIntervalIgnored) {
          this.#consumeIntervalSlot(now);
          this.#scheduleRateLimitUpdate();
        }
        if (canInitializeInterval) {
          this.#initializeIntervalIfNeeded();
        }
        job();
        this.emit("active");
        taskStarted = true;
      }
    }
    return taskStarted;
  }
  #initializeIntervalIfNeeded() {
    if (this.#isIntervalIgnored || this.#intervalId !== void 0) {
      return;
    }
    if (this.#strict) {
      return;
    }
    this.#intervalId = setInterval(() => {
      this.#onInterval();
    }, this.#interval);
    this.#intervalEnd = Date.now() + this.#interval;
  }
  #onInterval() {
    if (!this.#strict) {
      if (this.#intervalId !== void 0) {
        if (this.#intervalCount === 0 && this.#pending === 0) {
          this.#clearIntervalTimer();
        } else {
          this.#intervalEnd = Date.now() + this.#interval;
        }
      }
      this.#intervalCount = this.#carryoverIntervalCount ? this.#pending : 0;
    }
    this.#processQueue();
    this.#scheduleRateLimitUpdate();
  }
  /**
  Executes all queued functions until it reaches the limit.
  */
  #processQueue() {
    while (this.#tryToStartAnother()) {
    }
  }
  get concurrency() {
    return this.#concurrency;
  }
  set concurrency(newConcurrency) {
    if (!(typeof newConcurrency === "number" && newConcurrency >= 1)) {
      throw new TypeError(`Expected \`concurrency\` to be a number from 1 and up, got \`${newConcurrency}\` (${typeof newConcurrency})`);
    }
    this.#concurrency = newConcurrency;
    this.#processQueue();
  }
  /**
      Updates the priority of a promise function by its id, affecting its execution order. Requires a defined concurrency limit to take effect.
  
      For example, this can be used to prioritize a promise function to run earlier.
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 1});
  
      queue.add(async () => '🦄', {priority: 1});
      queue.add(async () => '🦀', {priority: 0, id: '🦀'});
      queue.add(async () => '🦄', {priority: 1});
      queue.add(async () => '🦄', {priority: 1});
  
      queue.setPriority('🦀', 2);
      ```
  
      In this case, the promise function with `id: '🦀'` runs second.
  
      You can also deprioritize a promise function to delay its execution:
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 1});
  
      queue.add(async () => '🦄', {priority: 1});
      queue.add(async () => '🦀', {priority: 1, id: '🦀'});
      queue.add(async () => '🦄');
      queue.add(async () => '🦄', {priority: 0});
  
      queue.setPriority('🦀', -1);
      ```
      Here, the promise function with `id: '🦀'` executes last.
      */
  setPriority(id, priority) {
    if (typeof priority !== "number" || !Number.isFinite(priority)) {
      throw new TypeError(`Expected \`priority\` to be a finite number, got \`${priority}\` (${typeof priority})`);
    }
    this.#queue.setPriority(id, priority);
  }
  async add(function_, options = {}) {
    options = {
      timeout: this.timeout,
      ...options,
      // Assign unique ID if not provided
      id: options.id ?? (this.#idAssigner++).toString()
    };
    if (options.timeout !== void 0 && !(Number.isFinite(options.timeout) && options.timeout > 0)) {
      throw new TypeError(`Expected \`timeout\` to be a positive finite number, got \`${options.timeout}\` (${typeof options.timeout})`);
    }
    return new Promise((resolve7, reject) => {
      const taskSymbol = /* @__PURE__ */ Symbol(`task-${options.id}`);
      let cleanupQueueAbortHandler = () => void 0;
      const run = async () => {
        cleanupQueueAbortHandler();
        this.#pending++;
        this.#runningTasks.set(taskSymbol, {
          id: options.id,
          priority: options.priority ?? 0,
          // Match priority-queue default
          startTime: Date.now(),
          timeout: options.timeout
        });
        let eventListener;
        try {
          try {
            options.signal?.throwIfAborted();
          } catch (error) {
            this.#rollbackIntervalConsumption();
            this.#runningTasks.delete(taskSymbol);
            throw error;
          }
          let operation = function_({ signal: options.signal });
          if (options.timeout !== void 0) {
            operation = pTimeout(Promise.resolve(operation), {
              milliseconds: options.timeout,
              message: `Task timed out after ${options.timeout}ms (queue has ${this.#pending} running, ${this.#queue.size} waiting)`
            });
          }
          if (options.signal) {
            const { signal } = options;
            operation = Promise.race([operation, new Promise((_resolve, reject2) => {
              eventListener = () => {
                reject2(signal.reason);
              };
              signal.addEventListener("abort", eventListener, { once: true });
              if (signal.aborted) {
                eventListener();
              }
            })]);
          }
          const result = await operation;
          resolve7(result);
          this.emit("completed", result);
        } catch (error) {
          reject(error);
          this.emit("error", error);
        } finally {
          if (eventListener) {
            options.signal?.removeEventListener("abort", eventListener);
          }
          this.#runningTasks.delete(taskSymbol);
          queueMicrotask(() => {
            this.#next();
          });
        }
      };
      this.#queue.enqueue(run, options);
      const removeQueuedTask = () => {
        if (this.#queue instanceof PriorityQueue) {
          this.#queue.remove(run);
          return;
        }
        this.#queue.remove?.(options.id);
      };
      if (options.signal) {
        const { signal } = options;
        const queueAbortHandler = () => {
          cleanupQueueAbortHandler();
          removeQueuedTask();
          reject(signal.reason);
          this.#tryToStartAnother();
          this.emit("next");
        };
        cleanupQueueAbortHandler = () => {
          signal.removeEventListener("abort", queueAbortHandler);
          this.#queueAbortListenerCleanupFunctions.delete(cleanupQueueAbortHandler);
        };
        if (signal.aborted) {
          queueAbortHandler();
          return;
        }
        signal.addEventListener("abort", queueAbortHandler, { once: true });
        this.#queueAbortListenerCleanupFunctions.add(cleanupQueueAbortHandler);
      }
      this.emit("add");
      this.#tryToStartAnother();
    });
  }
  async addAll(functions, options) {
    return Promise.all(functions.map(async (function_) => this.add(function_, options)));
  }
  /**
  Start (or resume) executing enqueued tasks within concurrency limit. No need to call this if queue is not paused (via `options.autoStart = false` or by `.pause()` method.)
  */
  start() {
    if (!this.#isPaused) {
      return this;
    }
    this.#isPaused = false;
    this.#processQueue();
    return this;
  }
  /**
  Put queue execution on hold.
  */
  pause() {
    this.#isPaused = true;
  }
  /**
  Clear the queue.
  */
  clear() {
    for (const cleanupQueueAbortHandler of this.#queueAbortListenerCleanupFunctions) {
      cleanupQueueAbortHandler();
    }
    this.#queue = new this.#queueClass();
    this.#clearIntervalTimer();
    this.#updateRateLimitState();
    this.emit("empty");
    if (this.#pending === 0) {
      this.#clearTimeoutTimer();
      this.emit("idle");
    }
    this.emit("next");
  }
  /**
      Can be called multiple times. Useful if you for example add additional items at a later time.
  
      @returns A promise that settles when the queue becomes empty.
      */
  async onEmpty() {
    if (this.#queue.size === 0) {
      return;
    }
    await this.#onEvent("empty");
  }
  /**
      @returns A promise that settles when the queue size is less than the given limit: `queue.size < limit`.
  
      If you want to avoid having the queue grow beyond a certain size you can `await queue.onSizeLessThan()` before adding a new item.
  
      Note that this only limits the number of items waiting to start. There could still be up to `concurrency` jobs already running that this call does not include in its calculation.
      */
  async onSizeLessThan(limit) {
    if (this.#queue.size < limit) {
      return;
    }
    await this.#onEvent(["next", "active"], () => this.#queue.size < limit);
  }
  /**
      The difference with `.onEmpty` is that `.onIdle` guarantees that all work from the queue has finished. `.onEmpty` merely signals that the queue is empty, but it could mean that some promises haven't completed yet.
  
      @returns A promise that settles when the queue becomes empty, and all promises have completed; `queue.size === 0 && queue.pending === 0`.
      */
  async onIdle() {
    if (this.#pending === 0 && this.#queue.size === 0) {
      return;
    }
    await this.#onEvent("idle");
  }
  /**
      The difference with `.onIdle` is that `.onPendingZero` only waits for currently running tasks to finish, ignoring queued tasks.
  
      @returns A promise that settles when all currently running tasks have completed; `queue.pending === 0`.
      */
  async onPendingZero() {
    if (this.#pending === 0) {
      return;
    }
    await this.#onEvent("pendingZero");
  }
  /**
  @returns A promise that settles when the queue becomes rate-limited due to intervalCap.
  */
  async onRateLimit() {
    if (this.isRateLimited) {
      return;
    }
    await this.#onEvent("rateLimit");
  }
  /**
  @returns A promise that settles when the queue is no longer rate-limited.
  */
  async onRateLimitCleared() {
    if (!this.isRateLimited) {
      return;
    }
    await this.#onEvent("rateLimitCleared");
  }
  /**
      @returns A promise that rejects when any task in the queue errors.
  
      Use with `Promise.race([queue.onError(), queue.onIdle()])` to fail fast on the first error while still resolving normally when the queue goes idle.
  
      Important: The promise returned by `add()` still rejects. You must handle each `add()` promise (for example, `.catch(() => {})`) to avoid unhandled rejections.
  
      @example
      ```
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 2});
  
      queue.add(() => fetchData(1)).catch(() => {});
      queue.add(() => fetchData(2)).catch(() => {});
      queue.add(() => fetchData(3)).catch(() => {});
  
      // Stop processing on first error
      try {
          await Promise.race([
              queue.onError(),
              queue.onIdle()
          ]);
      } catch (error) {
          queue.pause(); // Stop processing remaining tasks
          console.error('Queue failed:', error);
      }
      ```
      */
  // eslint-disable-next-line @typescript-eslint/promise-function-async
  onError() {
    return new Promise((_resolve, reject) => {
      const handleError = (error) => {
        this.off("error", handleError);
        reject(error);
      };
      this.on("error", handleError);
    });
  }
  async #onEvent(events, filter) {
    const eventList = Array.isArray(events) ? events : [events];
    return new Promise((resolve7) => {
      const listener = () => {
        if (filter && !filter()) {
          return;
        }
        for (const event of eventList) {
          this.off(event, listener);
        }
        resolve7();
      };
      for (const event of eventList) {
        this.on(event, listener);
      }
    });
  }
  /**
  Size of the queue, the number of queued items waiting to run.
  */
  get size() {
    return this.#queue.size;
  }
  /**
      Size of the queue, filtered by the given options.
  
      For example, this can be used to find the number of items remaining in the queue with a specific priority level.
      */
  sizeBy(options) {
    return this.#queue.filter(options).length;
  }
  /**
  Number of running items (no longer in the queue).
  */
  get pending() {
    return this.#pending;
  }
  /**
  Whether the queue is currently paused.
  */
  get isPaused() {
    return this.#isPaused;
  }
  #setupRateLimitTracking() {
    if (this.#isIntervalIgnored) {
      return;
    }
    this.on("add", () => {
      if (this.#queue.size > 0) {
        this.#scheduleRateLimitUpdate();
      }
    });
    this.on("next", () => {
      this.#scheduleRateLimitUpdate();
    });
  }
  #scheduleRateLimitUpdate() {
    if (this.#isIntervalIgnored || this.#rateLimitFlushScheduled) {
      return;
    }
    this.#rateLimitFlushScheduled = true;
    queueMicrotask(() => {
      this.#rateLimitFlushScheduled = false;
      this.#updateRateLimitState();
    });
  }
  #rollbackIntervalConsumption() {
    if (this.#isIntervalIgnored) {
      return;
    }
    this.#rollbackIntervalSlot();
    this.#scheduleRateLimitUpdate();
  }
  #updateRateLimitState() {
    const previous = this.#rateLimitedInInterval;
    if (this.#isIntervalIgnored || this.#queue.size === 0) {
      if (previous) {
        this.#rateLimitedInInterval = false;
        this.emit("rateLimitCleared");
      }
      return;
    }
    let count2;
    if (this.#strict) {
      const now = Date.now();
      this.#cleanupStrictTicks(now);
      count2 = this.#getActiveTicksCount();
    } else {
      count2 = this.#intervalCount;
    }
    const shouldBeRateLimited = count2 >= this.#intervalCap;
    if (shouldBeRateLimited !== previous) {
      this.#rateLimitedInInterval = shouldBeRateLimited;
      this.emit(shouldBeRateLimited ? "rateLimit" : "rateLimitCleared");
    }
  }
  /**
  Whether the queue is currently rate-limited due to intervalCap.
  */
  get isRateLimited() {
    return this.#rateLimitedInInterval;
  }
  /**
      Whether the queue is saturated. Returns `true` when:
      - All concurrency slots are occupied and tasks are waiting, OR
      - The queue is rate-limited and tasks are waiting
  
      Useful for detecting backpressure and potential hanging tasks.
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 2});
  
      // Backpressure handling
      if (queue.isSaturated) {
          console.log('Queue is saturated, waiting for capacity...');
          await queue.onSizeLessThan(queue.concurrency);
      }
  
      // Monitoring for stuck tasks
      setInterval(() => {
          if (queue.isSaturated) {
              console.warn(`Queue saturated: ${queue.pending} running, ${queue.size} waiting`);
          }
      }, 60000);
      ```
      */
  get isSaturated() {
    return this.#pending === this.#concurrency && this.#queue.size > 0 || this.isRateLimited && this.#queue.size > 0;
  }
  /**
      The tasks currently being executed. Each task includes its `id`, `priority`, `startTime`, `timeout` (if set), and `timeoutRemaining` (milliseconds until the task times out, or `undefined` if no timeout is set).
  
      Returns an array of task info objects.
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 2, timeout: 10000});
  
      // Add tasks with IDs for better debugging
      queue.add(() => fetchUser(123), {id: 'user-123'});
      queue.add(() => fetchPosts(456), {id: 'posts-456', priority: 1});
  
      // Check what's running
      console.log(queue.runningTasks);
      // => [{
      //   id: 'user-123',
      //   priority: 0,
      //   startTime: 1759253001716,
      //   timeout: 10000,
      //   timeoutRemaining: 9700
      // }, {
      //   id: 'posts-456',
      //   priority: 1,
      //   startTime: 1759253001916,
      //   timeout: 10000,
      //   timeoutRemaining: 9900
      // }]
      ```
      */
  get runningTasks() {
    return [...this.#runningTasks.values()].map((task) => ({
      ...task,
      timeoutRemaining: task.timeout ? Math.max(0, task.startTime + task.timeout - Date.now()) : void 0
    }));
  }
};

// src/eval/lifecycle.ts
import { join as join7 } from "node:path";

// src/eval/files.ts
import { join as join5 } from "node:path";
function filesToCopy(globs2, specFiles, specDir) {
  if (globs2.length === 0) return [];
  const tests = globs2.map(pathMatcher);
  return specFiles.filter((f) => tests.some((t) => t(f))).sort().map((path) => ({ hostPath: join5(specDir, path), path }));
}

// src/eval/verify.ts
import { open as open2 } from "node:fs/promises";
import { join as join6 } from "node:path";
import { PassThrough } from "node:stream";
var VERIFY_ENV = { PADDOCK_PHASE: "verify", PYTHONNOUSERSITE: "1" };
var SCORE_MAX_BYTES = 64 * 1024;
async function readScore(path) {
  const handle = await open2(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > SCORE_MAX_BYTES)
      throw new Error(`score.json: ${size} bytes, over the limit of ${SCORE_MAX_BYTES}`);
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}
function verifyPaths(runId2) {
  const dir = `runs/${runId2}/verify`;
  return { dir, stdout: `${dir}/stdout.log`, stderr: `${dir}/stderr.log`, events: `${dir}/events.jsonl` };
}
function parseScore(text2) {
  let value;
  try {
    value = JSON.parse(text2);
  } catch (error) {
    throw new Error(`score.json is not JSON (${errorMessage(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error('score.json: expected an object such as {"score": 0.8}');
  const { score, metrics = {} } = value;
  if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 1)
    throw new Error(`score.json: expected "score" to be a number from 0 to 1, got ${JSON.stringify(score)}`);
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics))
    throw new Error('score.json: expected "metrics" to be an object of numbers, strings or booleans');
  const kept = {};
  for (const [k, v] of Object.entries(metrics)) {
    if (!["number", "string", "boolean"].includes(typeof v))
      throw new Error(`score.json: metric ${JSON.stringify(k)} is not a number, string or boolean`);
    if (typeof v === "number" && !Number.isFinite(v))
      throw new Error(`score.json: metric ${JSON.stringify(k)} is not a finite number (${v})`);
    kept[k] = v;
  }
  return { score, metrics: kept };
}
async function runVerify(run, sandbox, ctx, signal) {
  const verify = run.verify;
  const now = Date.now();
  const failed = (error) => ({
    exitCode: null,
    timedOut: false,
    truncated: false,
    startedAt: now,
    finishedAt: Date.now(),
    error
  });
  if (!verify || !ctx.verifyPolicy) return failed("no verify phase");
  const paths = verifyPaths(run.id);
  try {
    await sandbox.enterPhase("verify", ctx.verifyPolicy);
    const cleared = await sandbox.exec({
      command: "rm -rf -- /sandbox/score.json",
      timeoutMs: 3e4,
      stdout: new PassThrough().resume(),
      stderr: new PassThrough().resume(),
      maxOutputBytes: 4096,
      signal
    });
    if (cleared.exitCode !== 0)
      throw new Error(`cannot remove the score.json left in /sandbox (exit ${cleared.exitCode})`);
    await sandbox.copyIn(filesToCopy(verify.files, ctx.specFiles, ctx.specDir));
  } catch (error) {
    return failed(`verify could not start: ${errorMessage(error)}`);
  }
  const startedAt = Date.now();
  let exit2;
  try {
    exit2 = await sandbox.exec({
      command: verify.command,
      env: VERIFY_ENV,
      timeoutMs: verify.timeoutMs,
      stdout: join6(ctx.resultsDir, paths.stdout),
      stderr: join6(ctx.resultsDir, paths.stderr),
      maxOutputBytes: ctx.maxOutputBytes,
      signal
    });
  } catch (error) {
    return { ...failed(`verify failed to run: ${errorMessage(error)}`), startedAt };
  }
  const finishedAt = Date.now();
  const base = { ...exit2, startedAt, finishedAt };
  try {
    const { files } = await sandbox.copyOut(["score.json"], join6(ctx.resultsDir, paths.dir));
    if (!files.includes("score.json")) return base;
    const score = parseScore(await readScore(join6(ctx.resultsDir, paths.dir, "score.json")));
    return { ...base, score };
  } catch (error) {
    return { ...base, error: errorMessage(error) };
  }
}

// src/eval/lifecycle.ts
var sandboxName = (runId2) => `eval-${runId2.replace(/#(\d+)$/, ".r$1")}`;
async function prepareRun(run, ctx, signal) {
  const startedAt = Date.now();
  let sandbox;
  try {
    sandbox = await ctx.session.createSandbox({
      name: sandboxName(run.id),
      run: run.id,
      image: ctx.image,
      policy: ctx.policy,
      env: run.env,
      command: run.command,
      ...ctx.credentials?.length ? { credentials: ctx.credentials } : {},
      signal
    });
  } catch (error) {
    signal.throwIfAborted();
    return { error: `sandbox create failed: ${describeError(error)}`, startedAt };
  }
  try {
    await sandbox.copyIn(filesToCopy(run.files, ctx.specFiles, ctx.specDir));
  } catch (error) {
    return { sandbox, error: `copy in failed: ${describeError(error)}`, startedAt };
  }
  return { sandbox, startedAt };
}
async function executeRun(run, prepared, ctx, signal) {
  const paths = runPaths(run.id);
  const base = { exitCode: null, timedOut: false, cancelled: false, timeoutMs: run.timeoutMs, events: [] };
  const { sandbox } = prepared;
  if (!sandbox || prepared.error) {
    const outcome2 = { ...base, error: prepared.error ?? "no sandbox" };
    return { outcome: outcome2, startedAt: prepared.startedAt, finishedAt: Date.now(), truncated: false, outputs: [] };
  }
  const startedAt = Date.now();
  let exit2;
  let error;
  try {
    exit2 = await sandbox.run({
      timeoutMs: run.timeoutMs,
      stdout: join7(ctx.resultsDir, paths.stdout),
      stderr: join7(ctx.resultsDir, paths.stderr),
      maxOutputBytes: ctx.maxOutputBytes,
      signal
    });
  } catch (e) {
    if (!signal.aborted) error = `run failed: ${describeError(e)}`;
  }
  const endedAt = Date.now();
  const cancelled = signal.aborted;
  const exitCode = exit2?.exitCode ?? null;
  const askLater = !killed(exitCode) && run.outputs.length === 0 && !run.verify;
  const checkHealth = async () => {
    if (error || cancelled) return;
    const broken = await healthAfter(sandbox, exitCode);
    if (broken) error = `${broken} during the run (exit code ${exitCode ?? "unknown"})`;
  };
  if (!askLater) await checkHealth();
  let outputs = [];
  let refused = [];
  if (run.outputs.length > 0 && !error) {
    try {
      const copied = await sandbox.copyOut(run.outputs, join7(ctx.resultsDir, paths.out));
      outputs = copied.files;
      refused = copied.rejected ?? [];
    } catch (e) {
      if (!cancelled) error = `copy out failed: ${describeError(e)}`;
    }
  }
  const verify = run.verify && !error && !cancelled && !exit2?.timedOut ? await runVerify(run, sandbox, ctx, signal) : void 0;
  let events = [];
  try {
    events = await sandbox.events().catch(async () => {
      if (askLater) await checkHealth();
      return eventsFromLog(ctx.session.eventsPath, sandbox.name);
    });
  } catch (e) {
    error ??= `evidence incomplete: ${describeError(e)}`;
  }
  const outcome = {
    ...base,
    exitCode: exit2?.exitCode ?? null,
    timedOut: exit2?.timedOut ?? false,
    cancelled: cancelled || signal.aborted,
    // a cancel during verify is a cancel, not its error
    ...error ? { error } : {},
    events
  };
  return {
    outcome,
    startedAt,
    finishedAt: endedAt,
    truncated: exit2?.truncated ?? false,
    outputs,
    ...refused.length > 0 ? { refused } : {},
    ...verify ? { verify } : {},
    ...sandbox.landlock ? { landlock: sandbox.landlock } : {},
    ...sandbox.attribution ? { attribution: sandbox.attribution } : {}
  };
}
var killed = (exitCode) => exitCode === null || exitCode >= 128;
async function healthAfter(sandbox, exitCode) {
  const ended = !killed(exitCode);
  const tries = ended ? 1 : 6;
  for (let i = 0; i < tries; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    const broken = await sandbox.health(ended).catch(() => void 0);
    if (broken) return broken;
  }
  return void 0;
}
async function eventsFromLog(path, sandbox) {
  return readEventLog(path, sandbox === void 0 ? {} : { sandbox });
}
function describeError(error) {
  const message = errorMessage(error).split("\n")[0] ?? "";
  return isPaddockError(error) ? `${error.code}: ${message}` : message;
}

// src/eval/finish.ts
var OUTPUTS_LIST_BYTES = 64 * 1024;
function listOutputs(files, maxBytes = OUTPUTS_LIST_BYTES) {
  let bytes = 0;
  let n = 0;
  for (const file of files) {
    bytes += Buffer.byteLength(file) + 1;
    if (bytes > maxBytes) break;
    n++;
  }
  return n === files.length ? { outputs: files } : { outputs: files.slice(0, n), outputsOmitted: files.length - n };
}
var REFUSED_LISTED = 20;
function toResult(run, f, events, settings) {
  const agent = events.filter((e) => e.phase !== "verify");
  const v = f.verify;
  const judged = v ? {
    ...f.outcome,
    exitCode: v.exitCode,
    timedOut: v.timedOut,
    timeoutMs: v.timedOut ? run.verify?.timeoutMs ?? f.outcome.timeoutMs : f.outcome.timeoutMs,
    ...v.error && !f.outcome.error ? { error: v.error } : {}
  } : f.outcome;
  const verdict = judge({ ...judged, events: agent }, run.expect, settings);
  const byVerify = v && (verdict.status === "failed" || verdict.status === "timeout" && v.timedOut);
  const reason = byVerify ? `verify: ${verdict.reason}` : verdict.reason;
  const never = f.outcome.exitCode === null && f.startedAt === f.finishedAt;
  return {
    id: run.id,
    ...run.repetition ? { cell: run.cell, repetition: run.repetition } : {},
    matrix: run.matrix,
    sandbox: sandboxName(run.id),
    status: verdict.status,
    exitCode: f.outcome.exitCode,
    durationMs: f.finishedAt - f.startedAt,
    startedAt: never ? null : new Date(f.startedAt).toISOString(),
    finishedAt: never ? null : new Date(f.finishedAt).toISOString(),
    denials: verdict.denials,
    expectedDenials: verdict.expectedDenials,
    denied: verdict.denied,
    ...verdict.deniedOmitted ? { deniedOmitted: verdict.deniedOmitted } : {},
    reason,
    paths: runPaths(run.id),
    truncated: f.truncated,
    ...listOutputs(f.outputs),
    ...f.refused && f.refused.length > 0 ? { outputsRefused: { count: f.refused.length, first: f.refused.slice(0, REFUSED_LISTED) } } : {},
    ...f.landlock ? { landlock: f.landlock } : {},
    ...f.attribution ? { attribution: f.attribution } : {},
    ...v ? verifyFields(
      run.id,
      v,
      events.filter((e) => e.phase === "verify")
    ) : {}
  };
}
function verifyFields(runId2, v, events) {
  const denies = events.filter((e) => e.action === "deny");
  return {
    verify: {
      exitCode: v.exitCode,
      timedOut: v.timedOut,
      durationMs: v.finishedAt - v.startedAt,
      denials: denies.length,
      ...listDenied(denies),
      ...v.error ? { error: v.error } : {},
      paths: verifyPaths(runId2)
    },
    ...v.score ? { score: v.score.score, metrics: v.score.metrics } : {}
  };
}
function cellsFor(plan2, runs) {
  const required = plan2[0]?.expect.passRate ?? 1;
  if (!plan2.some((r) => r.repetition) && required >= 1) return {};
  return { cells: cellsOf(runs, required), requiredPassRate: required };
}
async function finalize(input) {
  const mine = new Set(input.runs.map((r) => sandboxName(r.id)));
  const setupSandbox = input.setup?.sandbox;
  if (setupSandbox) mine.add(setupSandbox);
  const since = input.sharedSince;
  const own = (e) => since === void 0 || e.sandbox !== null && mine.has(e.sandbox) && e.time >= since;
  const log = await eventsFromLog(input.eventsPath).then(
    (events) => ({ events: events.filter(own), problem: null }),
    (error) => ({ events: null, problem: `evidence incomplete: ${errorMessage(error)}` })
  );
  const runs = [];
  const seen = [];
  let setup;
  if (input.setup) {
    const events = setupSandbox ? log.events?.filter((e) => e.sandbox === setupSandbox) ?? [] : [];
    seen.push(...events);
    setup = setupResult(input.setup, events);
    await writeSetup(input.resultsDir, setup, events);
  }
  for (const run of input.runs) {
    const found = input.finished.get(run.id);
    if (!found) continue;
    const done = log.problem ? { ...found, outcome: { ...found.outcome, error: found.outcome.error ?? log.problem } } : found;
    const logged = log.events?.filter((e) => e.sandbox === sandboxName(run.id)) ?? [];
    const events = logged.length >= done.outcome.events.length ? logged : done.outcome.events;
    seen.push(...events);
    const result = toResult(run, done, events, input.settings);
    runs.push(result);
    if (input.written?.get(run.id) !== runSignature(result, events))
      await writeRun(input.resultsDir, result, events);
  }
  const finishedAt = /* @__PURE__ */ new Date();
  const results = {
    schema: RESULTS_SCHEMA,
    ...input.header,
    ...setup ? { setup } : {},
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - Date.parse(input.header.startedAt),
    totals: totals(runs),
    runs,
    ...cellsFor(input.runs, runs)
  };
  await writeResults(input.resultsDir, results, log.events ?? seen);
  return results;
}

// src/eval/schedule.ts
var PREPARE_AHEAD = 2;
async function schedule(items, stages, options) {
  const { concurrency, signal } = options;
  const slots = new PQueue({ concurrency });
  const held = new Tokens(concurrency + PREPARE_AHEAD);
  const work = items.map(async (item) => {
    let holding = false;
    const ready = held.acquire(signal).then(() => {
      holding = true;
      signal.throwIfAborted();
      return stages.prepare(item, signal);
    });
    ready.catch(() => void 0);
    await slots.add(async () => {
      try {
        let prepared;
        try {
          prepared = await ready;
        } catch (error) {
          return await stages.skip(item, void 0, error);
        }
        if (signal.aborted) return await stages.skip(item, prepared, signal.reason);
        return await stages.execute(item, prepared, signal);
      } finally {
        if (holding) held.release();
      }
    });
  });
  await Promise.all(work);
}
var Tokens = class {
  constructor(free) {
    this.free = free;
  }
  free;
  waiters = [];
  acquire(signal) {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve7, reject) => {
      const waiter = {
        resolve: () => {
          signal.removeEventListener("abort", onAbort);
          resolve7();
        },
        reject
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }
  release() {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.free++;
  }
};

// src/eval/plan.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
import { createHash as createHash5 } from "node:crypto";
import { basename, extname } from "node:path";
function plan(spec, options) {
  const problems = [];
  const fileValues = new Set(options.files);
  const axes = spec.matrix.axes.map((axis) => {
    const values = [];
    for (const v of axis.values) {
      if (!v.glob) {
        values.push(v.value);
        continue;
      }
      const isMatch = (0, import_picomatch2.default)(v.value, { dot: false });
      const matches2 = options.files.filter((f) => isMatch(f)).sort();
      if (matches2.length === 0) {
        problems.push({
          file: spec.file,
          line: v.line,
          field: v.field,
          message: `'${v.value}' matches no file under ${spec.dir}`
        });
      }
      values.push(...matches2);
    }
    return { key: axis.key, values: [...new Set(values)] };
  });
  for (const f of [...spec.files, ...spec.verify?.files ?? [], ...spec.setup?.files ?? []]) {
    const test = pathMatcher(f.value);
    if (!options.files.some(test))
      problems.push({
        file: spec.file,
        line: f.line,
        field: f.field,
        message: `'${f.value}' matches no file under ${spec.dir}`
      });
  }
  if (problems.length)
    throw new PaddockError(
      "SPEC_INVALID",
      `${spec.file}: ${plural(problems.length, "pattern")} ${problems.length === 1 ? "matches" : "match"} no file`,
      {
        problems
      }
    );
  const maxRuns = options.maxRuns ?? spec.maxRuns;
  const product = axes.reduce((n, a) => n * a.values.length, axes.length ? 1 : 0);
  if (product > maxRuns * 64) tooMany(spec, product, maxRuns);
  let combos = cartesian(axes);
  combos = combos.filter((c) => !spec.matrix.exclude.some((e) => matches(c, e.values)));
  combos = applyInclude(
    combos,
    spec.matrix.include.map((i) => i.values),
    new Set(axes.map((a) => a.key))
  );
  if (combos.length === 0 && axes.length === 0) combos = [{}];
  if (combos.length * spec.repeat > maxRuns) tooMany(spec, combos.length * spec.repeat, maxRuns);
  if (combos.length === 0) {
    throw new PaddockError("SPEC_INVALID", `${spec.file}: the matrix is empty after exclude`, {
      problems: [
        {
          file: spec.file,
          ...spec.lines.matrix ? { line: spec.lines.matrix } : {},
          field: "matrix",
          message: "expected at least one combination; exclude removed them all"
        }
      ]
    });
  }
  const keyOrder = [...axes.map((a) => a.key)];
  for (const c of combos) for (const k of Object.keys(c)) if (!keyOrder.includes(k)) keyOrder.push(k);
  const ids = uniqueIds(combos.map((c) => runId(c, keyOrder, fileValues)));
  const runs = combos.map((c, i) => toRun(spec, c, ids[i], keyOrder, fileValues));
  return repeated(filterRuns(runs, options.filters ?? [], keyOrder, fileValues), spec.repeat);
}
function repeated(cells, times) {
  if (times === 1) return cells;
  return cells.flatMap(
    (cell) => Array.from({ length: times }, (_, i) => {
      const id = `${cell.id}#${i + 1}`;
      const env = { ...cell.env, PADDOCK_RUN: id, PADDOCK_REPEAT: String(i + 1) };
      return { ...cell, id, repetition: i + 1, env };
    })
  );
}
function tooMany(spec, count2, max) {
  throw new PaddockError(
    "SPEC_INVALID",
    `${spec.file}: the matrix expands to ${count2} runs${spec.repeat > 1 ? ` (repeat: ${spec.repeat})` : ""}, above the maximum of ${max}`,
    {
      problems: [
        {
          file: spec.file,
          ...spec.lines.matrix ? { line: spec.lines.matrix } : {},
          field: "matrix",
          message: `expected at most ${max} runs (raise \`max-runs\` or narrow the matrix), got ${count2}`
        }
      ]
    }
  );
}
function cartesian(axes) {
  if (axes.length === 0) return [];
  let out = [{}];
  for (const axis of axes) out = out.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.key]: v })));
  return out;
}
function matches(combo, pattern) {
  return Object.entries(pattern).every(([k, v]) => combo[k] === v);
}
function applyInclude(base, include, axes) {
  const combos = base.map((c) => ({ ...c }));
  const extra = [];
  for (const inc of include) {
    const original = Object.entries(inc).filter(([k]) => axes.has(k));
    const added = Object.entries(inc).filter(([k]) => !axes.has(k));
    let extended = false;
    for (const c of combos) {
      if (!original.every(([k, v]) => c[k] === v)) continue;
      for (const [k, v] of added) c[k] = v;
      extended = true;
    }
    if (!extended) extra.push({ ...inc });
  }
  return [...combos, ...extra];
}
function runId(combo, keyOrder, fileValues) {
  const parts = keyOrder.filter((k) => k in combo).map((k) => idPart(combo[k], fileValues.has(combo[k])));
  const id = parts.join("__") || "run";
  if (id.length <= 100) return id;
  const hash = createHash5("sha256").update(id).digest("hex").slice(0, 8);
  return `${id.slice(0, 91).replace(/[-_.]+$/, "")}-${hash}`;
}
function idPart(value, isFile) {
  const raw = isFile ? basename(value, extname(value)) : value;
  const safe = raw.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/_{2,}/g, "_").replace(/^[-._]+|[-._]+$/g, "");
  return safe || "x";
}
function uniqueIds(ids) {
  const taken = new Set(ids);
  const seen = /* @__PURE__ */ new Set();
  return ids.map((id) => {
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
    let n = 2;
    while (taken.has(`${id}-${n}`)) n++;
    const unique = `${id}-${n}`;
    taken.add(unique);
    seen.add(unique);
    return unique;
  });
}
function toRun(spec, combo, id, keyOrder, fileValues) {
  const matrix = {};
  for (const k of keyOrder) if (k in combo) matrix[k] = combo[k];
  const env = { ...spec.env };
  for (const [k, v] of Object.entries(matrix)) env[envName(k)] = v;
  env.PADDOCK_MATRIX = JSON.stringify(matrix);
  env.PADDOCK_RUN = id;
  const matrixFiles = Object.values(matrix).filter((v) => fileValues.has(v));
  return {
    id,
    cell: id,
    matrix,
    command: spec.run,
    env,
    files: [.../* @__PURE__ */ new Set([...spec.files.map((f) => f.value), ...matrixFiles])],
    outputs: spec.outputs,
    timeoutMs: spec.timeoutMs,
    expect: spec.expect,
    ...spec.verify ? {
      verify: {
        command: spec.verify.run,
        timeoutMs: spec.verify.timeoutMs,
        files: spec.verify.files.map((f) => f.value)
      }
    } : {}
  };
}
function envName(key) {
  return key.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}
function filterRuns(runs, filters2, keys, fileValues) {
  if (filters2.length === 0) return runs;
  const wanted = /* @__PURE__ */ new Map();
  for (const f of filters2) {
    const eq = f.indexOf("=");
    const key = f.slice(0, eq);
    if (eq <= 0 || !keys.includes(key)) {
      throw new PaddockError(
        "USAGE",
        `Expected \`--filter\` to be KEY=VALUE with KEY one of ${keys.join(", ") || "(no matrix keys)"}, got '${f}'`
      );
    }
    wanted.set(key, (wanted.get(key) ?? /* @__PURE__ */ new Set()).add(f.slice(eq + 1)));
  }
  const kept = runs.filter(
    (run) => [...wanted].every(([key, values]) => {
      const v = run.matrix[key];
      return v !== void 0 && (values.has(v) || values.has(idPart(v, fileValues.has(v))));
    })
  );
  if (kept.length === 0) throw new PaddockError("USAGE", `no run matches the filters ${filters2.join(" ")}`);
  return kept;
}

// src/eval/spec/load.ts
import { readdir as readdir3, readFile as readFile2 } from "node:fs/promises";
import { join as join8, relative as relative3, resolve as resolve5, sep as sep2 } from "node:path";

// src/eval/spec/parse.ts
var import_picomatch3 = __toESM(require_picomatch(), 1);
var import_yaml2 = __toESM(require_dist(), 1);
import { isIP } from "node:net";
import { basename as basename2, dirname, resolve as resolve4 } from "node:path";

// src/eval/spec/read.ts
var import_yaml = __toESM(require_dist(), 1);
var SpecReader = class {
  constructor(file, lines) {
    this.file = file;
    this.lines = lines;
  }
  file;
  lines;
  problems = [];
  /** Record a problem at a node (or at the top of the file when the node is missing). */
  problem(node, field, message) {
    const offset = rangeStart(node);
    const at = offset === void 0 ? { line: 1, col: 1 } : this.lines.linePos(offset);
    this.problems.push({ file: this.file, line: at.line, column: at.col, field, message });
  }
  /** The 1-based line a node starts on. */
  line(node) {
    const offset = rangeStart(node);
    return offset === void 0 ? void 0 : this.lines.linePos(offset).line;
  }
  /** The entries of a mapping, rejecting keys outside `allowed` (with a "did you mean"). */
  mapping(node, field, allowed) {
    const out = /* @__PURE__ */ new Map();
    if (!(0, import_yaml.isMap)(node)) {
      this.problem(node, field, `expected a mapping, got ${describe2(node)}`);
      return out;
    }
    for (const pair of node.items) {
      const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : void 0;
      const path = field ? `${field}.${key}` : String(key);
      if (key === void 0) {
        this.problem(pair.key, field, "expected a plain key");
        continue;
      }
      if (key === "__proto__") {
        this.problem(pair.key, path, `'__proto__' is a reserved name`);
        continue;
      }
      if (allowed && !allowed.includes(key)) {
        const near = closest(key, allowed);
        const hint = near ? `; did you mean '${near}'?` : `; expected one of: ${allowed.join(", ")}`;
        this.problem(pair.key, path, `unknown key '${key}'${hint}`);
        continue;
      }
      out.set(key, { key: pair.key, value: pair.value ?? null, field: path });
    }
    return out;
  }
  /** A scalar as a string (numbers and booleans are stringified), or undefined with a problem. */
  string(node, field, what = "a string") {
    if ((0, import_yaml.isScalar)(node) && node.value !== null && typeof node.value !== "object") {
      const text2 = String(node.value);
      if (text2.trim() !== "") return text2;
    }
    this.problem(node, field, `expected ${what}, got ${describe2(node)}`);
    return void 0;
  }
  /** A number from 0 to 1 (`0.8`, `1`), or undefined with a problem. */
  fraction(node, field) {
    if ((0, import_yaml.isScalar)(node) && typeof node.value === "number" && node.value >= 0 && node.value <= 1)
      return node.value;
    this.problem(node, field, `expected a number from 0 to 1 (e.g. 0.8), got ${describe2(node)}`);
    return void 0;
  }
  /** One of `choices`, or undefined with a problem (with a "did you mean"). */
  oneOf(node, field, choices) {
    const text2 = this.string(node, field, `one of: ${choices.join(", ")}`);
    if (text2 === void 0) return void 0;
    if (choices.includes(text2)) return text2;
    const near = closest(text2, choices);
    const hint = near ? `; did you mean '${near}'?` : `; expected one of: ${choices.join(", ")}`;
    this.problem(node, field, `unknown value '${text2}'${hint}`);
    return void 0;
  }
  /** A list of scalars as strings; a lone scalar is not accepted (say what was expected instead). */
  strings(node, field, what = "a list of strings") {
    if (!(0, import_yaml.isSeq)(node)) {
      this.problem(node, field, `expected ${what}, got ${describe2(node)}`);
      return [];
    }
    const out = [];
    node.items.forEach((item, i) => {
      const value = this.string(item, `${field}[${i}]`);
      if (value !== void 0) out.push({ value, node: item, field: `${field}[${i}]` });
    });
    return out;
  }
  /** An integer within [min, max]. */
  integer(node, field, min, max = Number.MAX_SAFE_INTEGER) {
    if ((0, import_yaml.isScalar)(node) && typeof node.value === "number" && Number.isInteger(node.value)) {
      if (node.value >= min && node.value <= max) return node.value;
    }
    const range = max === Number.MAX_SAFE_INTEGER ? `from ${min} and up` : `from ${min} to ${max}`;
    this.problem(node, field, `expected an integer ${range}, got ${describe2(node)}`);
    return void 0;
  }
  /** A duration in the one grammar (`90s`, `10m`, `1h30m`), in milliseconds. */
  duration(node, field) {
    const text2 = (0, import_yaml.isScalar)(node) && node.value !== null ? String(node.value) : "";
    try {
      return parseDuration(text2);
    } catch (error) {
      this.problem(node, field, errorMessage(error));
      return void 0;
    }
  }
};
function closest(word, candidates) {
  let best;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ?? candidates.find((c) => word.length >= 3 && c.startsWith(word));
}
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row2 = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row2.push(Math.min(prev[j] + 1, row2[j - 1] + 1, prev[j - 1] + cost));
    }
    prev = row2;
  }
  return prev[b.length];
}
function describe2(node) {
  if (node === null || node === void 0) return "nothing";
  if ((0, import_yaml.isMap)(node)) return "a mapping";
  if ((0, import_yaml.isSeq)(node)) return "a list";
  if ((0, import_yaml.isScalar)(node)) {
    if (node.value === null) return "null";
    return typeof node.value === "string" ? `'${node.value}'` : `${typeof node.value} ${String(node.value)}`;
  }
  return "an unsupported value";
}
function rangeStart(node) {
  if (!node) return void 0;
  if ("range" in node && node.range) return node.range[0];
  if ("key" in node) return rangeStart(node.key);
  return void 0;
}

// src/eval/spec/types.ts
var DEFAULT_TIMEOUT_MS = 10 * 6e4;
var DEFAULT_MAX_RUNS = 256;
var MAX_REPEAT = 100;
var DEFAULT_POLICY = "default";
var DEFAULT_VERIFY_POLICY = "strict";
var DEFAULT_SETUP_POLICY = "setup";

// src/eval/spec/parse.ts
var TOP = [
  "version",
  "name",
  "image",
  "policy",
  "matrix",
  "run",
  "files",
  "outputs",
  "env",
  "timeout",
  "concurrency",
  "expect",
  "gateway",
  "credentials",
  "max-runs",
  "repeat",
  "verify",
  "setup"
];
var PHASE_KEYS = ["run", "policy", "timeout", "files"];
var EXPECT_KEYS = ["exit-code", "egress", "pass-rate"];
var CREDENTIAL_KEYS = ["hosts", "query", "headers"];
var GATEWAY_KEYS = ["hosts", "upstream-dns", "upstream-ca", "enforcement"];
var MATRIX_KEYS = ["include", "exclude"];
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var HOST = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
function parseSpec(text2, file) {
  const lines = new import_yaml2.LineCounter();
  const doc = (0, import_yaml2.parseDocument)(text2, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new SpecReader(file, lines);
  for (const e of doc.errors) {
    const at = lines.linePos(e.pos[0]);
    r.problems.push({ file, line: at.line, column: at.col, message: `YAML: ${e.message.split("\n")[0]}` });
  }
  if (r.problems.length === 0) {
    const spec = readSpec(r, doc.contents, file);
    if (r.problems.length === 0 && spec) return spec;
  }
  throw new PaddockError(
    "SPEC_INVALID",
    `${file}: ${plural(r.problems.length, "problem")} in the eval spec`,
    {
      problems: r.problems
    }
  );
}
function readSpec(r, root, file) {
  const top = r.mapping(root, "", TOP);
  const get = (k) => top.get(k)?.value;
  const version = top.has("version") ? r.integer(get("version"), "version", 1, 1) : void 0;
  if (!top.has("version") && (0, import_yaml2.isMap)(root)) r.problem(root, "version", "missing; expected `version: 1`");
  const run = top.has("run") ? readRun(r, get("run")) : void 0;
  if (!top.has("run") && (0, import_yaml2.isMap)(root))
    r.problem(root, "run", "missing; expected the command each run executes");
  const spec = {
    file,
    dir: dirname(file),
    name: top.has("name") ? r.string(get("name"), "name") ?? "" : defaultName(file),
    ...top.has("image") ? { image: r.string(get("image"), "image", "an image reference") ?? "" } : {},
    policy: readPolicy(r, top.get("policy")?.value, top.has("policy")),
    matrix: top.has("matrix") ? readMatrix(r, get("matrix")) : { axes: [], include: [], exclude: [] },
    run: run ?? "",
    files: top.has("files") ? globs(r, get("files"), "files", "the spec folder") : [],
    outputs: top.has("outputs") ? globs(r, get("outputs"), "outputs", "/sandbox").map((g) => g.value) : [],
    env: top.has("env") ? readEnv(r, get("env")) : {},
    credentials: top.has("credentials") ? readCredentials(r, get("credentials")) : [],
    timeoutMs: top.has("timeout") ? r.duration(get("timeout"), "timeout") ?? 0 : DEFAULT_TIMEOUT_MS,
    ...top.has("concurrency") ? { concurrency: r.integer(get("concurrency"), "concurrency", 1, 256) } : {},
    expect: readExpect(r, get("expect")),
    gateway: top.has("gateway") ? readGateway(r, get("gateway"), dirname(file)) : { hosts: {} },
    maxRuns: top.has("max-runs") ? r.integer(get("max-runs"), "max-runs", 1) ?? 0 : DEFAULT_MAX_RUNS,
    repeat: top.has("repeat") ? r.integer(get("repeat"), "repeat", 1, MAX_REPEAT) ?? 1 : 1,
    ...top.has("verify") ? { verify: readPhase(r, get("verify"), "verify", DEFAULT_VERIFY_POLICY) } : {},
    ...top.has("setup") ? { setup: readPhase(r, get("setup"), "setup", DEFAULT_SETUP_POLICY) } : {},
    lines: Object.fromEntries([...top].map(([key, entry]) => [key, r.line(entry.key) ?? 1]))
  };
  return version === void 0 ? void 0 : spec;
}
function readRun(r, node) {
  if (!(0, import_yaml2.isSeq)(node)) return r.string(node, "run", "a shell command, or a list [program, arg\u2026]");
  const words = r.strings(node, "run").map((i) => i.value);
  if (words.length === 0) r.problem(node, "run", "expected a non-empty list [program, arg\u2026]");
  return words;
}
function readPhase(r, node, name, defaultPolicy) {
  if (!(0, import_yaml2.isMap)(node)) {
    const run2 = r.string(node, name, "a command, or a mapping with run, policy, timeout and files") ?? "";
    return { run: run2, policy: { kind: "ref", ref: defaultPolicy }, timeoutMs: DEFAULT_TIMEOUT_MS, files: [] };
  }
  const entries = r.mapping(node, name, PHASE_KEYS);
  const run = entries.get("run");
  if (!run) r.problem(node, `${name}.run`, `expected the ${name} command (${name}.run)`);
  const policy = entries.get("policy");
  const timeout = entries.get("timeout");
  const files = entries.get("files");
  return {
    run: run ? r.string(run.value, run.field, "a command") ?? "" : "",
    policy: policy ? readPolicy(r, policy.value, true, [name, "policy"]) : { kind: "ref", ref: defaultPolicy },
    timeoutMs: timeout ? r.duration(timeout.value, timeout.field) ?? 0 : DEFAULT_TIMEOUT_MS,
    files: files ? globs(r, files.value, files.field, "the spec folder") : []
  };
}
function readPolicy(r, node, present, at) {
  if (!present) return { kind: "ref", ref: DEFAULT_POLICY };
  const line = r.line(node);
  if ((0, import_yaml2.isMap)(node)) return { kind: "inline", line, ...at ? { at } : {} };
  const ref = r.string(
    node,
    at ? at.join(".") : "policy",
    "a policy path, a shipped policy name, or an inline policy mapping"
  );
  return { kind: "ref", ref: ref ?? "", line };
}
function readMatrix(r, node) {
  const entries = r.mapping(node, "matrix");
  const axes = [];
  let include = [];
  let exclude = [];
  for (const [key, entry] of entries) {
    if (MATRIX_KEYS.includes(key)) {
      const list2 = combinations(r, entry.value, entry.field);
      if (key === "include") include = list2;
      else exclude = list2;
      continue;
    }
    if (!ENV_NAME.test(key)) {
      r.problem(
        entry.key,
        entry.field,
        "expected an axis name of letters, digits and _ (it becomes an env var)"
      );
      continue;
    }
    const values = r.strings(entry.value, entry.field, "a list of values or globs").map((v) => ({
      value: v.value,
      glob: import_picomatch3.default.scan(v.value).isGlob,
      line: r.line(v.node),
      field: v.field
    }));
    if ((0, import_yaml2.isSeq)(entry.value) && entry.value.items.length === 0)
      r.problem(entry.value, entry.field, "expected at least one value");
    axes.push({ key, values });
  }
  const names = new Set(axes.map((a) => a.key));
  for (const c of exclude) {
    for (const key of Object.keys(c.values)) {
      if (!names.has(key))
        r.problems.push({
          file: r.file,
          line: c.line,
          field: `${c.field}.${key}`,
          message: `exclude key '${key}' is not a matrix axis (axes: ${[...names].join(", ") || "none"})`
        });
    }
  }
  return { axes, include, exclude };
}
function combinations(r, node, field) {
  if (!(0, import_yaml2.isSeq)(node)) {
    r.problem(node, field, "expected a list of mappings such as [{ model: a, prompt: b }]");
    return [];
  }
  return node.items.map((item, i) => {
    const values = {};
    for (const [key, entry] of r.mapping(item, `${field}[${i}]`)) {
      const value = r.string(entry.value, entry.field, "a scalar value");
      if (value !== void 0) values[key] = value;
    }
    return { values, line: r.line(item), field: `${field}[${i}]` };
  });
}
function globs(r, node, field, root) {
  return r.strings(node, field, `a list of globs relative to ${root}`).flatMap((item) => {
    if (item.value.startsWith("/") || item.value.split("/").includes("..")) {
      r.problem(item.node, item.field, `expected a relative glob inside ${root}, got '${item.value}'`);
      return [];
    }
    if (item.value.startsWith("!")) {
      r.problem(
        item.node,
        item.field,
        `'${item.value}': exclusions (!) are not supported; list what to include`
      );
      return [];
    }
    return [{ value: item.value, line: r.line(item.node), field: item.field }];
  });
}
function readCredentials(r, node) {
  const out = [];
  for (const [name, entry] of r.mapping(node, "credentials")) {
    if (!ENV_NAME.test(name)) {
      r.problem(entry.key, entry.field, "expected an environment variable name");
      continue;
    }
    if (entry.value === null || (0, import_yaml2.isScalar)(entry.value) && entry.value.value === null) {
      out.push({ name });
      continue;
    }
    const keys = r.mapping(entry.value, entry.field, CREDENTIAL_KEYS);
    const h = keys.get("hosts");
    const hosts = h ? r.strings(h.value, h.field, "a list of host names").map((i) => i.value.toLowerCase()) : [];
    const q = keys.get("query");
    const query = q ? q.value !== null && (0, import_yaml2.isScalar)(q.value) && q.value.value === true : false;
    if (q && !((0, import_yaml2.isScalar)(q.value) && typeof q.value.value === "boolean"))
      r.problem(q.value, q.field, "expected true or false");
    const hd = keys.get("headers");
    const headers = [];
    for (const i of hd ? r.strings(hd.value, hd.field, "a list of header names") : []) {
      if (HEADER_NAME.test(i.value)) headers.push(i.value.toLowerCase());
      else r.problem(i.node, i.field, "expected a header name (letters, digits, -)");
    }
    out.push({
      name,
      ...hosts.length > 0 ? { hosts } : {},
      ...query ? { query } : {},
      ...headers.length > 0 ? { headers } : {}
    });
  }
  return out;
}
function readEnv(r, node) {
  const env = {};
  for (const [key, entry] of r.mapping(node, "env")) {
    if (!ENV_NAME.test(key)) r.problem(entry.key, entry.field, "expected an environment variable name");
    else if ((0, import_yaml2.isScalar)(entry.value) && entry.value.value === "") env[key] = "";
    else {
      const value = r.string(entry.value, entry.field, "a scalar value");
      if (value !== void 0) env[key] = value;
    }
  }
  return env;
}
function readExpect(r, node) {
  if (node === void 0) return { exitCode: 0, egress: "no-denials", passRate: 1 };
  const entries = r.mapping(node, "expect", EXPECT_KEYS);
  const exit2 = entries.get("exit-code");
  const exitCode = exit2 ? r.integer(exit2.value, exit2.field, 0, 255) ?? 0 : 0;
  const e = entries.get("egress");
  const rate = entries.get("pass-rate");
  return {
    exitCode,
    egress: e ? readEgress(r, e.value, e.field) : "no-denials",
    passRate: rate ? r.fraction(rate.value, rate.field) ?? 1 : 1
  };
}
function readEgress(r, node, field) {
  const expected = "expected 'no-denials', 'allow-denials' or { denied: [host, \u2026] }";
  if ((0, import_yaml2.isScalar)(node) && (node.value === "no-denials" || node.value === "allow-denials")) return node.value;
  if (!(0, import_yaml2.isMap)(node)) {
    r.problem(
      node,
      field,
      `${expected}, got ${(0, import_yaml2.isScalar)(node) ? `'${String(node.value)}'` : "something else"}`
    );
    return "no-denials";
  }
  const denied = r.mapping(node, field, ["denied"]).get("denied");
  if (!denied) {
    r.problem(node, field, expected);
    return "no-denials";
  }
  const hosts = r.strings(denied.value, denied.field, "a list of hosts (host, host:port, *.domain or an IP)");
  for (const h of hosts) {
    const name = h.value.replace(/:\d+$/, "").replace(/^\*\./, "");
    if (!HOST.test(name))
      r.problem(h.node, h.field, `expected a host, host:port, *.domain or an IP, got '${h.value}'`);
  }
  return { denied: hosts.map((h) => h.value.toLowerCase()) };
}
function readGateway(r, node, dir) {
  const entries = r.mapping(node, "gateway", GATEWAY_KEYS);
  const hosts = {};
  const h = entries.get("hosts");
  if (h) {
    for (const [name, entry] of r.mapping(h.value, h.field)) {
      if (!HOST.test(name)) r.problem(entry.key, entry.field, `expected a host name, got '${name}'`);
      const ip = r.string(entry.value, entry.field, "an IP address");
      if (ip !== void 0 && isIP(ip) === 0)
        r.problem(entry.value, entry.field, `expected an IP address, got '${ip}'`);
      else if (ip !== void 0) hosts[name.toLowerCase()] = ip;
    }
  }
  const dns = entries.get("upstream-dns");
  const text2 = dns ? r.string(dns.value, dns.field, "ADDR or ADDR:PORT") : void 0;
  let upstream;
  if (text2 !== void 0) {
    try {
      upstream = formatHostPort(parseHostPort(text2, 53));
    } catch (error) {
      r.problem(dns?.value, "gateway.upstream-dns", errorMessage(error));
    }
  }
  const ca = entries.get("upstream-ca");
  const upstreamCa = [];
  if (ca) {
    const files = (0, import_yaml2.isSeq)(ca.value) ? r.strings(ca.value, ca.field, "a list of CA file paths").map((i) => i.value) : [r.string(ca.value, ca.field, "a CA file path or a list of them")];
    for (const file of files) if (file !== void 0) upstreamCa.push(resolve4(dir, file));
  }
  const mode = entries.get("enforcement");
  const enforcement = mode ? r.oneOf(mode.value, mode.field, ENFORCEMENT) : void 0;
  return {
    hosts,
    ...upstream === void 0 ? {} : { upstreamDns: upstream },
    ...upstreamCa.length > 0 ? { upstreamCa } : {},
    ...enforcement === "proxy-only" ? { enforcement } : {}
  };
}
var ENFORCEMENT = ["enforce", "proxy-only"];
function defaultName(file) {
  const folder = basename2(dirname(file));
  if (folder && folder !== "." && folder !== "/") return folder;
  return basename2(file).replace(/\.ya?ml$/i, "") || "eval";
}

// src/eval/spec/load.ts
var SKIP = /* @__PURE__ */ new Set(["node_modules", ".git", ".paddock", "paddock-results"]);
async function loadSpec(file) {
  const text2 = await readFile2(file, "utf8").catch((error) => {
    throw new PaddockError("INPUT_INVALID", `cannot read the eval spec ${file}: ${errorMessage(error)}`, {
      cause: error
    });
  });
  return { spec: parseSpec(text2, file), text: text2 };
}
async function listFiles(dir, options = {}) {
  const limit = options.limit ?? 1e5;
  const skip = new Set((options.skip ?? []).map((p) => resolve5(p)));
  const out = [];
  const walk = async (at) => {
    const entries = await readdir3(at, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (out.length >= limit) return;
      const path = join8(at, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !skip.has(resolve5(path))) await walk(path);
      } else if (entry.isFile()) out.push(relative3(dir, path).split(sep2).join("/"));
    }
  };
  await walk(dir);
  return out.sort();
}

// src/eval/select.ts
async function selectRuns(options) {
  const { spec, text: text2 } = await loadSpec(options.spec);
  const files = await listFiles(spec.dir, options.resultsDir ? { skip: [options.resultsDir] } : {});
  const planned = plan(spec, {
    files,
    ...options.maxRuns ? { maxRuns: options.maxRuns } : {},
    filters: options.filters ?? []
  });
  const runs = options.shard ? selectShard(planned, options.shard) : planned;
  return { spec, text: text2, files, planned, runs };
}

// src/eval/setup.ts
import { createHash as createHash7, randomBytes } from "node:crypto";
import { readFile as readFile3 } from "node:fs/promises";
import { join as join9 } from "node:path";

// src/eval/setup-key.ts
import { createHash as createHash6 } from "node:crypto";
var SETUP_REPO = "paddock/setup";
var KEY_VERSION = "paddock-setup-v1";
function setupKey(inputs) {
  const hash = createHash6("sha256");
  const part = (text2) => hash.update(`${Buffer.byteLength(text2)}:${text2}
`);
  part(KEY_VERSION);
  part(inputs.baseImageId);
  part(inputs.command);
  const files = [...inputs.files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  part(String(files.length));
  for (const f of files) {
    part(f.path);
    part(f.sha256);
  }
  part(canonicalJson(inputs.networkPolicies));
  return hash.digest("hex");
}
var setupTag = (key) => `${SETUP_REPO}:${key.slice(0, 24)}`;
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// src/eval/setup.ts
var SETUP_LABEL = {
  key: "paddock.setup.key",
  base: "paddock.setup.base",
  command: "paddock.setup.command",
  session: "paddock.setup.session"
};
var SETUP_ENV = { PADDOCK_PHASE: "setup" };
async function runSetup(setup, ctx) {
  const startedAt = Date.now();
  const files = filesToCopy(
    setup.files.map((f) => f.value),
    ctx.specFiles,
    ctx.specDir
  );
  let key = "";
  let image = "";
  const outcome = (over) => ({
    image,
    imageId: null,
    key,
    cached: false,
    exitCode: null,
    timedOut: false,
    timeoutMs: setup.timeoutMs,
    cancelled: ctx.signal.aborted,
    startedAt,
    finishedAt: Date.now(),
    ...over
  });
  try {
    key = setupKey({
      baseImageId: ctx.baseImageId,
      command: setup.run,
      files: await hashFiles(files),
      networkPolicies: ctx.policy.network_policies
    });
    image = setupTag(key);
    const found = await ctx.drivers.findImage(image);
    if (found && found.labels[SETUP_LABEL.key] === key) {
      ctx.log(`setup: ${image} is ready (built earlier from the same inputs); not running setup`);
      return outcome({ imageId: found.id, cached: true });
    }
  } catch (error) {
    return outcome({ error: `could not start: ${errorMessage(error)}` });
  }
  ctx.log(`setup: building ${image} from ${ctx.baseImage}: ${setup.run}`);
  const name = `setup-${randomBytes(3).toString("hex")}`;
  let sandbox;
  try {
    sandbox = await ctx.session.createSandbox({
      name,
      image: ctx.baseImageId,
      policy: ctx.policy,
      env: {},
      setup: true,
      signal: ctx.signal
    });
  } catch (error) {
    return outcome({ error: `sandbox create failed: ${errorMessage(error)}` });
  }
  try {
    return await build(setup, ctx, sandbox, files, (over) => outcome({ sandbox: name, ...over }), {
      image,
      key
    });
  } finally {
    await sandbox.delete();
  }
}
async function build(setup, ctx, sandbox, files, outcome, target) {
  const paths = setupPaths();
  let exit2;
  try {
    await sandbox.copyIn(files);
    exit2 = await sandbox.exec({
      command: setup.run,
      env: SETUP_ENV,
      timeoutMs: setup.timeoutMs,
      stdout: join9(ctx.resultsDir, paths.stdout),
      stderr: join9(ctx.resultsDir, paths.stderr),
      maxOutputBytes: ctx.maxOutputBytes,
      signal: ctx.signal
    });
  } catch (error) {
    return outcome({ error: ctx.signal.aborted ? void 0 : `failed to run: ${errorMessage(error)}` });
  }
  const ran = { exitCode: exit2.exitCode, timedOut: exit2.timedOut };
  if (exit2.exitCode !== 0 || exit2.timedOut || ctx.signal.aborted) return outcome(ran);
  const finishedAt = Date.now();
  try {
    const id = await sandbox.commit({
      "paddock.image": "setup",
      [SETUP_LABEL.key]: target.key,
      [SETUP_LABEL.base]: ctx.baseImageId,
      [SETUP_LABEL.command]: setup.run.slice(0, 1e3),
      [SETUP_LABEL.session]: ctx.session.id
    });
    const other = await ctx.drivers.findImage(target.image);
    if (other && other.labels[SETUP_LABEL.key] === target.key && other.id !== id) {
      await ctx.drivers.removeImage(id);
      return outcome({ ...ran, imageId: other.id, finishedAt });
    }
    await ctx.drivers.tagImage(id, target.image);
    ctx.log(`setup: built ${target.image} (${id.slice(7, 19)})`);
    return outcome({ ...ran, imageId: id, finishedAt });
  } catch (error) {
    return outcome({ ...ran, finishedAt, error: `image not made: ${errorMessage(error)}` });
  }
}
async function hashFiles(files) {
  return Promise.all(
    files.map(async (f) => ({
      path: f.path,
      sha256: createHash7("sha256").update(await readFile3(f.hostPath)).digest("hex")
    }))
  );
}

// src/eval/spec/point.ts
function atSpecLine(error, spec, field, line) {
  if (!(error instanceof PaddockError) || error.problems.length > 0) return error;
  const at = line ?? spec.lines[field.split(".")[0] ?? field];
  const problem = {
    file: spec.file,
    ...at === void 0 ? {} : { line: at },
    field,
    message: error.message
  };
  return new PaddockError(error.code, error.message, { cause: error, problems: [problem] });
}

// src/eval/run-eval.ts
var MAX_DEFAULT_CONCURRENCY = 16;
function defaultConcurrency(cpus = availableParallelism()) {
  return Math.max(1, Math.min(MAX_DEFAULT_CONCURRENCY, 2 * cpus));
}
function checkCount(name, value) {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new PaddockError(
      "INPUT_INVALID",
      `Expected \`${name}\` to be a number from 1 and up, got \`${String(value)}\` (${typeof value})`
    );
  }
  return value;
}
async function runEval(options) {
  const startedAt = /* @__PURE__ */ new Date();
  const log = options.log ?? silentLog;
  const cancel = evalSignal(options.signal);
  const { signal } = cancel;
  const drivers = options.drivers ?? (await import("./session-74NZ2NUZ.js")).realDrivers;
  const {
    spec,
    text: text2,
    files: specFiles,
    planned,
    runs
  } = await selectRuns({
    ...options,
    resultsDir: resolve6(options.resultsDir ?? "paddock-results")
  });
  const specInfo = {
    file: spec.file,
    name: spec.name,
    digest: createHash8("sha256").update(text2).digest("hex")
  };
  const shardInfo = options.shard ? { shard: { ...options.shard, plan: planned.map((r) => r.id) } } : {};
  const concurrency = checkCount(
    "concurrency",
    options.concurrency ?? spec.concurrency ?? defaultConcurrency()
  );
  const maxOutputBytes = checkCount("maxOutputBytes", options.maxOutputBytes ?? 8 * 1024 * 1024);
  const asked = new Map([...spec.credentials, ...options.credentials ?? []].map((c) => [c.name, c]));
  const credentials = resolveCredentials([...asked.values()], options.env ?? process.env);
  for (const c of credentials) options.onSecret?.(c.value);
  const image = options.image ?? spec.image ?? DEFAULT_IMAGE;
  const resultsDir = resolve6(options.resultsDir ?? "paddock-results");
  const folderReady = prepareResultsDir(
    resultsDir,
    runs.map((r) => r.id)
  );
  folderReady.catch(() => void 0);
  const id = options.sessionId ?? `eval-${randomBytes2(3).toString("hex")}`;
  if (runs.length === 0) {
    await folderReady;
    const { policy: policy2 } = await loadPolicies(drivers, options, spec, text2, log);
    log.info(`paddock: shard ${options.shard?.index}/${options.shard?.count} of ${spec.file} has no runs`);
    return emptyResults(resultsDir, {
      session: id,
      spec: specInfo,
      ...shardInfo,
      image: { ref: image, digest: null },
      policy: { source: policy2.source },
      enforcement: "enforce",
      startedAt: startedAt.toISOString()
    });
  }
  log.info(
    `paddock: ${plural(runs.length, "run")} of ${spec.file}, ${Math.min(concurrency, runs.length)} at a time, image ${image}`
  );
  const imageReady = drivers.prepareImage(image, signal).catch((error) => {
    throw options.image || !spec.image ? error : atSpecLine(error, spec, "image");
  });
  imageReady.catch(() => void 0);
  const stateDir = resolve6(options.stateDir ?? join10(tmpdir(), `paddock-${id}`));
  const opening = drivers.openSession({
    id,
    stateDir,
    hosts: spec.gateway.hosts,
    ...spec.gateway.upstreamDns ? { upstreamDns: spec.gateway.upstreamDns } : {},
    ...spec.gateway.upstreamCa?.length ? { upstreamCa: spec.gateway.upstreamCa } : {},
    proxyOnly: spec.gateway.enforcement === "proxy-only",
    shared: options.sharedSession ?? false,
    log: (line) => log.info(`paddock: ${line}`),
    signal
  });
  const load = () => loadPolicies(drivers, options, spec, text2, log);
  const policies = opening.then(load, load);
  const [policiesSettled, folderSettled, imageSettled, sessionSettled] = await Promise.allSettled([
    policies,
    folderReady,
    imageReady,
    opening
  ]);
  for (const settled of [policiesSettled, folderSettled, imageSettled]) {
    if (settled.status === "fulfilled") continue;
    if (sessionSettled.status === "fulfilled") await sessionSettled.value.close();
    throw settled.reason;
  }
  if (policiesSettled.status === "rejected") throw policiesSettled.reason;
  if (imageSettled.status === "rejected") throw imageSettled.reason;
  if (sessionSettled.status === "rejected") throw sessionSettled.reason;
  const { digest, id: baseImageId } = imageSettled.value;
  const { policy, verifyPolicy, setupPolicy } = policiesSettled.value;
  const session = sessionSettled.value;
  let gatewayFailed;
  const gatewayUp = (session.ready?.() ?? Promise.resolve()).catch((error) => {
    gatewayFailed = { error };
    cancel.abort(error);
  });
  const setup = spec.setup && setupPolicy ? await runSetup(spec.setup, {
    drivers,
    session,
    resultsDir,
    specDir: spec.dir,
    specFiles,
    baseImage: image,
    baseImageId,
    policy: setupPolicy,
    maxOutputBytes,
    log: (line) => log.info(`paddock: ${line}`),
    signal
  }) : void 0;
  const setupFailed = setup && setup.imageId === null ? setupResult(setup, []).reason : void 0;
  if (setupFailed !== void 0 && !signal.aborted)
    log.info(
      `paddock: setup failed (${escapeText(setupFailed)}); no run starts. Its log: ${join10(resultsDir, "setup")}`
    );
  const ctx = {
    session,
    resultsDir,
    specDir: spec.dir,
    specFiles,
    // By id: every run uses the image checked above (or the setup's), and it is not looked up again per run.
    image: setup?.imageId ?? baseImageId,
    policy,
    ...verifyPolicy ? { verifyPolicy } : {},
    maxOutputBytes,
    credentials
  };
  const settings = { failOnEgress: options.failOnEgress ?? true };
  const finished = /* @__PURE__ */ new Map();
  const filed = /* @__PURE__ */ new Map();
  const byStatus = emptyByStatus();
  const teardown = new PQueue({ concurrency: Math.max(2, concurrency) });
  let running = 0;
  const writing = [];
  const record2 = (run, done) => {
    const result = toResult(run, done, done.outcome.events, settings);
    finished.set(run.id, done);
    const count2 = finished.size;
    byStatus[result.status]++;
    log.info(runLine(result, count2, runs.length, options.color));
    options.onRun?.(result, count2, runs.length);
    writing.push(
      writeRun(resultsDir, result, done.outcome.events).then(
        () => filed.set(run.id, runSignature(result, done.outcome.events)),
        (e) => log.warning(`cannot write ${result.paths.dir}: ${String(e)}`)
      )
    );
  };
  const dispose = (prepared) => {
    const sandbox = prepared?.sandbox;
    if (sandbox) void teardown.add(() => sandbox.delete());
  };
  const elapsed = () => Date.now() - startedAt.getTime();
  const timer = setInterval(() => {
    log.info(
      summaryLine({ total: runs.length, done: finished.size, running, byStatus, elapsedMs: elapsed() })
    );
  }, options.progressEveryMs ?? 3e4);
  timer.unref();
  let failure;
  try {
    if (setupFailed !== void 0) {
      for (const run of runs) record2(run, notRun(run, signal.aborted, `setup: ${setupFailed}`));
    } else
      await schedule(
        runs,
        {
          prepare: (run, s) => prepareRun(run, ctx, s),
          execute: async (run, prepared, s) => {
            running++;
            const done = await executeRun(run, prepared, ctx, s).finally(() => running--);
            dispose(prepared);
            record2(run, done);
          },
          skip: async (run, prepared, reason) => {
            dispose(prepared);
            record2(run, notRun(run, signal.aborted, `scheduling failed: ${String(reason)}`));
          }
        },
        { concurrency, signal }
      );
  } catch (error) {
    failure = error;
  }
  clearInterval(timer);
  await Promise.all(writing);
  await gatewayUp;
  try {
    if (gatewayFailed) {
      await teardown.onIdle();
      throw gatewayFailed.error;
    }
    const quiet = session.quiesce();
    const [written] = await Promise.allSettled([
      quiet.then(
        () => finalize({
          resultsDir,
          eventsPath: session.eventsPath,
          ...options.sharedSession ? { sharedSince: startedAt.toISOString() } : {},
          ...setup ? { setup } : {},
          runs,
          finished,
          written: filed,
          settings,
          header: {
            session: id,
            spec: specInfo,
            ...shardInfo,
            image: { ref: image, digest },
            policy: { source: policy.source },
            enforcement: session.enforcement,
            startedAt: startedAt.toISOString()
          }
        })
      ),
      teardown.onIdle()
    ]);
    if (written.status === "rejected") throw written.reason;
    if (failure) throw failure;
    return written.value;
  } finally {
    for (const problem of await session.close()) log.warning(`cleanup: ${problem}`);
  }
}
async function loadPolicies(drivers, options, spec, text2, log) {
  const where2 = { specFile: spec.file, specText: text2 };
  const load = async (ref, at) => {
    const loaded = await drivers.loadPolicy(ref, where2).catch((error) => {
      throw at ? atSpecLine(error, spec, at.field, at.line) : error;
    });
    for (const w of loaded.warnings) log.warning(w.message, w);
    return loaded.policy;
  };
  const policy = options.policy ? await load({ kind: "ref", ref: isShipped(options.policy) ? options.policy : resolve6(options.policy) }) : await load(spec.policy, { field: "policy", line: spec.policy.line });
  const verifyPolicy = spec.verify ? {
    ...policy,
    network_policies: (await load(spec.verify.policy, { field: "verify.policy", line: spec.verify.policy.line })).network_policies
  } : void 0;
  const setupPolicy = spec.setup ? await load(spec.setup.policy, { field: "setup.policy", line: spec.setup.policy.line }) : void 0;
  return { policy, verifyPolicy, setupPolicy };
}
function evalSignal(outer) {
  const inner = new AbortController();
  setMaxListeners(0, inner.signal);
  if (outer?.aborted) inner.abort(outer.reason);
  else outer?.addEventListener("abort", () => inner.abort(outer.reason), { once: true });
  return inner;
}
function notRun(run, cancelled, why) {
  const now = Date.now();
  const error = cancelled ? {} : { error: why };
  const outcome = {
    exitCode: null,
    timedOut: false,
    cancelled,
    timeoutMs: run.timeoutMs,
    events: [],
    ...error
  };
  return { outcome, startedAt: now, finishedAt: now, truncated: false, outputs: [] };
}

export {
  failing,
  formatRate,
  annotations,
  setupLine,
  setupErrorMarkdown,
  commentMarker,
  prComment,
  setupErrorXml,
  findResultsDirs,
  readEvents,
  writeReports,
  parseShard,
  formatShard,
  mergeResults,
  suggestionFor,
  selectRuns,
  checkCount,
  runEval
};
