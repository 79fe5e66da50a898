/** The app's version, from package.json (set by next.config.js at build time). */
export const appVersion: string = process.env.STUDIO_VERSION ?? "0.0.0-dev";
