/**
 * `npx preferthinker <command>`: the protocol library on the command line.
 *   parse   read one model output
 *   prompt  print the chat request for one benchmark sample
 *   score   score an official results file with our readers
 */
import { parseUsage, runParse } from "./commands/parse-command";
import { promptUsage, runPrompt } from "./commands/prompt-command";
import { runScore, scoreUsage } from "./commands/score-command";
import { runCli } from "./run-cli";

const commands: Record<string, (args: string[]) => void> = { parse: runParse, prompt: runPrompt, score: runScore };
const usage = ["usage:", `  ${parseUsage}`, `  ${promptUsage}`, `  ${scoreUsage}`].join("\n");

runCli(async ([command, ...args]) => {
  if (command === undefined || command === "--help" || command === "help") {
    console.log(usage);
    return;
  }
  const run = commands[command];
  if (!run) throw new Error(`unknown command ${JSON.stringify(command)}; commands: ${Object.keys(commands).join(", ")}`);
  run(args);
});
