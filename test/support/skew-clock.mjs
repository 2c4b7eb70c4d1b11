// `node --import ./test/support/skew-clock.mjs`: this process's wall clock runs CLOCK_SKEW_MS
// ahead (negative: behind) of the host's. Date.now() and new Date() are shifted; Dates built from
// a value are not, and the monotonic clock (performance.now) is untouched, as on a skewed host.
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
const RealDate = globalThis.Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }
  static now() {
    return RealDate.now() + skew;
  }
}
globalThis.Date = SkewedDate;
