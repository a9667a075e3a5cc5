/** Injected by the bundler; `0.0.0-dev` when running from source. */
declare const PADDOCK_VERSION: string | undefined;
