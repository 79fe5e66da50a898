/** Next calls this once per server process, before it serves a request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("./lib/server/start-up");
  await startServerRuntime();
}
