/**
 * Child of bench/gateway.ts: the fake OpenAI-compatible server in a process
 * of its own, as a model server would be, so its pacing and writes do not
 * share the gateway's event loop. Plays the scenario given as its argument
 * unless told otherwise; over IPC it takes `{queue}` (scenarios for the next
 * requests) and `{lastRequest: true}` (the body of the last request), and it
 * answers each message, also with how many requests it has had and how many
 * pictures it had to prefill. It stops when its parent disconnects.
 */
import { type Scenario, startFakeModelServer } from "../test/fake-model-server";

type Message = { queue?: Scenario[]; lastRequest?: boolean; prefilled?: boolean };
/** The argument: a scenario, or the server's options (a replica with a batch size and a prefix cache). */
type Options = {
  defaultScenario: Scenario;
  capacity?: number;
  prefillMsPerNewImage?: number;
  keepLastBodyOnly?: boolean;
};

const argument = JSON.parse(process.argv[2]!) as Scenario | Options;
const server = await startFakeModelServer("kind" in argument ? { defaultScenario: argument } : argument);
process.on("message", (message: Message) => {
  if (message.queue) server.queue(...message.queue);
  process.send!({
    lastRequest: message.lastRequest ? server.requests.at(-1)?.body : undefined,
    requests: server.requests.length,
    prefilledImages: server.requests.reduce((sum, request) => sum + (request.prefilledImages ?? 0), 0),
  });
});
process.on("disconnect", () => void server.close().then(() => process.exit(0)));
process.send!({ url: server.url });
