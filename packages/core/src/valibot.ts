/**
 * Internal, not public API: `@wx/core/valibot` is the subset of valibot's functions the `@wx/*`
 * packages call at run time, bundled from valibot into one small ES module.
 *
 * Why: valibot's own entry (~1000 exports, ~200 KB) takes ~10 ms to load in Node; this subset ~1 ms,
 * and importing core + a function package must stay near bare node (issue 13, cold start). Sources
 * keep writing `import * as v from 'valibot'` (and get their types from valibot); the build
 * (`tsup.package.ts`) points those imports here, so every bundle holds one copy of each function.
 *
 * Valibot's MIT notice is added to the built file by `tsup.package.ts` (a plain comment: a legal
 * comment would survive in every user's bundle, even one that tree-shakes all of this away).
 *
 * A package that starts calling a valibot function missing here fails `test/bundle/valibot-subset.test.ts`:
 * add it to this list (a change to `@wx/core`, which the package then needs as its peer).
 *
 * @internal
 */
export {
  array,
  boolean,
  check,
  custom,
  forward,
  integer,
  literal,
  looseObject,
  maxBytes,
  maxLength,
  maxValue,
  minLength,
  minValue,
  nonEmpty,
  nullish,
  number,
  object,
  optional,
  partialCheck,
  picklist,
  pipe,
  rawCheck,
  record,
  regex,
  safeInteger,
  safeParse,
  string,
  transform,
  union,
  variant,
} from 'valibot'
