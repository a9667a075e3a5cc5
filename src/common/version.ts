export const VERSION: string = typeof PADDOCK_VERSION === 'string' ? PADDOCK_VERSION : '0.0.0-dev';
