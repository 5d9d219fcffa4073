// Injected by the build from package.json; tests running from source fall back to 'dev'.
declare const __MLF_VERSION__: string | undefined;
export const version: string = typeof __MLF_VERSION__ === 'string' ? __MLF_VERSION__ : 'dev';
