export declare const ENTRY_POINTS: Record<string, string>;
export declare function bundle(options: {
  root: string;
  outdir: string;
  version: string;
  entryPoints?: Record<string, string>;
}): Promise<void>;
