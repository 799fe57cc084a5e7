/**
 * fflate for the what-if page: the same module, except that `zip` and `unzip` (which
 * write-excel-file and read-excel-file call) work synchronously instead of starting Web Workers
 * from `blob:` URLs for large entries, which the page's Content-Security-Policy forbids. The page
 * script's build (bundle.ts) puts this module in place of `fflate` for those two libraries; the
 * callback still comes asynchronously, as fflate's does.
 */
import { unzipSync, zipSync, type AsyncUnzipOptions, type AsyncZipOptions, type AsyncZippable, type FlateCallback, type UnzipCallback, type Unzipped } from 'fflate';

export * from 'fflate';

type Terminate = () => void;

function later(run: () => void): Terminate {
  let cancelled = false;
  setTimeout(() => {
    if (!cancelled) run();
  }, 0);
  return () => {
    cancelled = true;
  };
}

/** fflate's `zip`, computed with `zipSync`. */
export function zip(data: AsyncZippable, opts: AsyncZipOptions | FlateCallback, cb?: FlateCallback): Terminate {
  const callback = (typeof opts === 'function' ? opts : cb) as FlateCallback;
  const options = typeof opts === 'function' ? {} : opts;
  return later(() => {
    let out: Uint8Array<ArrayBuffer>;
    try {
      out = zipSync(data, options);
    } catch (e) {
      callback(e as Parameters<FlateCallback>[0], new Uint8Array(0));
      return;
    }
    callback(null, out);
  });
}

/** fflate's `unzip`, computed with `unzipSync` (the filter applies as in `unzip`). */
export function unzip(data: Uint8Array, opts: AsyncUnzipOptions | UnzipCallback, cb?: UnzipCallback): Terminate {
  const callback = (typeof opts === 'function' ? opts : cb) as UnzipCallback;
  const options = typeof opts === 'function' ? {} : opts;
  return later(() => {
    let out: Unzipped;
    try {
      out = unzipSync(data, options);
    } catch (e) {
      callback(e as Parameters<UnzipCallback>[0], {});
      return;
    }
    callback(null, out);
  });
}
