/**
 * The part of papaparse that sim-core uses, typed here instead of by `@types/papaparse`: that package
 * starts with `/// <reference types="node" />`, which would put Node's globals (`process`, `Buffer`)
 * into sim-core's type check and defeat its no-Node guard (`types: []` in sim-core/tsconfig.json).
 * Importing the package's file by path keeps `@types/papaparse` out of sim-core's program.
 */
declare module 'papaparse/papaparse.js' {
  interface UnparseConfig {
    /** Cells matching this (or, with `true`, papaparse's own pattern) get a leading `'`. */
    escapeFormulae?: boolean | RegExp;
    newline?: string;
    delimiter?: string;
    quotes?: boolean | boolean[];
    header?: boolean;
  }
  const Papa: {
    /** Rows of cells to CSV text; `null` and `undefined` become empty cells. */
    unparse(data: readonly (readonly unknown[])[], config?: UnparseConfig): string;
  };
  export default Papa;
}
