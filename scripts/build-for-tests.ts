/**
 * The production build the end-to-end and multi-instance tests serve, made
 * ahead of them (`npm test` starts this beside its first steps, which leave
 * a core idle much of the time) and recorded with its source fingerprint,
 * so that no launcher builds again. Exits non-zero if the build fails.
 */
import { BuildError, buildIfNeeded } from "../cli/build-if-needed";

try {
  const { built } = buildIfNeeded(process.cwd());
  console.log(built ? "Built the production server." : "The production build is current.");
} catch (error) {
  console.error(error instanceof BuildError ? error.message : error);
  process.exit(1);
}
