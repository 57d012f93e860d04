  /* The shared loader of the drop-in's two parts (js/dropin.js, js/dropin-parse.js; put into
   * each in place of its loader placeholder when the files are built). The inlined module is
   * stored compressed by the context-mixing coder below (18% smaller than LZMA on our wasm),
   * as base64, since gzip cannot see through base64. ES5, no dependency. */

  /* What follows each opcode in a function body, by code stream (see unsplit), the one table
   * scripts/build-dropin.mjs `split`, `unsplit` and `cm` share: a stream number per LEB128
   * number; BR_TABLE: as many branch depths in stream 6 as its first one says, and the
   * default; FLOAT: the constant's 4 or 8 bytes in stream 10 as they are; PREFIX_FC: the
   * sub-opcode in stream 11, memory.copy (10) two more numbers, memory.fill (11) one. Opcodes
   * with nothing after them have [], those the splitter does not know null. */
  var BR_TABLE = -1, FLOAT = -2, PREFIX_FC = -3;
  var IMM = (function () {
    var t = [], op;
    function set(a, b, f) {
      for (op = a; op <= b; op++) t[op] = f;
    }
    set(0, 255, null);
    set(0, 1, []); /* unreachable, nop */
    set(5, 5, []); /* else */
    set(11, 11, []); /* end */
    set(15, 15, []); /* return */
    set(26, 27, []); /* drop, select */
    set(69, 196, []); /* numeric */
    set(2, 4, [8]); /* block type */
    set(12, 13, [6]); /* br, br_if */
    set(14, 14, [BR_TABLE]);
    set(16, 16, [3]); /* call */
    set(17, 17, [9, 9]); /* call_indirect */
    set(32, 34, [2]); /* local.get/set/tee */
    set(35, 36, [7]); /* global.get/set */
    set(40, 62, [5, 12]); /* memarg: alignment, offset */
    set(63, 64, [9]); /* memory.size/grow */
    set(65, 65, [4]); /* i32.const */
    set(66, 66, [13]); /* i64.const */
    set(67, 68, [FLOAT]);
    set(252, 252, [PREFIX_FC]);
    return t;
  })();

  /* A context-mixing coder after Matt Mahoney's public-domain lpaq1, in integer arithmetic
   * only, so that the build's encoder (scripts/build-dropin.mjs runs this very function) and
   * every browser's decoder compute the same bits. Each bit of the input is predicted by eight
   * hashed context models, an order-0 model and a match model, mixed by two small neural
   * mixers, refined by an APM, and arithmetic-coded.
   * `parts`: the lengths of the parts coded one after the other: the module without its code
   * section, then the code section's 14 streams (see unsplit), or the whole module. A part's
   * bytes are predicted from that part's own history; a code stream's immediates also from
   * the opcode they belong to (opcodes come first, so they are known by then).
   * `cm(bytes, parts, null)` encodes; `cm(code, parts, size)` decodes `size` bytes. Returns
   * `run(limit)`: codes until at least `limit` bytes are done (or all) and returns how many
   * are, so that the page gets the main thread back between slices; `run.out` is the output
   * (the encoder's once all is done). Decoding input is our own build output: no checks. */
  function cm(src, parts, size) {
    var enc = size === null, data = enc ? src : new Uint8Array(size), out = enc ? [] : data;
    if (enc) size = src.length;
    /* 8 hashed models of 2^HB counters each (16 per nibble of a context: one cache line),
     * N mixer inputs: those, order 0, the match model */
    var HB = 19, NH = 8, N = 10, i, j;
    /* squash: the logistic function, from the stretch domain (±2047, 8 fractional bits) to a
     * 12-bit probability; ST: its inverse */
    var SQ = [1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348,
      3607, 3785, 3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094];
    function squash(d) {
      if (d > 2047) return 4095;
      if (d < -2047) return 1;
      var w = d & 127;
      d = (d >> 7) + 16;
      return (SQ[d] * (128 - w) + SQ[d + 1] * w + 64) >> 7 || 1;
    }
    var ST = new Int16Array(4096), p = 0;
    for (i = -2047; i <= 2047; i++) for (j = squash(i); p <= j; p++) ST[p] = i;
    for (; p < 4096; p++) ST[p] = 2047;
    /* counters: a probability (22 bits) and how often it was seen (10), in one word; the count
     * stops at 7, so a counter keeps adapting fast (code is not stationary) */
    var T = new Int32Array(NH << HB), T0 = new Int32Array(16 << 8), DT = new Int32Array(8);
    T0.fill(-0x80000000); /* T's slots are set up when first used */
    for (i = 0; i < 8; i++) DT[i] = (8192 / (i + 1.5)) | 0;
    /* mixer weights (16.16): one set by part, match length, order-3 confidence and LEB byte,
     * one by part, the bits of the byte so far and order-6 confidence; the APM: 33 steps for 2^14 contexts */
    var W = new Int32Array(16 * 17 * 16 * N), W2 = new Int32Array(16 * 1024 * N), A = new Uint16Array(33 << 14);
    W.fill(9830);
    W2.fill(9830);
    for (j = 0; j < 33; j++) A[j] = squash((j - 16) * 128) * 16;
    for (i = 33; i < A.length; i *= 2) A.copyWithin(i, 0, i);
    var MH = new Int32Array(1 << 18), hs = new Int32Array(NH), ix = new Int32Array(NH), x = new Int32Array(N);
    function h(a, b) {
      return (Math.imul(a ^ 0x5bd1e995, 0x2f0b4ea5) ^ Math.imul(b + 0x9e3779b9, 0x6b43a9b5)) + (a >>> 15) | 0;
    }
    /* how many LEB128 numbers opcode `op` has in code stream `k`: NUM[k << 8 | op] (−1: as
     * its first one says), from IMM */
    var NUM = new Int8Array(14 << 8), f;
    for (i = 0; i < 256; i++) {
      for (f = IMM[i] || [], j = 0; j < f.length; j++) {
        if (f[j] >= 0) NUM[(f[j] << 8) | i]++;
        else if (f[j] !== FLOAT) NUM[((f[j] === BR_TABLE ? 6 : 11) << 8) | i] = -1;
      }
    }
    /* coder state (32 bits, carry-less); part `s` spans a…b; the opcode stream opa…opb */
    var x1 = 0, x2 = 0xffffffff, xc = 0, ip = 0, pos = 0, s = -1, a = 0, b = 0, opa = 0, opb = 0, oi = 0;
    /* the immediate being coded: its opcode, the ones before and after, numbers left in the
     * opcode's group, number gi of the group, byte bi of the number, its value so far */
    var owned = false, op = 0, pv = 0, nx = 0, left = 0, gi = 0, bi = 0, val = 0, mul = 1, vary = false, inLeb = false;
    var word = 0, lastv = 0, mptr = 0, mlen = 0;
    if (!enc) for (i = 0; i < 4; i++) xc = ((xc << 8) | src[ip++]) >>> 0;
    function run(limit) {
      var c, c1, c0, bit, y, p, i, j, p0, p1, p2, d1, d2, ws, ws2, ms, pb, sd, lo, wt, ai, e, t, n, k, v, at2, at3, at4, at8;
      while (pos < limit && pos < size) {
        while (pos === b) {
          s++;
          a = b;
          b = a + parts[s];
          mlen = 0;
          MH.fill(-1);
          owned = parts.length > 2 && s >= 3 && s !== 11; /* 11: float constants, raw bytes */
          if (s === 1) (opa = a), (opb = b);
          oi = opa;
          left = 0;
          inLeb = false;
        }
        c1 = pos > a ? data[pos - 1] : 0;
        at2 = pos - 2 >= a ? data[pos - 2] : 0;
        at3 = pos - 3 >= a ? data[pos - 3] : 0;
        at4 = pos - 4 >= a ? data[pos - 4] : 0;
        at8 = pos - 8 >= a ? data[pos - 8] : 0;
        /* orders 1, 2, 3, 4, 6 */
        hs[0] = t = h(s + 1, c1);
        hs[1] = t = h(t, at2);
        hs[2] = t = h(t, at3);
        hs[3] = t = h(t, at4);
        hs[4] = h(h(t, pos - 5 >= a ? data[pos - 5] : 0), pos - 6 >= a ? data[pos - 6] : 0);
        if (owned) {
          if (!inLeb) {
            if (!left) {
              k = s - 1;
              while (oi < opb && !NUM[(k << 8) | data[oi]]) oi++;
              /* (past the last opcode only in input that is not a module: zeros) */
              op = oi < opb ? data[oi] : 0;
              pv = oi > opa && oi <= opb ? data[oi - 1] : 0;
              nx = oi + 1 < opb ? data[oi + 1] : 0;
              if (oi < opb) oi++;
              left = NUM[(k << 8) | op];
              vary = left < 0;
              if (vary) left = 1;
              gi = 0;
            } else gi++;
            left--;
            bi = 0;
            val = 0;
            mul = 1;
          } else bi++;
          /* the opcode, the number in its group and the byte in the number; with the opcodes
           * around it; with the next one and the last number's last byte */
          n = op | (gi < 3 ? gi : 3) << 8 | (bi < 7 ? bi : 7) << 10;
          v = bi ? c1 : 0;
          hs[5] = h(h(s + 100, n), v);
          hs[6] = h(h(h(s + 200, n), pv << 8 | nx), v);
          hs[7] = h(h(h(s + 300, n | nx << 13), v), lastv);
        } else {
          /* sparse contexts, for tables of fixed-size records; in the module's data, words */
          hs[5] = h(h(s + 100, at2), at4);
          hs[6] = h(h(s + 200, at4), at8);
          hs[7] = s ? h(h(s + 300, c1), at3) : h(word, 77);
          bi = 0;
        }
        c = enc ? data[pos] : 0;
        pb = mlen ? data[mptr] : -1; /* the byte the match model predicts */
        c0 = 1;
        for (bit = 7; bit >= 0; bit--) {
          /* the counters: a slot of 16 per context and nibble, indexed by the nibble's bits;
           * its first word checks the context (of two slots, the less used one gives way) */
          if (bit === 7 || bit === 3) {
            for (k = 0; k < NH; k++) {
              t = (hs[k] + Math.imul(c0, 0x9e3779b1)) | 0;
              i = (k << HB) + ((t >>> (36 - HB)) << 4);
              t = (t & 0xffff) | 1;
              if (T[i] !== t) {
                if (T[i ^ 16] === t) i ^= 16;
                else {
                  if ((T[i + 1] & 1023) > (T[(i ^ 16) + 1] & 1023)) i ^= 16;
                  T[i] = t;
                  T.fill(-0x80000000, i + 1, i + 16);
                }
              }
              ix[k] = i;
            }
          }
          j = bit > 3 ? c0 : (c0 & ((1 << (3 - bit)) - 1)) | (1 << (3 - bit));
          for (k = 0; k < NH; k++) x[k] = ST[T[ix[k] + j] >>> 20];
          x[NH] = ST[T0[(s << 8) + c0] >>> 20];
          if (pb >= 0 && (pb + 256) >> (bit + 1) === c0) {
            ms = mlen < 15 ? mlen + 1 : 16;
            t = (mlen < 16 ? mlen : 16) * 128;
            x[NH + 1] = (pb >> bit) & 1 ? t : -t;
          } else {
            ms = 0;
            x[NH + 1] = 0;
            pb = -1;
          }
          /* weight sets chosen by how often the order-3 and order-6 contexts were seen */
          t = T[ix[2] + j] & 1023;
          ws = (((s * 17 + ms) * 4 + (t ? (t < 3 ? 1 : t < 7 ? 2 : 3) : 0)) * 4 + (bi < 3 ? bi : 3)) * N;
          t = T[ix[4] + j] & 1023;
          ws2 = ((((s << 8) + c0) << 2) + (t ? (t < 3 ? 1 : t < 7 ? 2 : 3) : 0)) * N;
          for (d1 = d2 = k = 0; k < N; k++) {
            d1 += x[k] * W[ws + k];
            d2 += x[k] * W2[ws2 + k];
          }
          p1 = squash(d1 >> 16);
          p2 = squash(d2 >> 16);
          p0 = squash((d1 + d2) >> 17);
          sd = ST[p0] + 2048;
          lo = sd >> 7;
          wt = sd & 127;
          ai = (h(s << 8 | c1, c0) >>> 18) * 33 + lo;
          p = (p0 + 3 * ((A[ai] * (128 - wt) + A[ai + 1] * wt) >> 11)) >> 2;
          p = p < 1 ? 1 : p > 4095 ? 4095 : p;
          /* code the bit, P(1) = p / 4096 */
          t = x1 + ((x2 - x1) >>> 12) * p;
          y = enc ? (c >> bit) & 1 : xc <= t ? 1 : 0;
          if (y) x2 = t;
          else x1 = t + 1;
          while (((x1 ^ x2) & 0xff000000) === 0) {
            if (enc) out.push(x2 >>> 24);
            else xc = ((xc << 8) | (src[ip++] | 0)) >>> 0;
            x1 = (x1 << 8) >>> 0;
            x2 = ((x2 << 8) | 255) >>> 0;
          }
          /* learn */
          e = ((y << 12) - p1) * 4;
          for (k = 0; k < N; k++) W[ws + k] += (x[k] * e) >> 13;
          e = ((y << 12) - p2) * 4;
          for (k = 0; k < N; k++) W2[ws2 + k] += (x[k] * e) >> 13;
          e = (y << 16) + (y << 5) - y - y;
          A[ai] += (e - A[ai]) >> 6;
          A[ai + 1] += (e - A[ai + 1]) >> 6;
          for (k = 0; k < NH; k++) {
            v = T[(i = ix[k] + j)];
            n = v & 1023;
            T[i] = (v + (Math.imul(((y << 22) - (v >>> 10)) >> 3, DT[n]) & ~1023) + (n < 7 ? 1 : 0)) | 0;
          }
          v = T0[(i = (s << 8) + c0)];
          n = v & 1023;
          T0[i] = (v + (Math.imul(((y << 22) - (v >>> 10)) >> 3, DT[n]) & ~1023) + (n < 7 ? 1 : 0)) | 0;
          c0 = (c0 << 1) | y;
        }
        c = c0 & 255;
        data[pos] = c;
        if (owned) {
          val += (c & 127) * mul;
          mul *= 128;
          inLeb = c > 127;
          if (!inLeb) {
            lastv = c;
            /* br_table: as many targets as its first number, and the default; 0xFC ops: 10
             * (memory.copy) has two more numbers, 11 (memory.fill) one */
            if (vary && !gi) left = op === 14 ? val + 1 : val === 10 ? 2 : val === 11 ? 1 : 0;
          }
        }
        /* the match model: the last repeat of the last seven bytes predicts the next one */
        if (mlen && data[mptr] === c) {
          mlen++;
          mptr++;
        } else mlen = 0;
        if (pos - a >= 7) {
          k = h(h(h(c, c1), h(at2, at3)), h(h(at4, data[pos - 5]), data[pos - 6])) >>> 14;
          if (!mlen && MH[k] >= 0) {
            mptr = MH[k];
            for (n = 0; n < 32 && mptr - 1 - n >= a && data[mptr - 1 - n] === data[pos - n]; n++);
            mlen = n < 7 ? 0 : n;
          }
          MH[k] = pos + 1;
        }
        if (s === 0) word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 128 ? h(word, c) : 0;
        pos++;
      }
      if (enc && pos === size && !run.out) {
        for (i = 0; i < 4; i++) out.push((x1 >>> (24 - 8 * i)) & 255);
        run.out = new Uint8Array(out);
      }
      return pos;
    }
    if (!enc) run.out = out;
    return run;
  }

  /* The module from its split form (scripts/build-dropin.mjs `split`): a module compresses
   * better when the code section's opcodes and each kind of immediate (locals, call targets,
   * constants, memory offsets, branch depths…) are in streams of their own. `d`: everything
   * but the code section's body, then the streams; `meta`: [size, code start, length of the
   * part before the streams, the 14 stream lengths]. Immediates are copied as they were
   * written (LEB128 bytes), so the module comes back byte for byte. */
  function unsplit(d, meta) {
    var out = new Uint8Array(meta[0]), o = meta[1], pos = [], k, x = meta[2];
    for (k = 0; k < 14; k++) {
      pos[k] = x;
      x += meta[3 + k];
    }
    out.set(d.subarray(0, o));
    /* copy one LEB128 number from stream s, returning its value */
    function u(s) {
      var v = 0, m = 1, c;
      do {
        c = out[o++] = d[pos[s]++];
        v += (c & 127) * m;
        m *= 128;
      } while (c & 128);
      return v;
    }
    var n = u(1), f, end, i, j, k, op;
    for (f = 0; f < n; f++) {
      end = u(1);
      end += o;
      for (j = u(1); j--; ) {
        u(1);
        out[o++] = d[pos[1]++];
      }
      while (o < end) {
        op = out[o++] = d[pos[0]++];
        for (k = IMM[op] || [], i = 0; i < k.length; i++) {
          if (k[i] >= 0) u(k[i]);
          else if (k[i] === BR_TABLE) for (j = u(6) + 1; j--; ) u(6);
          else if (k[i] === FLOAT) for (j = op === 67 ? 4 : 8; j--; ) out[o++] = d[pos[10]++];
          else {
            j = u(11); /* PREFIX_FC: memory.copy (10) two more numbers, memory.fill (11) one */
            if (j === 10 || j === 11) for (j = 12 - j; j--; ) u(11);
          }
        }
      }
    }
    out.set(d.subarray(meta[1], meta[2]), o);
    return out;
  }

  /* The parts cm codes, from `meta` (see unsplit). */
  function parts(meta) {
    return meta.length > 1 ? [meta[2]].concat(meta.slice(3)) : [meta[0]];
  }

  /* The module from its coded form, at once (the build's check, the tests). */
  function uncm(src, meta) {
    var run = cm(src, parts(meta), meta[0]);
    run(meta[0]);
    return meta.length > 1 ? unsplit(run.out, meta) : run.out;
  }

  /* The decoded module is kept in the page's IndexedDB (database `nianbao`, store `modules`:
   * one entry per part, `widget` or `parse`, {h: hash of the coded form, m: module bytes}), so
   * that only the first load of a build decodes. Whatever fails (no IndexedDB, a sandboxed
   * frame, quota, a browser that does not answer in 300 ms, a copy that does not compile)
   * only means decoding again. */
  function cache(name, hash, size, cb) {
    var done = false, rq, timer;
    function fin(db, m) {
      if (done) {
        if (db) db.close();
        return;
      }
      done = true;
      clearTimeout(timer);
      cb(db, m);
    }
    try {
      timer = setTimeout(function () {
        fin(null, null);
      }, 300);
      rq = window.indexedDB.open('nianbao', 1);
      rq.onupgradeneeded = function () {
        rq.result.createObjectStore('modules');
      };
      rq.onsuccess = function () {
        var db = rq.result, get;
        db.onversionchange = function () {
          db.close();
        };
        try {
          get = db.transaction('modules').objectStore('modules').get(name);
          get.onsuccess = function () {
            var v = get.result;
            fin(db, v && v.h === hash && v.m instanceof Uint8Array && v.m.length === size ? v.m : null);
          };
          get.onerror = function () {
            fin(db, null);
          };
        } catch (e) {
          fin(db, null);
        }
      };
      rq.onerror = rq.onblocked = function () {
        fin(null, null);
      };
    } catch (e) {
      fin(null, null);
    }
  }

  /* base64 → bytes → the module, instantiated with `imports` (a promise of
   * WebAssembly.instantiate's result) for part `name`: from the cache, or decoded after the
   * script has run, ~8 ms per task (all of it ~0.8 s in Chromium on our 2-core test machine) so that the page never waits
   * on one long task. Tasks follow each other through a MessageChannel: timers of a background
   * tab wait a second each. `meta`: [size] or the split form's (see unsplit). */
  function unpack(b64, meta, name, imports) {
    var size = meta[0], a = 0x811c9dc5, b = 0, j;
    for (j = 0; j < b64.length; j++) {
      a = Math.imul(a ^ b64.charCodeAt(j), 16777619);
      b = (Math.imul(b, 31) + b64.charCodeAt(j)) | 0;
    }
    var hash = (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36) + '.' + size;
    return new Promise(function (resolve, reject) {
      var run, done = 0, db = null, ch = typeof MessageChannel === 'function' ? new MessageChannel() : null;
      function next() {
        if (ch) ch.port2.postMessage(0);
        else setTimeout(slice, 0);
      }
      function slice() {
        try {
          if (!run) {
            var bin = window.atob(b64), raw = new Uint8Array(bin.length);
            for (var j = 0; j < bin.length; j++) raw[j] = bin.charCodeAt(j);
            run = cm(raw, parts(meta), size);
            return next(); /* the tables (~19 MB) took this slice */
          }
          var t = Date.now();
          while (done < size && Date.now() - t < 8) done = run(done + 512);
          if (done < size) return next();
          if (ch) ch.port1.onmessage = null;
          var m = meta.length > 1 ? unsplit(run.out, meta) : run.out;
          resolve(WebAssembly.instantiate(m, imports));
          if (db) {
            try {
              db.transaction('modules', 'readwrite').objectStore('modules').put({ h: hash, m: m }, name);
            } catch (e) {
              /* not kept: decoded again next time */
            }
            db.close(); /* once the write is done */
          }
        } catch (e) {
          reject(e);
        }
      }
      if (ch) ch.port1.onmessage = slice;
      cache(name, hash, size, function (d, m) {
        db = d;
        if (!m) return next();
        WebAssembly.instantiate(m, imports).then(
          function (r) {
            db.close();
            resolve(r);
          },
          next /* a damaged copy: decoded again, and replaced */
        );
      });
    });
  }
