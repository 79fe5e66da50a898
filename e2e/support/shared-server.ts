/** The port of the server Playwright starts once for the whole run (playwright.config.ts). */
export const sharedServerPort = Number(process.env.E2E_PORT ?? 3107);

/** Where a spec reaches an app: all that a spec's helpers need of a server. */
export type StudioAddress = { url: string };

/**
 * That shared server: for specs that need nothing a server of their own
 * gives (an empty database for a first account, settings of their own, a
 * restart). Every start costs seconds of CPU on a machine the specs share,
 * so a spec starts its own only for one of those. People on it sign up
 * under `uniqueEmail`, since its data outlives a run.
 */
export const sharedStudio: StudioAddress = { url: `http://127.0.0.1:${sharedServerPort}` };
