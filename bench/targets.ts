/** The targets figures are printed next to (not tests: the machine may be shared). */
export const TARGETS = {
  /** Knowledge path (classify + compose) p99 at 357 municipalities. */
  p99Ms: 2,
  /** Index build at 357 municipalities. */
  buildMs: 3000,
  /** Process RSS at 357 municipalities. */
  rssMb: 250,
  /** Direct Line turn p99 of the real bot over that of an echo bot in the same wiring. */
  directLineRatio: 1.5,
};
