import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  HEADER_NAME,
  formatHostPort,
  http,
  parseHostPort
} from "./chunk-27NLCFX3.js";
import {
  privateSocketHashes,
  writeLog
} from "./chunk-OTUHDGGY.js";
import {
  SYSTEM_BUNDLES,
  gatewayHostsOf,
  nativeBinary
} from "./chunk-QHHH2ICV.js";
import {
  chownToInvoker
} from "./chunk-HMOPORX4.js";
import {
  bindBinaries,
  formatEvent,
  hostMatches,
  normalizeHost,
  parseTarget,
  readEventLog,
  redactedTarget,
  withBindings,
  writablePaths
} from "./chunk-4AY27MHB.js";
import {
  PaddockError,
  __commonJS,
  __require,
  __toESM,
  errorMessage,
  isPaddockError
} from "./chunk-SOSAWCCV.js";

// node_modules/dns-packet/types.js
var require_types = __commonJS({
  "node_modules/dns-packet/types.js"(exports) {
    "use strict";
    exports.toString = function(type) {
      switch (type) {
        case 1:
          return "A";
        case 10:
          return "NULL";
        case 28:
          return "AAAA";
        case 18:
          return "AFSDB";
        case 42:
          return "APL";
        case 257:
          return "CAA";
        case 60:
          return "CDNSKEY";
        case 59:
          return "CDS";
        case 37:
          return "CERT";
        case 5:
          return "CNAME";
        case 49:
          return "DHCID";
        case 32769:
          return "DLV";
        case 39:
          return "DNAME";
        case 48:
          return "DNSKEY";
        case 43:
          return "DS";
        case 55:
          return "HIP";
        case 13:
          return "HINFO";
        case 45:
          return "IPSECKEY";
        case 25:
          return "KEY";
        case 36:
          return "KX";
        case 29:
          return "LOC";
        case 15:
          return "MX";
        case 35:
          return "NAPTR";
        case 2:
          return "NS";
        case 47:
          return "NSEC";
        case 50:
          return "NSEC3";
        case 51:
          return "NSEC3PARAM";
        case 12:
          return "PTR";
        case 46:
          return "RRSIG";
        case 17:
          return "RP";
        case 24:
          return "SIG";
        case 6:
          return "SOA";
        case 99:
          return "SPF";
        case 33:
          return "SRV";
        case 44:
          return "SSHFP";
        case 32768:
          return "TA";
        case 249:
          return "TKEY";
        case 52:
          return "TLSA";
        case 250:
          return "TSIG";
        case 16:
          return "TXT";
        case 252:
          return "AXFR";
        case 251:
          return "IXFR";
        case 41:
          return "OPT";
        case 255:
          return "ANY";
      }
      return "UNKNOWN_" + type;
    };
    exports.toType = function(name2) {
      switch (name2.toUpperCase()) {
        case "A":
          return 1;
        case "NULL":
          return 10;
        case "AAAA":
          return 28;
        case "AFSDB":
          return 18;
        case "APL":
          return 42;
        case "CAA":
          return 257;
        case "CDNSKEY":
          return 60;
        case "CDS":
          return 59;
        case "CERT":
          return 37;
        case "CNAME":
          return 5;
        case "DHCID":
          return 49;
        case "DLV":
          return 32769;
        case "DNAME":
          return 39;
        case "DNSKEY":
          return 48;
        case "DS":
          return 43;
        case "HIP":
          return 55;
        case "HINFO":
          return 13;
        case "IPSECKEY":
          return 45;
        case "KEY":
          return 25;
        case "KX":
          return 36;
        case "LOC":
          return 29;
        case "MX":
          return 15;
        case "NAPTR":
          return 35;
        case "NS":
          return 2;
        case "NSEC":
          return 47;
        case "NSEC3":
          return 50;
        case "NSEC3PARAM":
          return 51;
        case "PTR":
          return 12;
        case "RRSIG":
          return 46;
        case "RP":
          return 17;
        case "SIG":
          return 24;
        case "SOA":
          return 6;
        case "SPF":
          return 99;
        case "SRV":
          return 33;
        case "SSHFP":
          return 44;
        case "TA":
          return 32768;
        case "TKEY":
          return 249;
        case "TLSA":
          return 52;
        case "TSIG":
          return 250;
        case "TXT":
          return 16;
        case "AXFR":
          return 252;
        case "IXFR":
          return 251;
        case "OPT":
          return 41;
        case "ANY":
          return 255;
        case "*":
          return 255;
      }
      if (name2.toUpperCase().startsWith("UNKNOWN_")) return parseInt(name2.slice(8));
      return 0;
    };
  }
});

// node_modules/dns-packet/rcodes.js
var require_rcodes = __commonJS({
  "node_modules/dns-packet/rcodes.js"(exports) {
    "use strict";
    exports.toString = function(rcode) {
      switch (rcode) {
        case 0:
          return "NOERROR";
        case 1:
          return "FORMERR";
        case 2:
          return "SERVFAIL";
        case 3:
          return "NXDOMAIN";
        case 4:
          return "NOTIMP";
        case 5:
          return "REFUSED";
        case 6:
          return "YXDOMAIN";
        case 7:
          return "YXRRSET";
        case 8:
          return "NXRRSET";
        case 9:
          return "NOTAUTH";
        case 10:
          return "NOTZONE";
        case 11:
          return "RCODE_11";
        case 12:
          return "RCODE_12";
        case 13:
          return "RCODE_13";
        case 14:
          return "RCODE_14";
        case 15:
          return "RCODE_15";
      }
      return "RCODE_" + rcode;
    };
    exports.toRcode = function(code) {
      switch (code.toUpperCase()) {
        case "NOERROR":
          return 0;
        case "FORMERR":
          return 1;
        case "SERVFAIL":
          return 2;
        case "NXDOMAIN":
          return 3;
        case "NOTIMP":
          return 4;
        case "REFUSED":
          return 5;
        case "YXDOMAIN":
          return 6;
        case "YXRRSET":
          return 7;
        case "NXRRSET":
          return 8;
        case "NOTAUTH":
          return 9;
        case "NOTZONE":
          return 10;
        case "RCODE_11":
          return 11;
        case "RCODE_12":
          return 12;
        case "RCODE_13":
          return 13;
        case "RCODE_14":
          return 14;
        case "RCODE_15":
          return 15;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/opcodes.js
var require_opcodes = __commonJS({
  "node_modules/dns-packet/opcodes.js"(exports) {
    "use strict";
    exports.toString = function(opcode) {
      switch (opcode) {
        case 0:
          return "QUERY";
        case 1:
          return "IQUERY";
        case 2:
          return "STATUS";
        case 3:
          return "OPCODE_3";
        case 4:
          return "NOTIFY";
        case 5:
          return "UPDATE";
        case 6:
          return "OPCODE_6";
        case 7:
          return "OPCODE_7";
        case 8:
          return "OPCODE_8";
        case 9:
          return "OPCODE_9";
        case 10:
          return "OPCODE_10";
        case 11:
          return "OPCODE_11";
        case 12:
          return "OPCODE_12";
        case 13:
          return "OPCODE_13";
        case 14:
          return "OPCODE_14";
        case 15:
          return "OPCODE_15";
      }
      return "OPCODE_" + opcode;
    };
    exports.toOpcode = function(code) {
      switch (code.toUpperCase()) {
        case "QUERY":
          return 0;
        case "IQUERY":
          return 1;
        case "STATUS":
          return 2;
        case "OPCODE_3":
          return 3;
        case "NOTIFY":
          return 4;
        case "UPDATE":
          return 5;
        case "OPCODE_6":
          return 6;
        case "OPCODE_7":
          return 7;
        case "OPCODE_8":
          return 8;
        case "OPCODE_9":
          return 9;
        case "OPCODE_10":
          return 10;
        case "OPCODE_11":
          return 11;
        case "OPCODE_12":
          return 12;
        case "OPCODE_13":
          return 13;
        case "OPCODE_14":
          return 14;
        case "OPCODE_15":
          return 15;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/classes.js
var require_classes = __commonJS({
  "node_modules/dns-packet/classes.js"(exports) {
    "use strict";
    exports.toString = function(klass) {
      switch (klass) {
        case 1:
          return "IN";
        case 2:
          return "CS";
        case 3:
          return "CH";
        case 4:
          return "HS";
        case 255:
          return "ANY";
      }
      return "UNKNOWN_" + klass;
    };
    exports.toClass = function(name2) {
      switch (name2.toUpperCase()) {
        case "IN":
          return 1;
        case "CS":
          return 2;
        case "CH":
          return 3;
        case "HS":
          return 4;
        case "ANY":
          return 255;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/optioncodes.js
var require_optioncodes = __commonJS({
  "node_modules/dns-packet/optioncodes.js"(exports) {
    "use strict";
    exports.toString = function(type) {
      switch (type) {
        // list at
        // https://www.iana.org/assignments/dns-parameters/dns-parameters.xhtml#dns-parameters-11
        case 1:
          return "LLQ";
        case 2:
          return "UL";
        case 3:
          return "NSID";
        case 5:
          return "DAU";
        case 6:
          return "DHU";
        case 7:
          return "N3U";
        case 8:
          return "CLIENT_SUBNET";
        case 9:
          return "EXPIRE";
        case 10:
          return "COOKIE";
        case 11:
          return "TCP_KEEPALIVE";
        case 12:
          return "PADDING";
        case 13:
          return "CHAIN";
        case 14:
          return "KEY_TAG";
        case 26946:
          return "DEVICEID";
      }
      if (type < 0) {
        return null;
      }
      return `OPTION_${type}`;
    };
    exports.toCode = function(name2) {
      if (typeof name2 === "number") {
        return name2;
      }
      if (!name2) {
        return -1;
      }
      switch (name2.toUpperCase()) {
        case "OPTION_0":
          return 0;
        case "LLQ":
          return 1;
        case "UL":
          return 2;
        case "NSID":
          return 3;
        case "OPTION_4":
          return 4;
        case "DAU":
          return 5;
        case "DHU":
          return 6;
        case "N3U":
          return 7;
        case "CLIENT_SUBNET":
          return 8;
        case "EXPIRE":
          return 9;
        case "COOKIE":
          return 10;
        case "TCP_KEEPALIVE":
          return 11;
        case "PADDING":
          return 12;
        case "CHAIN":
          return 13;
        case "KEY_TAG":
          return 14;
        case "DEVICEID":
          return 26946;
        case "OPTION_65535":
          return 65535;
      }
      const m = name2.match(/_(\d+)$/);
      if (m) {
        return parseInt(m[1], 10);
      }
      return -1;
    };
  }
});

// node_modules/@leichtgewicht/ip-codec/index.cjs
var require_ip_codec = __commonJS({
  "node_modules/@leichtgewicht/ip-codec/index.cjs"(exports, module) {
    var ipCodec = (function(exports2) {
      "use strict";
      Object.defineProperty(exports2, "__esModule", {
        value: true
      });
      exports2.decode = decode3;
      exports2.encode = encode;
      exports2.familyOf = familyOf;
      exports2.name = void 0;
      exports2.sizeOf = sizeOf;
      exports2.v6 = exports2.v4 = void 0;
      const v4Regex = /^(\d{1,3}\.){3,3}\d{1,3}$/;
      const v4Size = 4;
      const v6Regex = /^(::)?(((\d{1,3}\.){3}(\d{1,3}){1})?([0-9a-f]){0,4}:{0,2}){1,8}(::)?$/i;
      const v6Size = 16;
      const v4 = {
        name: "v4",
        size: v4Size,
        isFormat: (ip) => v4Regex.test(ip),
        encode(ip, buff, offset) {
          offset = ~~offset;
          buff = buff || new Uint8Array(offset + v4Size);
          const max = ip.length;
          let n = 0;
          for (let i = 0; i < max; ) {
            const c = ip.charCodeAt(i++);
            if (c === 46) {
              buff[offset++] = n;
              n = 0;
            } else {
              n = n * 10 + (c - 48);
            }
          }
          buff[offset] = n;
          return buff;
        },
        decode(buff, offset) {
          offset = ~~offset;
          return `${buff[offset++]}.${buff[offset++]}.${buff[offset++]}.${buff[offset]}`;
        }
      };
      exports2.v4 = v4;
      const v6 = {
        name: "v6",
        size: v6Size,
        isFormat: (ip) => ip.length > 0 && v6Regex.test(ip),
        encode(ip, buff, offset) {
          offset = ~~offset;
          let end = offset + v6Size;
          let fill = -1;
          let hexN = 0;
          let decN = 0;
          let prevColon = true;
          let useDec = false;
          buff = buff || new Uint8Array(offset + v6Size);
          for (let i = 0; i < ip.length; i++) {
            let c = ip.charCodeAt(i);
            if (c === 58) {
              if (prevColon) {
                if (fill !== -1) {
                  if (offset < end) buff[offset] = 0;
                  if (offset < end - 1) buff[offset + 1] = 0;
                  offset += 2;
                } else if (offset < end) {
                  fill = offset;
                }
              } else {
                if (useDec === true) {
                  if (offset < end) buff[offset] = decN;
                  offset++;
                } else {
                  if (offset < end) buff[offset] = hexN >> 8;
                  if (offset < end - 1) buff[offset + 1] = hexN & 255;
                  offset += 2;
                }
                hexN = 0;
                decN = 0;
              }
              prevColon = true;
              useDec = false;
            } else if (c === 46) {
              if (offset < end) buff[offset] = decN;
              offset++;
              decN = 0;
              hexN = 0;
              prevColon = false;
              useDec = true;
            } else {
              prevColon = false;
              if (c >= 97) {
                c -= 87;
              } else if (c >= 65) {
                c -= 55;
              } else {
                c -= 48;
                decN = decN * 10 + c;
              }
              hexN = (hexN << 4) + c;
            }
          }
          if (prevColon === false) {
            if (useDec === true) {
              if (offset < end) buff[offset] = decN;
              offset++;
            } else {
              if (offset < end) buff[offset] = hexN >> 8;
              if (offset < end - 1) buff[offset + 1] = hexN & 255;
              offset += 2;
            }
          } else if (fill === 0) {
            if (offset < end) buff[offset] = 0;
            if (offset < end - 1) buff[offset + 1] = 0;
            offset += 2;
          } else if (fill !== -1) {
            offset += 2;
            for (let i = Math.min(offset - 1, end - 1); i >= fill + 2; i--) {
              buff[i] = buff[i - 2];
            }
            buff[fill] = 0;
            buff[fill + 1] = 0;
            fill = offset;
          }
          if (fill !== offset && fill !== -1) {
            if (offset > end - 2) {
              offset = end - 2;
            }
            while (end > fill) {
              buff[--end] = offset < end && offset > fill ? buff[--offset] : 0;
            }
          } else {
            while (offset < end) {
              buff[offset++] = 0;
            }
          }
          return buff;
        },
        decode(buff, offset) {
          offset = ~~offset;
          let result = "";
          for (let i = 0; i < v6Size; i += 2) {
            if (i !== 0) {
              result += ":";
            }
            result += (buff[offset + i] << 8 | buff[offset + i + 1]).toString(16);
          }
          return result.replace(/(^|:)0(:0)*:0(:|$)/, "$1::$3").replace(/:{3,4}/, "::");
        }
      };
      exports2.v6 = v6;
      const name2 = "ip";
      exports2.name = name2;
      function sizeOf(ip) {
        if (v4.isFormat(ip)) return v4.size;
        if (v6.isFormat(ip)) return v6.size;
        throw Error(`Invalid ip address: ${ip}`);
      }
      function familyOf(string) {
        return sizeOf(string) === v4.size ? 1 : 2;
      }
      function encode(ip, buff, offset) {
        offset = ~~offset;
        const size = sizeOf(ip);
        if (typeof buff === "function") {
          buff = buff(offset + size);
        }
        if (size === v4.size) {
          return v4.encode(ip, buff, offset);
        }
        return v6.encode(ip, buff, offset);
      }
      function decode3(buff, offset, length2) {
        offset = ~~offset;
        length2 = length2 || buff.length - offset;
        if (length2 === v4.size) {
          return v4.decode(buff, offset, length2);
        }
        if (length2 === v6.size) {
          return v6.decode(buff, offset, length2);
        }
        throw Error(`Invalid buffer size needs to be ${v4.size} for v4 or ${v6.size} for v6.`);
      }
      return "default" in exports2 ? exports2.default : exports2;
    })({});
    if (typeof define === "function" && define.amd) define([], function() {
      return ipCodec;
    });
    else if (typeof module === "object" && typeof exports === "object") module.exports = ipCodec;
  }
});

// node_modules/dns-packet/index.js
var require_dns_packet = __commonJS({
  "node_modules/dns-packet/index.js"(exports) {
    "use strict";
    var Buffer2 = __require("buffer").Buffer;
    var types = require_types();
    var rcodes = require_rcodes();
    var opcodes = require_opcodes();
    var classes = require_classes();
    var optioncodes = require_optioncodes();
    var ip = require_ip_codec();
    var QUERY_FLAG = 0;
    var RESPONSE_FLAG = 1 << 15;
    var FLUSH_MASK = 1 << 15;
    var NOT_FLUSH_MASK = ~FLUSH_MASK;
    var QU_MASK = 1 << 15;
    var NOT_QU_MASK = ~QU_MASK;
    var name2 = exports.name = {};
    name2.encode = function(str, buf, offset, { mail = false } = {}) {
      if (!buf) buf = Buffer2.alloc(name2.encodingLength(str));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const n = str.replace(/^\.|\.$/gm, "");
      if (n.length) {
        let list = [];
        if (mail) {
          let localPart = "";
          n.split(".").forEach((label) => {
            if (label.endsWith("\\")) {
              localPart += (localPart.length ? "." : "") + label.slice(0, -1);
            } else {
              if (list.length === 0 && localPart.length) {
                list.push(localPart + "." + label);
              } else {
                list.push(label);
              }
            }
          });
        } else {
          list = n.split(".");
        }
        for (let i = 0; i < list.length; i++) {
          const len = buf.write(list[i], offset + 1);
          buf[offset] = len;
          offset += len + 1;
        }
      }
      buf[offset++] = 0;
      name2.encode.bytes = offset - oldOffset;
      return buf;
    };
    name2.encode.bytes = 0;
    name2.decode = function(buf, offset, { mail = false } = {}) {
      if (!offset) offset = 0;
      const list = [];
      let oldOffset = offset;
      let totalLength = 0;
      let consumedBytes = 0;
      let jumped = false;
      while (true) {
        if (offset >= buf.length) {
          throw new Error("Cannot decode name (buffer overflow)");
        }
        const len = buf[offset++];
        consumedBytes += jumped ? 0 : 1;
        if (len === 0) {
          break;
        } else if ((len & 192) === 0) {
          if (offset + len > buf.length) {
            throw new Error("Cannot decode name (buffer overflow)");
          }
          totalLength += len + 1;
          if (totalLength > 254) {
            throw new Error("Cannot decode name (name too long)");
          }
          let label = buf.toString("utf-8", offset, offset + len);
          if (mail) {
            label = label.replace(/\./g, "\\.");
          }
          list.push(label);
          offset += len;
          consumedBytes += jumped ? 0 : len;
        } else if ((len & 192) === 192) {
          if (offset + 1 > buf.length) {
            throw new Error("Cannot decode name (buffer overflow)");
          }
          const jumpOffset = buf.readUInt16BE(offset - 1) - 49152;
          if (jumpOffset >= oldOffset) {
            throw new Error("Cannot decode name (bad pointer)");
          }
          offset = jumpOffset;
          oldOffset = jumpOffset;
          consumedBytes += jumped ? 0 : 1;
          jumped = true;
        } else {
          throw new Error("Cannot decode name (bad label)");
        }
      }
      name2.decode.bytes = consumedBytes;
      return list.length === 0 ? "." : list.join(".");
    };
    name2.decode.bytes = 0;
    name2.encodingLength = function(n) {
      if (n === "." || n === "..") return 1;
      return Buffer2.byteLength(n.replace(/^\.|\.$/gm, "")) + 2;
    };
    var string = {};
    string.encode = function(s, buf, offset) {
      if (!buf) buf = Buffer2.alloc(string.encodingLength(s));
      if (!offset) offset = 0;
      const len = buf.write(s, offset + 1);
      buf[offset] = len;
      string.encode.bytes = len + 1;
      return buf;
    };
    string.encode.bytes = 0;
    string.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf[offset];
      const s = buf.toString("utf-8", offset + 1, offset + 1 + len);
      string.decode.bytes = len + 1;
      return s;
    };
    string.decode.bytes = 0;
    string.encodingLength = function(s) {
      return Buffer2.byteLength(s) + 1;
    };
    var header = {};
    header.encode = function(h, buf, offset) {
      if (!buf) buf = header.encodingLength(h);
      if (!offset) offset = 0;
      const flags2 = (h.flags || 0) & 32767;
      const type = h.type === "response" ? RESPONSE_FLAG : QUERY_FLAG;
      buf.writeUInt16BE(h.id || 0, offset);
      buf.writeUInt16BE(flags2 | type, offset + 2);
      buf.writeUInt16BE(h.questions.length, offset + 4);
      buf.writeUInt16BE(h.answers.length, offset + 6);
      buf.writeUInt16BE(h.authorities.length, offset + 8);
      buf.writeUInt16BE(h.additionals.length, offset + 10);
      return buf;
    };
    header.encode.bytes = 12;
    header.decode = function(buf, offset) {
      if (!offset) offset = 0;
      if (buf.length < 12) throw new Error("Header must be 12 bytes");
      const flags2 = buf.readUInt16BE(offset + 2);
      return {
        id: buf.readUInt16BE(offset),
        type: flags2 & RESPONSE_FLAG ? "response" : "query",
        flags: flags2 & 32767,
        flag_qr: (flags2 >> 15 & 1) === 1,
        opcode: opcodes.toString(flags2 >> 11 & 15),
        flag_aa: (flags2 >> 10 & 1) === 1,
        flag_tc: (flags2 >> 9 & 1) === 1,
        flag_rd: (flags2 >> 8 & 1) === 1,
        flag_ra: (flags2 >> 7 & 1) === 1,
        flag_z: (flags2 >> 6 & 1) === 1,
        flag_ad: (flags2 >> 5 & 1) === 1,
        flag_cd: (flags2 >> 4 & 1) === 1,
        rcode: rcodes.toString(flags2 & 15),
        questions: new Array(buf.readUInt16BE(offset + 4)),
        answers: new Array(buf.readUInt16BE(offset + 6)),
        authorities: new Array(buf.readUInt16BE(offset + 8)),
        additionals: new Array(buf.readUInt16BE(offset + 10))
      };
    };
    header.decode.bytes = 12;
    header.encodingLength = function() {
      return 12;
    };
    var runknown = exports.unknown = {};
    runknown.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(runknown.encodingLength(data));
      if (!offset) offset = 0;
      buf.writeUInt16BE(data.length, offset);
      data.copy(buf, offset + 2);
      runknown.encode.bytes = data.length + 2;
      return buf;
    };
    runknown.encode.bytes = 0;
    runknown.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const data = buf.slice(offset + 2, offset + 2 + len);
      runknown.decode.bytes = len + 2;
      return data;
    };
    runknown.decode.bytes = 0;
    runknown.encodingLength = function(data) {
      return data.length + 2;
    };
    var rns = exports.ns = {};
    rns.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rns.encodingLength(data));
      if (!offset) offset = 0;
      name2.encode(data, buf, offset + 2);
      buf.writeUInt16BE(name2.encode.bytes, offset);
      rns.encode.bytes = name2.encode.bytes + 2;
      return buf;
    };
    rns.encode.bytes = 0;
    rns.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const dd = name2.decode(buf, offset + 2);
      rns.decode.bytes = len + 2;
      return dd;
    };
    rns.decode.bytes = 0;
    rns.encodingLength = function(data) {
      return name2.encodingLength(data) + 2;
    };
    var rsoa = exports.soa = {};
    rsoa.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsoa.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name2.encode(data.mname, buf, offset);
      offset += name2.encode.bytes;
      name2.encode(data.rname, buf, offset, { mail: true });
      offset += name2.encode.bytes;
      buf.writeUInt32BE(data.serial || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.refresh || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.retry || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.expire || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.minimum || 0, offset);
      offset += 4;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rsoa.encode.bytes = offset - oldOffset;
      return buf;
    };
    rsoa.encode.bytes = 0;
    rsoa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.mname = name2.decode(buf, offset);
      offset += name2.decode.bytes;
      data.rname = name2.decode(buf, offset, { mail: true });
      offset += name2.decode.bytes;
      data.serial = buf.readUInt32BE(offset);
      offset += 4;
      data.refresh = buf.readUInt32BE(offset);
      offset += 4;
      data.retry = buf.readUInt32BE(offset);
      offset += 4;
      data.expire = buf.readUInt32BE(offset);
      offset += 4;
      data.minimum = buf.readUInt32BE(offset);
      offset += 4;
      rsoa.decode.bytes = offset - oldOffset;
      return data;
    };
    rsoa.decode.bytes = 0;
    rsoa.encodingLength = function(data) {
      return 22 + name2.encodingLength(data.mname) + name2.encodingLength(data.rname);
    };
    var rtxt = exports.txt = {};
    rtxt.encode = function(data, buf, offset) {
      if (!Array.isArray(data)) data = [data];
      for (let i = 0; i < data.length; i++) {
        if (typeof data[i] === "string") {
          data[i] = Buffer2.from(data[i]);
        }
        if (!Buffer2.isBuffer(data[i])) {
          throw new Error("Must be a Buffer");
        }
      }
      if (!buf) buf = Buffer2.alloc(rtxt.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      data.forEach(function(d) {
        buf[offset++] = d.length;
        d.copy(buf, offset, 0, d.length);
        offset += d.length;
      });
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rtxt.encode.bytes = offset - oldOffset;
      return buf;
    };
    rtxt.encode.bytes = 0;
    rtxt.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      let remaining = buf.readUInt16BE(offset);
      offset += 2;
      let data = [];
      while (remaining > 0) {
        const len = buf[offset++];
        --remaining;
        if (remaining < len) {
          throw new Error("Buffer overflow");
        }
        data.push(buf.slice(offset, offset + len));
        offset += len;
        remaining -= len;
      }
      rtxt.decode.bytes = offset - oldOffset;
      return data;
    };
    rtxt.decode.bytes = 0;
    rtxt.encodingLength = function(data) {
      if (!Array.isArray(data)) data = [data];
      let length2 = 2;
      data.forEach(function(buf) {
        if (typeof buf === "string") {
          length2 += Buffer2.byteLength(buf) + 1;
        } else {
          length2 += buf.length + 1;
        }
      });
      return length2;
    };
    var rnull = exports.null = {};
    rnull.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnull.encodingLength(data));
      if (!offset) offset = 0;
      if (typeof data === "string") data = Buffer2.from(data);
      if (!data) data = Buffer2.alloc(0);
      const oldOffset = offset;
      offset += 2;
      const len = data.length;
      data.copy(buf, offset, 0, len);
      offset += len;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rnull.encode.bytes = offset - oldOffset;
      return buf;
    };
    rnull.encode.bytes = 0;
    rnull.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      const data = buf.slice(offset, offset + len);
      offset += len;
      rnull.decode.bytes = offset - oldOffset;
      return data;
    };
    rnull.decode.bytes = 0;
    rnull.encodingLength = function(data) {
      if (!data) return 2;
      return (Buffer2.isBuffer(data) ? data.length : Buffer2.byteLength(data)) + 2;
    };
    var rhinfo = exports.hinfo = {};
    rhinfo.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rhinfo.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      string.encode(data.cpu, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.os, buf, offset);
      offset += string.encode.bytes;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rhinfo.encode.bytes = offset - oldOffset;
      return buf;
    };
    rhinfo.encode.bytes = 0;
    rhinfo.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.cpu = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.os = string.decode(buf, offset);
      offset += string.decode.bytes;
      rhinfo.decode.bytes = offset - oldOffset;
      return data;
    };
    rhinfo.decode.bytes = 0;
    rhinfo.encodingLength = function(data) {
      return string.encodingLength(data.cpu) + string.encodingLength(data.os) + 2;
    };
    var rptr = exports.ptr = {};
    var rcname = exports.cname = rptr;
    var rdname = exports.dname = rptr;
    rptr.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rptr.encodingLength(data));
      if (!offset) offset = 0;
      name2.encode(data, buf, offset + 2);
      buf.writeUInt16BE(name2.encode.bytes, offset);
      rptr.encode.bytes = name2.encode.bytes + 2;
      return buf;
    };
    rptr.encode.bytes = 0;
    rptr.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const data = name2.decode(buf, offset + 2);
      rptr.decode.bytes = name2.decode.bytes + 2;
      return data;
    };
    rptr.decode.bytes = 0;
    rptr.encodingLength = function(data) {
      return name2.encodingLength(data) + 2;
    };
    var rsrv = exports.srv = {};
    rsrv.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsrv.encodingLength(data));
      if (!offset) offset = 0;
      buf.writeUInt16BE(data.priority || 0, offset + 2);
      buf.writeUInt16BE(data.weight || 0, offset + 4);
      buf.writeUInt16BE(data.port || 0, offset + 6);
      name2.encode(data.target, buf, offset + 8);
      const len = name2.encode.bytes + 6;
      buf.writeUInt16BE(len, offset);
      rsrv.encode.bytes = len + 2;
      return buf;
    };
    rsrv.encode.bytes = 0;
    rsrv.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const data = {};
      data.priority = buf.readUInt16BE(offset + 2);
      data.weight = buf.readUInt16BE(offset + 4);
      data.port = buf.readUInt16BE(offset + 6);
      data.target = name2.decode(buf, offset + 8);
      rsrv.decode.bytes = len + 2;
      return data;
    };
    rsrv.decode.bytes = 0;
    rsrv.encodingLength = function(data) {
      return 8 + name2.encodingLength(data.target);
    };
    var rcaa = exports.caa = {};
    rcaa.ISSUER_CRITICAL = 1 << 7;
    rcaa.encode = function(data, buf, offset) {
      const len = rcaa.encodingLength(data);
      if (!buf) buf = Buffer2.alloc(rcaa.encodingLength(data));
      if (!offset) offset = 0;
      if (data.issuerCritical) {
        data.flags = rcaa.ISSUER_CRITICAL;
      }
      buf.writeUInt16BE(len - 2, offset);
      offset += 2;
      buf.writeUInt8(data.flags || 0, offset);
      offset += 1;
      string.encode(data.tag, buf, offset);
      offset += string.encode.bytes;
      buf.write(data.value, offset);
      offset += Buffer2.byteLength(data.value);
      rcaa.encode.bytes = len;
      return buf;
    };
    rcaa.encode.bytes = 0;
    rcaa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      const oldOffset = offset;
      const data = {};
      data.flags = buf.readUInt8(offset);
      offset += 1;
      data.tag = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.value = buf.toString("utf-8", offset, oldOffset + len);
      data.issuerCritical = !!(data.flags & rcaa.ISSUER_CRITICAL);
      rcaa.decode.bytes = len + 2;
      return data;
    };
    rcaa.decode.bytes = 0;
    rcaa.encodingLength = function(data) {
      return string.encodingLength(data.tag) + string.encodingLength(data.value) + 2;
    };
    var rmx = exports.mx = {};
    rmx.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rmx.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf.writeUInt16BE(data.preference || 0, offset);
      offset += 2;
      name2.encode(data.exchange, buf, offset);
      offset += name2.encode.bytes;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rmx.encode.bytes = offset - oldOffset;
      return buf;
    };
    rmx.encode.bytes = 0;
    rmx.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.preference = buf.readUInt16BE(offset);
      offset += 2;
      data.exchange = name2.decode(buf, offset);
      offset += name2.decode.bytes;
      rmx.decode.bytes = offset - oldOffset;
      return data;
    };
    rmx.encodingLength = function(data) {
      return 4 + name2.encodingLength(data.exchange);
    };
    var ra = exports.a = {};
    ra.encode = function(host, buf, offset) {
      if (!buf) buf = Buffer2.alloc(ra.encodingLength(host));
      if (!offset) offset = 0;
      buf.writeUInt16BE(4, offset);
      offset += 2;
      ip.v4.encode(host, buf, offset);
      ra.encode.bytes = 6;
      return buf;
    };
    ra.encode.bytes = 0;
    ra.decode = function(buf, offset) {
      if (!offset) offset = 0;
      offset += 2;
      const host = ip.v4.decode(buf, offset);
      ra.decode.bytes = 6;
      return host;
    };
    ra.decode.bytes = 0;
    ra.encodingLength = function() {
      return 6;
    };
    var raaaa = exports.aaaa = {};
    raaaa.encode = function(host, buf, offset) {
      if (!buf) buf = Buffer2.alloc(raaaa.encodingLength(host));
      if (!offset) offset = 0;
      buf.writeUInt16BE(16, offset);
      offset += 2;
      ip.v6.encode(host, buf, offset);
      raaaa.encode.bytes = 18;
      return buf;
    };
    raaaa.encode.bytes = 0;
    raaaa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      offset += 2;
      const host = ip.v6.decode(buf, offset);
      raaaa.decode.bytes = 18;
      return host;
    };
    raaaa.decode.bytes = 0;
    raaaa.encodingLength = function() {
      return 18;
    };
    var roption = exports.option = {};
    roption.encode = function(option, buf, offset) {
      if (!buf) buf = Buffer2.alloc(roption.encodingLength(option));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const code = optioncodes.toCode(option.code);
      buf.writeUInt16BE(code, offset);
      offset += 2;
      if (option.data) {
        buf.writeUInt16BE(option.data.length, offset);
        offset += 2;
        option.data.copy(buf, offset);
        offset += option.data.length;
      } else {
        switch (code) {
          // case 3: NSID.  No encode makes sense.
          // case 5,6,7: Not implementable
          case 8:
            const spl = option.sourcePrefixLength || 0;
            const fam = option.family || ip.familyOf(option.ip);
            const ipBuf = ip.encode(option.ip, Buffer2.alloc);
            const ipLen = Math.ceil(spl / 8);
            buf.writeUInt16BE(ipLen + 4, offset);
            offset += 2;
            buf.writeUInt16BE(fam, offset);
            offset += 2;
            buf.writeUInt8(spl, offset++);
            buf.writeUInt8(option.scopePrefixLength || 0, offset++);
            ipBuf.copy(buf, offset, 0, ipLen);
            offset += ipLen;
            break;
          // case 9: EXPIRE (experimental)
          // case 10: COOKIE.  No encode makes sense.
          case 11:
            if (option.timeout) {
              buf.writeUInt16BE(2, offset);
              offset += 2;
              buf.writeUInt16BE(option.timeout, offset);
              offset += 2;
            } else {
              buf.writeUInt16BE(0, offset);
              offset += 2;
            }
            break;
          case 12:
            const len = option.length || 0;
            buf.writeUInt16BE(len, offset);
            offset += 2;
            buf.fill(0, offset, offset + len);
            offset += len;
            break;
          // case 13:  CHAIN.  Experimental.
          case 14:
            const tagsLen = option.tags.length * 2;
            buf.writeUInt16BE(tagsLen, offset);
            offset += 2;
            for (const tag of option.tags) {
              buf.writeUInt16BE(tag, offset);
              offset += 2;
            }
            break;
          default:
            throw new Error(`Unknown roption code: ${option.code}`);
        }
      }
      roption.encode.bytes = offset - oldOffset;
      return buf;
    };
    roption.encode.bytes = 0;
    roption.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const option = {};
      option.code = buf.readUInt16BE(offset);
      option.type = optioncodes.toString(option.code);
      offset += 2;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      option.data = buf.slice(offset, offset + len);
      switch (option.code) {
        // case 3: NSID.  No decode makes sense.
        case 8:
          option.family = buf.readUInt16BE(offset);
          offset += 2;
          option.sourcePrefixLength = buf.readUInt8(offset++);
          option.scopePrefixLength = buf.readUInt8(offset++);
          const padded = Buffer2.alloc(option.family === 1 ? 4 : 16);
          buf.copy(padded, 0, offset, offset + len - 4);
          option.ip = ip.decode(padded);
          break;
        // case 12: Padding.  No decode makes sense.
        case 11:
          if (len > 0) {
            option.timeout = buf.readUInt16BE(offset);
            offset += 2;
          }
          break;
        case 14:
          option.tags = [];
          for (let i = 0; i < len; i += 2) {
            option.tags.push(buf.readUInt16BE(offset));
            offset += 2;
          }
      }
      roption.decode.bytes = len + 4;
      return option;
    };
    roption.decode.bytes = 0;
    roption.encodingLength = function(option) {
      if (option.data) {
        return option.data.length + 4;
      }
      const code = optioncodes.toCode(option.code);
      switch (code) {
        case 8:
          const spl = option.sourcePrefixLength || 0;
          return Math.ceil(spl / 8) + 8;
        case 11:
          return typeof option.timeout === "number" ? 6 : 4;
        case 12:
          return option.length + 4;
        case 14:
          return 4 + option.tags.length * 2;
      }
      throw new Error(`Unknown roption code: ${option.code}`);
    };
    var ropt = exports.opt = {};
    ropt.encode = function(options, buf, offset) {
      if (!buf) buf = Buffer2.alloc(ropt.encodingLength(options));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const rdlen = encodingLengthList(options, roption);
      buf.writeUInt16BE(rdlen, offset);
      offset = encodeList(options, roption, buf, offset + 2);
      ropt.encode.bytes = offset - oldOffset;
      return buf;
    };
    ropt.encode.bytes = 0;
    ropt.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const options = [];
      let rdlen = buf.readUInt16BE(offset);
      offset += 2;
      let o = 0;
      while (rdlen > 0) {
        options[o++] = roption.decode(buf, offset);
        offset += roption.decode.bytes;
        rdlen -= roption.decode.bytes;
      }
      ropt.decode.bytes = offset - oldOffset;
      return options;
    };
    ropt.decode.bytes = 0;
    ropt.encodingLength = function(options) {
      return 2 + encodingLengthList(options || [], roption);
    };
    var rdnskey = exports.dnskey = {};
    rdnskey.PROTOCOL_DNSSEC = 3;
    rdnskey.ZONE_KEY = 128;
    rdnskey.SECURE_ENTRYPOINT = 32768;
    rdnskey.encode = function(key, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rdnskey.encodingLength(key));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const keydata = key.key;
      if (!Buffer2.isBuffer(keydata)) {
        throw new Error("Key must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(key.flags, offset);
      offset += 2;
      buf.writeUInt8(rdnskey.PROTOCOL_DNSSEC, offset);
      offset += 1;
      buf.writeUInt8(key.algorithm, offset);
      offset += 1;
      keydata.copy(buf, offset, 0, keydata.length);
      offset += keydata.length;
      rdnskey.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rdnskey.encode.bytes - 2, oldOffset);
      return buf;
    };
    rdnskey.encode.bytes = 0;
    rdnskey.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var key = {};
      var length2 = buf.readUInt16BE(offset);
      offset += 2;
      key.flags = buf.readUInt16BE(offset);
      offset += 2;
      if (buf.readUInt8(offset) !== rdnskey.PROTOCOL_DNSSEC) {
        throw new Error("Protocol must be 3");
      }
      offset += 1;
      key.algorithm = buf.readUInt8(offset);
      offset += 1;
      key.key = buf.slice(offset, oldOffset + length2 + 2);
      offset += key.key.length;
      rdnskey.decode.bytes = offset - oldOffset;
      return key;
    };
    rdnskey.decode.bytes = 0;
    rdnskey.encodingLength = function(key) {
      return 6 + Buffer2.byteLength(key.key);
    };
    var rrrsig = exports.rrsig = {};
    rrrsig.encode = function(sig, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rrrsig.encodingLength(sig));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const signature = sig.signature;
      if (!Buffer2.isBuffer(signature)) {
        throw new Error("Signature must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(types.toType(sig.typeCovered), offset);
      offset += 2;
      buf.writeUInt8(sig.algorithm, offset);
      offset += 1;
      buf.writeUInt8(sig.labels, offset);
      offset += 1;
      buf.writeUInt32BE(sig.originalTTL, offset);
      offset += 4;
      buf.writeUInt32BE(sig.expiration, offset);
      offset += 4;
      buf.writeUInt32BE(sig.inception, offset);
      offset += 4;
      buf.writeUInt16BE(sig.keyTag, offset);
      offset += 2;
      name2.encode(sig.signersName, buf, offset);
      offset += name2.encode.bytes;
      signature.copy(buf, offset, 0, signature.length);
      offset += signature.length;
      rrrsig.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rrrsig.encode.bytes - 2, oldOffset);
      return buf;
    };
    rrrsig.encode.bytes = 0;
    rrrsig.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var sig = {};
      var length2 = buf.readUInt16BE(offset);
      offset += 2;
      sig.typeCovered = types.toString(buf.readUInt16BE(offset));
      offset += 2;
      sig.algorithm = buf.readUInt8(offset);
      offset += 1;
      sig.labels = buf.readUInt8(offset);
      offset += 1;
      sig.originalTTL = buf.readUInt32BE(offset);
      offset += 4;
      sig.expiration = buf.readUInt32BE(offset);
      offset += 4;
      sig.inception = buf.readUInt32BE(offset);
      offset += 4;
      sig.keyTag = buf.readUInt16BE(offset);
      offset += 2;
      sig.signersName = name2.decode(buf, offset);
      offset += name2.decode.bytes;
      sig.signature = buf.slice(offset, oldOffset + length2 + 2);
      offset += sig.signature.length;
      rrrsig.decode.bytes = offset - oldOffset;
      return sig;
    };
    rrrsig.decode.bytes = 0;
    rrrsig.encodingLength = function(sig) {
      return 20 + name2.encodingLength(sig.signersName) + Buffer2.byteLength(sig.signature);
    };
    var rrp = exports.rp = {};
    rrp.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rrp.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name2.encode(data.mbox || ".", buf, offset, { mail: true });
      offset += name2.encode.bytes;
      name2.encode(data.txt || ".", buf, offset);
      offset += name2.encode.bytes;
      rrp.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rrp.encode.bytes - 2, oldOffset);
      return buf;
    };
    rrp.encode.bytes = 0;
    rrp.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.mbox = name2.decode(buf, offset, { mail: true }) || ".";
      offset += name2.decode.bytes;
      data.txt = name2.decode(buf, offset) || ".";
      offset += name2.decode.bytes;
      rrp.decode.bytes = offset - oldOffset;
      return data;
    };
    rrp.decode.bytes = 0;
    rrp.encodingLength = function(data) {
      return 2 + name2.encodingLength(data.mbox || ".") + name2.encodingLength(data.txt || ".");
    };
    var typebitmap = {};
    typebitmap.encode = function(typelist, buf, offset) {
      if (!buf) buf = Buffer2.alloc(typebitmap.encodingLength(typelist));
      if (!offset) offset = 0;
      const oldOffset = offset;
      var typesByWindow = [];
      for (var i = 0; i < typelist.length; i++) {
        var typeid = types.toType(typelist[i]);
        if (typesByWindow[typeid >> 8] === void 0) {
          typesByWindow[typeid >> 8] = [];
        }
        typesByWindow[typeid >> 8][typeid >> 3 & 31] |= 1 << 7 - (typeid & 7);
      }
      for (i = 0; i < typesByWindow.length; i++) {
        if (typesByWindow[i] !== void 0) {
          var windowBuf = Buffer2.from(typesByWindow[i]);
          buf.writeUInt8(i, offset);
          offset += 1;
          buf.writeUInt8(windowBuf.length, offset);
          offset += 1;
          windowBuf.copy(buf, offset);
          offset += windowBuf.length;
        }
      }
      typebitmap.encode.bytes = offset - oldOffset;
      return buf;
    };
    typebitmap.encode.bytes = 0;
    typebitmap.decode = function(buf, offset, length2) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var typelist = [];
      while (offset - oldOffset < length2) {
        var window = buf.readUInt8(offset);
        offset += 1;
        var windowLength = buf.readUInt8(offset);
        offset += 1;
        for (var i = 0; i < windowLength; i++) {
          var b = buf.readUInt8(offset + i);
          for (var j = 0; j < 8; j++) {
            if (b & 1 << 7 - j) {
              var typeid = types.toString(window << 8 | i << 3 | j);
              typelist.push(typeid);
            }
          }
        }
        offset += windowLength;
      }
      typebitmap.decode.bytes = offset - oldOffset;
      return typelist;
    };
    typebitmap.decode.bytes = 0;
    typebitmap.encodingLength = function(typelist) {
      var extents = [];
      for (var i = 0; i < typelist.length; i++) {
        var typeid = types.toType(typelist[i]);
        extents[typeid >> 8] = Math.max(extents[typeid >> 8] || 0, typeid & 255);
      }
      var len = 0;
      for (i = 0; i < extents.length; i++) {
        if (extents[i] !== void 0) {
          len += 2 + Math.ceil((extents[i] + 1) / 8);
        }
      }
      return len;
    };
    var rnsec = exports.nsec = {};
    rnsec.encode = function(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnsec.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name2.encode(record.nextDomain, buf, offset);
      offset += name2.encode.bytes;
      typebitmap.encode(record.rrtypes, buf, offset);
      offset += typebitmap.encode.bytes;
      rnsec.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnsec.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnsec.encode.bytes = 0;
    rnsec.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var record = {};
      var length2 = buf.readUInt16BE(offset);
      offset += 2;
      record.nextDomain = name2.decode(buf, offset);
      offset += name2.decode.bytes;
      record.rrtypes = typebitmap.decode(buf, offset, length2 - (offset - oldOffset));
      offset += typebitmap.decode.bytes;
      rnsec.decode.bytes = offset - oldOffset;
      return record;
    };
    rnsec.decode.bytes = 0;
    rnsec.encodingLength = function(record) {
      return 2 + name2.encodingLength(record.nextDomain) + typebitmap.encodingLength(record.rrtypes);
    };
    var rnsec3 = exports.nsec3 = {};
    rnsec3.encode = function(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnsec3.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const salt = record.salt;
      if (!Buffer2.isBuffer(salt)) {
        throw new Error("salt must be a Buffer");
      }
      const nextDomain = record.nextDomain;
      if (!Buffer2.isBuffer(nextDomain)) {
        throw new Error("nextDomain must be a Buffer");
      }
      offset += 2;
      buf.writeUInt8(record.algorithm, offset);
      offset += 1;
      buf.writeUInt8(record.flags, offset);
      offset += 1;
      buf.writeUInt16BE(record.iterations, offset);
      offset += 2;
      buf.writeUInt8(salt.length, offset);
      offset += 1;
      salt.copy(buf, offset, 0, salt.length);
      offset += salt.length;
      buf.writeUInt8(nextDomain.length, offset);
      offset += 1;
      nextDomain.copy(buf, offset, 0, nextDomain.length);
      offset += nextDomain.length;
      typebitmap.encode(record.rrtypes, buf, offset);
      offset += typebitmap.encode.bytes;
      rnsec3.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnsec3.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnsec3.encode.bytes = 0;
    rnsec3.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var record = {};
      var length2 = buf.readUInt16BE(offset);
      offset += 2;
      record.algorithm = buf.readUInt8(offset);
      offset += 1;
      record.flags = buf.readUInt8(offset);
      offset += 1;
      record.iterations = buf.readUInt16BE(offset);
      offset += 2;
      const saltLength = buf.readUInt8(offset);
      offset += 1;
      record.salt = buf.slice(offset, offset + saltLength);
      offset += saltLength;
      const hashLength = buf.readUInt8(offset);
      offset += 1;
      record.nextDomain = buf.slice(offset, offset + hashLength);
      offset += hashLength;
      record.rrtypes = typebitmap.decode(buf, offset, length2 - (offset - oldOffset));
      offset += typebitmap.decode.bytes;
      rnsec3.decode.bytes = offset - oldOffset;
      return record;
    };
    rnsec3.decode.bytes = 0;
    rnsec3.encodingLength = function(record) {
      return 8 + record.salt.length + record.nextDomain.length + typebitmap.encodingLength(record.rrtypes);
    };
    var rds = exports.ds = {};
    rds.encode = function(digest, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rds.encodingLength(digest));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const digestdata = digest.digest;
      if (!Buffer2.isBuffer(digestdata)) {
        throw new Error("Digest must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(digest.keyTag, offset);
      offset += 2;
      buf.writeUInt8(digest.algorithm, offset);
      offset += 1;
      buf.writeUInt8(digest.digestType, offset);
      offset += 1;
      digestdata.copy(buf, offset, 0, digestdata.length);
      offset += digestdata.length;
      rds.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rds.encode.bytes - 2, oldOffset);
      return buf;
    };
    rds.encode.bytes = 0;
    rds.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var digest = {};
      var length2 = buf.readUInt16BE(offset);
      offset += 2;
      digest.keyTag = buf.readUInt16BE(offset);
      offset += 2;
      digest.algorithm = buf.readUInt8(offset);
      offset += 1;
      digest.digestType = buf.readUInt8(offset);
      offset += 1;
      digest.digest = buf.slice(offset, oldOffset + length2 + 2);
      offset += digest.digest.length;
      rds.decode.bytes = offset - oldOffset;
      return digest;
    };
    rds.decode.bytes = 0;
    rds.encodingLength = function(digest) {
      return 6 + Buffer2.byteLength(digest.digest);
    };
    var rsshfp = exports.sshfp = {};
    rsshfp.getFingerprintLengthForHashType = function getFingerprintLengthForHashType(hashType) {
      switch (hashType) {
        case 1:
          return 20;
        case 2:
          return 32;
      }
    };
    rsshfp.encode = function encode(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsshfp.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf[offset] = record.algorithm;
      offset += 1;
      buf[offset] = record.hash;
      offset += 1;
      const fingerprintBuf = Buffer2.from(record.fingerprint.toUpperCase(), "hex");
      if (fingerprintBuf.length !== rsshfp.getFingerprintLengthForHashType(record.hash)) {
        throw new Error("Invalid fingerprint length");
      }
      fingerprintBuf.copy(buf, offset);
      offset += fingerprintBuf.byteLength;
      rsshfp.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rsshfp.encode.bytes - 2, oldOffset);
      return buf;
    };
    rsshfp.encode.bytes = 0;
    rsshfp.decode = function decode3(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const record = {};
      offset += 2;
      record.algorithm = buf[offset];
      offset += 1;
      record.hash = buf[offset];
      offset += 1;
      const fingerprintLength = rsshfp.getFingerprintLengthForHashType(record.hash);
      record.fingerprint = buf.slice(offset, offset + fingerprintLength).toString("hex").toUpperCase();
      offset += fingerprintLength;
      rsshfp.decode.bytes = offset - oldOffset;
      return record;
    };
    rsshfp.decode.bytes = 0;
    rsshfp.encodingLength = function(record) {
      return 4 + Buffer2.from(record.fingerprint, "hex").byteLength;
    };
    var rnaptr = exports.naptr = {};
    rnaptr.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnaptr.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf.writeUInt16BE(data.order || 0, offset);
      offset += 2;
      buf.writeUInt16BE(data.preference || 0, offset);
      offset += 2;
      string.encode(data.flags, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.services, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.regexp, buf, offset);
      offset += string.encode.bytes;
      name2.encode(data.replacement, buf, offset);
      offset += name2.encode.bytes;
      rnaptr.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnaptr.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnaptr.encode.bytes = 0;
    rnaptr.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.order = buf.readUInt16BE(offset);
      offset += 2;
      data.preference = buf.readUInt16BE(offset);
      offset += 2;
      data.flags = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.services = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.regexp = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.replacement = name2.decode(buf, offset);
      offset += name2.decode.bytes;
      rnaptr.decode.bytes = offset - oldOffset;
      return data;
    };
    rnaptr.decode.bytes = 0;
    rnaptr.encodingLength = function(data) {
      return string.encodingLength(data.flags) + string.encodingLength(data.services) + string.encodingLength(data.regexp) + name2.encodingLength(data.replacement) + 6;
    };
    var rtlsa = exports.tlsa = {};
    rtlsa.encode = function(cert, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rtlsa.encodingLength(cert));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const certdata = cert.certificate;
      if (!Buffer2.isBuffer(certdata)) {
        throw new Error("Certificate must be a Buffer");
      }
      offset += 2;
      buf.writeUInt8(cert.usage, offset);
      offset += 1;
      buf.writeUInt8(cert.selector, offset);
      offset += 1;
      buf.writeUInt8(cert.matchingType, offset);
      offset += 1;
      certdata.copy(buf, offset, 0, certdata.length);
      offset += certdata.length;
      rtlsa.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rtlsa.encode.bytes - 2, oldOffset);
      return buf;
    };
    rtlsa.encode.bytes = 0;
    rtlsa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const cert = {};
      const length2 = buf.readUInt16BE(offset);
      offset += 2;
      cert.usage = buf.readUInt8(offset);
      offset += 1;
      cert.selector = buf.readUInt8(offset);
      offset += 1;
      cert.matchingType = buf.readUInt8(offset);
      offset += 1;
      cert.certificate = buf.slice(offset, oldOffset + length2 + 2);
      offset += cert.certificate.length;
      rtlsa.decode.bytes = offset - oldOffset;
      return cert;
    };
    rtlsa.decode.bytes = 0;
    rtlsa.encodingLength = function(cert) {
      return 5 + Buffer2.byteLength(cert.certificate);
    };
    var renc = exports.record = function(type) {
      switch (type.toUpperCase()) {
        case "A":
          return ra;
        case "PTR":
          return rptr;
        case "CNAME":
          return rcname;
        case "DNAME":
          return rdname;
        case "TXT":
          return rtxt;
        case "NULL":
          return rnull;
        case "AAAA":
          return raaaa;
        case "SRV":
          return rsrv;
        case "HINFO":
          return rhinfo;
        case "CAA":
          return rcaa;
        case "NS":
          return rns;
        case "SOA":
          return rsoa;
        case "MX":
          return rmx;
        case "OPT":
          return ropt;
        case "DNSKEY":
          return rdnskey;
        case "RRSIG":
          return rrrsig;
        case "RP":
          return rrp;
        case "NSEC":
          return rnsec;
        case "NSEC3":
          return rnsec3;
        case "SSHFP":
          return rsshfp;
        case "DS":
          return rds;
        case "NAPTR":
          return rnaptr;
        case "TLSA":
          return rtlsa;
      }
      return runknown;
    };
    var answer2 = exports.answer = {};
    answer2.encode = function(a, buf, offset) {
      if (!buf) buf = Buffer2.alloc(answer2.encodingLength(a));
      if (!offset) offset = 0;
      const oldOffset = offset;
      name2.encode(a.name, buf, offset);
      offset += name2.encode.bytes;
      buf.writeUInt16BE(types.toType(a.type), offset);
      if (a.type.toUpperCase() === "OPT") {
        if (a.name !== ".") {
          throw new Error("OPT name must be root.");
        }
        buf.writeUInt16BE(a.udpPayloadSize || 4096, offset + 2);
        buf.writeUInt8(a.extendedRcode || 0, offset + 4);
        buf.writeUInt8(a.ednsVersion || 0, offset + 5);
        buf.writeUInt16BE(a.flags || 0, offset + 6);
        offset += 8;
        ropt.encode(a.options || [], buf, offset);
        offset += ropt.encode.bytes;
      } else {
        let klass = classes.toClass(a.class === void 0 ? "IN" : a.class);
        if (a.flush) klass |= FLUSH_MASK;
        buf.writeUInt16BE(klass, offset + 2);
        buf.writeUInt32BE(a.ttl || 0, offset + 4);
        offset += 8;
        const enc = renc(a.type);
        enc.encode(a.data, buf, offset);
        offset += enc.encode.bytes;
      }
      answer2.encode.bytes = offset - oldOffset;
      return buf;
    };
    answer2.encode.bytes = 0;
    answer2.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const a = {};
      const oldOffset = offset;
      a.name = name2.decode(buf, offset);
      offset += name2.decode.bytes;
      a.type = types.toString(buf.readUInt16BE(offset));
      if (a.type === "OPT") {
        a.udpPayloadSize = buf.readUInt16BE(offset + 2);
        a.extendedRcode = buf.readUInt8(offset + 4);
        a.ednsVersion = buf.readUInt8(offset + 5);
        a.flags = buf.readUInt16BE(offset + 6);
        a.flag_do = (a.flags >> 15 & 1) === 1;
        a.options = ropt.decode(buf, offset + 8);
        offset += 8 + ropt.decode.bytes;
      } else {
        const klass = buf.readUInt16BE(offset + 2);
        a.ttl = buf.readUInt32BE(offset + 4);
        a.class = classes.toString(klass & NOT_FLUSH_MASK);
        a.flush = !!(klass & FLUSH_MASK);
        const enc = renc(a.type);
        a.data = enc.decode(buf, offset + 8);
        offset += 8 + enc.decode.bytes;
      }
      answer2.decode.bytes = offset - oldOffset;
      return a;
    };
    answer2.decode.bytes = 0;
    answer2.encodingLength = function(a) {
      const data = a.data !== null && a.data !== void 0 ? a.data : a.options;
      return name2.encodingLength(a.name) + 8 + renc(a.type).encodingLength(data);
    };
    var question = exports.question = {};
    question.encode = function(q, buf, offset) {
      if (!buf) buf = Buffer2.alloc(question.encodingLength(q));
      if (!offset) offset = 0;
      const oldOffset = offset;
      name2.encode(q.name, buf, offset);
      offset += name2.encode.bytes;
      buf.writeUInt16BE(types.toType(q.type), offset);
      offset += 2;
      buf.writeUInt16BE(classes.toClass(q.class === void 0 ? "IN" : q.class), offset);
      offset += 2;
      question.encode.bytes = offset - oldOffset;
      return q;
    };
    question.encode.bytes = 0;
    question.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const q = {};
      q.name = name2.decode(buf, offset);
      offset += name2.decode.bytes;
      q.type = types.toString(buf.readUInt16BE(offset));
      offset += 2;
      q.class = classes.toString(buf.readUInt16BE(offset));
      offset += 2;
      const qu = !!(q.class & QU_MASK);
      if (qu) q.class &= NOT_QU_MASK;
      question.decode.bytes = offset - oldOffset;
      return q;
    };
    question.decode.bytes = 0;
    question.encodingLength = function(q) {
      return name2.encodingLength(q.name) + 4;
    };
    exports.AUTHORITATIVE_ANSWER = 1 << 10;
    exports.TRUNCATED_RESPONSE = 1 << 9;
    exports.RECURSION_DESIRED = 1 << 8;
    exports.RECURSION_AVAILABLE = 1 << 7;
    exports.AUTHENTIC_DATA = 1 << 5;
    exports.CHECKING_DISABLED = 1 << 4;
    exports.DNSSEC_OK = 1 << 15;
    exports.encode = function(result, buf, offset) {
      const allocing = !buf;
      if (allocing) buf = Buffer2.alloc(exports.encodingLength(result));
      if (!offset) offset = 0;
      const oldOffset = offset;
      if (!result.questions) result.questions = [];
      if (!result.answers) result.answers = [];
      if (!result.authorities) result.authorities = [];
      if (!result.additionals) result.additionals = [];
      header.encode(result, buf, offset);
      offset += header.encode.bytes;
      offset = encodeList(result.questions, question, buf, offset);
      offset = encodeList(result.answers, answer2, buf, offset);
      offset = encodeList(result.authorities, answer2, buf, offset);
      offset = encodeList(result.additionals, answer2, buf, offset);
      exports.encode.bytes = offset - oldOffset;
      if (allocing && exports.encode.bytes !== buf.length) {
        return buf.slice(0, exports.encode.bytes);
      }
      return buf;
    };
    exports.encode.bytes = 0;
    exports.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const result = header.decode(buf, offset);
      offset += header.decode.bytes;
      offset = decodeList(result.questions, question, buf, offset);
      offset = decodeList(result.answers, answer2, buf, offset);
      offset = decodeList(result.authorities, answer2, buf, offset);
      offset = decodeList(result.additionals, answer2, buf, offset);
      exports.decode.bytes = offset - oldOffset;
      return result;
    };
    exports.decode.bytes = 0;
    exports.encodingLength = function(result) {
      return header.encodingLength(result) + encodingLengthList(result.questions || [], question) + encodingLengthList(result.answers || [], answer2) + encodingLengthList(result.authorities || [], answer2) + encodingLengthList(result.additionals || [], answer2);
    };
    exports.streamEncode = function(result) {
      const buf = exports.encode(result);
      const sbuf = Buffer2.alloc(2);
      sbuf.writeUInt16BE(buf.byteLength);
      const combine = Buffer2.concat([sbuf, buf]);
      exports.streamEncode.bytes = combine.byteLength;
      return combine;
    };
    exports.streamEncode.bytes = 0;
    exports.streamDecode = function(sbuf) {
      const len = sbuf.readUInt16BE(0);
      if (sbuf.byteLength < len + 2) {
        return null;
      }
      const result = exports.decode(sbuf.slice(2));
      exports.streamDecode.bytes = exports.decode.bytes;
      return result;
    };
    exports.streamDecode.bytes = 0;
    function encodingLengthList(list, enc) {
      let len = 0;
      for (let i = 0; i < list.length; i++) len += enc.encodingLength(list[i]);
      return len;
    }
    function encodeList(list, enc, buf, offset) {
      for (let i = 0; i < list.length; i++) {
        enc.encode(list[i], buf, offset);
        offset += enc.encode.bytes;
      }
      return offset;
    }
    function decodeList(list, enc, buf, offset) {
      for (let i = 0; i < list.length; i++) {
        list[i] = enc.decode(buf, offset);
        offset += enc.decode.bytes;
      }
      return offset;
    }
  }
});

// src/gateway/procfs.ts
import { closeSync, openSync, readdirSync, readlinkSync, readSync, statSync } from "node:fs";
var realProcFs = {
  readlink: async (p) => readlinkSync(p),
  readFile: async (p, maxBytes = Number.POSITIVE_INFINITY) => readCapped(p, maxBytes),
  // Names only (scandir). Not opendir: procfs lists an entry that vanishes mid-listing (a process that
  // exits, a descriptor closed) with an unknown type, node's Dir then lstat()s it and throws ENOENT, and
  // the whole listing was lost: a live connection's holder was missed ("no process holds the socket").
  // A process's descriptors are bounded by its RLIMIT_NOFILE (sandboxes: 4096), so reading all is bounded.
  readdir: async (p, max = Number.POSITIVE_INFINITY) => {
    const names = readdirSync(p);
    return names.length > max ? names.slice(0, max) : names;
  },
  subdirs: async (p) => statSync(p).nlink - 2
};
function readCapped(path, maxBytes) {
  const fd = openSync(path, "r");
  try {
    const parts = [];
    let total = 0;
    while (total < maxBytes) {
      const buffer = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes - total));
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      parts.push(buffer.subarray(0, n));
      total += n;
    }
    return Buffer.concat(parts).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
var SHORT_READ = 4096 - 2 * 256;
async function readSocketTable(path) {
  const fd = openSync(path, "r");
  try {
    const parts = [];
    for (let offset = 0; ; ) {
      const buffer = Buffer.allocUnsafe(16 * 1024);
      const n = readSync(fd, buffer, 0, buffer.length, offset);
      parts.push(buffer.subarray(0, n));
      offset += n;
      if (n < SHORT_READ) return Buffer.concat(parts).toString("latin1");
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
}
function socketInode(link) {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}
function parsePpid(status) {
  const m = /^PPid:\s+(\d+)$/m.exec(status);
  return m ? Number(m[1]) : null;
}
function parseNsPid(status, fallback) {
  const m = /^NSpid:\s+([\d\s]+)$/m.exec(status);
  const last = m?.[1]?.trim().split(/\s+/).pop();
  return last ? Number(last) : fallback;
}
function parseCmdline(raw) {
  return raw.replace(/\0+$/, "").split("\0").join(" ");
}
function cleanExe(link) {
  return link.replace(/ \(deleted\)$/, "");
}
function pidEntries(names) {
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}

// src/gateway/taint.ts
import { posix } from "node:path";
var FD_PATHS = ["/proc", "/dev/fd"];
var under = (path, dir) => dir === "/" || path === dir || path.startsWith(`${dir}/`);
function fromWritable(path, writable) {
  if (path.startsWith("/memfd:") || path.endsWith(" (deleted)")) return true;
  if (!path.startsWith("/")) return true;
  const normal = posix.normalize(path);
  return [...writable, ...FD_PATHS].some((dir) => under(normal, dir));
}
function parseEnviron(raw) {
  const env = /* @__PURE__ */ new Map();
  for (const entry of raw.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0 && !env.has(entry.slice(0, eq))) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}
function loaderTaint(env, writable) {
  const out = [];
  for (const [key, split] of [
    ["LD_PRELOAD", /[ :]/],
    ["LD_AUDIT", /:/]
  ]) {
    for (const lib of (env.get(key) ?? "").split(split).filter((x) => x !== "")) {
      if (lib.includes("/") && fromWritable(lib, writable)) out.push(`${key}=${lib}`);
    }
  }
  const libraryPath = env.get("LD_LIBRARY_PATH");
  if (libraryPath !== void 0 && libraryPath !== "") {
    const dirs = libraryPath.split(/[:;]/);
    const bad2 = dirs.find((d) => d === "" || fromWritable(d, writable));
    if (bad2 !== void 0) out.push(`LD_LIBRARY_PATH=${libraryPath}`);
  }
  return out;
}
var PRELOAD_FLAGS = /* @__PURE__ */ new Set([
  "-r",
  "--require",
  "--import",
  "--loader",
  "--experimental-loader",
  "--preload"
]);
function splitOptions(value) {
  const words = [];
  for (const m of value.matchAll(/"((?:\\.|[^"\\])*)"|(\S+)/g)) {
    words.push(m[1] !== void 0 ? m[1].replace(/\\(.)/g, "$1") : m[2] ?? "");
  }
  return words;
}
function runtimeTaint(env, writable) {
  const out = [];
  for (const key of ["NODE_OPTIONS", "BUN_OPTIONS"]) {
    const words = splitOptions(env.get(key) ?? "");
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? "";
      const eq = word.indexOf("=");
      const flag = eq > 0 ? word.slice(0, eq) : word;
      if (!PRELOAD_FLAGS.has(flag)) continue;
      const value = eq > 0 ? word.slice(eq + 1) : words[++i] ?? "";
      const path = value.startsWith("file://") ? decodeURIComponent(value.slice("file://".length)) : value;
      if (!path.startsWith("/") || fromWritable(path, writable)) out.push(`${key} ${flag} ${value}`);
    }
  }
  return out;
}
function mappingTaint(maps, exe, writable) {
  const out = /* @__PURE__ */ new Set();
  for (const line of maps.split("\n")) {
    const m = /^\S+\s+(\S{4})\s+\S+\s+\S+\s+\d+\s+(.*)$/.exec(line);
    const path = m?.[2]?.trim() ?? "";
    if (m?.[1]?.[2] !== "x" || path === "" || path.startsWith("[")) continue;
    if (path === exe) continue;
    if (fromWritable(path, writable)) out.add(path);
  }
  return [...out].map((p) => `executable mapping of ${p}`);
}
function tracerPid(status) {
  const m = /^TracerPid:\s+(\d+)$/m.exec(status);
  return m ? Number(m[1]) : 0;
}
function taintOf(facts, writable) {
  const env = parseEnviron(facts.environ);
  const reasons = [
    ...loaderTaint(env, writable),
    ...runtimeTaint(env, writable),
    ...mappingTaint(facts.maps, facts.exe, writable)
  ];
  const tracer = tracerPid(facts.status);
  if (tracer !== 0) reasons.push(`traced by pid ${tracer}`);
  return reasons;
}

// src/gateway/attribution.ts
var MAX_DEPTH = 32;
var DEFAULT_WRITABLE = ["/sandbox", "/tmp", "/dev/shm"];
var MAX_ENVIRON = 256 * 1024;
var MAX_MAPS = 1024 * 1024;
var PAGE = 4096;
var OverBudget = class extends Error {
};
var Work = class {
  constructor(budget, slice) {
    this.budget = budget;
    this.slice = slice;
  }
  budget;
  slice;
  spent = 0;
  #sinceYield = 0;
  async spend(n = 1) {
    this.spent += n;
    if (this.spent > this.budget) throw new OverBudget();
    this.#sinceYield += n;
    if (this.#sinceYield >= this.slice) {
      this.#sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
};
var unknown = (why) => ({ who: null, unknown: why });
var Attribution = class {
  #fs;
  #root;
  #budget;
  #slice;
  constructor(fs = realProcFs, options = {}) {
    this.#fs = fs;
    this.#root = options.root ?? "/proc";
    this.#budget = options.budget ?? 2e4;
    this.#slice = options.slice ?? 256;
  }
  /** `net:[4026532185]` for a pid, or null when it is gone. */
  async netnsOf(pid) {
    return this.#fs.readlink(`${this.#root}/${pid}/ns/net`).catch(() => null);
  }
  /** Who holds socket `inode` in netns `netns`; null when unknown (see lookup for why). */
  async owner(netns, inode, options = {}) {
    return (await this.lookup(netns, inode, options)).who;
  }
  /**
   * Who holds socket `inode` in netns `netns`, or why that cannot be said: nobody holds it (closed, or
   * handed over and closed), holders of different binaries, a holder that vanished, or over budget. An
   * unknown binary fails closed.
   */
  async lookup(netns, inode, options = {}) {
    const work = new Work(this.#budget, this.#slice);
    const writable = options.writable ?? DEFAULT_WRITABLE;
    try {
      const holders = [];
      for (const c of await this.#pidsIn(netns, work, options.cgroup)) {
        if (await this.#holds(c.dir, inode, work)) holders.push(c);
      }
      if (holders.length === 0) return unknown("no process of the sandbox holds the socket (it was closed)");
      const found = [];
      for (const c of holders) {
        const who = await this.#describe(c, netns, writable, work);
        if (!who) return unknown("a process holding the socket exited before it was identified");
        found.push(who);
      }
      const exes = [...new Set(found.map((f) => f.exe))];
      if (exes.length > 1) return unknown(`the socket is held by different binaries (${exes.join(", ")})`);
      return { who: merge(found), unknown: null };
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      return unknown(`attribution over budget (more than ${this.#budget} procfs reads)`);
    }
  }
  /** exe, in-sandbox ancestors, cmdline and taint of a pid; null when it vanished. */
  async describe(pid, netns, options = {}) {
    const work = new Work(this.#budget, this.#slice);
    const c = { pid, dir: `${this.#root}/${pid}` };
    return this.#describe(c, netns, options.writable ?? DEFAULT_WRITABLE, work).catch((error) => {
      if (error instanceof OverBudget) return null;
      throw error;
    });
  }
  /**
   * Every pid whose netns is `netns`, read fresh (no cache: a cached pid could have been reused), among the
   * processes of the sandbox's cgroup when it can be listed, else among every pid of the host. A pid whose
   * ns/net cannot be read is gone, or a process whose main thread exited: its live threads in `netns` are
   * candidates then, each read through its own task folder.
   */
  async #pidsIn(netns, work, cgroup) {
    const listed = cgroup ? await this.#cgroupPids(cgroup, work) : null;
    const pids = listed ?? pidEntries(await this.#fs.readdir(this.#root));
    await work.spend(Math.ceil(pids.length / 16));
    const out = [];
    for (const pid of pids) {
      await work.spend();
      const ns = await this.netnsOf(pid);
      if (ns === netns) out.push({ pid, dir: `${this.#root}/${pid}` });
      else if (ns === null) out.push(...await this.#liveThreads(pid, netns, work));
    }
    return out;
  }
  /** The threads of `pid` other than its main thread that are in `netns` (none when the process is gone). */
  async #liveThreads(pid, netns, work) {
    const tasks = pidEntries(await this.#fs.readdir(`${this.#root}/${pid}/task`).catch(() => []));
    await work.spend(1 + Math.ceil(tasks.length / 16));
    const out = [];
    for (const tid of tasks) {
      if (tid === pid) continue;
      await work.spend();
      const dir = `${this.#root}/${pid}/task/${tid}`;
      if (await this.#fs.readlink(`${dir}/ns/net`).catch(() => null) === netns) out.push({ pid, dir });
    }
    return out;
  }
  /** The pids in cgroup `dir`; null (look at every pid) when it has cgroups below it or cannot be read. */
  async #cgroupPids(dir, work) {
    await work.spend();
    const below = await this.#fs.subdirs(dir).catch(() => null);
    if (below !== 0) return null;
    const text = await this.#read(`${dir}/cgroup.procs`, Number.POSITIVE_INFINITY, work);
    return text === null ? null : pidEntries(text.split("\n"));
  }
  async #holds(base, inode, work) {
    const dir = `${base}/fd`;
    const left = work.budget - work.spent + 1;
    const fds = await this.#fs.readdir(dir, left).catch(() => []);
    await work.spend(Math.ceil(fds.length / 16));
    for (const fd of fds) {
      await work.spend();
      const link = await this.#fs.readlink(`${dir}/${fd}`).catch(() => "");
      if (socketInode(link) === inode) return true;
    }
    return false;
  }
  async #read(path, max, work) {
    const text = await this.#fs.readFile(path, max).catch(() => null);
    await work.spend(1 + Math.floor((text?.length ?? 0) / PAGE));
    return text;
  }
  /** The taint of one process (its own, not its ancestors'). */
  async #taint(base, exe, status, writable, work) {
    const environ = await this.#read(`${base}/environ`, MAX_ENVIRON + 1, work);
    const maps = await this.#read(`${base}/maps`, MAX_MAPS + 1, work);
    const reasons = taintOf({ exe, environ: environ ?? "", maps: maps ?? "", status }, writable);
    if (environ === null || maps === null) reasons.push("its environment or mappings could not be read");
    if ((environ?.length ?? 0) > MAX_ENVIRON) reasons.push("its environment is too large to check");
    if ((maps?.length ?? 0) > MAX_MAPS) reasons.push("its mappings are too many to check");
    return reasons;
  }
  async #describe({ pid, dir: base }, netns, writable, work) {
    await work.spend();
    const rawExe = await this.#fs.readlink(`${base}/exe`).catch(() => null);
    if (rawExe === null) return null;
    const exe = cleanExe(rawExe);
    const cmdline = parseCmdline(await this.#read(`${base}/cmdline`, 64 * 1024, work) ?? "");
    const ownStatus = await this.#read(`${base}/status`, 64 * 1024, work) ?? "";
    const taint = await this.#taint(base, exe, ownStatus, writable, work);
    const ancestors = [];
    let status = ownStatus;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const parent = parsePpid(status);
      if (parent === null || parent <= 1) break;
      await work.spend();
      if (await this.netnsOf(parent) !== netns) break;
      const parentExe = await this.#fs.readlink(`${this.#root}/${parent}/exe`).catch(() => null);
      if (parentExe === null) break;
      const clean = cleanExe(parentExe);
      status = await this.#read(`${this.#root}/${parent}/status`, 64 * 1024, work) ?? "";
      const own = await this.#taint(`${this.#root}/${parent}`, clean, status, writable, work);
      const nsPid = parseNsPid(status, parent);
      taint.push(...own.map((r) => `ancestor ${clean}(${nsPid}): ${r}`));
      ancestors.push(clean);
    }
    return {
      pid: parseNsPid(ownStatus, pid),
      hostPid: pid,
      exe,
      ancestors,
      cmdline,
      identity: taint.length > 0 ? "tainted" : "proc",
      taint
    };
  }
};
function merge(found) {
  const [first, ...rest] = found;
  if (rest.length === 0) return first;
  const ancestors = first.ancestors.filter((a) => rest.every((r) => r.ancestors.includes(a)));
  const taint = [...new Set(found.flatMap((f) => f.taint))];
  return { ...first, ancestors, taint, identity: taint.length > 0 ? "tainted" : "proc" };
}

// src/gateway/fence.ts
import { endianness } from "node:os";
var SANDBOX_PROXY_PORT = 3128;
var CONNECTION_RATE = 2e3;
var OVER_LOGGED = 10;
var OVER_MARK = "0x5041";
var TRANSPARENT_PORTS = 16;
var DNS_UDP_PER_SECOND = 2e3;
var FENCE_LOG = {
  udp: { name: "paddock_udp", max: 65536, expireMs: 1e4 },
  icmp: { name: "paddock_icmp", max: 4096, expireMs: 5e3 }
};
var hashlimit = (what, mode) => {
  const t = FENCE_LOG[what];
  return `-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 1 --hashlimit-mode ${mode} --hashlimit-name ${t.name} --hashlimit-htable-max ${t.max} --hashlimit-htable-expire ${t.expireMs}`;
};
var FENCE_CHAIN = {
  out: "PADDOCK_OUTPUT",
  post: "PADDOCK_POSTROUTING",
  over: "PADDOCK_OVER"
};
var IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
function checkParams(p) {
  for (const [field, ip] of [
    ["bridgeIp", p.bridgeIp],
    ["sandboxIp", p.sandboxIp]
  ]) {
    if (!IPV4.test(ip))
      throw new TypeError(`Expected \`${field}\` to be an IPv4 address, got ${JSON.stringify(ip)}`);
  }
  for (const [name2, port] of Object.entries(p.ports)) {
    const last = name2 === "transparent" ? 65536 - TRANSPARENT_PORTS : 65535;
    if (!Number.isInteger(port) || port < 1 || port > last) {
      throw new TypeError(`Expected \`ports.${name2}\` to be a port from 1 to 65535, got ${String(port)}`);
    }
  }
}
function fenceRules(params) {
  checkParams(params);
  const { bridgeIp: b, sandboxIp: ip, ports } = params;
  const { out, post, over } = FENCE_CHAIN;
  const to = (port) => `-j DNAT --to-destination ${b}:${port}`;
  return [
    "*nat",
    `:${out} - [0:0]`,
    `:${post} - [0:0]`,
    `:${over} - [0:0]`,
    `-I OUTPUT 1 -j ${out}`,
    `-I POSTROUTING 1 -j ${post}`,
    `-A ${out} -d 127.0.0.11/32 -p udp -m udp --dport 53 ${to(ports.dnsUdp ?? ports.dns)}`,
    `-A ${out} -d 127.0.0.11/32 -p tcp -m tcp --dport 53 ${to(ports.dns)}`,
    `-A ${out} -d 127.0.0.0/8 -j RETURN`,
    `-A ${out} -p tcp -m hashlimit --hashlimit-above ${CONNECTION_RATE}/sec --hashlimit-burst ${2 * CONNECTION_RATE} --hashlimit-mode srcip --hashlimit-name paddock_conn --hashlimit-htable-max 16 -j ${over}`,
    `-A ${out} -p udp -m udp --dport 53 ${to(ports.dnsUdp ?? ports.dns)}`,
    `-A ${out} -p tcp -m tcp --dport 53 ${to(ports.dns)}`,
    `-A ${out} -d ${b}/32 -p tcp -m tcp --dport ${ports.proxy} -j RETURN`,
    `-A ${out} -d ${b}/32 -p tcp -m tcp --dport ${SANDBOX_PROXY_PORT} ${to(ports.proxy)}`,
    `-A ${out} -p tcp -j DNAT --to-destination ${b}:${ports.transparent}-${ports.transparent + TRANSPARENT_PORTS - 1}`,
    `-A ${out} -p udp ${to(ports.udp)}`,
    `-A ${post} -s 127.0.0.0/8 ! -o lo -j SNAT --to-source ${ip}`,
    `-A ${over} -p tcp -m limit --limit ${OVER_LOGGED}/sec --limit-burst ${OVER_LOGGED} ${to(ports.over)}`,
    `-A ${over} -j MARK --set-xmark ${OVER_MARK}/0xffffffff`,
    `-A ${over} -j ACCEPT`,
    "COMMIT",
    "*filter",
    `:${out} - [0:0]`,
    `-I OUTPUT 1 -j ${out}`,
    `-A ${out} -d 127.0.0.11/32 -j REJECT`,
    `-A ${out} -p tcp -m mark --mark ${OVER_MARK} -j REJECT --reject-with tcp-reset`,
    `-A ${out} -o lo -j ACCEPT`,
    `-A ${out} -d ${b}/32 -p udp -m udp --dport ${ports.dnsUdp ?? ports.dns} -m hashlimit --hashlimit-above ${DNS_UDP_PER_SECOND}/sec --hashlimit-burst ${DNS_UDP_PER_SECOND} --hashlimit-mode dstip --hashlimit-name paddock_dns --hashlimit-htable-max 16 -j DROP`,
    `-A ${out} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A ${out} -d ${b}/32 -p tcp -j ACCEPT`,
    `-A ${out} -d ${b}/32 -p udp -j ACCEPT`,
    `-A ${out} -p icmp ${hashlimit("icmp", "dstip")}`,
    `-A ${out} -j REJECT`,
    "COMMIT",
    "*mangle",
    `:${out} - [0:0]`,
    `-I OUTPUT 1 -j ${out}`,
    `-A ${out} -d 127.0.0.0/8 -j RETURN`,
    `-A ${out} -p udp -m udp ! --dport 53 ${hashlimit("udp", "srcport,dstip,dstport")}`,
    "COMMIT",
    ""
  ].join("\n");
}
function fenceScript(params) {
  checkParams(params);
  return [
    "set -e",
    // One `ip` for the address (when plumbed) and the route; the here-document leaves stdin to the rules.
    "ip -batch - <<IP",
    ...params.plumbed ? [`addr add ${params.sandboxIp}/24 dev eth0`, "link set eth0 up"] : [],
    `route replace default via ${params.bridgeIp}`,
    "IP",
    'for f in /proc/sys/net/ipv4/conf/*/route_localnet; do echo 1 > "$f"; done',
    'for f in /proc/sys/net/ipv6/conf/*/disable_ipv6; do echo 1 > "$f" 2>/dev/null || true; done',
    // No TIME_WAIT sockets in the sandbox: closed connections would stay in its socket table for 60 s, and
    // /proc attribution reads that whole table per connection (a sandbox's own history made it slower).
    // Performance only, so a kernel that refuses it fences all the same.
    "echo 0 > /proc/sys/net/ipv4/tcp_max_tw_buckets 2>/dev/null || true",
    "iptables-restore --noflush",
    "iptables-save"
    // every table in one process (nat, filter, mangle): two spawns fewer per sandbox
  ].join("\n");
}
function defaultGateways(table, littleEndian = endianness() === "LE") {
  const gateways = [];
  for (const line of table.split("\n").slice(1)) {
    const [, dest, gw, flags2, , , , mask] = line.trim().split(/\s+/);
    if (dest !== "00000000" || mask !== "00000000" || !gw || !flags2) continue;
    if ((Number.parseInt(flags2, 16) & 1) === 0) continue;
    const bytes = (gw.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));
    gateways.push((littleEndian ? bytes.reverse() : bytes).join("."));
  }
  return gateways;
}
function checkFence(output, params, routeTable) {
  const problems = [];
  const gateways = defaultGateways(routeTable);
  if (gateways.length === 0 || gateways.some((g) => g !== params.bridgeIp)) {
    problems.push(`default route is not via ${params.bridgeIp} (${gateways.join(", ") || "none"})`);
  }
  const saved = byTable(output);
  const want = byTable(fenceRules(params));
  for (const [table, rules] of want) {
    const have = saved.get(table) ?? /* @__PURE__ */ new Set();
    for (const rule of rules) {
      if (!rule.startsWith("-A ") && !rule.startsWith("-I ")) continue;
      const line = normalizeRule(rule.replace(/^-I (\S+) 1 /, "-A $1 "));
      if (!have.has(line))
        problems.push(`${rule.startsWith("-I") ? "jump" : "rule"} missing in ${table}: ${rule}`);
    }
  }
  return problems;
}
function byTable(text) {
  const tables = /* @__PURE__ */ new Map();
  let current;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("*")) {
      current = tables.get(line.slice(1)) ?? /* @__PURE__ */ new Set();
      tables.set(line.slice(1), current);
    } else current?.add(line);
  }
  return tables;
}
function normalizeRule(rule) {
  return rule.replace(/-j REJECT$/, "-j REJECT --reject-with icmp-port-unreachable").replace(/-p (tcp|udp) -j/, "-p $1 -j");
}

// src/gateway/fence-install.ts
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
function runWithInput(cmd, args, input, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"], timeout: timeoutMs, signal });
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("error", reject);
    child.on("close", (code, sig) => {
      if (code === 0) resolve(Buffer.concat(out).toString());
      else reject(new Error(`${cmd} exited ${code ?? sig}: ${Buffer.concat(err).toString().trim()}`));
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(input);
  });
}
async function installFence(options) {
  if (!Number.isInteger(options.pid) || options.pid <= 1) {
    throw new PaddockError(
      "FENCE_FAILED",
      `cannot fence sandbox ${options.sandboxIp}: bad holder pid ${options.pid}`
    );
  }
  let output;
  let routes;
  try {
    output = await runWithInput(
      "nsenter",
      ["-t", String(options.pid), "-n", "sh", "-c", fenceScript(options)],
      fenceRules(options),
      options.timeoutMs ?? 1e4,
      options.signal
    );
    routes = await readFile(`/proc/${options.pid}/net/route`, "utf8");
  } catch (error) {
    throw new PaddockError(
      "FENCE_FAILED",
      `cannot install the fence for sandbox ${options.sandboxIp} (pid ${options.pid}): ${errorMessage(error)}`,
      { cause: error }
    );
  }
  const problems = checkFence(output, options, routes);
  if (problems.length > 0) {
    throw new PaddockError(
      "FENCE_FAILED",
      `fence for sandbox ${options.sandboxIp} not in place after install: ${problems.join("; ")}`
    );
  }
}

// src/gateway/state.ts
import { join } from "node:path";
var NO_PROXY = "localhost,127.0.0.1,::1";
var enforcementOf = (flags2) => flags2.proxyOnly ? "proxy-only" : flags2.audit ? "audit" : "enforce";
var statePaths = (stateDir) => ({
  pid: join(stateDir, "gateway.pid"),
  log: join(stateDir, "gateway.log"),
  socket: join(stateDir, "gateway.sock"),
  events: join(stateDir, "events.jsonl"),
  handle: join(stateDir, "gateway.json"),
  ca: join(stateDir, "ca.pem"),
  caBundle: join(stateDir, "ca-bundle.pem")
});
var trustFiles = (stateDir) => {
  const paths = statePaths(stateDir);
  return { ca: paths.ca, bundle: paths.caBundle };
};

// src/gateway/procnet.ts
import { endianness as endianness2 } from "node:os";
function parseHexIp(hex, order = endianness2()) {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return (order === "LE" ? bytes.reverse() : bytes).join(".");
}
var MAPPED_PREFIX = { LE: "0000000000000000FFFF0000", BE: "00000000000000000000FFFF" };
function parseEndpoint(text, order) {
  let [hexIp, hexPort] = (text ?? "").split(":");
  if (hexIp?.length === 32) {
    if (/^0{32}$/.test(hexIp)) hexIp = "00000000";
    else if (hexIp.slice(0, 24).toUpperCase() !== MAPPED_PREFIX[order]) return null;
    else hexIp = hexIp.slice(24);
  }
  const ip = parseHexIp(hexIp ?? "", order);
  if (ip === null || !hexPort || !/^[0-9A-Fa-f]{4}$/.test(hexPort)) return null;
  return [ip, Number.parseInt(hexPort, 16)];
}
function parseSocketTable(text, order = endianness2()) {
  const rows = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0] ?? "")) continue;
    const local = parseEndpoint(f[1], order);
    const remote = parseEndpoint(f[2], order);
    const state = Number.parseInt(f[3] ?? "", 16);
    const uid = Number(f[7]);
    const inode = Number(f[9]);
    if (!local || !remote || !Number.isFinite(state) || !Number.isInteger(inode)) continue;
    rows.push({
      localIp: local[0],
      localPort: local[1],
      remoteIp: remote[0],
      remotePort: remote[1],
      state,
      uid,
      inode
    });
  }
  return rows;
}
var NOT_A_CLIENT = /* @__PURE__ */ new Set([6, 10]);
var EMBEDDED_DNS = "127.0.0.11";
function findClientRow(rows, ip, port) {
  const hits = rows.filter(
    (r) => r.localPort === port && (r.localIp === ip || r.localIp === "0.0.0.0" || r.remoteIp === EMBEDDED_DNS && r.localIp.startsWith("127.")) && !NOT_A_CLIENT.has(r.state)
  );
  if (hits.length === 1) return hits[0] ?? null;
  const exact = hits.filter((r) => r.localIp === ip);
  return exact.length === 1 ? exact[0] ?? null : null;
}
function portRows(text, port, order = endianness2()) {
  const needle = `:${port.toString(16).toUpperCase().padStart(4, "0")} `;
  const lines = [];
  for (let at2 = text.indexOf(needle); at2 >= 0; ) {
    const start = text.lastIndexOf("\n", at2) + 1;
    const end = text.indexOf("\n", at2);
    lines.push(text.slice(start, end < 0 ? text.length : end));
    if (end < 0) break;
    at2 = text.indexOf(needle, end);
  }
  return parseSocketTable(lines.join("\n"), order);
}

// src/gateway/server.ts
import { mkdir, rm } from "node:fs/promises";

// src/gateway/connect.ts
import { connect } from "node:net";
var CONNECT_TIMEOUT_MS = 1e4;
async function openUpstream(ctx, target, recheck) {
  let ip = target.ip ?? "";
  if (target.host !== null) {
    const resolved = await ctx.upstream.resolve(target.host);
    if (resolved.source === "dns") {
      const again = recheck(resolved.ip);
      if (again.action === "deny") return { deny: again };
    }
    ip = resolved.ip;
  }
  const socket = await new Promise((resolve, reject) => {
    const s = connect({ host: ip, port: target.port, allowHalfOpen: true, noDelay: true });
    const timer = setTimeout(
      () => s.destroy(new Error(`connect to ${ip}:${target.port} timed out`)),
      CONNECT_TIMEOUT_MS
    );
    s.once("connect", () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return { socket };
}

// src/gateway/holder.ts
import { closeSync as closeSync2, openSync as openSync2, readlinkSync as readlinkSync2, readSync as readSync2 } from "node:fs";
var HEAD = Buffer.alloc(512);
var procHolder = {
  stat: (pid) => {
    try {
      const fd = openSync2(`/proc/${pid}/stat`, "r");
      try {
        return HEAD.toString("latin1", 0, readSync2(fd, HEAD, 0, HEAD.length, 0));
      } finally {
        closeSync2(fd);
      }
    } catch {
      return null;
    }
  },
  netns: (pid) => {
    try {
      return readlinkSync2(`/proc/${pid}/ns/net`);
    } catch {
      return null;
    }
  }
};
function parseStartTime(stat) {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const started = fields[19];
  return started && /^\d+$/.test(started) ? started : null;
}
function readIdentity(pid, netns, reads = procHolder) {
  const stat = reads.stat(pid);
  const started = stat === null ? null : parseStartTime(stat);
  if (started === null) return null;
  if (!netns) return { pid, started, netns: "" };
  const ns = reads.netns(pid);
  return ns === null ? null : { pid, started, netns: ns };
}
function staleHolder(identity, reads = procHolder) {
  const now = readIdentity(identity.pid, identity.netns !== "", reads);
  if (!now) return `holder pid ${identity.pid} is gone`;
  if (now.started !== identity.started)
    return `holder pid ${identity.pid} is another process now (started at tick ${now.started}, not ${identity.started})`;
  if (now.netns !== identity.netns)
    return `holder pid ${identity.pid} is in another network namespace (${now.netns}, not ${identity.netns})`;
  return void 0;
}
var ONE = Buffer.alloc(1);
function holdHolder(pid, started) {
  let fd;
  try {
    fd = openSync2(`/proc/${pid}/comm`, "r");
  } catch {
    return null;
  }
  const stat = procHolder.stat(pid);
  if (stat === null || parseStartTime(stat) !== started) {
    closeSync2(fd);
    return null;
  }
  let open2 = true;
  return {
    alive: () => {
      try {
        return open2 && readSync2(fd, ONE, 0, 1, 0) === 1;
      } catch {
        return false;
      }
    },
    close: () => {
      if (open2) closeSync2(fd);
      open2 = false;
    }
  };
}

// src/gateway/context.ts
function forget(ctx, name2) {
  const entry = ctx.sandboxes.get(name2);
  if (!entry) return false;
  ctx.sandboxes.delete(name2);
  entry.release?.();
  return true;
}
function sandboxByIp(ctx, ip, reads = procHolder) {
  const plain = ip.replace(/^::ffff:/, "");
  for (const s of ctx.sandboxes.values()) {
    if (s.ip !== plain) continue;
    if (reads === null) return s;
    const stale = s.started == null ? void 0 : s.holder ? s.holder.alive() ? void 0 : `holder pid ${s.pid} is gone` : staleHolder({ pid: s.pid, started: s.started, netns: s.netns }, reads);
    if (!stale) return s;
    dropRegistration(ctx, s, stale);
  }
  return void 0;
}
function whyUnknown(ctx, ip) {
  return ctx.gone.get(ip.replace(/^::ffff:/, ""));
}
function dropRegistration(ctx, entry, why) {
  forget(ctx, entry.name);
  const container = entry.container ? ` (container ${entry.container.slice(0, 12)})` : "";
  const reason2 = `stale registration: ${entry.ip} was sandbox ${entry.name}${container}, whose ${why}; dropped`;
  ctx.gone.set(entry.ip, reason2);
  ctx.log(reason2);
}
function claimAddress(ctx, name2, ip) {
  const dropped = [];
  for (const s of [...ctx.sandboxes.values()]) {
    if (s.name === name2 || s.ip !== ip) continue;
    forget(ctx, s.name);
    dropped.push(s.name);
    ctx.log(`registration of sandbox ${s.name} at ${ip} dropped: sandbox ${name2} registers that address now`);
  }
  ctx.gone.delete(ip);
  return dropped;
}

// src/gateway/shared-read.ts
var SharedRead = class {
  constructor(readOnce, options = {}) {
    this.readOnce = readOnce;
    this.#paceMs = options.paceMs ?? 10;
    this.#wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? (() => performance.now());
  }
  readOnce;
  #running = null;
  #next = null;
  #joined = 0;
  #lastStart = Number.NEGATIVE_INFINITY;
  #lastServed = 0;
  #paceMs;
  #wait;
  #now;
  read() {
    if (this.#next) {
      this.#joined++;
      return this.#next;
    }
    this.#joined = 1;
    const after = this.#running ?? Promise.resolve();
    const next = after.then(async () => {
      const early = this.#lastServed > 1 ? this.#lastStart + this.#paceMs - this.#now() : 0;
      if (early > 0) await this.#wait(early);
      this.#next = null;
      this.#lastServed = this.#joined;
      this.#lastStart = this.#now();
      const run = this.readOnce();
      const settled = run.then(
        () => void 0,
        () => void 0
      );
      this.#running = settled;
      void settled.then(() => {
        if (this.#running === settled) this.#running = null;
      });
      return run;
    });
    this.#next = next;
    return next;
  }
};

// src/gateway/locate.ts
var SHM = "/dev/shm";
var writableOf = /* @__PURE__ */ new WeakMap();
function writableFor(sandbox) {
  let writable = writableOf.get(sandbox.policy);
  if (!writable) {
    writable = [...writablePaths(sandbox.policy), SHM];
    writableOf.set(sandbox.policy, writable);
  }
  return writable;
}
async function locate(ctx, sandbox, protocol, port, options = {}) {
  if (!ctx.attribution) return { row: null, who: null, unknown: "proxy-only mode: no attribution" };
  const path = `/proc/${sandbox.pid}/net/${protocol}`;
  const table = sharedTable(sandbox, path);
  let rows = [];
  let row = null;
  for (let read = 0; read < READS && !row; read++) {
    rows = portRows(await table.read().catch(() => ""), port);
    row = findClientRow(rows, sandbox.ip, port);
  }
  const text6 = await sharedTable(sandbox, `${path}6`).read().catch(() => "");
  const rows6 = portRows(text6, port);
  if (rows6.length > 0) row = findClientRow([...rows, ...rows6], sandbox.ip, port);
  if (!row)
    ctx.log(`locate: no single client socket ${sandbox.ip}:${port} in ${path}: ${rowsFor(rows, port)}`);
  if (!row) return { row, who: null, unknown: "client socket not found" };
  if (row.inode === 0) return { row, who: null, unknown: "the client socket has no owner left" };
  const skip = options.skipOwner?.(row) ?? null;
  if (skip) return { row, who: null, unknown: skip };
  const found = await ctx.attribution.lookup(sandbox.netns, row.inode, {
    writable: writableFor(sandbox),
    ...sandbox.cgroup ? { cgroup: sandbox.cgroup } : {}
  }).catch((error) => ({ who: null, unknown: `attribution failed: ${String(error)}` }));
  return { row, ...found };
}
var READS = 3;
function sharedTable(sandbox, path) {
  sandbox.tables ??= /* @__PURE__ */ new Map();
  let table = sandbox.tables.get(path);
  if (!table) {
    table = new SharedRead(() => readSocketTable(path));
    sandbox.tables.set(path, table);
  }
  return table;
}
function rowsFor(found, port) {
  const rows = found.filter((r) => r.localPort === port);
  return rows.length === 0 ? "no row" : rows.map((r) => `${r.localIp} -> ${r.remoteIp}:${r.remotePort} state ${r.state} inode ${r.inode}`).join("; ");
}

// src/gateway/identity/who.ts
var known = /* @__PURE__ */ new WeakMap();
function taintOfFacts(p, writable) {
  let byRecord = known.get(writable);
  if (!byRecord) {
    byRecord = /* @__PURE__ */ new WeakMap();
    known.set(writable, byRecord);
  }
  let reasons = byRecord.get(p);
  if (!reasons) {
    const exe = cleanExe(p.exe);
    reasons = taintOf(
      { exe, environ: p.environ ?? "", maps: p.maps ?? "", status: `TracerPid:	${p.tracerPid}
` },
      writable
    );
    byRecord.set(p, reasons);
  }
  return [...reasons];
}
function taintOfRecord(p, writable) {
  const reasons = taintOfFacts(p, writable);
  if (p.environ === null) reasons.push("its environment could not be read or is too large to check");
  if (p.maps === null) reasons.push("its mappings could not be read or are too many to check");
  return reasons;
}
function attributedOf(record, writable) {
  const [caller, ...ancestors] = record.processes;
  const taint = taintOfRecord(caller, writable);
  for (const a of ancestors)
    taint.push(...taintOfRecord(a, writable).map((r) => `ancestor ${cleanExe(a.exe)}: ${r}`));
  return {
    pid: record.pid,
    hostPid: 0,
    exe: cleanExe(caller.exe),
    ancestors: ancestors.map((a) => cleanExe(a.exe)),
    cmdline: parseCmdline(caller.cmdline),
    identity: taint.length > 0 ? "tainted" : "connect-time",
    taint
  };
}

// src/gateway/identity/locate.ts
var RECORD_WAIT_MS = 1e3;
var claims = /* @__PURE__ */ new WeakMap();
function claimEarly(ctx, client, ip, port) {
  const helper = ctx.identity;
  const s = helper ? sandboxByIp(ctx, ip, null) : void 0;
  if (!helper || !s || s.attribution !== "connect-time" || !s.identityKey) return;
  const found = helper.store.find(s.identityKey, port, RECORD_WAIT_MS);
  claims.set(client, { key: s.identityKey, port, found, held: helper.claimPort(s.identityKey, port) });
}
async function locateConnectTime(ctx, sandbox, port, peer = "destination", client) {
  const helper = ctx.identity;
  const key = sandbox.identityKey;
  const refuse3 = (why) => ({
    row: null,
    who: null,
    unknown: why,
    refuse: `unattributed: ${why}`
  });
  if (!helper || !key) return refuse3("connect-time identity is not attached to this sandbox");
  const early = client ? claims.get(client) : void 0;
  if (client) claims.delete(client);
  const claimed = early && early.key === key && early.port === port ? early : void 0;
  const found = await (claimed ? claimed.found : helper.store.find(key, port, RECORD_WAIT_MS));
  if ("why" in found) return refuse3(found.why);
  if (peer === "unread") {
    if (!claimed) helper.drop(found.record.id);
    return { row: null, who: attributedOf(found.record, writableFor(sandbox)) };
  }
  const asked = claimed ? claimed.held : helper.take(found.record.id);
  const who = attributedOf(found.record, writableFor(sandbox));
  const got = await asked;
  if ("why" in got) return refuse3(`the recorded socket's addresses cannot be read: ${got.why}`);
  if ("id" in got && got.id !== found.record.id)
    return refuse3(
      `the record of source port ${port} is of another socket: identd holds record ${got.id} there`
    );
  const wrong = notThisConnection(got, sandbox.ip, port, peer);
  if (wrong) return refuse3(`the record of source port ${port} is of another socket: ${wrong}`);
  if (peer !== "destination") return { row: null, who };
  const row = {
    localIp: sandbox.ip,
    localPort: port,
    remoteIp: got.ip,
    remotePort: got.port,
    state: 1,
    uid: -1,
    inode: found.record.inode
  };
  return { row, who };
}
function notThisConnection(got, ip, port, peer) {
  const { local } = got;
  if (local.ip !== ip || local.port !== port) return `it is bound to ${local.ip}:${local.port}`;
  if (peer !== "destination" && !peer.proxy.some((p) => p.ip === got.ip && p.port === got.port))
    return `it is connected to ${got.ip}:${got.port}, not to the proxy`;
  return null;
}
function locate2(ctx, sandbox, protocol, port, options = {}) {
  if (sandbox.attribution === "connect-time" && protocol === "tcp")
    return locateConnectTime(ctx, sandbox, port, options.peer, options.client);
  return locate(ctx, sandbox, protocol, port, options);
}

// src/gateway/http/credentials.ts
function credentialCovers(credential, host) {
  return credential.hosts.some((h) => hostMatches(h, host));
}
var KEY_HEADERS = /* @__PURE__ */ new Set([
  "authorization",
  "x-api-key",
  "api-key",
  "x-goog-api-key",
  "x-auth-token",
  "private-token"
]);
var KEY_PARAMS = /* @__PURE__ */ new Set(["key", "api_key", "apikey", "access_token", "token"]);
function keyHeader(c, name2) {
  return KEY_HEADERS.has(name2) || (c.headers?.includes(name2) ?? false);
}
function misplaced(c, rawHeaders, url) {
  const what = `placeholder of credential ${c.name}`;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name2 = (rawHeaders[i] ?? "").toLowerCase();
    if (name2 === ":path" || !`${name2}
${rawHeaders[i + 1]}`.includes(c.placeholder)) continue;
    if (!keyHeader(c, name2))
      return `${what} in header ${name2}: substituted only in ${[...KEY_HEADERS, ...c.headers ?? []].join(", ")}`;
  }
  const at2 = url.indexOf("?");
  const path = at2 < 0 ? url : url.slice(0, at2);
  if (!url.includes(c.placeholder)) return null;
  if (!c.query) return `${what} in the request target: substituted in headers only`;
  if (path.includes(c.placeholder))
    return `${what} in the request path: substituted in headers and the query only`;
  for (const pair of url.slice(at2 + 1).split("&")) {
    if (!pair.includes(c.placeholder)) continue;
    const eq = pair.indexOf("=");
    const name2 = eq < 0 ? pair : pair.slice(0, eq);
    if (!KEY_PARAMS.has(name2) || pair.slice(eq + 1) !== c.placeholder)
      return `${what} in query parameter ${name2}: substituted only as the whole value of ${[...KEY_PARAMS].join(", ")}`;
  }
  return null;
}
function useCredentials(credentials, host, secure, rawHeaders, url) {
  const headers = [...rawHeaders];
  const opened = credentials.length === 0 ? [] : headers.map((v, i) => i % 2 === 1 ? basicText(headers[i - 1] ?? "", v) : null);
  let target = url;
  const used = [];
  for (const c of credentials) {
    const inHeaders = headers.some((h) => h.includes(c.placeholder)) || opened.some((t) => t?.includes(c.placeholder));
    const inUrl = target.includes(c.placeholder);
    if (!inHeaders && !inUrl) continue;
    const where = host ?? "an address";
    if (host === null || !credentialCovers(c, host))
      return {
        ok: false,
        reason: `placeholder of credential ${c.name} sent to ${where}, which is not one of its hosts`
      };
    if (!secure)
      return {
        ok: false,
        reason: `placeholder of credential ${c.name} sent to ${where} without TLS: never substituted in clear text`
      };
    const wrong = misplaced(c, rawHeaders, url);
    if (wrong) return { ok: false, reason: wrong };
    for (let i = 1; i < headers.length; i += 2) {
      if (!keyHeader(c, (headers[i - 1] ?? "").toLowerCase())) continue;
      const text = opened[i];
      if (text?.includes(c.placeholder)) {
        opened[i] = text.replaceAll(c.placeholder, c.secret);
        headers[i] = `Basic ${Buffer.from(opened[i] ?? "", "latin1").toString("base64")}`;
      } else headers[i] = (headers[i] ?? "").replaceAll(c.placeholder, c.secret);
    }
    if (inUrl) target = target.replaceAll(c.placeholder, encodeURIComponent(c.secret));
    used.push(c.name);
  }
  return { ok: true, headers, url: target, used };
}
function basicText(name2, value) {
  if (name2.toLowerCase() !== "authorization") return null;
  const m = /^basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(value);
  return m?.[1] ? Buffer.from(m[1], "base64").toString("latin1") : null;
}
var MASKED_MIN = 8;
function masked(credentials, text) {
  if (credentials.length === 0) return text;
  let out = text.replace(/\bBasic[ \t]+([A-Za-z0-9+/]+={0,2})/gi, (whole, b64) => {
    const open2 = Buffer.from(b64, "base64").toString("latin1");
    const shut = masked(credentials, open2);
    return shut === open2 ? whole : `Basic ${Buffer.from(shut, "latin1").toString("base64")}`;
  });
  for (const c of credentials) {
    if (c.secret.length < MASKED_MIN) continue;
    out = out.replaceAll(c.secret, c.placeholder);
    const encoded = encodeURIComponent(c.secret);
    if (encoded !== c.secret) out = out.replaceAll(encoded, c.placeholder);
  }
  return out;
}

// src/gateway/synthetic.ts
var BASE = 198 << 24 | 18 << 16;
var SIZE = 1 << 17;
function toIp(n) {
  return [n >>> 24, n >>> 16 & 255, n >>> 8 & 255, n & 255].join(".");
}
function toNumber(ip) {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return (parts[0] ?? 0) * 2 ** 24 + (parts[1] ?? 0) * 2 ** 16 + (parts[2] ?? 0) * 2 ** 8 + (parts[3] ?? 0) >>> 0;
}
function isSynthetic(ip) {
  const n = toNumber(ip);
  return n !== null && n >>> 0 >= BASE >>> 0 && n >>> 0 < (BASE >>> 0) + SIZE;
}
var SyntheticPool = class {
  #byName = /* @__PURE__ */ new Map();
  #byIp = /* @__PURE__ */ new Map();
  #next = 1;
  addressFor(name2) {
    const key = name2.toLowerCase().replace(/\.$/, "");
    const known2 = this.#byName.get(key);
    if (known2) return known2;
    if (this.#next >= SIZE - 1) throw new RangeError("synthetic address pool exhausted");
    const ip = toIp((BASE >>> 0) + this.#next++ >>> 0);
    this.#byName.set(key, ip);
    this.#byIp.set(ip, key);
    return ip;
  }
  /** True when `name` already has an address. */
  has(name2) {
    return this.#byName.has(name2.toLowerCase().replace(/\.$/, ""));
  }
  /** The name an address was handed out for, or undefined. */
  nameFor(ip) {
    return this.#byIp.get(ip);
  }
  get size() {
    return this.#byName.size;
  }
};

// src/gateway/decision.ts
function targetFor(sandbox, ip, port) {
  if (!isSynthetic(ip)) return { host: null, ip, port };
  const host = sandbox.pool.nameFor(ip);
  return host ? { host, ip, port } : { unknown: `synthetic address ${ip} was never handed out` };
}
function destinationOf(target, resolvedIp) {
  return target.host !== null ? { host: target.host, port: target.port, ...resolvedIp ? { ip: resolvedIp } : {} } : { ip: target.ip ?? "", port: target.port };
}
function binaryMatters(ctx, sandbox, target) {
  if (ctx.audit || !ctx.attribution) return true;
  try {
    return ctx.rules.covers(sandbox.policy, destinationOf(target));
  } catch {
    return true;
  }
}
function decideConnection(ctx, sandbox, who, target, resolvedIp) {
  const dest = destinationOf(target, resolvedIp);
  const binary = identityOf(who);
  let decision;
  try {
    decision = ctx.attribution ? ctx.rules.decide(sandbox.policy, binary, dest) : ctx.rules.decide(withoutBinaries(sandbox.policy), PROXY_ONLY, dest);
  } catch (error) {
    decision = { action: "deny", policy: null, reason: `decision failed: ${String(error)}` };
  }
  return auditable(ctx, decision);
}
function identityOf(who) {
  return who ? {
    exe: who.exe,
    ancestors: who.ancestors,
    ...who.taint.length > 0 ? { tainted: who.taint.join("; ") } : {}
  } : null;
}
function judged(ctx, sandbox, who) {
  return ctx.attribution ? { policy: sandbox.policy, binary: identityOf(who) } : { policy: withoutBinaries(sandbox.policy), binary: PROXY_ONLY };
}
function credentialsFor(sandbox, host) {
  if (host === null) return [];
  return (sandbox.credentials ?? []).filter((c) => credentialCovers(c, host));
}
function inspectsConnection(ctx, sandbox, who, target) {
  if (credentialsFor(sandbox, target.host).length > 0) return true;
  const { policy, binary } = judged(ctx, sandbox, who);
  try {
    return ctx.rules.inspects(policy, binary, destinationOf(target));
  } catch {
    return true;
  }
}
function decideRequest(ctx, sandbox, who, target, req) {
  const { policy, binary } = judged(ctx, sandbox, who);
  let decision;
  try {
    decision = ctx.rules.decideRequest(policy, binary, destinationOf(target), req);
  } catch (error) {
    decision = { action: "deny", policy: null, reason: `decision failed: ${String(error)}` };
  }
  return auditable(ctx, decision);
}
var PROXY_ONLY = { exe: "/proxy-only", ancestors: [] };
function withoutBinaries(policy) {
  return {
    ...policy,
    network_policies: policy.network_policies.map((n) => ({ ...n, binaries: [{ path: "/**" }] }))
  };
}
function explained(decision, unknown2) {
  if (decision.action === "allow" || unknown2 === null) return decision;
  return { ...decision, reason: `${decision.reason} (${unknown2})` };
}
function auditable(ctx, decision) {
  if (decision.action !== "deny" || !ctx.audit) return decision;
  return { action: "audit", policy: decision.policy, reason: `audit mode: ${decision.reason}` };
}
function denialBody(target, who, reason2) {
  return JSON.stringify({
    error: "policy_denied",
    host: target.host ?? target.ip,
    port: target.port,
    binary: who?.exe ?? null,
    reason: reason2
  });
}

// src/gateway/admission/chain.ts
var END = async () => void 0;
function compose(...steps) {
  return steps.reduceRight((next, step) => step(next), END);
}
function admission(ctx, start) {
  return {
    ctx,
    ...start,
    target: start.target ?? null,
    who: null,
    unknown: null,
    row: null,
    decision: null,
    upstream: null,
    quiet: false,
    releases: []
  };
}
function deny(a, reason2, policy = null) {
  a.decision = { action: "deny", policy, reason: reason2 };
}
function release(a) {
  for (const r of a.releases.splice(0)) r();
}

// src/gateway/carried.ts
var open = /* @__PURE__ */ new WeakMap();
var reloads = /* @__PURE__ */ new WeakMap();
function policyGeneration(sandbox) {
  return reloads.get(sandbox) ?? 0;
}
function carrying(sandbox, c, since) {
  let set3 = open.get(sandbox);
  if (!set3) {
    set3 = /* @__PURE__ */ new Set();
    open.set(sandbox, set3);
  }
  set3.add(c);
  const unlist = () => set3.delete(c);
  if (since !== policyGeneration(sandbox)) {
    const why = c.recheck();
    if (why !== null) c.cut(`policy reloaded: ${why} (open connection closed)`);
  }
  return unlist;
}
function splicedRecheck(ctx, sandbox, who, unknown2, target) {
  const decision = explained(decideConnection(ctx, sandbox, who, target), unknown2);
  if (decision.action === "deny") return decision.reason;
  if (inspectsConnection(ctx, sandbox, who, target))
    return "its requests must now be seen, and the connection was spliced";
  return null;
}
function redecideCarried(sandbox) {
  reloads.set(sandbox, policyGeneration(sandbox) + 1);
  let cut = 0;
  for (const c of [...open.get(sandbox) ?? []]) {
    const why = c.recheck();
    if (why === null) continue;
    c.cut(`policy reloaded: ${why} (open connection closed)`);
    cut++;
  }
  return cut;
}

// src/gateway/once-per.ts
var OncePer = class {
  #windowMs;
  #maxKeys;
  #last = /* @__PURE__ */ new Map();
  /** @param maxKeys keys remembered before expired ones are dropped (all, if none expired) @default 4096 */
  constructor(windowMs, maxKeys = 4096) {
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
  }
  /** Would `first(key)` be true now (nothing is marked)? */
  open(key, now = Date.now()) {
    const last = this.#last.get(key);
    return last === void 0 || now - last >= this.#windowMs;
  }
  /** True the first time `key` is seen in a window. */
  first(key, now = Date.now()) {
    const last = this.#last.get(key);
    if (last !== void 0 && now - last < this.#windowMs) return false;
    if (this.#last.size >= this.#maxKeys) {
      for (const [k, t] of this.#last) if (now - t >= this.#windowMs) this.#last.delete(k);
      if (this.#last.size >= this.#maxKeys) this.#last.clear();
    }
    this.#last.set(key, now);
    return true;
  }
};

// src/gateway/admission/steps.ts
var sandboxStep = (next) => async (a) => {
  a.sandbox = sandboxByIp(a.ctx, a.peer.ip);
  if (a.sandbox) a.since = policyGeneration(a.sandbox);
  if (!a.sandbox) {
    a.target ??= { host: null, ip: a.peer.ip, port: a.peer.port };
    const stale = whyUnknown(a.ctx, a.peer.ip);
    return deny(a, stale ?? `${a.layer === "http" ? "request" : "connection"} from an unregistered address`);
  }
  await next(a);
};
function overBudget(a, kind, detail) {
  deny(a, `over budget: ${detail}`);
  const first = a.sandbox?.budget.overBudget(kind) ?? true;
  if (first) a.ctx.log(`budget: sandbox ${a.sandbox?.name ?? "-"} over its ${kind} budget (${detail})`);
  else a.quiet = true;
}
var holding = /* @__PURE__ */ new WeakSet();
function hold(budget, client) {
  if (holding.has(client)) return true;
  if (!budget.take("connections")) return false;
  holding.add(client);
  client.once("close", () => budget.give("connections"));
  return true;
}
function holdAtAccept(ctx, client) {
  const budget = sandboxByIp(ctx, client.remoteAddress ?? "", null)?.budget;
  return !budget || hold(budget, client);
}
var connectionBudget = (next) => async (a) => {
  const budget = a.sandbox?.budget;
  const client = a.client;
  if (budget?.deniedTooOften())
    return overBudget(a, "denials", `${budget.limits.denials} denied connections a second`);
  if (budget && client && !hold(budget, client))
    return overBudget(a, "connections", `${budget.limits.connections} open connections`);
  await next(a);
  if (budget && a.decision?.action === "deny") budget.takeDenial();
};
var requestBudget = (next) => async (a) => {
  const budget = a.sandbox?.budget;
  if (!budget) return next(a);
  const over = () => {
    a.hangUp = true;
    overBudget(a, "denials", `${budget.limits.denials} denied connections or requests a second`);
  };
  if (budget.deniedTooOften()) return over();
  await next(a);
  if (a.decision?.action === "deny" && !budget.takeDenial()) over();
};
function throttleStep(windowMs, keyOf) {
  const recent = new OncePer(windowMs);
  return (next) => async (a) => {
    if (!recent.first(keyOf(a))) {
      a.quiet = true;
      return deny(a, "repeat inside the log window");
    }
    await next(a);
  };
}

// src/gateway/admission/attribute.ts
function skipOwner(a, sandbox, dns) {
  return (row) => {
    if (!dns) {
      const target = a.target ?? targetFor(sandbox, row.remoteIp, row.remotePort);
      if ("unknown" in target || binaryMatters(a.ctx, sandbox, target)) return null;
    }
    if (sandbox.budget.takeLogLookup()) return null;
    return `binary not looked up: over ${sandbox.budget.limits.logLookups} a second of denials no binary changes`;
  };
}
function attributeStep(options) {
  const memo = /* @__PURE__ */ new WeakMap();
  const run = async (a) => {
    const sandbox = a.sandbox;
    if (!sandbox || !a.ctx.attribution || a.protocol === "icmp")
      return { row: null, who: null, unknown: null };
    const release2 = await sandbox.budget.attribution();
    if (!release2) return null;
    try {
      const transparent = a.layer === "connect" && a.protocol === "tcp";
      const dns = options.when === "deny";
      const peer = a.dialled ?? (dns ? "unread" : "destination");
      const client = a.client ? { client: a.client } : {};
      return await options.locate(
        a.ctx,
        sandbox,
        a.protocol,
        a.peer.port,
        transparent || dns ? { skipOwner: skipOwner(a, sandbox, dns), peer, ...client } : { peer, ...client }
      );
    } finally {
      release2();
    }
  };
  const attribute = async (a) => {
    let found;
    const known2 = a.client ? memo.get(a.client) : void 0;
    if (known2) found = known2;
    else {
      found = run(a);
      if (a.client) memo.set(a.client, found);
    }
    const located = await found;
    if (!located) {
      if (a.client) memo.delete(a.client);
      return false;
    }
    a.row = located.row;
    a.who = located.who;
    a.unknown = located.unknown ?? null;
    a.refuse = located.refuse ?? null;
    return true;
  };
  if (options.when === "deny") {
    return (next) => async (a) => {
      await next(a);
      if (a.decision?.action !== "deny" || a.quiet) return;
      await attribute(a);
      if (!a.who) a.decision = explained(a.decision, a.unknown);
    };
  }
  return (next) => async (a) => {
    if (await attribute(a)) return a.refuse ? deny(a, a.refuse) : next(a);
    overBudget(a, "attribution", `${a.sandbox?.budget.limits.attributionQueue} lookups waiting`);
  };
}

// src/gateway/hashlimit.ts
var LINE = /^(\d+) [\d.]+:(\d+)->(\d+\.\d+\.\d+\.\d+):(\d+) /;
function parseFenceRecord(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const m = LINE.exec(line);
    if (!m) continue;
    out.push({ expiresIn: Number(m[1]), srcPort: Number(m[2]), ip: m[3], port: Number(m[4]) });
  }
  return out;
}
var MAX_RECORD_BYTES = 256 * 1024;
async function readFenceRecord(pid, what) {
  const path = `/proc/${pid}/net/ipt_hashlimit/${FENCE_LOG[what].name}`;
  const text = await realProcFs.readFile(path, MAX_RECORD_BYTES + 1);
  if (text.length > MAX_RECORD_BYTES) throw new Error(`${path} is over ${MAX_RECORD_BYTES} bytes`);
  return parseFenceRecord(text);
}

// src/gateway/admission/datagrams.ts
var sentTo = async (sandbox, port) => (await readFenceRecord(sandbox.pid, "udp")).filter((r) => r.srcPort === port).sort((a, b) => b.expiresIn - a.expiresIn);
function aim(a, ip, port) {
  if (!a.sandbox) return;
  const t = targetFor(a.sandbox, ip, port);
  a.target = "unknown" in t ? { host: null, ip, port } : t;
}
function udpDropStep(sent) {
  return () => async (a) => {
    const row = a.row && a.row.remoteIp !== "0.0.0.0" ? a.row : null;
    if (row) {
      aim(a, row.remoteIp, row.remotePort);
      return deny(a, "UDP other than DNS is not allowed");
    }
    const why = a.row ? "unconnected socket" : "socket already closed";
    let found = [];
    let failed = "";
    if (a.sandbox)
      found = await sent(a.sandbox, a.peer.port).catch((e) => {
        failed = `: cannot read the fence's UDP record (${errorMessage(e)})`;
        return [];
      });
    const [newest, ...others] = found;
    if (!newest) return deny(a, `UDP other than DNS is not allowed (${why}: destination not known${failed})`);
    aim(a, newest.ip, newest.port);
    const also = others.length > 0 ? `; it also sent to ${others.map((o) => `${o.ip}:${o.port}`).join(", ")}` : "";
    deny(a, `UDP other than DNS is not allowed (${why}, destination from the fence's record${also})`);
  };
}
var ICMP_EVENTS_PER_READ = 16;
var icmpStep = () => async (a) => {
  if (!a.target?.ip)
    return deny(
      a,
      `over budget: ICMP to more than ${ICMP_EVENTS_PER_READ} new destinations at once (the rest not listed)`
    );
  aim(a, a.target.ip, 0);
  a.unknown = "ICMP: the fence records the destination, not the sending socket";
  deny(a, "ICMP is not allowed (rejected by the fence)");
};

// src/gateway/admission/decide.ts
var destinationStep = (next) => async (a) => {
  const row = a.row;
  if (!row || !a.sandbox) return deny(a, "original destination unknown (client socket not found)");
  const target = targetFor(a.sandbox, row.remoteIp, row.remotePort);
  if ("unknown" in target) {
    a.target = { host: null, ip: row.remoteIp, port: row.remotePort };
    return deny(a, target.unknown);
  }
  a.target = target;
  await next(a);
};
var decideStep = (next) => async (a) => {
  if (!a.sandbox || !a.target) return deny(a, "gateway error: nothing to decide");
  a.decision = explained(decideConnection(a.ctx, a.sandbox, a.who, a.target), a.unknown);
  if (a.decision.action === "deny") return;
  await next(a);
};

// src/gateway/dns-answer.ts
var import_dns_packet = __toESM(require_dns_packet(), 1);
var TTL = 60;
var RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, REFUSED: 5 };
function reply(query, rcode, answers = []) {
  return {
    type: "response",
    id: query.id ?? 0,
    // QR | AA | RD (echoed) | RA, and the rcode in the low bits.
    flags: 1 << 10 | (query.flags ?? 0) & import_dns_packet.default.RECURSION_DESIRED | import_dns_packet.default.RECURSION_AVAILABLE | rcode,
    questions: query.questions ?? [],
    answers
  };
}
function answerQuery(query, lookup2) {
  const question = query.questions?.[0];
  if (query.type !== "query" || !question || (query.questions?.length ?? 0) !== 1) {
    return {
      response: reply(query, RCODE.FORMERR),
      host: null,
      event: { policy: null, reason: `malformed DNS query (${query.questions?.length ?? 0} questions)` }
    };
  }
  const host = question.name.toLowerCase().replace(/\.$/, "");
  if (question.type !== "A" && question.type !== "AAAA") {
    return {
      response: reply(query, RCODE.REFUSED),
      host,
      event: { policy: null, reason: `DNS query type ${question.type} is not allowed` }
    };
  }
  const verdict = lookup2.nameAllowed(host);
  if (!verdict.allowed) {
    return {
      response: reply(query, RCODE.NXDOMAIN),
      host,
      event: { policy: null, reason: "name not allowed by any policy" }
    };
  }
  if (question.type === "AAAA") return { response: reply(query, RCODE.NOERROR), host, event: null };
  const data = lookup2.addressFor(host);
  if (data === null) {
    return {
      response: reply(query, RCODE.REFUSED),
      host,
      event: { policy: verdict.policy, reason: "over budget: the sandbox has used its DNS names" }
    };
  }
  const answer2 = { type: "A", name: question.name, ttl: TTL, class: "IN", data };
  return { response: reply(query, RCODE.NOERROR, [answer2]), host, event: null };
}

// src/gateway/admission/dns.ts
var DEDUPE_MS = 1e3;
function dnsDecideStep() {
  const recent = /* @__PURE__ */ new WeakMap();
  return (next) => async (a) => {
    const sandbox = a.sandbox;
    if (!sandbox) throw new Error("DNS decide step without a sandbox");
    const query = a.query;
    const verdict = query ? answerQuery(query, {
      nameAllowed: (host) => a.ctx.rules.nameAllowed(sandbox.policy, host),
      addressFor: (host) => sandbox.pool.has(host) || sandbox.pool.size < sandbox.budget.limits.names ? sandbox.pool.addressFor(host) : null
    }) : null;
    a.target = { host: verdict?.host ?? null, ip: null, port: 53 };
    if (!verdict) deny(a, "not a DNS message");
    else {
      a.response = verdict.response;
      if (!verdict.event) {
        a.decision = { action: "allow", policy: null, reason: "DNS answer" };
        a.quiet = true;
        return next(a);
      }
      if (verdict.event.reason.startsWith("over budget")) {
        return overBudget(a, "names", `${sandbox.budget.limits.names} DNS names`);
      }
      deny(a, verdict.event.reason, verdict.event.policy);
    }
    let gate = recent.get(sandbox);
    if (!gate) {
      gate = new OncePer(DEDUPE_MS);
      recent.set(sandbox, gate);
    }
    if (!gate.first(`${a.target.host ?? ""}
${a.decision?.reason}`)) a.quiet = true;
    await next(a);
  };
}
var queryBudget = (next) => async (a) => {
  const budget = a.sandbox?.budget;
  if (!budget) return next(a);
  if (!budget.takeQuery())
    return overBudget(a, "query rate", `${budget.limits.queryRate} DNS queries a second`);
  if (!budget.take("queries")) return overBudget(a, "queries", `${budget.limits.queries} queries in flight`);
  try {
    await next(a);
  } finally {
    budget.give("queries");
  }
};

// src/gateway/admission/first-bytes.ts
import { Socket } from "node:net";

// src/gateway/hello.ts
var FIRST_BYTES_MS = 3e4;
var MAX_RECORD = 16384 + 5;
function readFirst(socket, timeoutMs) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const timer = timeoutMs > 0 ? setTimeout(() => done(), timeoutMs) : void 0;
    const done = () => {
      clearTimeout(timer);
      socket.removeListener("data", onData);
      socket.removeListener("end", done);
      socket.removeListener("close", done);
      socket.pause();
      const first = chunks.length > 0 ? Buffer.concat(chunks) : null;
      if (first) socket.unshift(first);
      resolve(first);
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      const head = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      if (head[0] !== 22) return done();
      if (head.length < 5) return;
      const want = Math.min(5 + head.readUInt16BE(3), MAX_RECORD);
      if (size >= want) done();
    };
    socket.on("data", onData);
    socket.once("end", done);
    socket.once("close", done);
    socket.resume();
  });
}
var isTls = (first) => first.length >= 1 && first[0] === 22;
var isH2c = (first) => first.subarray(0, 16).toString("latin1") === "PRI * HTTP/2.0\r\n";
var METHODS = [
  ...["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY", "PRI"],
  ...["PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT", "MKCALENDAR"],
  ...["MKACTIVITY", "CHECKOUT", "MERGE", "BIND", "REBIND", "UNBIND", "ACL", "LINK", "UNLINK", "SOURCE"],
  ...["M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PURGE"]
];
var MAX_HEAD = 16384;
var HEAD_MS = 1e4;
function httpStart(first) {
  const text = first.subarray(0, MAX_HEAD).toString("latin1").replace(/^(\r?\n)+/, "");
  if (text === "") return true;
  const eol = text.indexOf("\n");
  const line = eol < 0 ? text : text.slice(0, eol);
  if (eol < 0 && /^[A-Za-z_-]+$/.test(line)) return METHODS.some((m) => m.startsWith(line.toUpperCase()));
  if (!/^[A-Za-z_-]+[ \t]/.test(line)) return false;
  return eol < 0 || /HTTP\/\d/i.test(line);
}
function headEnds(bytes) {
  let at2 = 0;
  while (at2 < bytes.length && (bytes[at2] === 13 || bytes[at2] === 10)) at2++;
  const rest = bytes.subarray(at2);
  return rest.length > 0 && (rest.includes("\r\n\r\n") || rest.includes("\n\n"));
}
function readHttpHead(socket, first, timeoutMs = HEAD_MS) {
  if (!httpStart(first) || headEnds(first) || first.length >= MAX_HEAD) return Promise.resolve(first);
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const timer = setTimeout(() => done(), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.removeListener("data", onData);
      socket.removeListener("end", done);
      socket.removeListener("close", done);
      socket.pause();
      const head = chunks.length > 0 ? Buffer.concat(chunks) : first;
      if (chunks.length > 0) socket.unshift(head);
      resolve(head);
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      const head = Buffer.concat(chunks);
      if (size >= MAX_HEAD || headEnds(head) || !httpStart(head)) done();
    };
    socket.on("data", onData);
    socket.once("end", done);
    socket.once("close", done);
    socket.resume();
  });
}

// src/gateway/admission/first-bytes.ts
var firstBytesStep = (next) => async (a) => {
  const client = a.client;
  if (a.sandbox && a.target && client instanceof Socket) {
    const inspect = inspectsConnection(a.ctx, a.sandbox, a.who, a.target);
    const first = readFirst(client, inspect ? FIRST_BYTES_MS : 0).catch(() => null);
    a.carrying = { inspect, first };
  }
  await next(a);
};

// src/gateway/admission/record.ts
function eventOf(a) {
  const decision = a.decision ?? { action: "deny", policy: null, reason: "no decision" };
  return {
    time: (/* @__PURE__ */ new Date()).toISOString(),
    session: a.ctx.session,
    sandbox: a.sandbox?.name ?? null,
    run: a.sandbox?.run ?? null,
    action: decision.action,
    layer: a.layer,
    protocol: a.protocol,
    host: a.target?.host ?? null,
    ip: a.target?.ip ?? null,
    port: a.protocol === "icmp" ? null : a.target?.port ?? null,
    binary: a.who?.exe ?? null,
    pid: a.who?.pid ?? null,
    ancestors: a.who?.ancestors ?? [],
    cmdline: a.who?.cmdline ?? null,
    identity: a.who?.identity ?? null,
    policy: decision.policy,
    reason: a.upstreamError ? `${decision.reason} (${a.upstreamError})` : decision.reason,
    ...a.http ? {
      method: a.http.method,
      path: a.http.path,
      ...a.http.status === null ? {} : { status: a.http.status },
      bytes: a.http.bytes
    } : {},
    ...a.sandbox?.phase ? { phase: a.sandbox.phase } : {}
  };
}
var recordStep = (next) => async (a) => {
  try {
    await next(a);
  } catch (error) {
    a.ctx.log(`admission: ${a.layer}/${a.protocol} from ${a.peer.ip}:${a.peer.port}: ${errorMessage(error)}`);
    a.upstream?.destroy();
    a.upstream = null;
    deny(a, `gateway error: ${errorMessage(error)}`);
  }
  if (!a.decision) deny(a, "gateway error: no step decided");
  if (a.quiet) return;
  if (a.decision?.action === "deny" && a.explain) {
    const seen = await a.explain().catch(() => null);
    if (seen && a.decision)
      a.decision = { ...a.decision, reason: `${a.decision.reason} (client asked for ${seen})` };
  }
  if (a.decision?.action !== "deny" && a.upstream) a.beforeRecord?.();
  try {
    await a.ctx.events.append(eventOf(a));
  } catch (error) {
    a.ctx.log(`admission: cannot record a decision, denying: ${errorMessage(error)}`);
    a.upstream?.destroy();
    a.upstream = null;
    deny(a, `cannot record the decision: ${errorMessage(error)}`);
  }
};

// src/gateway/http/forward.ts
var HOP = /* @__PURE__ */ new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "proxy-authenticate",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect"
]);
var same = (value) => value;
function answered(raw, answer2) {
  return raw.map((v, i) => i % 2 === 1 ? answer2(v) : v);
}
function endToEnd(raw) {
  const named = /* @__PURE__ */ new Set();
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]?.toLowerCase() === "connection")
      for (const t of (raw[i + 1] ?? "").split(",")) named.add(t.trim().toLowerCase());
  const out = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name2 = (raw[i] ?? "").toLowerCase();
    if (HOP.has(name2) || named.has(name2)) continue;
    out.push(raw[i] ?? "", raw[i + 1] ?? "");
  }
  return out;
}
function forwardUpgrade(link, req, client, headers, url, facts, answer2 = same) {
  return new Promise((resolve) => {
    const upgrade = String(req.headers.upgrade ?? "");
    const out = http.request({
      agent: link.agent,
      method: req.method ?? "GET",
      path: url,
      headers: [...endToEnd(headers), "Connection", "Upgrade", "Upgrade", upgrade],
      setHost: false
    });
    const head = (status, message, raw) => {
      const lines = [`HTTP/1.1 ${status} ${message ?? ""}`.trimEnd()];
      for (let i = 0; i + 1 < raw.length; i += 2) lines.push(`${raw[i]}: ${answer2(raw[i + 1] ?? "")}`);
      return `${lines.join("\r\n")}\r
\r
`;
    };
    out.on("upgrade", (up, upstream, upHead) => {
      facts.status = up.statusCode ?? 101;
      client.socket.write(head(facts.status, up.statusMessage, up.rawHeaders));
      if (upHead.length > 0) client.socket.write(upHead);
      if (client.head.length > 0) upstream.write(client.head);
      const close = () => {
        upstream.destroy();
        client.socket.destroy();
      };
      upstream.on("error", close);
      client.socket.on("error", close);
      upstream.once("close", close);
      client.socket.once("close", close);
      upstream.pipe(client.socket);
      client.socket.pipe(upstream);
      resolve(null);
    });
    out.on("response", (up) => {
      facts.status = up.statusCode ?? 502;
      client.socket.write(
        head(facts.status, up.statusMessage, [...endToEnd(up.rawHeaders), "Connection", "close"])
      );
      up.on("data", (chunk) => {
        facts.bytes += chunk.length;
      });
      up.pipe(client.socket);
      resolve(null);
    });
    out.on("error", (error) => {
      const failure = `upstream failed: ${errorMessage(error)}`;
      facts.status = 502;
      client.socket.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      resolve(failure);
    });
    out.end();
  });
}
function forward(link, req, res, headers, url, facts, answer2 = same) {
  return new Promise((resolve) => {
    let failure = null;
    const out = http.request({
      agent: link.agent,
      method: req.method ?? "GET",
      path: url,
      headers: endToEnd(headers),
      setHost: false
    });
    res.once("close", () => {
      out.destroy();
      resolve(failure);
    });
    out.on("response", (up) => {
      facts.status = up.statusCode ?? 502;
      const headers2 = answered(endToEnd(up.rawHeaders), answer2);
      if ("stream" in res) res.writeHead(facts.status, headers2);
      else res.writeHead(facts.status, up.statusMessage, headers2);
      up.on("data", (chunk) => {
        facts.bytes += chunk.length;
      });
      up.pipe(res);
      up.on("error", () => res.destroy());
    });
    out.on("error", (error) => {
      failure = `upstream failed: ${errorMessage(error)}`;
      if (res.headersSent) res.destroy();
      else {
        const body2 = JSON.stringify({ error: "upstream_failed", reason: failure });
        facts.status = 502;
        facts.bytes = Buffer.byteLength(body2);
        res.writeHead(502, { "content-type": "application/json", "content-length": facts.bytes }).end(body2);
      }
    });
    req.pipe(out);
  });
}

// src/gateway/http/forward-h2.ts
import {
  constants
} from "node:http2";
function h2Headers(raw) {
  const out = {};
  const list = endToEnd(raw);
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name2 = (list[i] ?? "").toLowerCase();
    if (name2.startsWith(":") || name2 === "host") continue;
    const value = list[i + 1] ?? "";
    const had = out[name2];
    out[name2] = had === void 0 ? value : [...Array.isArray(had) ? had : [had], value];
  }
  return out;
}
function passOn(headers, answer2) {
  const out = {};
  for (const [k, v] of Object.entries(headers))
    if (!k.startsWith(":") && v !== void 0) out[k] = Array.isArray(v) ? v.map(answer2) : answer2(v);
  return out;
}
async function forwardStream(link, req, res, headers, url, authority, facts, answer2) {
  const failed = (failure) => {
    const body2 = JSON.stringify({ error: "upstream_failed", reason: failure });
    facts.status = 502;
    facts.bytes = Buffer.byteLength(body2);
    if (!res.headersSent)
      res.writeHead(502, { "content-type": "application/json", "content-length": facts.bytes }).end(body2);
    else res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return failure;
  };
  let session;
  try {
    session = await link.h2();
  } catch (error) {
    return failed(`upstream failed: ${errorMessage(error)}`);
  }
  if (session === null) {
    const h1 = [];
    for (let i = 0; i + 1 < headers.length; i += 2)
      if (!(headers[i] ?? "").startsWith(":")) h1.push(headers[i] ?? "", headers[i + 1] ?? "");
    h1.push("Host", authority);
    const h1req = req;
    return forward(link, h1req, res, h1, url, facts, answer2);
  }
  const open2 = session;
  return new Promise((resolve) => {
    let failure = null;
    const out = open2.request({
      ...h2Headers(headers),
      ":method": req.method,
      ":path": url,
      ":authority": authority,
      ":scheme": "https"
    });
    res.once("close", () => {
      if (!out.closed) out.close(constants.NGHTTP2_CANCEL);
      resolve(failure);
    });
    out.on("response", (h) => {
      facts.status = Number(h[":status"] ?? 502);
      res.writeHead(facts.status, passOn(h, answer2));
      out.on("data", (chunk) => {
        facts.bytes += chunk.length;
      });
      out.pipe(res);
    });
    out.on("trailers", (t) => res.addTrailers(passOn(t, answer2)));
    out.on("error", (error) => {
      failure = failed(`upstream failed: ${errorMessage(error)}`);
    });
    req.pipe(out);
  });
}

// src/gateway/admission/request.ts
function authorityOf(req) {
  const authority = req.headers[":authority"];
  const host = req.headers.host;
  if (typeof authority === "string" && host !== void 0 && host !== authority) return null;
  return typeof authority === "string" ? authority : host ?? null;
}
function hostsOf(req) {
  const out = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i]?.toLowerCase() === "host") out.push(req.rawHeaders[i + 1] ?? "");
  return out;
}
function hostOf(req) {
  const host = authorityOf(req);
  if (!host) return null;
  return host.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1").toLowerCase();
}
function httpRequestOf(method, url) {
  const parsed2 = parseTarget(url, true);
  if ("error" in parsed2) return parsed2;
  return {
    method: method.toUpperCase(),
    ...parsed2.request,
    .../%2f/i.test(url.split("?")[0] ?? "") ? { encodedSlash: true } : {}
  };
}
function upgradeRefused(x) {
  if (!x.upgrade) return null;
  const asked = String(x.req.headers.upgrade ?? "").trim();
  if (asked.toLowerCase() === "websocket") return null;
  return `upgrade to ${asked || "(none)"}: only websocket is joined (the gateway does not read past the upgrade)`;
}
function refuse(a, x, status = 403) {
  const target = a.target ?? { host: null, ip: null, port: 0 };
  const body2 = denialBody(target, a.who, a.decision?.reason ?? "denied");
  if (a.http) {
    a.http.status = status;
    a.http.bytes = Buffer.byteLength(body2);
  }
  if (x.upgrade) {
    const head = `HTTP/1.1 ${status} ${status === 400 ? "Bad Request" : "Forbidden"}\r
Content-Type: application/json\r
`;
    x.upgrade.socket.end(
      `${head}Content-Length: ${Buffer.byteLength(body2)}\r
Connection: close\r
\r
${body2}`
    );
    return;
  }
  x.res?.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body2) });
  x.res?.end(body2);
}
function requestStep(x) {
  return () => async (a) => {
    const { req } = x;
    a.http = { method: req.method ?? "?", path: redactedTarget(req.url ?? ""), status: null, bytes: 0 };
    const { sandbox, target } = a;
    if (!sandbox || !target) {
      deny(a, "gateway error: request without a connection");
      return refuse(a, x);
    }
    const expected = target.host ?? target.ip;
    const hosts = hostsOf(req);
    if (hosts.length > 1) {
      deny(
        a,
        `Host given ${hosts.length} times (${hosts.join(", ")}): the upstream may read another than the gateway`
      );
      return refuse(a, x);
    }
    const host = hostOf(req);
    if (host !== expected) {
      deny(a, `Host ${host ?? "(none)"} does not name ${expected}, the host the connection was allowed for`);
      return refuse(a, x);
    }
    const upgrade = upgradeRefused(x);
    if (upgrade) {
      deny(a, upgrade);
      return refuse(a, x);
    }
    const url = req.url ?? "";
    const parsed2 = httpRequestOf(req.method ?? "", url);
    if ("error" in parsed2) {
      deny(a, `malformed request target: ${parsed2.error}`);
      return refuse(a, x, 400);
    }
    const creds = useCredentials(sandbox.credentials ?? [], target.host, x.secure, req.rawHeaders, url);
    if (!creds.ok) {
      deny(a, creds.reason);
      return refuse(a, x);
    }
    a.decision = decideRequest(a.ctx, sandbox, a.who, target, parsed2);
    if (a.decision.action === "deny") return refuse(a, x);
    if (creds.used.length > 0)
      a.decision = {
        ...a.decision,
        reason: `${a.decision.reason}; credential ${creds.used.join(", ")} substituted`
      };
    if (x.expectsContinue) x.res?.writeContinue();
    const answer2 = (value) => masked(sandbox.credentials ?? [], value);
    const unlist = carrying(
      sandbox,
      {
        recheck: () => {
          const again = decideRequest(a.ctx, sandbox, a.who, target, parsed2);
          return again.action === "deny" ? again.reason : null;
        },
        cut: (reason2) => {
          deny(a, reason2, a.decision?.policy ?? null);
          x.res?.destroy();
          x.upgrade?.socket.destroy();
        }
      },
      policyGeneration(sandbox)
    );
    let failure;
    try {
      failure = await send(x, a.http, creds, authorityOf(req) ?? expected ?? "", answer2);
    } finally {
      unlist();
    }
    if (failure) a.upstreamError = failure;
  };
}
function send(x, facts, creds, authority, answer2) {
  const req = x.req;
  if (x.h2)
    return forwardStream(
      x.link,
      x.req,
      x.res,
      creds.headers,
      creds.url,
      authority,
      facts,
      answer2
    );
  if (x.upgrade) return forwardUpgrade(x.link, req, x.upgrade, creds.headers, creds.url, facts, answer2);
  if (!x.res) return Promise.resolve("gateway error: a request without a response");
  return forward(x.link, req, x.res, creds.headers, creds.url, facts, answer2);
}

// src/gateway/admission/upstream.ts
function upstreamStep(open2) {
  return (next) => async (a) => {
    const { sandbox, target } = a;
    if (!sandbox || !target) throw new Error("upstream step without a sandbox and target");
    try {
      const opened = await open2(
        a.ctx,
        target,
        (ip) => explained(decideConnection(a.ctx, sandbox, a.who, target, ip), a.unknown)
      );
      if ("deny" in opened) {
        a.decision = opened.deny;
        return;
      }
      a.upstream = opened.socket;
    } catch (error) {
      a.upstreamError = `upstream failed: ${errorMessage(error)}`;
      return;
    }
    await next(a);
  };
}

// src/gateway/admission/index.ts
var REAL = { locate: locate2, openUpstream, sentTo };
var refuseStep = (reason2) => (next) => async (a) => {
  if (reason2) return deny(a, reason2);
  await next(a);
};
var UDP_QUIET_MS = 1e3;
var overRateStep = () => async (a) => overBudget(a, "connection rate", `${CONNECTION_RATE} new connections a second (the fence resets the rest)`);
var verdictStep = (reason2) => () => async (a) => {
  deny(a, reason2, a.decision?.policy ?? null);
};
var claimStep = (locate3) => (next) => async (a) => {
  if (a.sandbox?.attribution !== "connect-time") return next(a);
  const located = await locate3(a.ctx, a.sandbox, "tcp", a.peer.port, { peer: "unread" });
  if (located.refuse) return deny(a, located.refuse);
  await next(a);
};
var acceptStep = () => async (a) => {
  a.decision = { action: "allow", policy: null, reason: "DNS connection" };
  a.quiet = true;
};
function admissionChains(deps = REAL) {
  const attribute = attributeStep({ locate: deps.locate });
  const proxyChain = (refuse3) => compose(
    recordStep,
    sandboxStep,
    connectionBudget,
    attribute,
    refuseStep(refuse3),
    decideStep,
    upstreamStep(deps.openUpstream)
  );
  const proxy = proxyChain(null);
  return {
    transparent: compose(
      recordStep,
      sandboxStep,
      connectionBudget,
      attribute,
      destinationStep,
      decideStep,
      firstBytesStep,
      upstreamStep(deps.openUpstream)
    ),
    /** `refuse`: the listener's reason to deny a request it could not parse (the usual null's chain is built once). */
    proxy: (refuse3) => refuse3 === null ? proxy : proxyChain(refuse3),
    /** One request on an inspected connection (the connection's attribution is reused). */
    request: (x) => compose(recordStep, sandboxStep, requestBudget, attribute, requestStep(x)),
    /** A later refusal of an allowed connection (SNI naming another host, malformed input): one event. */
    refusal: (reason2) => compose(recordStep, verdictStep(reason2)),
    /** How inspected connections open more upstream connections (fakes in unit tests). */
    openUpstream: deps.openUpstream,
    dnsQuery: compose(
      recordStep,
      sandboxStep,
      queryBudget,
      attributeStep({ locate: deps.locate, when: "deny" }),
      dnsDecideStep()
    ),
    dnsConnection: compose(recordStep, sandboxStep, connectionBudget, claimStep(deps.locate), acceptStep),
    udp: compose(
      recordStep,
      throttleStep(UDP_QUIET_MS, (a) => `${a.peer.ip}:${a.peer.port}`),
      sandboxStep,
      attribute,
      udpDropStep(deps.sentTo)
    ),
    /** A new connection past the sandbox's connection rate (over.ts): over budget, recorded once a window. */
    overRate: compose(recordStep, sandboxStep, overRateStep),
    /** ICMP the fence rejected, read from its record (icmp.ts). */
    icmp: compose(recordStep, sandboxStep, icmpStep)
  };
}

// src/gateway/budget.ts
var DEFAULT_LIMITS = {
  connections: 512,
  names: 8192,
  queries: 64,
  queryRate: 1e3,
  bufferedBytes: 4 * 1024 * 1024,
  attributions: 4,
  attributionQueue: 256,
  logLookups: 10,
  denials: 100
};
var Rate = class {
  constructor(rate) {
    this.rate = rate;
    this.#tokens = rate;
  }
  rate;
  #tokens;
  #refilled = 0;
  /** Empty now (refilled to `now` first; nothing taken)? */
  exhausted(now, slow = 1) {
    if (this.#refilled === 0) this.#refilled = now;
    const rate = this.rate / slow;
    this.#tokens = Math.min(rate, this.#tokens + (now - this.#refilled) * rate / 1e3);
    this.#refilled = now;
    return this.#tokens < 1;
  }
  take(now, slow = 1) {
    if (this.exhausted(now, slow)) return false;
    this.#tokens -= 1;
    return true;
  }
};
var PENALTY_MS = 1e4;
var PENALTY_SLOWDOWN = 16;
var LOG_WINDOW_MS = 5e3;
var Budget = class {
  limits;
  #used = { connections: 0, queries: 0, bufferedBytes: 0 };
  #logged = new OncePer(LOG_WINDOW_MS);
  #attributing = 0;
  #waiting = [];
  /** Denials over budget, by kind (also the ones not logged). */
  over = {};
  #queryRate;
  #logLookups;
  #denials;
  #onOver;
  /** performance.now() until which the rates are slowed (PENALTY_MS after the last over-budget denial). */
  #penaltyUntil = Number.NEGATIVE_INFINITY;
  /** `onOver`: told of every denial over budget, logged or not (the sandbox's CPU weight is lowered, demotion.ts). */
  constructor(limits = {}, onOver) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.#onOver = onOver;
    for (const [k, v] of Object.entries(this.limits)) {
      if (!Number.isInteger(v) || v < 1)
        throw new TypeError(`Expected budget \`${k}\` to be an integer from 1 and up, got ${v}`);
    }
    this.#queryRate = new Rate(this.limits.queryRate);
    this.#logLookups = new Rate(this.limits.logLookups);
    this.#denials = new Rate(this.limits.denials);
  }
  /** Count one denied connection; false when the sandbox is past `denials` a second. */
  takeDenial(now = performance.now()) {
    return this.#denials.take(now, this.#slow(now));
  }
  /** Past `denials` a second (refilled to `now` first; nothing taken)? */
  deniedTooOften(now = performance.now()) {
    return this.#denials.exhausted(now, this.#slow(now));
  }
  /** A token for looking up the binary of a denial it cannot change (see `logLookups`); false past the rate. */
  takeLogLookup(now = performance.now()) {
    return this.#logLookups.take(now, this.#slow(now));
  }
  /** One query's token from the rate bucket; false when the sandbox asks faster than `queryRate` per second. */
  takeQuery(now = performance.now()) {
    return this.#queryRate.take(now, this.#slow(now));
  }
  /**
   * The bucket is empty (refilled to `now` first; nothing taken): a listener may drop the query before any
   * work, counting it with `overBudget('query rate')`, and hand only the first of a window to the chain.
   */
  rateExhausted(now = performance.now()) {
    return this.#queryRate.exhausted(now, this.#slow(now));
  }
  /** Take `n` of `kind`; false (and nothing taken) when that would go over the limit. */
  take(kind, n = 1) {
    if (this.#used[kind] + n > this.limits[kind]) return false;
    this.#used[kind] += n;
    return true;
  }
  give(kind, n = 1) {
    this.#used[kind] = Math.max(0, this.#used[kind] - n);
  }
  used(kind) {
    return this.#used[kind];
  }
  /**
   * A listener's fast drop: when this kind's over-budget denial was already recorded in the window, count this
   * one and say so (true: drop it, no work). False: let it through to the chain, which records it.
   */
  droppedQuietly(kind, now = Date.now()) {
    if (this.#logged.open(kind, now)) return false;
    this.#count(kind);
    return true;
  }
  /** Count a denial over budget; true when it is the first of its kind in the window (record that one). */
  overBudget(kind, now = Date.now()) {
    this.#count(kind);
    return this.#logged.first(kind, now);
  }
  #count(kind) {
    this.over[kind] = (this.over[kind] ?? 0) + 1;
    this.#penaltyUntil = performance.now() + PENALTY_MS;
    this.#onOver?.(kind);
  }
  /** Whether the sandbox is penalised at `now` (performance.now() clock). */
  penalised(now = performance.now()) {
    return now < this.#penaltyUntil;
  }
  #slow(now) {
    return this.penalised(now) ? PENALTY_SLOWDOWN : 1;
  }
  /**
   * Wait for an attribution slot. Resolves to its release, or null when too many already wait
   * (the caller denies). Slots are handed out in arrival order.
   */
  async attribution() {
    if (this.#attributing >= this.limits.attributions) {
      if (this.#waiting.length >= this.limits.attributionQueue) return null;
      await new Promise((resolve) => this.#waiting.push(resolve));
    } else this.#attributing++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const wake = this.#waiting.shift();
      if (wake) wake();
      else this.#attributing--;
    };
  }
};

// src/gateway/demotion.ts
import { readFileSync, writeFileSync } from "node:fs";

// src/gateway/mountinfo.ts
function parseMountinfo(text) {
  const mounts = [];
  for (const line of text.split("\n")) {
    const [left, right] = line.split(" - ");
    if (left === void 0 || right === void 0) continue;
    const [, , , root = "", point = ""] = left.split(" ");
    const [type = "", , options = ""] = right.split(" ");
    mounts.push({
      root: unescapeOctal(root),
      point: unescapeOctal(point),
      type,
      options: options.split(",")
    });
  }
  return mounts;
}
function unescapeOctal(text) {
  return text.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(Number.parseInt(octal, 8)));
}

// src/gateway/demotion.ts
var DEMOTE_RATIO = 16;
var DEMOTED_CPUS = 0.1;
var DEMOTE_MS = 1e4;
function cpuCgroup(cgroup, mountinfo) {
  const mounts = parseMountinfo(mountinfo);
  const lines = cgroup.split("\n").filter(Boolean).map((l) => {
    const [, controllers = "", ...path] = l.split(":");
    return { controllers: controllers.split(","), path: path.join(":") };
  });
  const v1 = mounts.find((m) => m.type === "cgroup" && m.options.includes("cpu"));
  const v1Line = lines.find((l) => l.controllers.includes("cpu"));
  if (v1 && v1Line) return at(v1, v1Line.path, 1);
  const v2 = mounts.find((m) => m.type === "cgroup2");
  const v2Line = lines.find((l) => l.controllers.length === 1 && l.controllers[0] === "");
  if (v2 && v2Line) return at(v2, v2Line.path, 2);
  return null;
}
function at(mount, path, version) {
  const root = mount.root === "/" ? "" : mount.root;
  if (root && path !== root && !path.startsWith(`${root}/`)) return null;
  const rest = path.slice(root.length).replace(/^\/+/, "");
  if (rest === "" || rest.split("/").includes("..")) return null;
  return { dir: `${mount.point}/${rest}`, version };
}
var integer = (text, what) => {
  if (!/^-?\d+$/.test(text)) throw new Error(`${what}: not a number: ${JSON.stringify(text)}`);
  return Number(text);
};
function demotedValues(cg, read) {
  const lowWeight = (w, min) => String(Math.max(min, Math.floor(w / DEMOTE_RATIO)));
  if (cg.version === 1) {
    const period2 = integer(read("cpu.cfs_period_us"), "cpu.cfs_period_us");
    const quota2 = integer(read("cpu.cfs_quota_us"), "cpu.cfs_quota_us");
    const cap2 = Math.max(1e3, Math.floor(period2 * DEMOTED_CPUS));
    return [
      ["cpu.shares", lowWeight(integer(read("cpu.shares"), "cpu.shares"), 2)],
      ["cpu.cfs_quota_us", String(quota2 < 0 ? cap2 : Math.min(quota2, cap2))]
    ];
  }
  const [quota = "", period = ""] = read("cpu.max").split(" ");
  const p = integer(period, "cpu.max period");
  const cap = Math.max(1e3, Math.floor(p * DEMOTED_CPUS));
  const q = quota === "max" ? cap : Math.min(integer(quota, "cpu.max quota"), cap);
  return [
    ["cpu.weight", lowWeight(integer(read("cpu.weight"), "cpu.weight"), 1)],
    ["cpu.max", `${q} ${p}`]
  ];
}
var REAL_IO = {
  read: (p) => readFileSync(p, "utf8"),
  write: (p, v) => writeFileSync(p, v),
  later: (f, ms) => setTimeout(f, ms).unref(),
  now: () => Date.now()
};
var CpuDemotion = class {
  /** The sandbox's cgroup (attribution lists the sandbox's processes from it). */
  cgroup;
  #io;
  #log;
  /** [file, value] pairs to write back, in order; null while not demoted. */
  #saved = null;
  #until = 0;
  #broken = false;
  constructor(cg, log, io = REAL_IO) {
    this.cgroup = cg;
    this.#log = log;
    this.#io = io;
  }
  /** The sandbox went over a budget: demote it now (once), keep it demoted DEMOTE_MS from now. */
  over(why) {
    if (this.#broken) return;
    this.#until = this.#io.now() + DEMOTE_MS;
    if (this.#saved !== null) return;
    const path = (file) => `${this.cgroup.dir}/${file}`;
    const saved = [];
    try {
      const read = (file) => this.#io.read(path(file)).trim();
      for (const [file, value] of demotedValues(this.cgroup, read)) {
        const before = read(file);
        this.#io.write(path(file), value);
        saved.unshift([file, before]);
      }
      this.#saved = saved;
      this.#log(`demoted (${why}): ${this.#describe(saved, true)}`);
      this.#io.later(() => this.#expire(), DEMOTE_MS);
    } catch (error) {
      this.#broken = true;
      this.#log(`not demoted (${why}): ${this.cgroup.dir}: ${errorMessage(error)}`);
      this.#write(saved);
    }
  }
  /** Give back what it had (its registration is forgotten, or its over-budget window passed). */
  restore() {
    const saved = this.#saved;
    if (saved === null) return;
    this.#saved = null;
    this.#write(saved);
    this.#log(`CPU share restored: ${this.#describe(saved, false)}`);
  }
  #write(values) {
    for (const [file, value] of values) {
      try {
        this.#io.write(`${this.cgroup.dir}/${file}`, value);
      } catch (error) {
        this.#log(`not restored: ${this.cgroup.dir}/${file}: ${errorMessage(error)}`);
      }
    }
  }
  #describe(saved, now) {
    const text = saved.map(([f, v]) => `${f} ${v}`).join(", ");
    return now ? `${this.cgroup.dir} (was ${text})` : `${this.cgroup.dir} ${text}`;
  }
  #expire() {
    if (this.#saved === null) return;
    const left = this.#until - this.#io.now();
    if (left > 0) this.#io.later(() => this.#expire(), left);
    else this.restore();
  }
};
function cpuDemotion(pid, name2, log) {
  try {
    const cg = cpuCgroup(
      readFileSync(`/proc/${pid}/cgroup`, "utf8"),
      readFileSync("/proc/self/mountinfo", "utf8")
    );
    if (cg) return new CpuDemotion(cg, (line) => log(`sandbox ${name2}: ${line}`));
    log(`sandbox ${name2}: no cpu cgroup found for pid ${pid}: a flood will not be slowed`);
  } catch (error) {
    log(`sandbox ${name2}: no cpu cgroup for pid ${pid}: ${errorMessage(error)}`);
  }
  return null;
}

// src/gateway/plumbing.ts
import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
var AddressPool = class {
  #bridgeIp;
  #hosts;
  #pending = /* @__PURE__ */ new Set();
  #next = 0;
  constructor(bridgeIp) {
    this.#bridgeIp = bridgeIp;
  }
  /** The next address not in `used` nor handed out and not yet settled; FENCE_FAILED when none is left. */
  take(used) {
    this.#hosts ??= gatewayHostsOf(this.#bridgeIp);
    const hosts = this.#hosts;
    for (let i = 0; i < hosts.length; i++) {
      const ip = hosts[(this.#next + i) % hosts.length];
      if (used.has(ip) || this.#pending.has(ip)) continue;
      this.#next = (this.#next + i + 1) % hosts.length;
      this.#pending.add(ip);
      return ip;
    }
    throw new PaddockError(
      "FENCE_FAILED",
      `no free address for another sandbox: all ${hosts.length} of the session network are in use`
    );
  }
  /** The registration that took `ip` is settled (registered, or failed and gone). */
  settle(ip) {
    this.#pending.delete(ip);
  }
};
function interfaceOf(answer2) {
  return /^\d+:\s+([^\s:@]+)/.exec(answer2)?.[1];
}
var bridges = /* @__PURE__ */ new Map();
function bridgeInterface(bridgeIp, timeoutMs = 1e4) {
  let found = bridges.get(bridgeIp);
  if (!found) {
    found = runWithInput("ip", ["-o", "-4", "addr", "show", "to", `${bridgeIp}/32`], "", timeoutMs).then(
      (out) => {
        const name2 = interfaceOf(out);
        if (!name2) throw new Error("no host interface holds it");
        return name2;
      }
    );
    found = found.catch((error) => {
      throw new PaddockError(
        "FENCE_FAILED",
        `cannot find the session bridge (address ${bridgeIp}): ${errorMessage(error)}`,
        { cause: error }
      );
    });
    bridges.set(bridgeIp, found);
    found.catch(() => bridges.delete(bridgeIp));
  }
  return found;
}
function hostEndName(ip) {
  const octet = ip.split(".").at(-1) ?? "";
  return `pd${octet.padStart(3, "0")}${randomBytes(4).toString("hex")}`;
}
function addressesOfPorts(names, bridgeIp) {
  const prefix = bridgeIp.split(".").slice(0, 3).join(".");
  return names.flatMap((n) => {
    const m = /^pd(\d{3})[0-9a-f]{8}$/.exec(n);
    return m ? [`${prefix}.${Number(m[1])}`] : [];
  });
}
async function addressesOnBridge(bridge, bridgeIp) {
  return addressesOfPorts(await readdir(`/sys/class/net/${bridge}/brif`).catch(() => []), bridgeIp);
}
function vethCommands(host, pid, bridge) {
  return `link add ${host} type veth peer name eth0 netns ${pid}
link set ${host} master ${bridge} up
`;
}
async function joinBridge(pid, ip, bridge, timeoutMs = 1e4) {
  try {
    await runWithInput("ip", ["-batch", "-"], vethCommands(hostEndName(ip), pid, bridge), timeoutMs);
  } catch (error) {
    bridges.clear();
    throw new PaddockError(
      "FENCE_FAILED",
      `cannot join sandbox pid ${pid} to the session network: ${errorMessage(error)}`,
      { cause: error }
    );
  }
}

// src/gateway/policy-shape.ts
function policyProblems(value) {
  const p = value;
  if (!p || typeof p !== "object") return ["policy: expected an object"];
  const problems = [];
  if (p.version !== 1) problems.push(`policy.version: expected 1, got ${JSON.stringify(p.version)}`);
  if (!p.filesystem_policy || typeof p.filesystem_policy !== "object")
    problems.push("policy.filesystem_policy: expected an object");
  if (!p.process || typeof p.process !== "object") problems.push("policy.process: expected an object");
  if (!Array.isArray(p.network_policies)) return [...problems, "policy.network_policies: expected a list"];
  p.network_policies.forEach((n, i) => {
    const at2 = `policy.network_policies[${i}]`;
    if (!n || typeof n.key !== "string") problems.push(`${at2}.key: expected a string`);
    if (!Array.isArray(n?.endpoints)) problems.push(`${at2}.endpoints: expected a list`);
    else
      n.endpoints.forEach((e, j) => {
        if (!e || typeof e.host !== "string" && typeof e.ip !== "string")
          problems.push(`${at2}.endpoints[${j}]: expected host or ip`);
        if (!Array.isArray(e?.ports)) problems.push(`${at2}.endpoints[${j}].ports: expected a list`);
      });
    if (!Array.isArray(n?.binaries) || n.binaries.some((b) => typeof b?.path !== "string"))
      problems.push(`${at2}.binaries: expected a list of { path }`);
  });
  return problems;
}

// src/gateway/resolvconf.ts
import { appendFile, readFile as readFile2, writeFile } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";
function containerIdOf(resolvConfPath) {
  return /\/containers\/([0-9a-f]{12,64})\/resolv\.conf$/.exec(resolvConfPath)?.[1] ?? null;
}
function mountedFrom(mountinfo, id, file = "resolv.conf") {
  return parseMountinfo(mountinfo).some(
    (m) => m.point === `/etc/${file}` && m.root.endsWith(`/containers/${id}/${file}`)
  );
}
function resolvConfText(bridgeIp) {
  return `# written by the paddock gateway
nameserver ${bridgeIp}
options ndots:0
`;
}
async function sandboxEtc(resolvConfPath, pid) {
  const id = containerIdOf(resolvConfPath);
  const mountinfo = await readFile2(`/proc/${pid}/mountinfo`, "utf8").catch(() => "");
  return { dir: dirname(resolvConfPath), mounted: (file) => id !== null && mountedFrom(mountinfo, id, file) };
}
async function rewriteResolvConf(etc, pid, bridgeIp) {
  const path = join2(etc.dir, "resolv.conf");
  if (!etc.mounted("resolv.conf")) {
    throw new PaddockError(
      "FENCE_FAILED",
      `resolv.conf ${path} is not the one mounted in sandbox pid ${pid}; refusing to rewrite it`
    );
  }
  await writeFile(path, resolvConfText(bridgeIp));
}
function hostsLine(ip, hostname) {
  return `${ip}	${hostname}
`;
}
async function addHostsEntry(etc, pid, ip) {
  if (!etc.mounted("hosts") || !etc.mounted("hostname")) {
    throw new PaddockError(
      "FENCE_FAILED",
      `the hosts file beside ${join2(etc.dir, "resolv.conf")} is not the one mounted in sandbox pid ${pid}; refusing to write it`
    );
  }
  const hostname = (await readFile2(join2(etc.dir, "hostname"), "utf8")).trim();
  if (hostname !== "") await appendFile(join2(etc.dir, "hosts"), hostsLine(ip, hostname));
}

// src/gateway/sandbox-fs.ts
import { readdirSync as readdirSync2, readlinkSync as readlinkSync3 } from "node:fs";
function sandboxFs(pid, proc = "/proc") {
  const root = `${proc}/${pid}/root`;
  return {
    async lookup(path) {
      try {
        return { kind: "link", target: readlinkSync3(root + path) };
      } catch (error) {
        return error.code === "EINVAL" ? { kind: "other" } : { kind: "missing" };
      }
    },
    async list(dir) {
      try {
        return readdirSync2(root + dir);
      } catch {
        return null;
      }
    }
  };
}
async function bindPolicy(policy, pid, proc = "/proc") {
  let bindings;
  try {
    bindings = await bindBinaries(policy, sandboxFs(pid, proc));
  } catch {
    return { policy, bindings: [], warnings: [] };
  }
  return { policy: withBindings(policy, bindings), bindings, warnings: bindingWarnings(bindings) };
}
function bindingWarnings(bindings) {
  return bindings.filter((b) => b.writable.length > 0).map(
    (b) => `policy '${b.policy}': binary ${b.path}${b.writable.includes(b.path) ? "" : ` resolves to ${b.writable.join(", ")}, which`} is in a location the sandbox can write: any code there takes that entry's rights`
  );
}

// src/gateway/control.ts
function checkCredentials(value) {
  if (value === void 0) return [];
  if (!Array.isArray(value)) throw new PaddockError("INPUT_INVALID", "credentials: expected a list");
  return value.map((c, i) => {
    const name2 = typeof c?.name === "string" ? c.name : `#${i}`;
    const ok = typeof c?.name === "string" && typeof c.secret === "string" && c.secret !== "" && typeof c.placeholder === "string" && c.placeholder.length >= 16 && c.placeholder !== c.secret && Array.isArray(c.hosts) && c.hosts.length > 0 && c.hosts.every((h) => typeof h === "string" && h !== "") && (c.headers === void 0 || Array.isArray(c.headers) && c.headers.every((h) => typeof h === "string" && HEADER_NAME.test(h)));
    if (!ok)
      throw new PaddockError(
        "INPUT_INVALID",
        `credential ${name2}: expected a name, a secret, a placeholder of 16 characters or more, hosts, and header names (lower case) if any`
      );
    return {
      name: c.name,
      secret: c.secret,
      placeholder: c.placeholder,
      hosts: [...c.hosts],
      ...c.query === true ? { query: true } : {},
      ...c.headers?.length ? { headers: c.headers.map((h) => h.toLowerCase()) } : {}
    };
  });
}
var MAX_BODY = 4 * 1024 * 1024;
async function body(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new PaddockError("INPUT_INVALID", "control request body too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new PaddockError("INPUT_INVALID", "control request body is not JSON");
  }
}
function send2(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}
function checkPhase(phase, what) {
  if (phase === void 0) return void 0;
  if (typeof phase !== "string" || !/^[a-z]{1,16}$/.test(phase))
    throw new PaddockError("INPUT_INVALID", `${what}: phase must be a short lower-case word`);
  return phase;
}
function checkPolicy(policy) {
  const problems = policyProblems(policy);
  if (problems.length > 0)
    throw new PaddockError("POLICY_INVALID", `policy rejected: ${problems.join("; ")}`);
  return policy;
}
var identityKeys = 0;
async function attachIdentity(ctx, sandbox, pid) {
  const why = "process.identity is connect-time, but connect-time identity is unavailable";
  if (!ctx.identity)
    throw new PaddockError("FENCE_FAILED", `sandbox ${sandbox}: ${why}: the gateway has no identity helper`);
  const key = `k${++identityKeys}`;
  const failed = await ctx.identity.attach(key, pid);
  if (failed !== null) {
    ctx.identity.detach(key);
    throw new PaddockError("FENCE_FAILED", `sandbox ${sandbox}: ${why}: ${failed}`);
  }
  ctx.log(`sandbox ${sandbox}: connect-time identity attached (identd key ${key})`);
  return key;
}
function controlServer(options) {
  const { ctx } = options;
  const kept = /* @__PURE__ */ new Map();
  const addresses = new AddressPool(ctx.bridgeIp);
  const bind = async (policy, sandbox, pid) => {
    if (options.proxyOnly) return { policy, bindings: [], warnings: [] };
    const bound = await bindPolicy(policy, pid);
    for (const w of bound.warnings) ctx.log(`sandbox ${sandbox}: warning: ${w}`);
    return bound;
  };
  const routes = async (req, url) => {
    const parts = url.pathname.split("/").filter(Boolean).map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        throw new PaddockError("INPUT_INVALID", `malformed percent-encoding in ${url.pathname}`);
      }
    });
    if (req.method === "GET" && url.pathname === "/health") {
      return [
        200,
        {
          ok: true,
          pid: process.pid,
          session: ctx.session,
          bridgeIp: ctx.bridgeIp,
          ports: options.ports,
          enforcement: options.proxyOnly ? "proxy-only" : ctx.audit ? "audit" : "enforce",
          sandboxes: [...ctx.sandboxes.keys()]
        }
      ];
    }
    if (req.method === "GET" && url.pathname === "/events") {
      const sandbox = url.searchParams.get("sandbox") ?? void 0;
      return [200, await ctx.events.query(sandbox === void 0 ? {} : { sandbox })];
    }
    if (req.method === "POST" && url.pathname === "/sandboxes") {
      const r = await body(req);
      if (typeof r.sandbox !== "string" || typeof r.ip !== "string" || !Number.isInteger(r.pid)) {
        throw new PaddockError("INPUT_INVALID", "register needs sandbox, ip and pid");
      }
      const plumb = r.plumb === true;
      if (plumb && options.proxyOnly) {
        throw new PaddockError(
          "INPUT_INVALID",
          "a proxy-only gateway does not join sandboxes to its network"
        );
      }
      const policy = checkPolicy(r.policy);
      const phase = checkPhase(r.phase, "register");
      const given = checkCredentials(r.credentials);
      const credentials = given.length === 0 && r.keepCredentials === true ? [...kept.get(r.sandbox) ?? []] : given;
      let netns = "";
      let started = null;
      let dnsUdp;
      let held = null;
      let identityKey;
      let bound;
      let ip = r.ip;
      try {
        if (!options.proxyOnly) {
          const holder = readIdentity(r.pid, true);
          if (!holder) throw new PaddockError("FENCE_FAILED", `sandbox ${r.sandbox}: pid ${r.pid} is gone`);
          ({ netns, started } = holder);
          held = holdHolder(r.pid, holder.started);
          if (!held) throw new PaddockError("FENCE_FAILED", `sandbox ${r.sandbox}: pid ${r.pid} is gone`);
          dnsUdp = await options.openDnsUdp?.(r.sandbox);
          const ports = dnsUdp ? { ...options.ports, dnsUdp: dnsUdp.port } : options.ports;
          if (plumb) {
            const bridge = await bridgeInterface(ctx.bridgeIp);
            const used = [...ctx.sandboxes.values()].map((e) => e.ip);
            ip = addresses.take(/* @__PURE__ */ new Set([...used, ...await addressesOnBridge(bridge, ctx.bridgeIp)]));
            await joinBridge(r.pid, ip, bridge);
          }
          await installFence({ pid: r.pid, bridgeIp: ctx.bridgeIp, sandboxIp: ip, ports, plumbed: plumb });
          const etc = await sandboxEtc(r.resolvConfPath, r.pid);
          await rewriteResolvConf(etc, r.pid, ctx.bridgeIp);
          if (plumb) await addHostsEntry(etc, r.pid, ip);
          if (policy.process.identity === "connect-time")
            identityKey = await attachIdentity(ctx, r.sandbox, r.pid);
        }
        bound = await bind(policy, r.sandbox, r.pid);
      } catch (error) {
        dnsUdp?.close();
        held?.close();
        if (identityKey) ctx.identity?.detach(identityKey);
        if (plumb && ip) addresses.settle(ip);
        throw error;
      }
      forget(ctx, r.sandbox);
      kept.delete(r.sandbox);
      const demotion = options.proxyOnly ? null : cpuDemotion(r.pid, r.sandbox, ctx.log);
      claimAddress(ctx, r.sandbox, ip);
      ctx.sandboxes.set(r.sandbox, {
        name: r.sandbox,
        run: r.run ?? null,
        ip,
        pid: r.pid,
        netns,
        started,
        container: typeof r.container === "string" ? r.container : null,
        policy: bound.policy,
        written: policy,
        bindings: bound.bindings,
        pool: new SyntheticPool(),
        budget: new Budget({}, demotion ? (kind) => demotion.over(`over its ${kind} budget`) : void 0),
        ...demotion ? { cgroup: demotion.cgroup.dir } : {},
        ...phase ? { phase } : {},
        ...credentials.length > 0 ? { credentials } : {},
        ...held ? { holder: held } : {},
        attribution: identityKey ? "connect-time" : "procfs",
        ...identityKey ? { identityKey } : {},
        release: () => {
          demotion?.restore();
          dnsUdp?.close();
          held?.close();
          if (identityKey) ctx.identity?.detach(identityKey);
        }
      });
      const names = credentials.length > 0 ? `; credentials ${credentials.map((c) => c.name).join(", ")}` : "";
      ctx.log(
        `registered sandbox ${r.sandbox} ip ${ip} pid ${r.pid}${options.proxyOnly ? " (proxy-only: no fence)" : " (fenced)"}${names}`
      );
      if (plumb) addresses.settle(ip);
      const answer2 = {
        ok: true,
        fenced: !options.proxyOnly,
        attribution: identityKey ? "connect-time" : "procfs",
        ip
      };
      return [201, answer2];
    }
    if (parts[0] === "sandboxes" && parts[1] && parts[2] === "policy" && req.method === "GET") {
      const entry = ctx.sandboxes.get(parts[1]);
      if (!entry)
        throw new PaddockError("SANDBOX_NOT_FOUND", `no sandbox ${parts[1]} is registered with the gateway`);
      const shown = {
        sandbox: entry.name,
        policy: entry.written ?? entry.policy,
        bindings: entry.bindings ?? [],
        warnings: bindingWarnings(entry.bindings ?? [])
      };
      return [200, shown];
    }
    if (parts[0] === "sandboxes" && parts[1] && parts.length === 2 && req.method === "DELETE") {
      const credentials = ctx.sandboxes.get(parts[1])?.credentials;
      const existed = forget(ctx, parts[1]);
      if (url.searchParams.get("keep-credentials") === "1" && credentials?.length)
        kept.set(parts[1], credentials);
      else kept.delete(parts[1]);
      return [200, { ok: true, existed }];
    }
    if (parts[0] === "sandboxes" && parts[1] && parts[2] === "policy" && req.method === "PUT") {
      const entry = ctx.sandboxes.get(parts[1]);
      if (!entry)
        throw new PaddockError("SANDBOX_NOT_FOUND", `no sandbox ${parts[1]} is registered with the gateway`);
      const request = await body(req);
      const next = checkPolicy(request.policy);
      const phase = checkPhase(request.phase, "set-policy");
      const changed = ctx.rules.staticChanges(entry.policy, next);
      if (changed.length > 0) {
        throw new PaddockError(
          "POLICY_INVALID",
          `set-policy hot-reloads network_policies only; ${changed.join(", ")} changed (recreate the sandbox for those)`
        );
      }
      const bound = await bind(next, entry.name, entry.pid);
      entry.policy = bound.policy;
      entry.written = next;
      entry.bindings = bound.bindings;
      if (phase !== void 0) entry.phase = phase;
      const cut = redecideCarried(entry);
      ctx.log(
        `policy of sandbox ${entry.name} reloaded (${next.network_policies.length} network policies${phase ? `, phase ${phase}` : ""}${cut > 0 ? `; ${cut} open connections closed` : ""})`
      );
      return [200, { ok: true }];
    }
    return [404, { error: { code: "INPUT_INVALID", message: `no route ${req.method} ${url.pathname}` } }];
  };
  return http.createServer((req, res) => {
    const url = URL.parse(req.url ?? "/", "http://gateway");
    (url ? routes(req, url) : Promise.reject(new PaddockError("INPUT_INVALID", "malformed request target"))).then(([status, value]) => send2(res, status, value)).catch((error) => {
      const code = isPaddockError(error) ? error.code : "INTERNAL";
      const status = code === "SANDBOX_NOT_FOUND" ? 404 : code === "FENCE_FAILED" || code === "INTERNAL" ? 500 : 400;
      ctx.log(`control: ${req.method} ${req.url}: ${errorMessage(error)}`);
      send2(res, status, { error: { code, message: errorMessage(error) } });
    });
  });
}

// src/gateway/dns.ts
var import_dns_packet2 = __toESM(require_dns_packet(), 1);
import { createSocket } from "node:dgram";
import { createServer } from "node:net";
function decode(wire) {
  try {
    return import_dns_packet2.default.decode(wire);
  } catch {
    return null;
  }
}
var REFUSED = 5;
async function answer(ctx, chains, wire, peer, protocol) {
  const query = decode(wire);
  const a = admission(ctx, { layer: "dns", protocol, peer, ...query ? { query } : {} });
  await chains.dnsQuery(a);
  if (!a.sandbox && query) {
    return import_dns_packet2.default.encode({
      type: "response",
      id: query.id ?? 0,
      flags: REFUSED,
      questions: query.questions ?? []
    });
  }
  let response = a.response;
  if (query && (!response || a.decision?.action === "deny" && (response.flags ?? 0) % 16 === 0)) {
    response = {
      type: "response",
      id: query.id ?? 0,
      flags: 1 << 15 | REFUSED,
      questions: query.questions ?? []
    };
  }
  return response ? import_dns_packet2.default.encode(response) : null;
}
function dnsUdpServer(ctx, chains = admissionChains(), sandbox) {
  const socket = createSocket("udp4");
  socket.on("message", (msg, rinfo) => {
    const budget = sandbox === void 0 ? void 0 : ctx.sandboxes.get(sandbox)?.budget;
    if (budget?.rateExhausted() && budget.droppedQuietly("query rate")) return;
    answer(ctx, chains, msg, { ip: rinfo.address, port: rinfo.port }, "udp").then(
      (out) => {
        if (out) socket.send(out, rinfo.port, rinfo.address);
      },
      (e) => ctx.log(`dns/udp: ${errorMessage(e)}`)
    );
  });
  socket.on("error", (e) => ctx.log(`dns/udp: ${errorMessage(e)}`));
  return socket;
}
var MAX_PENDING = 8;
var MAX_UNREAD = 16 * 1024;
var IDLE_MS = 1e4;
function dnsTcpServer(ctx, chains = admissionChains()) {
  return createServer({ pauseOnConnect: true }, (socket) => {
    socket.on("error", () => void 0);
    serve(ctx, chains, socket).catch((error) => {
      ctx.log(`dns/tcp: ${errorMessage(error)}`);
      socket.destroy();
    });
  });
}
async function serve(ctx, chains, socket) {
  const peer = { ip: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 };
  const a = admission(ctx, { layer: "dns", protocol: "tcp", peer, client: socket });
  await chains.dnsConnection(a);
  const budget = a.sandbox?.budget;
  if (a.decision?.action === "deny" || !budget) {
    socket.resetAndDestroy();
    return;
  }
  let held = 0;
  const hold2 = (n) => {
    if (!budget.take("bufferedBytes", n)) return false;
    held += n;
    return true;
  };
  socket.once("close", () => budget.give("bufferedBytes", held));
  let buffered = Buffer.alloc(0);
  let pending = 0;
  let queue = Promise.resolve();
  const flow = () => {
    if (socket.destroyed) return;
    if (pending >= MAX_PENDING || socket.writableLength > MAX_UNREAD) socket.pause();
    else socket.resume();
  };
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  socket.on("drain", flow);
  socket.on("data", (chunk) => {
    if (!hold2(chunk.length)) {
      ctx.log(
        `dns/tcp: sandbox ${a.sandbox?.name} over its buffered-bytes budget; closing ${peer.ip}:${peer.port}`
      );
      socket.destroy();
      return;
    }
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2) {
      const len = buffered.readUInt16BE(0);
      if (buffered.length < 2 + len) break;
      const msg = buffered.subarray(2, 2 + len);
      buffered = buffered.subarray(2 + len);
      pending++;
      queue = queue.then(async () => {
        const closed = socket.destroyed || budget.rateExhausted() && budget.droppedQuietly("query rate");
        const out = closed ? null : await answer(ctx, chains, msg, peer, "tcp");
        pending--;
        budget.give("bufferedBytes", 2 + len);
        held -= 2 + len;
        if (!out) return void socket.destroy();
        const frame = Buffer.alloc(2 + out.length);
        frame.writeUInt16BE(out.length, 0);
        out.copy(frame, 2);
        socket.write(frame);
        flow();
      }).catch((error) => {
        ctx.log(`dns/tcp: ${errorMessage(error)}`);
        socket.destroy();
      });
    }
    flow();
  });
  socket.resume();
}

// src/gateway/events.ts
import { closeSync as closeSync3, openSync as openSync3, writeSync } from "node:fs";
var HUMAN_LOG_MS = 50;
var EventLog = class {
  #path;
  #log;
  #fd;
  /** Set after the first failed write: every later append rejects (no gaps are papered over). */
  #failed;
  /** Events whose human line is not written yet (written together once the connection work of this turn is done). */
  #unlogged = [];
  constructor(options) {
    this.#path = options.path;
    this.#log = options.log ?? writeLog;
  }
  async open() {
    this.#fd = openSync3(this.#path, "a");
    await chownToInvoker(this.#path);
  }
  /**
   * Write one event. Resolves when the line is written; rejects when it cannot be (the log is closed or
   * the write failed), so the caller can deny what it cannot record.
   */
  append(event) {
    this.#human(event);
    const fd = this.#fd;
    if (fd === void 0 || this.#failed) {
      return Promise.reject(
        new PaddockError(
          "EVIDENCE_INCOMPLETE",
          `event log ${this.#path} ${this.#failed ? `failed: ${this.#failed}` : "is not open"}`
        )
      );
    }
    const line = Buffer.from(`${JSON.stringify(event)}
`);
    try {
      const n = writeSync(fd, line);
      if (n !== line.length) throw new Error(`short write (${n} of ${line.length} bytes)`);
    } catch (error) {
      this.#failed ??= errorMessage(error);
      this.#log(`event log ${this.#path}: ${errorMessage(error)}`);
      return Promise.reject(
        new PaddockError(
          "EVIDENCE_INCOMPLETE",
          `cannot write the event log ${this.#path}: ${errorMessage(error)}`
        )
      );
    }
    return Promise.resolve();
  }
  /**
   * The human line is for people reading gateway.log, not evidence (that is the JSONL line): formatted and
   * written HUMAN_LOG_MS later with every other line of that time, off the connections' latency paths (~0.04 ms
   * a line).
   */
  #human(event) {
    if (this.#unlogged.push(event) === 1) setTimeout(() => this.#flushHuman(), HUMAN_LOG_MS).unref();
  }
  #flushHuman() {
    for (const e of this.#unlogged.splice(0)) this.#log(`${e.sandbox ?? "-"} ${formatEvent(e)}`);
  }
  /** Every event of the session, or of one sandbox. */
  async query(filter = {}) {
    if (this.#failed)
      throw new PaddockError("EVIDENCE_INCOMPLETE", `event log ${this.#path} failed: ${this.#failed}`);
    return readEventLog(this.#path, filter.sandbox === void 0 ? {} : { sandbox: filter.sandbox });
  }
  /** Close; called on shutdown. */
  async close() {
    this.#flushHuman();
    const fd = this.#fd;
    this.#fd = void 0;
    if (fd !== void 0) closeSync3(fd);
  }
};

// src/gateway/icmp.ts
var ICMP_POLL_MS = 500;
function icmpWatch(ctx, chains, read = readIcmp) {
  const seen = /* @__PURE__ */ new Map();
  const failed = /* @__PURE__ */ new Set();
  let busy = false;
  const tick = async () => {
    const live = /* @__PURE__ */ new Set();
    for (const s of ctx.sandboxes.values()) {
      if (!s.netns) continue;
      const key = `${s.name}@${s.pid}`;
      live.add(key);
      let records;
      try {
        records = await read(s.pid);
      } catch (error) {
        if (ctx.sandboxes.get(s.name) === s && !failed.has(key)) {
          failed.add(key);
          ctx.log(`icmp: cannot read the ICMP record of sandbox ${s.name}: ${errorMessage(error)}`);
        }
        continue;
      }
      const now = new Set(records.map((r) => r.ip));
      const before = seen.get(key) ?? /* @__PURE__ */ new Set();
      seen.set(key, now);
      const fresh = [...now].filter((ip) => !before.has(ip));
      for (const ip of fresh.slice(0, ICMP_EVENTS_PER_READ)) await record(s.ip, ip);
      const more = fresh.length - ICMP_EVENTS_PER_READ;
      if (more > 0) {
        ctx.log(`icmp: sandbox ${s.name} sent ICMP to ${more} more new destinations than are listed`);
        await record(s.ip, null);
      }
    }
    for (const key of [...seen.keys()]) if (!live.has(key)) seen.delete(key);
  };
  const record = (from, ip) => chains.icmp(
    admission(ctx, {
      layer: "connect",
      protocol: "icmp",
      peer: { ip: from, port: 0 },
      ...ip ? { target: { host: null, ip, port: 0 } } : {}
    })
  );
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tick().catch((error) => ctx.log(`icmp: ${errorMessage(error)}`)).finally(() => {
      busy = false;
    });
  }, ICMP_POLL_MS);
  timer.unref();
  return { tick, close: () => clearInterval(timer) };
}
var readIcmp = (pid) => readFenceRecord(pid, "icmp");

// src/gateway/identity/helper.ts
import { spawn as spawn2 } from "node:child_process";

// src/common/lines.ts
function onLines(input, onLine) {
  let pending = [];
  input.on("data", (chunk) => {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      const end = chunk.subarray(start, nl);
      const line = pending.length > 0 ? Buffer.concat([...pending, end]) : end;
      pending = [];
      onLine(line.toString("latin1"));
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
}

// src/gateway/identity/protocol.ts
function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
function decode2(text) {
  if (!text.includes("%")) return text;
  const bytes = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hi = c === 37 ? hexValue(text.charCodeAt(i + 1)) : -1;
    const lo = hi >= 0 ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (lo >= 0) {
      bytes[n++] = hi * 16 + lo;
      i += 2;
    } else bytes[n++] = c & 255;
  }
  return bytes.toString("utf8", 0, n);
}
var NUMBER = /^\d+$/;
var portOf = (word = "") => {
  const n = NUMBER.test(word) ? Number(word) : 0;
  return n > 0 && n < 65536 ? n : 0;
};
var unmapped = (ip) => ip.replace(/^::ffff:(?=\d+\.)/, "");
var bad = (why) => ({ kind: "bad", why });
var parsed = /* @__PURE__ */ new Map();
var PARSED_MAX = 256;
var PARSED_BYTES = 16 * 1024;
function parseProcess(word) {
  const known2 = parsed.get(word);
  if (known2) return known2;
  const record = parseFacts(word);
  if (record && word.length <= PARSED_BYTES) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(word, record);
  }
  return record;
}
function parseFacts(word) {
  const f = word.split("|");
  if (f.length !== 5 || !/^-?\d+$/.test(f[1] ?? "")) return null;
  const fact = (v) => v === "!" ? null : decode2(v);
  return {
    exe: decode2(f[0] ?? ""),
    tracerPid: Number(f[1]),
    environ: fact(f[2] ?? ""),
    maps: fact(f[3] ?? ""),
    cmdline: decode2(f[4] ?? "")
  };
}
function parseLine(line) {
  const words = line.split(" ");
  const [kind, a = "", b = ""] = words;
  const rest = () => words.slice(2).join(" ");
  switch (kind) {
    case "attached":
    case "detached":
      return a ? { kind, key: a } : bad(`${kind} without a key`);
    case "error":
    case "refused":
    case "lost":
      return a ? { kind, key: a, why: rest() } : bad(`${kind} without a key`);
    case "gone":
      return NUMBER.test(a) ? { kind, id: a, why: rest() } : bad("gone without an id");
    case "superseded": {
      const port = portOf(words[3]);
      return NUMBER.test(a) && b && port && words.length === 4 ? { kind, id: a, key: b, port } : bad(`malformed superseded: ${line.slice(0, 200)}`);
    }
    case "held": {
      const [, , , id = "", peerIp, peerPort, localIp, localPort] = words;
      const port = portOf(b);
      const peer = portOf(peerPort);
      const local = portOf(localPort);
      return a && port && NUMBER.test(id) && peerIp && peer && localIp && local && words.length === 8 ? {
        kind,
        key: a,
        port,
        id,
        peer: { ip: unmapped(peerIp), port: peer },
        local: { ip: unmapped(localIp), port: local }
      } : bad(`malformed held: ${line.slice(0, 200)}`);
    }
    case "unheld": {
      const port = portOf(b);
      return a && port ? { kind, key: a, port, why: words.slice(3).join(" ") } : bad(`malformed unheld: ${line.slice(0, 200)}`);
    }
    case "took": {
      const [, , , peerPort, localIp, localPort] = words;
      const port = portOf(peerPort);
      const local = portOf(localPort);
      return NUMBER.test(a) && b && port && localIp && local && words.length === 6 ? { kind, id: a, ip: unmapped(b), port, local: { ip: unmapped(localIp), port: local } } : bad(`malformed took: ${line.slice(0, 200)}`);
    }
    case "conn": {
      const [, id = "", key = "", port = "", inode = "", pid = "", ...procs] = words;
      if (!NUMBER.test(id) || !key || !NUMBER.test(port) || !NUMBER.test(inode) || !/^-?\d+$/.test(pid))
        return bad(`malformed conn: ${line.slice(0, 200)}`);
      const processes = procs.map(parseProcess);
      const [first, ...others] = processes;
      if (!first || processes.some((p) => p === null))
        return bad(`malformed conn processes: ${line.slice(0, 200)}`);
      const record = {
        id,
        key,
        port: Number(port),
        inode: Number(inode),
        pid: Number(pid),
        processes: [first, ...others]
      };
      return record.port > 0 && record.port < 65536 ? { kind, record } : bad(`conn with port ${port}`);
    }
    default:
      return bad(`unknown line: ${line.slice(0, 200)}`);
  }
}

// src/gateway/identity/store.ts
var ConnectTimeStore = class {
  #records = /* @__PURE__ */ new Map();
  #added = /* @__PURE__ */ new Map();
  #waiters = /* @__PURE__ */ new Map();
  #lost = /* @__PURE__ */ new Map();
  #perSandbox;
  #maxAgeMs;
  #now;
  constructor(options = {}) {
    this.#perSandbox = options.perSandbox ?? 4096;
    this.#maxAgeMs = options.maxAgeMs ?? 3e4;
    this.#now = options.now ?? Date.now;
  }
  /** Start keeping records for `key` (a fresh attach). */
  open(key) {
    this.#records.set(key, /* @__PURE__ */ new Map());
    this.#added.set(key, /* @__PURE__ */ new Map());
    this.#lost.delete(key);
  }
  /** No more records will come for `key`: pending and later lookups get `why`. Kept records stay usable. */
  lose(key, why) {
    this.#lost.set(key, why);
    for (const [k, waiters] of this.#waiters) {
      if (!k.startsWith(`${key} `)) continue;
      this.#waiters.delete(k);
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.resolve({ why });
      }
    }
  }
  /** Forget `key` entirely (its sandbox is unregistered). */
  close(key) {
    this.lose(key, "the sandbox is no longer registered");
    this.#records.delete(key);
    this.#added.delete(key);
    this.#lost.delete(key);
  }
  add(record) {
    const records = this.#records.get(record.key);
    const added = this.#added.get(record.key);
    if (!records || !added) return;
    this.#expire(records, added);
    const known2 = records.get(record.port);
    if (known2 && known2 !== "ambiguous" && known2.inode === record.inode) {
      records.set(record.port, record);
      added.delete(record.port);
      added.set(record.port, this.#now());
    } else if (known2) records.set(record.port, "ambiguous");
    else {
      if (records.size >= this.#perSandbox) {
        const oldest = added.keys().next().value;
        if (oldest !== void 0) forget2(records, added, oldest);
      }
      records.set(record.port, record);
      added.set(record.port, this.#now());
    }
    const wait = `${record.key} ${record.port}`;
    const waiters = this.#waiters.get(wait);
    if (!waiters) return;
    this.#waiters.delete(wait);
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.resolve(this.#take(record.key, record.port));
    }
  }
  /**
   * Record `id` on `port` of `key` is void (identd: its socket connects again, and that record comes next): gone
   * unless claimed already, so the new connection waits for its own record instead of taking this one.
   */
  supersede(key, port, id) {
    const records = this.#records.get(key);
    const added = this.#added.get(key);
    const known2 = records?.get(port);
    if (!records || !added || known2 === void 0 || known2 === "ambiguous" || known2.id !== id) return;
    forget2(records, added, port);
  }
  /** The record of the connection from `port` in `key`, claimed (a port's record serves one connection). */
  find(key, port, waitMs) {
    const found = this.#take(key, port);
    if ("record" in found || found.why !== NONE) return Promise.resolve(found);
    const lost = this.#lost.get(key);
    if (lost) return Promise.resolve({ why: lost });
    return new Promise((resolve) => {
      const wait = `${key} ${port}`;
      const timer = setTimeout(() => {
        const left = (this.#waiters.get(wait) ?? []).filter((w) => w.timer !== timer);
        if (left.length > 0) this.#waiters.set(wait, left);
        else this.#waiters.delete(wait);
        resolve({ why: `${NONE} within ${waitMs} ms` });
      }, waitMs);
      const list = this.#waiters.get(wait) ?? [];
      list.push({ resolve, timer });
      this.#waiters.set(wait, list);
    });
  }
  /**
   * The record of `port` in `key` if it is here now, claimed as find claims it (a why is the answer too);
   * null when none has come yet (nothing is claimed).
   */
  claim(key, port) {
    const found = this.#take(key, port);
    return "why" in found && found.why === NONE ? null : found;
  }
  #take(key, port) {
    const records = this.#records.get(key);
    const added = this.#added.get(key);
    if (!records || !added)
      return { why: this.#lost.get(key) ?? "the sandbox has no connect-time identity attached" };
    const record = records.get(port);
    if (record === void 0) return { why: NONE };
    const at2 = added.get(port) ?? this.#now();
    forget2(records, added, port);
    if (record === "ambiguous") return { why: `two sockets were recorded on source port ${port}` };
    if (this.#now() - at2 > this.#maxAgeMs) return { why: "its record expired" };
    return { record };
  }
  /** Drop records older than maxAge (insertion order is age order). */
  #expire(records, added) {
    const cutoff = this.#now() - this.#maxAgeMs;
    for (const [port, at2] of added) {
      if (at2 >= cutoff) break;
      forget2(records, added, port);
    }
  }
};
function forget2(records, added, port) {
  records.delete(port);
  added.delete(port);
}
var NONE = "no connect-time record for this connection (its socket was not connected under the identity filter)";

// src/gateway/identity/helper.ts
function settle(pending, key, value) {
  const p = pending.get(key);
  if (!p) return;
  pending.delete(key);
  clearTimeout(p.timer);
  p.resolve(value);
}
var IdentityHelper = class {
  store;
  #options;
  #child = null;
  #keys = /* @__PURE__ */ new Set();
  #attaching = /* @__PURE__ */ new Map();
  #taking = /* @__PURE__ */ new Map();
  #claiming = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#options = options;
    this.store = options.store ?? new ConnectTimeStore();
  }
  /** Take init's listener (host pid `pid`) for `key`. Null when attached, else why not. */
  attach(key, pid) {
    const child = this.#start();
    if (!child) return Promise.resolve("the identity helper could not be started");
    this.store.open(key);
    return new Promise((resolve) => {
      this.#attaching.get(key)?.resolve("attached again");
      this.#attaching.set(
        key,
        this.#pending(
          resolve,
          () => this.#attaching.delete(key),
          "identd did not answer attach"
        )
      );
      if (!this.#send(`attach ${key} ${pid}`)) this.#settleAttach(key, "the identity helper is not running");
    });
  }
  detach(key) {
    this.#keys.delete(key);
    this.store.close(key);
    this.#send(`detach ${key}`);
  }
  /** The peer and own address of a recorded socket; identd lets the socket go afterwards. */
  take(id) {
    return new Promise((resolve) => {
      this.#taking.set(
        id,
        this.#pending(resolve, () => this.#taking.delete(id), { why: "identd did not answer take" })
      );
      if (!this.#send(`take ${id}`)) settle(this.#taking, id, { why: "the identity helper is gone" });
    });
  }
  /**
   * The socket identd holds on `port` of sandbox `key` (its record's id and addresses); identd lets it go. Asked as
   * a connection from that port is accepted, before its record is here: identd answers once it has written that
   * connection's record (it reads commands between notifications), so no round trip waits for the record.
   */
  claimPort(key, port) {
    const at2 = `${key} ${port}`;
    return new Promise((resolve) => {
      settle(this.#claiming, at2, { why: "claimed again" });
      this.#claiming.set(
        at2,
        this.#pending(resolve, () => this.#claiming.delete(at2), { why: "identd did not answer claim" })
      );
      if (!this.#send(`claim ${at2}`)) settle(this.#claiming, at2, { why: "the identity helper is gone" });
    });
  }
  /** Let a recorded socket go unread (its destination is not needed); no answer comes. */
  drop(id) {
    this.#send(`drop ${id}`);
  }
  /** Stop identd (the gateway is closing). */
  close() {
    this.#child?.kill("SIGKILL");
  }
  /** identd's pid (tests kill it). */
  get pid() {
    return this.#child?.pid;
  }
  #pending(resolve, forget3, late) {
    const timer = setTimeout(() => {
      forget3();
      resolve(late);
    }, this.#options.answerMs ?? 5e3);
    return { resolve, timer };
  }
  #start() {
    if (this.#child) return this.#child;
    let child;
    try {
      child = spawn2(this.#options.binary(), [], { stdio: ["pipe", "pipe", "pipe"] });
    } catch (error) {
      this.#options.log(`identity: cannot start paddock-identd: ${errorMessage(error)}`);
      return null;
    }
    this.#child = child;
    child.stdin.on("error", () => void 0);
    child.stderr.on("data", (d) => this.#options.log(`identd: ${d.toString().trim()}`));
    onLines(child.stdout, (l) => this.#on(parseLine(l)));
    const gone = (why) => {
      if (this.#child !== child) return;
      this.#child = null;
      this.#options.log(`identity: ${why}; sandboxes with connect-time identity deny every new connection`);
      for (const key of this.#keys) this.store.lose(key, `the identity helper is gone (${why})`);
      this.#keys.clear();
      for (const key of [...this.#attaching.keys()]) this.#settleAttach(key, why);
      for (const id of [...this.#taking.keys()])
        settle(this.#taking, id, { why: `the identity helper is gone (${why})` });
      for (const at2 of [...this.#claiming.keys()])
        settle(this.#claiming, at2, { why: `the identity helper is gone (${why})` });
    };
    child.on("error", (e) => gone(`identd failed: ${e.message}`));
    child.on("exit", (code, signal) => gone(`identd exited (${signal ?? `status ${code}`})`));
    return child;
  }
  #send(line) {
    const child = this.#child;
    if (!child || child.stdin.destroyed) return false;
    child.stdin.write(`${line}
`);
    return true;
  }
  #settleAttach(key, why) {
    if (!this.#attaching.has(key)) return;
    if (why === null) this.#keys.add(key);
    else this.store.lose(key, why);
    settle(this.#attaching, key, why);
  }
  #on(line) {
    switch (line.kind) {
      case "conn":
        this.store.add(line.record);
        break;
      case "superseded":
        this.store.supersede(line.key, line.port, line.id);
        break;
      case "attached":
        this.#settleAttach(line.key, null);
        break;
      case "error":
        this.#settleAttach(line.key, line.why);
        break;
      case "took":
        settle(this.#taking, line.id, { ip: line.ip, port: line.port, local: line.local });
        break;
      case "gone":
        settle(this.#taking, line.id, { why: line.why });
        break;
      case "held":
        settle(this.#claiming, `${line.key} ${line.port}`, { id: line.id, ...line.peer, local: line.local });
        break;
      case "unheld":
        settle(this.#claiming, `${line.key} ${line.port}`, { why: line.why });
        break;
      case "lost":
        this.#keys.delete(line.key);
        this.store.lose(line.key, `its seccomp listener closed (${line.why})`);
        break;
      case "refused":
        this.#options.log(`identity: sandbox ${line.key}: refused ${line.why}`);
        break;
      case "detached":
        break;
      case "bad":
        this.#options.log(`identity: ignored a line from identd: ${line.why}`);
        break;
    }
  }
};

// src/gateway/over.ts
import { createServer as createServer2 } from "node:net";
function overServer(ctx, chains) {
  return createServer2({ pauseOnConnect: true }, (socket) => {
    socket.on("error", () => void 0);
    const a = admission(ctx, {
      layer: "connect",
      protocol: "tcp",
      peer: { ip: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 }
    });
    chains.overRate(a).catch((e) => ctx.log(`over: ${errorMessage(e)}`)).finally(() => socket.resetAndDestroy());
  });
}

// src/gateway/proxy.ts
import { createServer as createServer4, isIP } from "node:net";

// src/gateway/http/connect-head.ts
var MAX_HEAD2 = 16 * 1024;
var REQUEST_LINE = /^CONNECT ([\x21-\x7e]+) HTTP\/1\.[01]$/;
var HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e]*$/;
var PREFIX = Buffer.from("CONNECT ");
function connectHead(first) {
  if (first.length < PREFIX.length || first.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) !== 0)
    return null;
  const end = first.indexOf("\r\n\r\n");
  if (end < 0 || end + 4 > MAX_HEAD2) return null;
  const lines = first.toString("latin1", 0, end).split("\r\n");
  const line = REQUEST_LINE.exec(lines[0] ?? "");
  if (!line?.[1]) return null;
  for (let i = 1; i < lines.length; i++) if (!HEADER_LINE.test(lines[i] ?? "")) return null;
  return { target: line[1], length: end + 4 };
}

// src/gateway/http/link.ts
import { connect as h2Connect } from "node:http2";
import { connect as tlsConnect } from "node:tls";
var UpstreamLink = class {
  agent;
  #first;
  /** A TLS connection that offered h2 and got http/1.1: the agent's next connection. */
  #secured = null;
  #h2 = null;
  /** The upstream answered h2 with http/1.1: it is not asked again. */
  #h1 = false;
  #opening = null;
  #raw;
  #wrap;
  constructor(a, open2, secure) {
    this.#first = a.upstream;
    const { ctx } = a;
    if (!a.sandbox || !a.target) throw new Error("upstream link without a sandbox and target");
    const sandbox = a.sandbox;
    const target = a.target;
    this.#wrap = (raw, alpn) => {
      if (!secure) return raw;
      return tlsConnect({
        socket: raw,
        ...target.host !== null ? { servername: target.host } : {},
        host: target.host ?? target.ip ?? "",
        ...ctx.tls ? { secureContext: ctx.tls.upstream } : { ca: [] },
        ALPNProtocols: alpn
      });
    };
    this.#raw = async () => {
      const first = this.#first;
      this.#first = null;
      if (first && !first.destroyed) return first;
      const recheck = (ip) => explained(decideConnection(ctx, sandbox, a.who, target, ip), a.unknown);
      const opened = await open2(ctx, target, recheck);
      if ("deny" in opened) throw new Error(opened.deny.reason);
      return opened.socket;
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agent.createConnection = (_options, done) => {
      const secured = this.#secured;
      this.#secured = null;
      if (secured && !secured.destroyed) {
        done?.(null, secured);
        return void 0;
      }
      this.#raw().then(
        (raw) => done?.(null, this.#wrap(raw, ["http/1.1"])),
        (error) => done?.(error, void 0)
      );
      return void 0;
    };
    this.agent = agent;
  }
  /**
   * The HTTP/2 session to the upstream, opened on first use with ALPN h2 and http/1.1; null when the upstream
   * chose http/1.1 (that connection then serves the agent). Throws when it cannot be opened.
   */
  h2() {
    if (this.#h2 && !this.#h2.closed && !this.#h2.destroyed) return Promise.resolve(this.#h2);
    if (this.#h1) return Promise.resolve(null);
    this.#opening ??= this.#openH2().finally(() => {
      this.#opening = null;
    });
    return this.#opening;
  }
  async #openH2() {
    const tls = this.#wrap(await this.#raw(), ["h2", "http/1.1"]);
    await new Promise((resolve, reject) => {
      tls.once("secureConnect", () => resolve());
      tls.once("error", reject);
    });
    if (tls.alpnProtocol !== "h2") {
      this.#h1 = true;
      this.#secured = tls;
      return null;
    }
    const session = h2Connect("https://upstream.invalid", { createConnection: () => tls });
    session.on("error", () => session.destroy());
    this.#h2 = session;
    return session;
  }
  close() {
    this.#first?.destroy();
    this.#first = null;
    this.#secured?.destroy();
    this.#secured = null;
    this.#h2?.destroy();
    this.#h2 = null;
    this.agent.destroy();
  }
};

// src/gateway/peek.ts
function peekHost(data) {
  return sniFromClientHello(data) ?? httpHost(data);
}
function httpHost(data) {
  return httpNames(data)?.hosts[0] ?? null;
}
var bareHost = (h) => normalizeHost(
  h.trim().replace(/:\d*$/, "").replace(/^\[(.*)\]$/, "$1")
);
function httpNames(data) {
  const head = data.subarray(0, 16384).toString("latin1").replace(/^(\r?\n)+/, "");
  const line = /^[A-Z]+ (\S+) HTTP\/1\.[01]\r?\n/.exec(head);
  if (!line) return null;
  const end = head.search(/\r?\n\r?\n/);
  const fields = end < 0 ? head : head.slice(0, end);
  const hosts = [...fields.matchAll(/\r?\nhost:[ \t]*([^\r\n]*)/gi)].map((m) => bareHost(m[1] ?? ""));
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)/i.exec(line[1] ?? "");
  return { hosts, target: absolute ? bareHost(absolute[1] ?? "") : null };
}
function sniFromClientHello(d) {
  try {
    if (d.length < 5 || d[0] !== 22 || d[5] !== 1) return null;
    let p = 5 + 4 + 2 + 32;
    p += 1 + d.readUInt8(p);
    p += 2 + d.readUInt16BE(p);
    p += 1 + d.readUInt8(p);
    const end = p + 2 + d.readUInt16BE(p);
    p += 2;
    while (p + 4 <= end && p + 4 <= d.length) {
      const type = d.readUInt16BE(p);
      const len = d.readUInt16BE(p + 2);
      p += 4;
      if (type === 0) {
        let q = p + 2;
        while (q + 3 <= p + len) {
          const nameType = d.readUInt8(q);
          const nameLen = d.readUInt16BE(q + 1);
          if (nameType === 0) return d.toString("latin1", q + 3, q + 3 + nameLen).toLowerCase();
          q += 3 + nameLen;
        }
        return null;
      }
      p += len;
    }
  } catch {
    return null;
  }
  return null;
}

// src/gateway/relay.ts
import { Duplex as Duplex2 } from "node:stream";
import { TLSSocket } from "node:tls";

// src/gateway/http/h2.ts
import { createServer as createServer3 } from "node:http2";
import { Duplex } from "node:stream";

// src/gateway/http/serve.ts
var IDLE_MS2 = 6e4;
var INSPECT_TIMEOUTS = { handshake: 1e4, head: 3e4 };
function clientLeft(error) {
  return error.code === "ECONNRESET" || error.code === "EPIPE";
}
function serveRequests(chains, c) {
  const { start, onRequest, refuse: refuse3 } = requestsOf(chains, c);
  const { head } = c.a.ctx.inspectTimeouts ?? INSPECT_TIMEOUTS;
  const server = http.createServer(
    {
      requireHostHeader: true,
      keepAliveTimeout: IDLE_MS2,
      headersTimeout: head,
      requestTimeout: 0,
      connectionsCheckingInterval: Math.ceil(head / 4)
    },
    (req, res) => onRequest({ req, res, expectsContinue: false })
  );
  server.emit("listening");
  server.on("checkContinue", (req, res) => onRequest({ req, res, expectsContinue: true }));
  server.on("clientError", (error, socket) => {
    if (clientLeft(error)) {
      socket.destroy();
      return;
    }
    if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      refuse3(
        `an HTTP request head not finished within ${head / 1e3} s`,
        socket,
        "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
      );
      return;
    }
    refuse3(
      `malformed HTTP request: ${error.code ?? errorMessage(error)}`,
      socket,
      "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    );
  });
  server.on(
    "connect",
    (req, socket) => refuse3(
      `CONNECT ${req.url ?? ""} inside an inspected connection: no tunnel in a tunnel`,
      socket,
      "HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
  );
  server.on("upgrade", (req, socket, head2) => {
    const a = start();
    const x = {
      req,
      res: null,
      upgrade: { socket, head: head2 },
      link: c.link,
      secure: c.secure,
      expectsContinue: false
    };
    chains.request(x)(a).then(() => {
      if (a.http?.status == null) socket.destroy();
      else if (a.http.status === 101) watchJoined(c, a, req, socket, refuse3);
    }).catch(() => socket.destroy());
  });
  return serveUntilClose(c, server, c.stream);
}
function watchJoined(c, a, req, socket, refuse3) {
  const { ctx, sandbox, target } = a;
  if (!sandbox || !target) return;
  const done = carrying(
    sandbox,
    {
      recheck: () => {
        const request = httpRequestOf(req.method ?? "", req.url ?? "");
        if ("error" in request) return request.error;
        const decision = explained(decideRequest(ctx, sandbox, c.a.who, target, request), c.a.unknown);
        return decision.action === "deny" ? decision.reason : null;
      },
      cut: (reason2) => refuse3(reason2, socket, "")
    },
    a.since ?? -1
  );
  socket.once("close", done);
}
function serveUntilClose(c, server, socket) {
  return new Promise((resolve) => {
    c.stream.once("close", () => {
      if (socket !== c.stream) socket.destroy();
      c.link.close();
      server.close();
      resolve();
    });
    c.stream.on("error", () => c.stream.destroy());
    server.emit("connection", socket);
  });
}
function requestsOf(chains, c) {
  const start = () => {
    const next = admission(c.a.ctx, {
      layer: "http",
      protocol: "tcp",
      peer: c.a.peer,
      client: c.client,
      ...c.a.target ? { target: c.a.target } : {}
    });
    next.sandbox = c.a.sandbox;
    next.who = c.a.who;
    next.unknown = c.a.unknown;
    return next;
  };
  const onRequest = (r) => {
    const a = start();
    const { res } = r;
    chains.request({ ...r, link: c.link, secure: c.secure })(a).then(() => {
      if (res && !res.headersSent) res.writeHead(a.decision?.action === "deny" ? 403 : 502).end();
      if (a.hangUp) c.stream.destroy();
    }).catch((error) => {
      c.a.ctx.log(`inspect: ${errorMessage(error)}`);
      res?.destroy();
    });
  };
  const refuse3 = (reason2, socket, answer2) => {
    const a = start();
    void chains.refusal(reason2)(a).finally(() => {
      if (socket.writable && answer2 !== "") socket.end(answer2);
      else socket.destroy();
    });
  };
  return { start, onRequest, refuse: refuse3 };
}

// src/gateway/http/h2.ts
var MAX_STREAMS = 100;
var IDLE_MS3 = 6e4;
function serveStreams(chains, c) {
  const { onRequest, refuse: refuse3 } = requestsOf(chains, c);
  const server = createServer3({ maxSessionMemory: 16, settings: { maxConcurrentStreams: MAX_STREAMS } });
  server.on("request", (req, res) => onRequest({ req, res, expectsContinue: false, h2: true }));
  server.on("session", (session) => session.setTimeout(IDLE_MS3, () => session.close()));
  server.on("sessionError", (error) => {
    if (clientLeft(error)) c.stream.destroy();
    else refuse3(`malformed HTTP/2: ${error.code ?? errorMessage(error)}`, c.stream, "");
  });
  return serveUntilClose(c, server, Duplex.from({ readable: c.stream, writable: c.stream }));
}

// src/gateway/splice.ts
function splice(a, b, piped = false) {
  return new Promise((resolve) => {
    if (a.destroyed || b.destroyed) {
      a.destroy();
      b.destroy();
    }
    let closed = 0;
    const onClose = () => {
      if (++closed === 2) resolve();
    };
    for (const [from, to] of [
      [a, b],
      [b, a]
    ]) {
      if (!(piped && from === b)) from.pipe(to, { end: true });
      from.on("error", () => {
        from.destroy();
        to.destroy();
      });
      if (from.closed) onClose();
      else from.once("close", onClose);
    }
  });
}

// src/gateway/relay.ts
async function carry(chains, a, client) {
  const { ctx, sandbox, target, upstream } = a;
  if (!sandbox || !target || !upstream) throw new Error("carry without an allowed connection");
  const inspect = a.carrying?.inspect ?? inspectsConnection(ctx, sandbox, a.who, target);
  const reading = () => a.carrying?.first ?? readFirst(client, inspect ? FIRST_BYTES_MS : 0);
  const spliced = !inspect && (sandbox.credentials?.length ?? 0) === 0;
  const unlist = inspect ? null : carrySpliced(chains, a, sandbox, target, () => {
    upstream.destroy();
    client.destroy();
  });
  if (unlist) client.once("close", unlist);
  if (client.destroyed) return;
  let first;
  if (inspect) first = await reading();
  else {
    upstream.pipe(client, { end: true });
    first = await reading();
    if (!spliced) upstream.unpipe(client);
  }
  if (first && !isTls(first)) first = await readHttpHead(client, first);
  if (!first) {
    upstream.destroy();
    client.destroy();
    return;
  }
  const wrong = misnamed(first, target.host, target.ip);
  if (wrong) {
    upstream.destroy();
    client.destroy();
    return refuse2(chains, a, wrong);
  }
  const speaksHttp = isTls(first) || httpHost(first) !== null;
  if (spliced || !inspect && !speaksHttp) {
    if (client.readableLength > 0) upstream.write(client.read());
    await splice(client, upstream, spliced);
    return;
  }
  unlist?.();
  if (!isTls(first)) {
    const link2 = new UpstreamLink(a, chains.openUpstream, false);
    const stream = Duplex2.from({ readable: client, writable: client });
    client.once("close", () => stream.destroy());
    await serveRequests(chains, { a, client, stream, secure: false, link: link2 });
    return;
  }
  if (!ctx.tls) {
    upstream.destroy();
    client.destroy();
    return refuse2(
      chains,
      a,
      "this connection must be inspected, and the gateway has no CA to terminate TLS with"
    );
  }
  const name2 = target.host ?? target.ip ?? "";
  let context;
  try {
    context = await ctx.tls.ca.contextFor(name2);
  } catch (error) {
    upstream.destroy();
    client.destroy();
    return refuse2(chains, a, `cannot mint a certificate for ${name2}: ${errorMessage(error)}`);
  }
  const tls = new TLSSocket(client, {
    isServer: true,
    secureContext: context,
    ALPNProtocols: ["h2", "http/1.1"]
  });
  const { handshake } = ctx.inspectTimeouts ?? INSPECT_TIMEOUTS;
  let timer;
  const secured = await new Promise((resolve) => {
    timer = setTimeout(() => resolve("late"), handshake);
    tls.once("secure", () => resolve("secure"));
    tls.once("error", () => resolve("failed"));
    tls.once("close", () => resolve("failed"));
  });
  clearTimeout(timer);
  if (secured !== "secure") {
    upstream.destroy();
    tls.destroy();
    return refuse2(
      chains,
      a,
      secured === "late" ? `TLS handshake with the client not finished within ${handshake / 1e3} s` : "TLS handshake with the client failed (does it trust the session CA?)"
    );
  }
  const link = new UpstreamLink(a, chains.openUpstream, true);
  const serve2 = tls.alpnProtocol === "h2" ? serveStreams : serveRequests;
  await serve2(chains, { a, client, stream: tls, secure: true, link });
  client.destroy();
}
function misnamed(first, host, ip) {
  const allowed = host ?? ip;
  if (isTls(first)) {
    const sni = sniFromClientHello(first);
    if (sni === null && host === null) return null;
    if (sni === null) return `TLS ClientHello without a server name, on a connection allowed for ${allowed}`;
    if (sni.replace(/\.$/, "") === allowed) return null;
    return `TLS server name ${sni} does not match ${allowed}, the host the connection was allowed for (domain fronting refused)`;
  }
  if (isH2c(first))
    return host === null ? null : `cleartext HTTP/2 (h2c) on a connection allowed for ${allowed}: its host is in compressed headers the gateway does not read (domain fronting refused)`;
  if (httpStart(first) && !headEnds(first))
    return `an HTTP request head not finished within ${MAX_HEAD} bytes or ${HEAD_MS / 1e3} s, on a connection allowed for ${allowed} (domain fronting refused)`;
  const names = httpNames(first);
  if (names === null)
    return httpStart(first) ? `an HTTP request line the gateway does not read (${first.subarray(0, 40).toString("latin1").split(/\r?\n/)[0]}), on a connection allowed for ${allowed} (domain fronting refused)` : null;
  const named = [...names.hosts, ...names.target === null ? [] : [names.target]];
  if (names.hosts.length > 1)
    return `HTTP Host given ${names.hosts.length} times (${names.hosts.join(", ")}), on a connection allowed for ${allowed} (domain fronting refused)`;
  const want = allowed === null ? void 0 : normalizeHost(allowed);
  const other = named.find((n) => n !== want);
  if (other === void 0) return null;
  return `HTTP Host ${other} does not match ${allowed}, the host the connection was allowed for (domain fronting refused)`;
}
function carrySpliced(chains, a, sandbox, target, close) {
  const recheck = () => splicedRecheck(a.ctx, sandbox, a.who, a.unknown, target);
  const cut = (reason2) => {
    close();
    void refuse2(chains, a, reason2);
  };
  return carrying(sandbox, { recheck, cut }, a.since ?? -1);
}
async function refuse2(chains, a, reason2) {
  const r = admission(a.ctx, {
    layer: a.layer,
    protocol: "tcp",
    peer: a.peer,
    ...a.target ? { target: a.target } : {}
  });
  r.sandbox = a.sandbox;
  r.who = a.who;
  r.unknown = a.unknown;
  r.decision = a.decision;
  await chains.refusal(reason2)(r);
}

// src/gateway/proxy.ts
var PROXY_TIMEOUTS = { firstBytes: FIRST_BYTES_MS, head: 6e4, checkEvery: 3e4 };
function proxyServer(ctx, chains = admissionChains(), timeouts = PROXY_TIMEOUTS) {
  const addresses = [];
  const dialled = { proxy: addresses };
  const open2 = (target, socket) => tunnel(ctx, chains, dialled, target, socket).catch((error) => {
    ctx.log(`proxy: ${errorMessage(error)}`);
    socket.destroy();
  });
  const options = {
    noDelay: true,
    headersTimeout: timeouts.head,
    connectionsCheckingInterval: timeouts.checkEvery
  };
  const node = http.createServer(options, (req, res) => {
    forward2(ctx, chains, dialled, req, res).catch((error) => {
      ctx.log(`proxy: ${errorMessage(error)}`);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  node.on("connect", (req, socket, head) => {
    if (head.length > 0) socket.unshift(head);
    open2(req.url ?? "", socket);
  });
  node.emit("listening");
  const server = createServer4({ noDelay: true, pauseOnConnect: true }, (socket) => {
    socket.on("error", () => void 0);
    if (!holdAtAccept(ctx, socket)) {
      admit(ctx, chains, dialled, socket, "connect", null, "no connection slot at accept").then(
        () => socket.resetAndDestroy(),
        () => socket.resetAndDestroy()
      );
      return;
    }
    claimEarly(ctx, socket, socket.remoteAddress ?? "", socket.remotePort ?? 0);
    readFirst(socket, timeouts.firstBytes).then((first) => {
      const head = first ? connectHead(first) : null;
      if (head) {
        socket.read(head.length);
        open2(head.target, socket);
      } else if (first) {
        node.emit("connection", socket);
        socket.resume();
      } else socket.destroy();
    });
  });
  server.on("listening", () => {
    const self = server.address();
    if (self && typeof self === "object")
      addresses.push({ ip: self.address, port: self.port }, { ip: ctx.bridgeIp, port: SANDBOX_PROXY_PORT });
  });
  return server;
}
function targetOf(host, port) {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return isIP(bare) ? { host: null, ip: bare, port } : { host: bare, ip: null, port };
}
function admit(ctx, chains, dialled, socket, layer, target, refuse3, beforeRecord) {
  const a = admission(ctx, {
    layer,
    protocol: "tcp",
    peer: { ip: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
    client: socket,
    dialled,
    ...target ? { target } : {},
    ...beforeRecord ? { beforeRecord } : {}
  });
  return chains.proxy(refuse3)(a).then(() => a);
}
function reason(a) {
  return a.decision?.reason ?? "no decision";
}
async function tunnel(ctx, chains, dialled, url, socket) {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(url);
  const target = m ? targetOf(m[1] ?? "", Number(m[2] ?? 0)) : null;
  let answered2 = false;
  const a = await admit(
    ctx,
    chains,
    dialled,
    socket,
    "connect",
    target,
    m ? null : "bad CONNECT target",
    () => {
      answered2 = true;
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    }
  );
  const upstream = a.upstream;
  if (answered2 && (!upstream || a.decision?.action === "deny")) {
    socket.destroy();
    return;
  }
  if (a.decision?.action !== "deny" && !upstream) {
    socket.end("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  if (!upstream || a.decision?.action === "deny") {
    upstream?.destroy();
    const body2 = denialBody(target ?? { host: null, ip: null, port: 0 }, a.who, reason(a));
    socket.end(
      `HTTP/1.1 403 Forbidden\r
Content-Type: application/json\r
Content-Length: ${Buffer.byteLength(body2)}\r
Connection: close\r
\r
${body2}`
    );
    return;
  }
  if (!answered2) socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
  await carry(chains, a, socket);
}
function carriesPlaceholder(a, req) {
  const head = `${req.url ?? ""}
${req.rawHeaders.join("\n")}`;
  return (a.sandbox?.credentials ?? []).some((c) => head.includes(c.placeholder));
}
function hostMismatch(req, url) {
  const values = req.headersDistinct.host ?? [];
  if (values.length === 0) return null;
  const named = values.map(bareHost);
  const want = bareHost(url.host);
  if (named.length === 1 && named[0] === want) return null;
  return `Host ${values.join(", ")} does not name ${want}, the host the request is for (domain fronting refused)`;
}
function parseUrl(text) {
  const url = URL.parse(text ?? "");
  return url && url.protocol === "http:" ? url : null;
}
async function forward2(ctx, chains, dialled, req, res) {
  const url = parseUrl(req.url);
  const target = url ? targetOf(url.hostname, Number(url.port || 80)) : null;
  const refuse3 = url ? hostMismatch(req, url) : "not a proxy request";
  const a = await admit(ctx, chains, dialled, req.socket, "http", target, refuse3);
  const upstream = a.upstream;
  if (!url) {
    res.writeHead(400, { "content-type": "text/plain" }).end("paddock gateway: expected an absolute http:// URL\n");
    return;
  }
  if (a.decision?.action !== "deny" && !upstream) {
    res.writeHead(502, { connection: "close" }).end();
    return;
  }
  if (!upstream || !target || a.decision?.action === "deny") {
    upstream?.destroy();
    res.writeHead(403, { "content-type": "application/json", connection: "close" });
    res.end(denialBody(target ?? { host: null, ip: null, port: 0 }, a.who, reason(a)));
    return;
  }
  if (a.sandbox && inspectsConnection(ctx, a.sandbox, a.who, target) || carriesPlaceholder(a, req)) {
    req.url = `${url.pathname}${url.search}`;
    const link = new UpstreamLink(a, chains.openUpstream, false);
    res.once("close", () => link.close());
    const x = { req, res, link, secure: false, expectsContinue: false };
    const r = admission(ctx, {
      layer: "http",
      protocol: "tcp",
      peer: a.peer,
      client: req.socket,
      dialled,
      target
    });
    await chains.request(x)(r);
    if (!res.headersSent) res.writeHead(r.decision?.action === "deny" ? 403 : 502).end();
    return;
  }
  const sandbox = a.sandbox;
  const unlist = sandbox ? carrySpliced(chains, a, sandbox, target, () => {
    upstream.destroy();
    res.destroy();
  }) : null;
  if (unlist) res.once("close", unlist);
  if (upstream.destroyed) return;
  const headers = { ...req.headers, host: req.headers.host ?? url.host };
  for (const h of ["proxy-connection", "proxy-authorization", "connection", "keep-alive"]) delete headers[h];
  const out = http.request({
    method: req.method,
    path: `${url.pathname}${url.search}`,
    headers: { ...headers, connection: "close" },
    createConnection: () => upstream
  });
  out.on("response", (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on("error", (e) => {
    ctx.log(`proxy: upstream ${url.host}: ${errorMessage(e)}`);
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  req.pipe(out);
}

// src/gateway/tiering.ts
import { setFlagsFromString } from "node:v8";
var TIERING = [
  "--always-sparkplug",
  "--invocation-count-for-maglev=50",
  // Node 24's V8 tiers up through Maglev (Node 22 has Maglev off)
  "--invocation-count-for-turbofan=100",
  "--minimum-invocations-after-ic-update=20"
];
var TESTED_MAJORS = /* @__PURE__ */ new Set([22, 24]);
function tieringApplies(version = process.versions.node) {
  return TESTED_MAJORS.has(Number(version.split(".")[0]));
}
var set = false;
function optimiseSooner() {
  if (set || !tieringApplies()) return;
  set = true;
  for (const flag of TIERING) setFlagsFromString(flag);
}

// src/gateway/tls/settings.ts
import { readFile as readFile4 } from "node:fs/promises";
import { createSecureContext as createSecureContext2 } from "node:tls";

// src/gateway/tls/bundle.ts
import { readFile as readFile3, writeFile as writeFile2 } from "node:fs/promises";
import { rootCertificates } from "node:tls";
async function hostBundle(candidates = SYSTEM_BUNDLES) {
  for (const path of candidates) {
    const text = await readFile3(path, "utf8").catch(() => "");
    if (text.includes("BEGIN CERTIFICATE")) return text;
  }
  return `${rootCertificates.join("\n")}
`;
}
function combinedBundle(base, caPem) {
  return `${base.trimEnd()}
# Paddock session CA
${caPem.trim()}
`;
}
async function writeTrust(paths, caPem) {
  await writeFile2(paths.ca, caPem);
  await writeFile2(paths.bundle, combinedBundle(await hostBundle(), caPem));
  for (const p of [paths.ca, paths.bundle]) await chownToInvoker(p);
}

// src/gateway/tls/ca.ts
import { createHash, generateKeyPairSync, randomBytes as randomBytes2, sign } from "node:crypto";
import { isIP as isIP2 } from "node:net";
import { createSecureContext } from "node:tls";

// src/gateway/tls/der.ts
import { isIPv4, isIPv6 } from "node:net";
function length(n) {
  if (n < 128) return Buffer.from([n]);
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
  return Buffer.from([128 | bytes.length, ...bytes]);
}
function tlv(tag, ...content) {
  const body2 = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body2.length), body2]);
}
var sequence = (...items) => tlv(48, ...items);
var set2 = (...items) => tlv(49, ...items);
var octets = (bytes) => tlv(4, bytes);
var utf8 = (text) => tlv(12, Buffer.from(text, "utf8"));
var TRUE = tlv(1, Buffer.from([255]));
var explicit = (n, content) => tlv(160 | n, content);
function unsigned(bytes) {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  const pad = trimmed.length === 0 || ((trimmed[0] ?? 0) & 128) !== 0;
  return tlv(2, pad ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}
function integer2(n) {
  const hex = n.toString(16);
  return unsigned(Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, "hex"));
}
var bits = (bytes) => tlv(3, Buffer.from([0]), bytes);
function flags(...set3) {
  const top = Math.max(...set3);
  const bytes = Buffer.alloc(Math.floor(top / 8) + 1);
  for (const b of set3) bytes[Math.floor(b / 8)] = (bytes[Math.floor(b / 8)] ?? 0) | 128 >> b % 8;
  return tlv(3, Buffer.from([7 - top % 8]), bytes);
}
function oid(dotted) {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 127];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(128 | v & 127);
    out.push(...chunk);
  }
  return tlv(6, Buffer.from(out));
}
function time(date) {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  return year < 2050 ? tlv(23, Buffer.from(digits.slice(2))) : tlv(24, Buffer.from(digits));
}
function ipBytes(ip) {
  if (isIPv4(ip)) return Buffer.from(ip.split(".").map(Number));
  if (!isIPv6(ip)) throw new Error(`not an IP address: ${ip}`);
  let text = ip.split("%")[0] ?? "";
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split(".").map(Number);
    text = `${text.slice(0, -v4.length)}${(a << 8 | b).toString(16)}:${(c << 8 | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const groups = (s) => s === "" ? [] : s.split(":");
  const left = groups(head);
  const right = tail === void 0 ? [] : groups(tail);
  const all = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  const out = Buffer.alloc(16);
  for (const [i, g] of all.entries()) out.writeUInt16BE(Number.parseInt(g, 16), 2 * i);
  return out;
}

// src/gateway/tls/ca.ts
var HOUR = 36e5;
var LEAF_CACHE = 1024;
var ECDSA_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));
var KEY_USAGE = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 };
var extension = (id, critical, value) => sequence(oid(id), ...critical ? [TRUE] : [], octets(value));
var name = (cn, o) => sequence(set2(sequence(oid("2.5.4.3"), utf8(cn))), ...o ? [set2(sequence(oid("2.5.4.10"), utf8(o)))] : []);
function serial() {
  const bytes = randomBytes2(16);
  bytes[0] = (bytes[0] ?? 0) & 127;
  return unsigned(bytes);
}
function publicKeyBits(spki) {
  return spki.subarray(spki.length - 65);
}
function certificate(f) {
  const tbs = sequence(
    explicit(0, integer2(2)),
    serial(),
    ECDSA_SHA256,
    f.issuer,
    sequence(time(f.notBefore), time(f.notAfter)),
    f.subject,
    f.spki,
    explicit(3, sequence(...f.extensions))
  );
  return sequence(tbs, ECDSA_SHA256, bits(sign("sha256", tbs, f.signingKey)));
}
var pem = (der) => `-----BEGIN CERTIFICATE-----
${der.toString("base64").replace(/.{64}/g, "$&\n").trimEnd()}
-----END CERTIFICATE-----
`;
var p256 = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
var spkiOf = (key) => key.export({ type: "spki", format: "der" });
var SessionCa = class _SessionCa {
  certPem;
  #subject;
  #keyId;
  #notAfter;
  #caKey;
  /** One key pair for every leaf: the leaf keys never leave the process either. */
  #leafSpki;
  #leafKeyPem;
  #leaves = /* @__PURE__ */ new Map();
  constructor(session, days) {
    const now = Date.now();
    const ca = p256();
    const spki = spkiOf(ca.publicKey);
    this.#subject = name(`Paddock session ${session.replace(/[^\w.-]/g, "_")} CA`, "Paddock");
    this.#keyId = createHash("sha1").update(publicKeyBits(spki)).digest();
    this.#notAfter = new Date(now + days * 24 * HOUR);
    this.#caKey = ca.privateKey;
    const cert = certificate({
      issuer: this.#subject,
      subject: this.#subject,
      notBefore: new Date(now - HOUR),
      notAfter: this.#notAfter,
      spki,
      extensions: [
        extension("2.5.29.19", true, sequence(TRUE, integer2(0))),
        // basicConstraints: CA, pathLen 0
        extension("2.5.29.15", true, flags(KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign)),
        extension("2.5.29.14", false, octets(this.#keyId))
        // subjectKeyIdentifier
      ],
      signingKey: ca.privateKey
    });
    this.certPem = pem(cert);
    const leaf = p256();
    this.#leafSpki = spkiOf(leaf.publicKey);
    this.#leafKeyPem = leaf.privateKey.export({ type: "pkcs8", format: "pem" });
  }
  /** A new CA named for the session, valid from an hour ago for `days`. */
  static async create(session, days = 30) {
    return new _SessionCa(session, days);
  }
  /** The TLS context presenting a certificate for `host` (a name or an IP), minted once and cached. */
  contextFor(host) {
    const name2 = host.toLowerCase();
    let found = this.#leaves.get(name2);
    if (found) {
      this.#leaves.delete(name2);
      this.#leaves.set(name2, found);
      return found;
    }
    found = this.#mint(name2).then(
      (certPem) => createSecureContext({ key: this.#leafKeyPem, cert: `${certPem.trim()}
${this.certPem}` })
    );
    found.catch(() => this.#leaves.delete(name2));
    this.#leaves.set(name2, found);
    if (this.#leaves.size > LEAF_CACHE) {
      const oldest = this.#leaves.keys().next().value;
      if (oldest !== void 0) this.#leaves.delete(oldest);
    }
    return found;
  }
  /** A leaf certificate (PEM) for `host`, signed by this CA. */
  async #mint(host) {
    if (!/^[\x21-\x7e]{1,253}$/.test(host)) throw new Error(`not a host name: ${JSON.stringify(host)}`);
    const san = isIP2(host) ? tlv(135, ipBytes(host)) : tlv(130, Buffer.from(host, "ascii"));
    const cert = certificate({
      issuer: this.#subject,
      subject: name("Paddock leaf"),
      notBefore: new Date(Date.now() - HOUR),
      notAfter: this.#notAfter,
      spki: this.#leafSpki,
      extensions: [
        extension("2.5.29.19", true, sequence()),
        // basicConstraints: not a CA
        extension("2.5.29.15", true, flags(KEY_USAGE.digitalSignature)),
        extension("2.5.29.37", false, sequence(oid("1.3.6.1.5.5.7.3.1"))),
        // extKeyUsage: serverAuth
        extension("2.5.29.17", false, sequence(san)),
        // subjectAltName
        extension("2.5.29.35", false, sequence(tlv(128, this.#keyId)))
        // authorityKeyIdentifier
      ],
      signingKey: this.#caKey
    });
    return pem(cert);
  }
};

// src/gateway/tls/settings.ts
async function readUpstreamCa(files) {
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile4(file, "utf8").catch((error) => {
        throw new PaddockError("INPUT_INVALID", `--upstream-ca ${file}: ${errorMessage(error)}`);
      });
      if (!text.includes("-----BEGIN CERTIFICATE-----"))
        throw new PaddockError("INPUT_INVALID", `--upstream-ca ${file}: no PEM certificate in it`);
      return text;
    })
  );
}
async function setUpTls(session, files, upstreamCa) {
  const [ca, extra, system] = await Promise.all([
    SessionCa.create(session),
    readUpstreamCa(upstreamCa),
    hostBundle()
  ]);
  await writeTrust(files, ca.certPem);
  const roots = [system.trimEnd(), ...extra.map((t) => t.trim())].join("\n");
  return { ca, upstream: createSecureContext2({ ca: roots }) };
}

// src/gateway/transparent.ts
import { createServer as createServer5 } from "node:net";
var PEEK_MS = 150;
function transparentServer(ctx, chains = admissionChains()) {
  return createServer5({ allowHalfOpen: true, noDelay: true, pauseOnConnect: true }, (socket) => {
    handle(ctx, chains, socket).catch((error) => {
      ctx.log(`transparent: ${String(error)}`);
      socket.destroy();
    });
  });
}
async function handle(ctx, chains, socket) {
  socket.on("error", () => void 0);
  claimEarly(ctx, socket, socket.remoteAddress ?? "", socket.remotePort ?? 0);
  const a = admission(ctx, {
    layer: "connect",
    protocol: "tcp",
    peer: { ip: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
    client: socket,
    // The SNI / Host the client sends, for a denied bare-IP connection's event only.
    explain: () => a.target?.host == null && a.target?.ip != null ? peek(socket) : Promise.resolve(null)
  });
  socket.once("close", () => release(a));
  await chains.transparent(a);
  const upstream = a.upstream;
  if (a.decision?.action === "deny" || !upstream) {
    upstream?.destroy();
    socket.resetAndDestroy();
    return;
  }
  await carry(chains, a, socket);
}
function peek(socket) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), PEEK_MS);
    const done = (host) => {
      clearTimeout(timer);
      socket.removeListener("data", onData);
      socket.pause();
      resolve(host);
    };
    const onData = (chunk) => done(peekHost(chunk));
    socket.on("data", onData);
    socket.once("end", () => done(null));
    socket.resume();
  });
}

// src/gateway/udp.ts
import { createSocket as createSocket2 } from "node:dgram";
function udpCatchAll(ctx, chains = admissionChains()) {
  const socket = createSocket2("udp4");
  socket.on("message", (_msg, rinfo) => {
    const a = admission(ctx, {
      layer: "udp",
      protocol: "udp",
      peer: { ip: rinfo.address, port: rinfo.port }
    });
    chains.udp(a).catch((e) => ctx.log(`udp: ${errorMessage(e)}`));
  });
  socket.on("error", (e) => ctx.log(`udp: ${errorMessage(e)}`));
  return socket;
}

// src/gateway/upstream.ts
var import_dns_packet3 = __toESM(require_dns_packet(), 1);
import { createSocket as createSocket3 } from "node:dgram";
import { lookup } from "node:dns/promises";
import { isIP as isIP3 } from "node:net";
var Upstream = class {
  #hosts;
  #dns;
  #timeoutMs;
  constructor(options = {}) {
    this.#hosts = new Map(Object.entries(options.hosts ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    this.#dns = options.upstreamDns ? parseHostPort(options.upstreamDns, 53) : null;
    this.#timeoutMs = options.timeoutMs ?? 3e3;
  }
  async resolve(host) {
    const name2 = host.toLowerCase().replace(/\.$/, "");
    const override = this.#hosts.get(name2);
    if (override) return { ip: override, source: "hosts" };
    if (isIP3(name2)) return { ip: name2, source: "literal" };
    if (this.#dns) return { ip: await this.#query(name2, this.#dns), source: "dns" };
    const { address } = await lookup(name2, { family: 4 });
    return { ip: address, source: "dns" };
  }
  #query(name2, { host: addr, port, family }) {
    return new Promise((resolve, reject) => {
      const socket = createSocket3(family === 6 ? "udp6" : "udp4");
      const id = Math.floor(Math.random() * 65535);
      const timer = setTimeout(
        () => finish(new Error(`upstream DNS ${formatHostPort({ host: addr, port })} timed out for ${name2}`)),
        this.#timeoutMs
      );
      const finish = (error, ip) => {
        clearTimeout(timer);
        socket.close();
        if (error) reject(error);
        else resolve(ip ?? "");
      };
      socket.on("error", (e) => finish(e));
      socket.on("message", (msg) => {
        try {
          const reply2 = import_dns_packet3.default.decode(msg);
          if (reply2.id !== id) return;
          const a = reply2.answers?.find((r) => r.type === "A");
          if (a && typeof a.data === "string") finish(null, a.data);
          else finish(new Error(`upstream DNS has no A record for ${name2}`));
        } catch (e) {
          finish(e);
        }
      });
      const query = import_dns_packet3.default.encode({
        type: "query",
        id,
        flags: import_dns_packet3.default.RECURSION_DESIRED,
        questions: [{ type: "A", name: name2 }]
      });
      socket.send(query, port, addr);
    });
  }
};

// src/gateway/server.ts
function listenTcp(server, host, port = 0) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.removeListener("error", reject);
      const addr = server.address();
      resolve(typeof addr === "object" && addr ? addr.port : 0);
    });
  });
}
function bindUdp(socket, host, port = 0) {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.removeListener("error", reject);
      resolve(socket.address().port);
    });
  });
}
async function bindDns(ctx, chains, host) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const udp = dnsUdpServer(ctx, chains);
    const tcp = dnsTcpServer(ctx, chains);
    const port = await bindUdp(udp, host);
    try {
      await listenTcp(tcp, host, port);
      return { udp, tcp, port };
    } catch {
      udp.close();
    }
  }
  throw new PaddockError("GATEWAY_FAILED", `no port free for DNS on ${host} (UDP and TCP)`);
}
async function bindTransparent(ctx, chains, host) {
  for (let attempt = 0; attempt < 16; attempt++) {
    const servers = [transparentServer(ctx, chains)];
    const first = await listenTcp(servers[0], host);
    if (first > 65536 - TRANSPARENT_PORTS) {
      servers[0]?.close();
      continue;
    }
    const rest = await Promise.all(
      Array.from({ length: TRANSPARENT_PORTS - 1 }, async (_, i) => {
        const server = transparentServer(ctx, chains);
        servers.push(server);
        return listenTcp(server, host, first + 1 + i).then(
          () => true,
          () => false
        );
      })
    );
    if (rest.every(Boolean)) return { servers, port: first };
    for (const server of servers) server.close();
  }
  throw new PaddockError("GATEWAY_FAILED", `no ${TRANSPARENT_PORTS} consecutive TCP ports free on ${host}`);
}
async function runGateway(options) {
  const log = options.log ?? writeLog;
  if (!options.proxyOnly && process.getuid?.() !== 0) {
    throw new PaddockError(
      "PRIVILEGE_REQUIRED",
      "the gateway needs root to fence sandboxes and attribute connections; run it as root or through `sudo -n`"
    );
  }
  await mkdir(options.stateDir, { recursive: true });
  const { socket: socketPath, events: eventsPath } = statePaths(options.stateDir);
  const trust = trustFiles(options.stateDir);
  const tls = await setUpTls(options.session, trust, options.upstreamCa ?? []);
  const events = new EventLog({ path: eventsPath, log });
  await events.open();
  const ctx = {
    session: options.session,
    bridgeIp: options.bridgeIp,
    rules: options.rules,
    events,
    attribution: options.proxyOnly ? null : new Attribution(),
    ...options.proxyOnly ? {} : { identity: new IdentityHelper({ binary: () => nativeBinary("paddock-identd"), log }) },
    upstream: new Upstream({ hosts: options.hosts, upstreamDns: options.upstreamDns }),
    tls,
    ...options.inspectTimeouts ? { inspectTimeouts: options.inspectTimeouts } : {},
    audit: options.audit ?? false,
    sandboxes: /* @__PURE__ */ new Map(),
    gone: /* @__PURE__ */ new Map(),
    log
  };
  const chains = admissionChains();
  const proxy = proxyServer(ctx, chains);
  const udp = udpCatchAll(ctx, chains);
  const icmp = options.proxyOnly ? null : icmpWatch(ctx, chains);
  const over = overServer(ctx, chains);
  let ports;
  let dns;
  let transparent;
  try {
    const [p, t, u, d, o] = await Promise.all([
      listenTcp(proxy, options.bridgeIp),
      bindTransparent(ctx, chains, options.bridgeIp),
      bindUdp(udp, options.bridgeIp),
      bindDns(ctx, chains, options.bridgeIp),
      listenTcp(over, options.bridgeIp)
    ]);
    dns = d;
    transparent = t.servers;
    for (const server of [proxy, ...transparent, over]) server.once("connection", optimiseSooner);
    ports = { proxy: p, transparent: t.port, udp: u, dns: d.port, over: o };
  } catch (error) {
    throw new PaddockError("GATEWAY_FAILED", `cannot listen on ${options.bridgeIp}: ${errorMessage(error)}`, {
      cause: error
    });
  }
  const control = controlServer({
    ctx,
    ports,
    proxyOnly: options.proxyOnly ?? false,
    // Each fenced sandbox's DNS over UDP gets a socket of its own: a flood fills only its own receive queue.
    openDnsUdp: async (name2) => {
      const socket = dnsUdpServer(ctx, chains, name2);
      const port = await bindUdp(socket, options.bridgeIp);
      return { port, close: () => socket.close() };
    }
  });
  await rm(socketPath, { force: true });
  await new Promise((resolve, reject) => {
    control.once("error", reject);
    control.listen(socketPath, () => resolve());
  });
  await chownToInvoker(socketPath);
  if (options.proxyOnly)
    log(
      "WARNING: proxy-only mode: no fence, no attribution, no per-binary rules; only HTTP(S)_PROXY clients are governed"
    );
  const sharedHashesBack = options.sharedHashesBack ?? (options.proxyOnly ? () => void 0 : privateSocketHashes(log));
  log(`gateway for session ${options.session} on ${options.bridgeIp}: ${JSON.stringify(ports)}`);
  return {
    ports,
    socketPath,
    eventsPath,
    context: ctx,
    trust,
    async close() {
      for (const s of [proxy, ...transparent, dns.tcp, over, control]) s.close();
      for (const s of [dns.udp, udp]) s.close();
      icmp?.close();
      for (const name2 of [...ctx.sandboxes.keys()]) forget(ctx, name2);
      ctx.identity?.close();
      sharedHashesBack();
      await events.close();
      await rm(socketPath, { force: true });
    }
  };
}

export {
  Attribution,
  SANDBOX_PROXY_PORT,
  fenceRules,
  fenceScript,
  checkFence,
  installFence,
  NO_PROXY,
  enforcementOf,
  statePaths,
  trustFiles,
  parseSocketTable,
  findClientRow,
  runGateway
};
