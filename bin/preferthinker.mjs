#!/usr/bin/env node
// `npx preferthinker …`: runs the TypeScript CLI through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../cli/preferthinker.ts");
