/** Containers whose fence hook has not resolved yet: nothing may execute in them through this API. */
export const notReady = new Set<string>();
