import "server-only";
import { AppError } from "@/lib/errors";

/** People with an import running in this process. */
const holderKey = Symbol.for("preferthinker-studio.benchmark-imports");
const holder = globalThis as { [holderKey]?: Set<string> };
const running = (holder[holderKey] ??= new Set());

/**
 * Runs one benchmark import for a person, refusing a second while it runs
 * (409): an import reads, hashes and stores thousands of pictures, and one
 * person starting several at once would take the server's disk and CPU from
 * everyone. Held in this process (the global survives Next's several bundles).
 */
export async function runOneImportPerPerson<T>(ownerId: string, work: () => Promise<T>): Promise<T> {
  if (running.has(ownerId))
    throw new AppError(
      "conflict",
      "You have a benchmark import running already: wait for it to finish, then import again.",
    );
  running.add(ownerId);
  try {
    return await work();
  } finally {
    running.delete(ownerId);
  }
}
