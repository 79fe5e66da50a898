import { buildIfNeeded } from "../../cli/build-if-needed";

/**
 * Builds the production server once before any instance starts, so that the
 * launchers find the build current and none of them runs `next build` (two
 * at once would write into one .next folder). After `npm test`'s end-to-end
 * step the build is usually current already, and nothing is built.
 */
export default function setup(): void {
  // The type check already ran as its own step of `npm test` (see next.config.js).
  const { built } = buildIfNeeded(process.cwd(), {
    env: { ...process.env, STUDIO_TEST_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  console.log(built ? "[cluster] built the production server" : "[cluster] the production build is current");
}
