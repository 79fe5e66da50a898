/**
 * Runs a command-line entry point: one clear line on failure and a non-zero
 * exit code, never a stack trace (set DEBUG=1 to see one).
 */
export function runCli(main: (args: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      if (process.env.DEBUG) console.error(error);
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
