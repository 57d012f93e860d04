  /* The shared loader of the drop-in's two parts (js/dropin.js, js/dropin-parse.js; put into
   * each in place of its loader placeholder when the files are built). The inlined module is
   * stored LZMA-compressed (raw LZMA1, lp=0 pb=0: ~12% smaller than DEFLATE on our wasm),
   * as base64, since gzip cannot see through base64. ES5, no dependency. */

  /* Raw LZMA1 decoder (after Igor Pavlov's public-domain LzmaSpec.cpp). `size`: the exact
   * output length, known when the file is built, so no end marker is read. lp=0 pb=0 are fixed
   * by scripts/build-dropin.mjs, `lc` (0–4) is passed. The input is our own build output: no
   * error checks.
   * Returns `run(limit)`: decodes until at least `limit` bytes are out (or all of them) and
   * returns how many are, so the page can get the main thread back between slices;
   * `run.out` is the output. */
  function lzma(src, size, lc) {
    var out = new Uint8Array(size), op = 0, ip = 1, range = 0xffffffff, code = 0;
    /* one table of probabilities, each model at its offset: isMatch[12][16] at 0, isRep,
     * isRepG0, G1, G2 [12] at 192…228, isRep0Long[12][16] at 240, posSlot[4][64] at 432,
     * posSpecial[115] at 688, align[16] at 803, two length models[514] at 819 and 1333,
     * literals[1 << lc][0x300] at 1847 */
    var P = new Uint16Array(1847 + (0x300 << lc)), i;
    for (i = 0; i < P.length; i++) P[i] = 1024;
    for (i = 0; i < 4; i++) code = ((code << 8) | src[ip++]) >>> 0;
    function bit(k) {
      var p = P[k], bound = (range >>> 11) * p, b;
      if (code < bound) {
        P[k] = p + ((2048 - p) >> 5);
        range = bound;
        b = 0;
      } else {
        P[k] = p - (p >> 5);
        code -= bound;
        range -= bound;
        b = 1;
      }
      if (range < 16777216) {
        range = (range << 8) >>> 0;
        code = ((code << 8) | src[ip++]) >>> 0;
      }
      return b;
    }
    function tree(k, n) {
      var m = 1;
      for (var j = 0; j < n; j++) m = (m << 1) + bit(k + m);
      return m - (1 << n);
    }
    function rtree(k, n) {
      var m = 1, s = 0, b;
      for (var j = 0; j < n; j++) {
        b = bit(k + m);
        m = (m << 1) + b;
        s |= b << j;
      }
      return s;
    }
    /* a length model at k: choice, choice2, low[16][8], mid[16][8], high[256] (posState 0:
     * pb=0) */
    function len(k) {
      if (!bit(k)) return tree(k + 2, 3);
      if (!bit(k + 1)) return 8 + tree(k + 130, 3);
      return 16 + tree(k + 258, 8);
    }
    var state = 0, r0 = 0, r1 = 0, r2 = 0, r3 = 0, s, m, b, n, d, k;
    function run(limit) {
      while (op < limit && op < size) {
        if (!bit(state * 16)) {
          /* a literal, coded against the byte at rep0 after a match */
          k = 1847 + 0x300 * (op ? out[op - 1] >> (8 - lc) : 0);
          s = 1;
          if (state >= 7) {
            m = out[op - r0 - 1];
            do {
              b = (m >> 7) & 1;
              m <<= 1;
              n = bit(k + ((1 + b) << 8) + s);
              s = (s << 1) | n;
            } while (n === b && s < 256);
          }
          while (s < 256) s = (s << 1) | bit(k + s);
          out[op++] = s & 255;
          state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
          continue;
        }
        if (bit(192 + state)) {
          if (!bit(204 + state)) {
            if (!bit(240 + state * 16)) {
              state = state < 7 ? 9 : 11;
              out[op] = out[op - r0 - 1];
              op++;
              continue;
            }
          } else {
            if (!bit(216 + state)) d = r1;
            else {
              if (!bit(228 + state)) d = r2;
              else {
                d = r3;
                r3 = r2;
              }
              r2 = r1;
            }
            r1 = r0;
            r0 = d;
          }
          n = len(1333);
          state = state < 7 ? 8 : 11;
        } else {
          r3 = r2;
          r2 = r1;
          r1 = r0;
          n = len(819);
          state = state < 7 ? 7 : 10;
          s = tree(432 + (n < 3 ? n : 3) * 64, 6);
          if (s < 4) r0 = s;
          else {
            b = (s >> 1) - 1;
            d = (2 | (s & 1)) << b;
            if (s < 14) r0 = d + rtree(688 + d - s, b);
            else {
              /* direct bits, then 4 aligned ones */
              for (m = 0, b -= 4; b > 0; b--) {
                range >>>= 1;
                m = m * 2;
                if (code >= range) {
                  code -= range;
                  m++;
                }
                if (range < 16777216) {
                  range = (range << 8) >>> 0;
                  code = ((code << 8) | src[ip++]) >>> 0;
                }
              }
              r0 = d + m * 16 + rtree(803, 4);
            }
          }
        }
        for (n += 2; n-- && op < size; op++) out[op] = out[op - r0 - 1];
      }
      return op;
    }
    run.out = out;
    return run;
  }

  /* The module from its split form (scripts/build-dropin.mjs `split`): LZMA compresses a
   * module ~6% better when the code section's opcodes and each kind of immediate (locals,
   * call targets, constants, memory offsets, branch depths…) are in streams of their own.
   * `d`: everything but the code section's body, then the streams; `meta`: [lc, size, code
   * start, length of the part before the streams, the 14 stream lengths]. Immediates are
   * copied as they were written (LEB128 bytes), so the module comes back byte for byte. */
  function unsplit(d, meta) {
    var out = new Uint8Array(meta[1]), o = meta[2], pos = [], k, x = meta[3];
    for (k = 0; k < 14; k++) {
      pos[k] = x;
      x += meta[4 + k];
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
    var n = u(1), f, end, j, op;
    for (f = 0; f < n; f++) {
      end = u(1);
      end += o;
      for (j = u(1); j--; ) {
        u(1);
        out[o++] = d[pos[1]++];
      }
      while (o < end) {
        op = out[o++] = d[pos[0]++];
        if (op >= 2 && op <= 4) u(8); /* block type */
        else if (op === 12 || op === 13) u(6); /* br, br_if */
        else if (op === 14) for (j = u(6) + 1; j--; ) u(6); /* br_table */
        else if (op === 16) u(3); /* call */
        else if (op === 17) {
          u(9);
          u(9);
        } else if (op >= 32 && op <= 34) u(2); /* local.get/set/tee */
        else if (op === 35 || op === 36) u(7); /* global.get/set */
        else if (op >= 40 && op <= 62) {
          u(5); /* memarg: alignment, offset */
          u(12);
        } else if (op === 63 || op === 64) u(9);
        else if (op === 65) u(4); /* i32.const */
        else if (op === 66) u(13);
        else if (op === 67 || op === 68) for (j = op === 67 ? 4 : 8; j--; ) out[o++] = d[pos[10]++];
        else if (op === 252) {
          j = u(11);
          if (j === 10) {
            u(11);
            u(11);
          } else if (j === 11) u(11);
        }
      }
    }
    out.set(d.subarray(meta[2], meta[3]), o);
    return out;
  }

  /* The whole output at once. */
  function unlzma(src, size, lc) {
    var run = lzma(src, size, lc);
    run(size);
    return run.out;
  }

  /* base64 → bytes → the module (a promise), decoded after the script has run, ~8 ms per
   * task (all of it takes 40–100 ms) so that the page never waits on one long task. Tasks
   * follow each other through a MessageChannel: timers of a background tab wait a second
   * each. `meta`: [lc, size] or the split form's (see unsplit). */
  function unpack(b64, meta) {
    var size = meta[1];
    return new Promise(function (resolve, reject) {
      var run, done = 0, ch = typeof MessageChannel === 'function' ? new MessageChannel() : null;
      function next() {
        if (ch) ch.port2.postMessage(0);
        else setTimeout(slice, 0);
      }
      function slice() {
        try {
          if (!run) {
            var bin = window.atob(b64), raw = new Uint8Array(bin.length);
            for (var j = 0; j < bin.length; j++) raw[j] = bin.charCodeAt(j);
            run = lzma(raw, size, meta[0]);
          }
          var t = Date.now();
          while (done < size && Date.now() - t < 8) done = run(done + 4096);
          if (done < size) return next();
          if (ch) ch.port1.onmessage = null;
          resolve(meta.length > 2 ? unsplit(run.out, meta) : run.out);
        } catch (e) {
          reject(e);
        }
      }
      if (ch) ch.port1.onmessage = slice;
      next();
    });
  }
