import type {Plugin} from 'esbuild';

/** The esbuild plugin with the bundle's replacements (test/build-replacements.mjs). */
export declare const replacements: Plugin;
